import { Vector2 } from 'three';
import type { Stage } from '../scene/Stage';

/** Longest side of an exported image in pixels (WebGL drawing buffers are limited). */
const MAX_SIDE = 8192;
const _size = new Vector2();

/** Draws the visible CSS2D labels (eigenvalues, axis ticks) onto the image, scaled like the view. */
function drawLabels(ctx: CanvasRenderingContext2D, overlay: HTMLElement, canvasRect: DOMRect, scale: number): void {
  for (const el of overlay.querySelectorAll<HTMLElement>(':scope > *')) {
    const text = el.textContent ?? '';
    const style = getComputedStyle(el);
    if (text.trim() === '' || style.display === 'none' || style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    const x = (r.left - canvasRect.left) * scale;
    const y = (r.top - canvasRect.top) * scale;
    if (style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent') {
      ctx.fillStyle = style.backgroundColor;
      ctx.beginPath();
      ctx.roundRect(x, y, r.width * scale, r.height * scale, parseFloat(style.borderTopLeftRadius || '0') * scale);
      ctx.fill();
    }
    ctx.fillStyle = style.color;
    ctx.font = `${style.fontWeight} ${parseFloat(style.fontSize) * scale}px ${style.fontFamily}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, x + parseFloat(style.paddingLeft || '0') * scale, y + (r.height * scale) / 2);
  }
}

/**
 * Renders the 3D view once at `scale` times the canvas's pixel size (the renderer is resized for
 * that one frame and restored at once), composites the CSS2D labels on top and returns the PNG.
 * The GUI and the sidebar are never in it: only the WebGL canvas and its labels are drawn.
 */
export async function renderViewPng(stage: Stage, scale: number): Promise<{ blob: Blob; width: number; height: number }> {
  const renderer = stage.renderer;
  const canvas = renderer.domElement;
  const factor = Math.max(0.25, Math.min(scale, MAX_SIDE / Math.max(canvas.width, canvas.height)));
  const width = Math.round(canvas.width * factor);
  const height = Math.round(canvas.height * factor);
  renderer.getSize(_size);
  const ratio = renderer.getPixelRatio();
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas for the PNG export');
  try {
    // Pixel ratio 1 and a buffer of exactly width x height keep the aspect (and so the camera) unchanged.
    renderer.setPixelRatio(1);
    renderer.setSize(width, height, false);
    stage.renderNow();
    ctx.drawImage(canvas, 0, 0);
  } finally {
    renderer.setPixelRatio(ratio);
    renderer.setSize(_size.x, _size.y, false);
    stage.renderNow();
  }
  const rect = canvas.getBoundingClientRect();
  drawLabels(ctx, stage.labelRenderer.domElement, rect, rect.width > 0 ? width / rect.width : 1);
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return { blob, width, height };
}

/** Saves a blob as a download named `filename` through a temporary <a download> and object URL. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by the next task; revoke it a little later to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Renders the 3D view at 1x or 2x and downloads it as taylor-lab.png. */
export async function exportPng(stage: Stage, scale: number): Promise<{ width: number; height: number }> {
  const { blob, width, height } = await renderViewPng(stage, scale);
  downloadBlob(blob, 'taylor-lab.png');
  return { width, height };
}
