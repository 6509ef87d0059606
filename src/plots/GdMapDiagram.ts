/**
 * The bifurcation diagram of gradient descent as a map: η on x, the long-run iterates on y (one
 * colour per start), columns where every start escapes shaded, each minimum's flip point
 * η = 2/f″(x*) drawn as a dashed line with a ring at (η, x*) and a label with the numbers, and a
 * line at the selected η. A click reports the η under the pointer. Plain arrays in, pixels out.
 */
import type { GdMapDiagramData } from '../core/gdmap/types';
import { addLegendRow, chartFont, createLegend, styleRoot, themeColors, type ChartTheme } from './chartTheme';
import { drawAxes, fromPixel, line, plotFrame, sizeCanvas, toPixelU, toPixelV, type DataBox, type PlotFrame } from './planeAxes';

/** Listener of a click on the diagram: the η under the pointer, inside [etaMin, etaMax]. */
export type EtaPickListener = (eta: number) => void;

/** Colours of the starts' iterates: Okabe-Ito sky blue, bluish green, reddish purple, yellow. */
const START_COLORS = ['#56B4E9', '#009E73', '#CC79A7', '#F0E442'];
/** Colour of the flip points and their labels: Okabe-Ito orange. */
const FLIP_COLOR = '#E69F00';

/** The η under a pointer at canvas x = px, or null when it is left or right of the plot frame. */
export function etaAtPixel(frame: PlotFrame, box: DataBox, px: number): number | null {
  if (px < frame.left || px > frame.left + frame.width) return null;
  return fromPixel(frame, box, px, frame.top).u;
}

/** Rows (0 = top) for labels centred at xs with the given widths so that no two in a row overlap. */
export function labelRows(xs: readonly number[], widths: readonly number[], gap = 6): number[] {
  const rowEnds: number[] = [];
  return xs.map((x, i) => {
    const start = x - widths[i] / 2;
    let row = rowEnds.findIndex((end) => end + gap <= start);
    if (row < 0) row = rowEnds.push(0) - 1;
    rowEnds[row] = start + widths[i];
    return row;
  });
}

/** The GD-map bifurcation diagram on a canvas, with a DOM legend below. */
export class GdMapDiagram {
  /** Root element: canvas above a legend. */
  readonly element: HTMLElement;
  /** The canvas: data-bbox is the plot frame "left,top,width,height" in CSS pixels, data-flips the marked η values, data-eta-range "etaMin,etaMax" (for tests). */
  readonly canvas: HTMLCanvasElement;
  private readonly legend: HTMLElement;
  private data: GdMapDiagramData | null = null;
  private selectedEta: number | null = null;
  private width = 640;
  private height = 420;
  private frame: PlotFrame = plotFrame(640, 420, 14);
  private readonly listeners = new Set<EtaPickListener>();

