/**
 * A bifurcation diagram in the (λ, x) plane on a canvas: branches of F(x, λ) = 0 solid where stable
 * and dashed where unstable, special points (LP, BP) ringed and labelled as AUTO labels them, Taylor
 * polynomials of a branch in the order colours, a vertical line at the slice's λ, an optional
 * horizontal line (the current μ in the (λ, μ) plane), a caption stating the dynamics, and a point
 * that can be dragged (the caller snaps it onto a branch). Plain arrays in, pixels out.
 */
import type { BranchPolyline } from '../core/implicit/zeroSet';
import type { ImplicitWindow, LambdaX } from '../core/implicit/types';
import { formatSignificant } from './chartMath';
import { addLegendRow, chartFont, createLegend, styleRoot, themeColors, type ChartTheme } from './chartTheme';
import { placeLabel, wrapLabel, type LabelBox } from './labelPlacement';
import { orderColor } from './orderColors';
import { drawAxes, fromPixel, line, plotFrame, sizeCanvas, strokeDataPath, toPixelU, toPixelV, type DataBox, type PlotFrame } from './planeAxes';

/** A labelled mark (a singular point, a fold). */
export interface PlaneMark {
  readonly lambda: number;
  readonly x: number;
  readonly label: string;
}

/** One Taylor polynomial of the branch, sampled over λ. */
export interface BranchCurve {
  readonly order: number;
  readonly lambda: readonly number[];
  readonly x: readonly number[];
}

/** Everything one frame of the diagram shows. */
export interface BifurcationData {
  readonly window: ImplicitWindow;
  readonly branches: readonly BranchPolyline[];
  readonly marks: readonly PlaneMark[];
  readonly curves: readonly BranchCurve[];
  readonly point: LambdaX | null;
  readonly sliceLambda: number | null;
  /** A horizontal line at this x (the current μ of a (λ, μ) plot), or none. */
  readonly level?: number | null;
  /** Text in the frame's top-left corner: which dynamics stability refers to. */
  readonly caption?: string;
  /** Legend texts of the stable and unstable branches (default: in terms of ∂F/∂x for dx/dt = −F). */
  readonly legend?: readonly [string, string];
}

/** Colour of the branches: Okabe-Ito bluish green, apart from the order colours. */
const BRANCH_COLOR = '#009E73';
/** Colour of singular points and their labels: Okabe-Ito orange. */
const MARK_COLOR = '#E69F00';
const EMPTY: BifurcationData = { window: { lambdaMin: -1, lambdaMax: 1, xMin: -1, xMax: 1 }, branches: [], marks: [], curves: [], point: null, sliceLambda: null };

/** Listener of a point drag: the pointer's (λ, x) in data space, and whether the press began ('down') or moved. */
export type PlaneDragListener = (lambda: number, x: number, phase: 'down' | 'move') => void;

/** The (λ, x) diagram with an optional draggable point. */
export class BifurcationPlot {
  /** Root element: canvas above a DOM legend. */
  readonly element: HTMLElement;
  /** The canvas (data-bbox holds its plot frame "left,top,width,height" in CSS pixels, for tests). */
  readonly canvas: HTMLCanvasElement;
  private readonly legend: HTMLElement;
  private data: BifurcationData = EMPTY;
  private width = 640;
  private height = 420;
  private frame: PlotFrame = plotFrame(640, 420, 14);
  private readonly listeners = new Set<PlaneDragListener>();
  private dragging = false;

  /** Builds the canvas in the container; `draggable` turns pointer dragging on. */
  constructor(container: HTMLElement, private theme: ChartTheme, private readonly names: { lambda: string; x: string; legend: 'branches' | 'family' | 'cusp' }, draggable = true) {
    this.element = container.ownerDocument.createElement('div');
    this.element.className = 'bifurcation-plot';
    this.canvas = container.ownerDocument.createElement('canvas');
    this.canvas.className = 'bifurcation-canvas';
    this.canvas.style.touchAction = 'none';
    this.legend = createLegend(this.element, theme);
    this.element.prepend(this.canvas);
    container.append(this.element);
    if (draggable) this.bindPointer();
    this.setTheme(theme);
  }

