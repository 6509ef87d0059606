/** The small canvases of the network panel share one way to be made: size, class, test id, label. */

/** Creates a labelled canvas of the given CSS size inside the parent. */
export function plotCanvas(parent: HTMLElement, width: number, height: number, name: string, label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.className = name;
  canvas.dataset.testid = name;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  parent.append(canvas);
  return canvas;
}