  /** Builds the canvas and legend in the container. */
  constructor(container: HTMLElement, private theme: ChartTheme) {
    const doc = container.ownerDocument;
    this.element = doc.createElement('div');
    this.element.className = 'gdmap-diagram';
    this.canvas = doc.createElement('canvas');
    this.canvas.className = 'gdmap-canvas';
    this.canvas.dataset.testid = 'gdmap-diagram';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'bifurcation diagram of gradient descent: long-run iterates against the step size η, flip points marked');
    this.legend = createLegend(this.element, theme);
    this.element.prepend(this.canvas);
    container.append(this.element);
    this.canvas.addEventListener('pointerdown', (e) => this.pick(e));
    this.setTheme(theme);
  }

  /** Calls back with the η under the pointer on each click; returns an unsubscribe. */
  onPick(cb: EtaPickListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Shows new diagram data (null: empty axes). */
  update(data: GdMapDiagramData | null): void {
    this.data = data;
    this.buildLegend();
    this.draw();
  }

  /** Draws a line at the η the 1D view runs at (null: none). */
  setSelectedEta(eta: number | null): void {
    this.selectedEta = eta;
    this.draw();
  }

  /** Resizes the canvas in CSS pixels. */
  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.draw();
  }

  /** Changes colours and font size, rebuilding the legend. */
  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    styleRoot(this.element, theme);
    this.legend.style.font = chartFont(theme.fontSize);
    this.buildLegend();
    this.draw();
  }

  /** CSS pixel position of (η, x) relative to the canvas's top left (for tests and hit tests). */
  toCanvas(eta: number, x: number): { px: number; py: number } {
    const box = this.box();
    return { px: toPixelU(this.frame, box, eta), py: toPixelV(this.frame, box, x) };
  }

  /** Removes the diagram from the page. */
  dispose(): void {
    this.listeners.clear();
    this.element.remove();
  }

  private box(): DataBox {
    const d = this.data;
    return d ? { uMin: d.etaMin, uMax: d.etaMax, vMin: d.xMin, vMax: d.xMax } : { uMin: 0, uMax: 1, vMin: -1, vMax: 1 };
  }

  private pick(e: PointerEvent): void {
    if (e.button !== 0 || !this.data) return;
    const r = this.canvas.getBoundingClientRect();
    const eta = etaAtPixel(this.frame, this.box(), e.clientX - r.left);
    if (eta === null) return;
    for (const cb of this.listeners) cb(eta);
  }

  private buildLegend(): void {
    this.legend.replaceChildren();
    const starts = this.data?.starts ?? [];
    starts.forEach((s, k) => {
      addLegendRow(this.legend, START_COLORS[k % START_COLORS.length], this.theme).text.textContent = `iterates from ${this.data?.observed ?? 'x'}₀ = ${s.toPrecision(4)}`;
    });
    addLegendRow(this.legend, FLIP_COLOR, this.theme, true).text.textContent = 'flip: η = 2/f″(x*)';
    addLegendRow(this.legend, themeColors(this.theme).grid, this.theme).text.textContent = 'every start diverges';
  }

  private draw(): void {
    const ctx = sizeCanvas(this.canvas, this.width, this.height);
    this.frame = plotFrame(this.width, this.height, this.theme.fontSize);
    const f = this.frame;
    this.canvas.dataset.bbox = [f.left, f.top, f.width, f.height].map((v) => v.toFixed(1)).join(',');
    this.canvas.dataset.flips = (this.data?.flips ?? []).map((m) => String(m.eta)).join(',');
    const box = this.box();
    this.canvas.dataset.etaRange = `${box.uMin},${box.uMax}`;
    if (!ctx) return;
    drawAxes(ctx, f, box, this.theme, { u: 'step size η', v: this.data?.observed ?? 'x' });
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();
    this.drawColumns(ctx, box);
    this.drawSelected(ctx, box);
    ctx.restore();
    this.drawFlips(ctx, box);
  }

  /** Each column's kept iterates as small squares; a column where every start diverged is shaded. */
  private drawColumns(ctx: CanvasRenderingContext2D, box: DataBox): void {
    const d = this.data;
    if (!d || d.columns.length === 0) return;
    const f = this.frame;
    const step = d.columns.length > 1 ? f.width / (d.columns.length - 1) : f.width;
    const dot = Math.max(1.5, Math.min(3, step * 0.9));
    ctx.fillStyle = themeColors(this.theme).grid;
    for (const c of d.columns) {
      if (c.orbits.every((o) => o.kind === 'diverged')) ctx.fillRect(toPixelU(f, box, c.eta) - step / 2, f.top, step, f.height);
    }
    d.starts.forEach((_, k) => {
      ctx.fillStyle = START_COLORS[k % START_COLORS.length];
      for (const c of d.columns) {
        const px = toPixelU(f, box, c.eta);
        for (const x of c.orbits[k]?.points ?? []) ctx.fillRect(px - dot / 2, toPixelV(f, box, x) - dot / 2, dot, dot);
      }
    });
  }

  private drawSelected(ctx: CanvasRenderingContext2D, box: DataBox): void {
    const eta = this.selectedEta;
    if (eta === null || !Number.isFinite(eta)) return;
    const px = toPixelU(this.frame, box, eta);
    ctx.strokeStyle = themeColors(this.theme).text;
    ctx.lineWidth = 2;
    line(ctx, px, this.frame.top, px, this.frame.top + this.frame.height);
  }

  /** A dashed line, a ring at (η, x*) and a label per flip point, labels stacked in rows from the top. */
  private drawFlips(ctx: CanvasRenderingContext2D, box: DataBox): void {
    const marks = (this.data?.flips ?? []).filter((m) => m.eta >= box.uMin && m.eta <= box.uMax);
    const f = this.frame;
    const fs = this.theme.fontSize;
    ctx.font = chartFont(fs * 0.9, true);
    const xs = marks.map((m) => toPixelU(f, box, m.eta));
    const widths = marks.map((m) => ctx.measureText(m.label).width + 8);
    const rows = labelRows(xs, widths);
    const h = fs * 1.3;
    marks.forEach((m, i) => {
      ctx.strokeStyle = FLIP_COLOR;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      line(ctx, xs[i], f.top, xs[i], f.top + f.height);
      ctx.setLineDash([]);
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(xs[i], toPixelV(f, box, m.x), fs * 0.5, 0, 2 * Math.PI);
      ctx.stroke();
      const left = Math.min(Math.max(f.left, xs[i] - widths[i] / 2), f.left + f.width - widths[i]);
      const top = f.top + 2 + rows[i] * (h + 2);
      ctx.fillStyle = themeColors(this.theme).background;
      ctx.fillRect(left, top, widths[i], h);
      ctx.fillStyle = FLIP_COLOR;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(m.label, left + 4, top + h / 2);
    });
  }
}