  /** Calls back with the pointer's (λ, x) while the point is dragged (or the plot clicked); returns an unsubscribe. */
  onPointDrag(cb: PlaneDragListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Shows a new frame. */
  update(data: BifurcationData): void {
    const relabel = data.legend?.join() !== this.data.legend?.join();
    this.data = data;
    if (relabel) this.buildLegend();
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

  /** CSS pixel position of a data point relative to the canvas's top left (for tests and hit tests). */
  toCanvas(lambda: number, x: number): { px: number; py: number } {
    const box = this.box();
    return { px: toPixelU(this.frame, box, lambda), py: toPixelV(this.frame, box, x) };
  }

  /** Removes the plot from the page. */
  dispose(): void {
    this.listeners.clear();
    this.element.remove();
  }

  private box(): DataBox {
    const w = this.data.window;
    return { uMin: w.lambdaMin, uMax: w.lambdaMax, vMin: w.xMin, vMax: w.xMax };
  }

  private buildLegend(): void {
    this.legend.replaceChildren();
    const kind = this.names.legend;
    if (kind === 'cusp') {
      addLegendRow(this.legend, BRANCH_COLOR, this.theme).text.textContent = 'folds F = ∂F/∂x = 0 in the (λ, μ) plane';
      addLegendRow(this.legend, MARK_COLOR, this.theme).text.textContent = '◯ CP: cusp (∂²F/∂x² = 0 too)';
      addLegendRow(this.legend, themeColors(this.theme).faint, this.theme, true).text.textContent = 'the current μ';
      return;
    }
    const family = kind === 'family';
    const [stable, unstable] = this.data.legend ?? ['stable branch (∂F/∂x > 0)', 'unstable branch (∂F/∂x < 0)'];
    addLegendRow(this.legend, BRANCH_COLOR, this.theme).text.textContent = family ? 'minimum (stable)' : stable;
    addLegendRow(this.legend, BRANCH_COLOR, this.theme, true).text.textContent = family ? 'saddle or maximum' : unstable;
    addLegendRow(this.legend, MARK_COLOR, this.theme).text.textContent = family ? '◯ fold: det H = 0' : '◯ LP fold, BP branch point: ∂F/∂x = 0 (theorem fails)';
    if (!family) addLegendRow(this.legend, orderColor(1), this.theme).text.textContent = 'Tₖ: branch Taylor polynomials about (λ₀, x₀)';
  }

  private draw(): void {
    const ctx = sizeCanvas(this.canvas, this.width, this.height);
    const fs = this.theme.fontSize;
    this.frame = plotFrame(this.width, this.height, fs);
    const f = this.frame;
    this.canvas.dataset.bbox = [f.left, f.top, f.width, f.height].map((v) => v.toFixed(1)).join(',');
    if (!ctx) return;
    const box = this.box();
    drawAxes(ctx, f, box, this.theme, { u: this.names.lambda, v: this.names.x });
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();
    this.drawSlice(ctx, box);
    this.drawLevel(ctx, box);
    this.drawBranches(ctx, box);
    this.drawCurves(ctx, box);
    this.drawPoint(ctx);
    ctx.restore();
    this.drawMarks(ctx, box);
    this.drawCaption(ctx);
  }

  private drawLevel(ctx: CanvasRenderingContext2D, box: DataBox): void {
    const level = this.data.level;
    if (level === undefined || level === null || !Number.isFinite(level)) return;
    const y = toPixelV(this.frame, box, level);
    ctx.strokeStyle = themeColors(this.theme).faint;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    line(ctx, this.frame.left, y, this.frame.left + this.frame.width, y);
    ctx.setLineDash([]);
  }

  private drawCaption(ctx: CanvasRenderingContext2D): void {
    const text = this.data.caption;
    if (!text) return;
    const fs = this.theme.fontSize;
    ctx.font = chartFont(fs * 0.9, true);
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    // Wrapped to the frame's width, like the marks' labels (it ran past the frame's right edge at 1280×720).
    const lines = wrapLabel(text, this.frame.width - 16, (s) => ctx.measureText(s).width);
    const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 8;
    const lineH = fs * 1.15;
    ctx.fillStyle = withOpacity(themeColors(this.theme).background, 0.85);
    ctx.fillRect(this.frame.left + 4, this.frame.top + 4, w, lines.length * lineH + fs * 0.15);
    ctx.fillStyle = themeColors(this.theme).text;
    lines.forEach((l, i) => ctx.fillText(l, this.frame.left + 8, this.frame.top + 4 + fs * 0.15 + i * lineH));
  }

  private drawSlice(ctx: CanvasRenderingContext2D, box: DataBox): void {
    const l = this.data.sliceLambda;
    if (l === null || !Number.isFinite(l)) return;
    const x = toPixelU(this.frame, box, l);
    ctx.strokeStyle = themeColors(this.theme).faint;
    ctx.lineWidth = 2;
    ctx.setLineDash([2, 4]);
    line(ctx, x, this.frame.top, x, this.frame.top + this.frame.height);
    ctx.setLineDash([]);
  }

  private drawBranches(ctx: CanvasRenderingContext2D, box: DataBox): void {
    const width = Math.max(3, this.theme.fontSize / 4);
    ctx.lineWidth = width;
    ctx.strokeStyle = BRANCH_COLOR;
    ctx.lineJoin = 'round';
    for (const b of this.data.branches) {
      ctx.setLineDash(b.stable ? [] : [3 * width, 2.2 * width]);
      strokeDataPath(ctx, this.frame, box, b.lambda, b.x);
    }
    ctx.setLineDash([]);
  }

  private drawCurves(ctx: CanvasRenderingContext2D, box: DataBox): void {
    ctx.lineWidth = Math.max(2, this.theme.fontSize / 6);
    for (const c of this.data.curves) {
      ctx.strokeStyle = orderColor(c.order);
      strokeDataPath(ctx, this.frame, box, c.lambda, c.x);
    }
  }

  private drawPoint(ctx: CanvasRenderingContext2D): void {
    const p = this.data.point;
    if (!p || !Number.isFinite(p.lambda) || !Number.isFinite(p.x)) return;
    const { px, py } = this.toCanvas(p.lambda, p.x);
    const c = themeColors(this.theme);
    ctx.beginPath();
    ctx.arc(px, py, Math.max(6, this.theme.fontSize * 0.45), 0, 2 * Math.PI);
    ctx.fillStyle = c.text;
    ctx.fill();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = c.background;
    ctx.stroke();
  }

  /**
   * Rings each mark and writes its label whole inside the frame (issue 21: it was cut at the plot's
   * edge): wrapped to the frame's width, beside the mark where it fits and is clear of earlier
   * labels, else shifted inside (labelPlacement.placeLabel). The boxes go to the canvas's
   * data-labels "x,y,w,h;…" (CSS pixels) for tests.
   */
  private drawMarks(ctx: CanvasRenderingContext2D, box: DataBox): void {
    const fs = this.theme.fontSize;
    const f = this.frame;
    const placed: LabelBox[] = [];
    ctx.font = chartFont(fs * 0.95, true);
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    for (const m of this.data.marks) {
      const px = toPixelU(f, box, m.lambda);
      const py = toPixelV(f, box, m.x);
      if (px < f.left - 1 || px > f.left + f.width + 1 || py < f.top - 1 || py > f.top + f.height + 1) continue;
      ctx.lineWidth = 3;
      ctx.strokeStyle = MARK_COLOR;
      ctx.beginPath();
      ctx.arc(px, py, fs * 0.6, 0, 2 * Math.PI);
      ctx.stroke();
      const text = `${m.label}  (${formatSignificant(clean(m.lambda), 4)}, ${formatSignificant(clean(m.x), 4)})`;
      const lines = wrapLabel(text, f.width - 8, (s) => ctx.measureText(s).width);
      const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 8;
      const lineH = fs * 1.2;
      const h = lines.length * lineH + fs * 0.15;
      const spot = placeLabel(f, px, py, w, h, fs * 0.8, placed);
      placed.push(spot);
      ctx.fillStyle = withOpacity(themeColors(this.theme).background, 0.8);
      ctx.fillRect(spot.x, spot.y, spot.w, spot.h);
      ctx.fillStyle = MARK_COLOR;
      lines.forEach((l, i) => ctx.fillText(l, spot.x + 4, spot.y + fs * 0.18 + i * lineH));
    }
    this.canvas.dataset.labels = placed.map((r) => [r.x, r.y, r.w, r.h].map((v) => v.toFixed(1)).join(',')).join(';');
  }

  private bindPointer(): void {
    const at = (e: PointerEvent) => {
      const r = this.canvas.getBoundingClientRect();
      const { u, v } = fromPixel(this.frame, this.box(), e.clientX - r.left, e.clientY - r.top);
      return { lambda: u, x: v };
    };
    const emit = (e: PointerEvent, phase: 'down' | 'move') => {
      const p = at(e);
      for (const cb of this.listeners) cb(p.lambda, p.x, phase);
    };
    this.canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.dragging = true;
      this.canvas.setPointerCapture?.(e.pointerId);
      emit(e, 'down');
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (this.dragging) emit(e, 'move');
    });
    const end = (e: PointerEvent) => {
      this.dragging = false;
      if (this.canvas.hasPointerCapture?.(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }
}

/** Rounding noise (1e-17) shows as 0 in labels. */
function clean(v: number): number {
  return Math.abs(v) < 1e-12 ? 0 : v;
}

function withOpacity(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1, 7), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}
