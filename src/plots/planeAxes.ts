/**
 * Linear axes of the canvas plots of the implicit view (bifurcation diagram, λ slice): "nice"
 * ticks, the data <-> pixel map of a plot frame, and drawing the frame, grid, ticks and labels in
 * the charts' theme. Plain numbers in, pixels out; the tick and mapping helpers are pure.
 */
import { chartFont, themeColors, type ChartTheme } from './chartTheme';
import { formatSignificant } from './chartMath';

/** The drawing area inside the canvas, in CSS pixels from the canvas's top left. */
export interface PlotFrame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A rectangle of data space: u horizontal, v vertical. */
export interface DataBox {
  readonly uMin: number;
  readonly uMax: number;
  readonly vMin: number;
  readonly vMax: number;
}

/** Ticks 1, 2 or 5 times a power of ten apart covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 6): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.999) ?? 10 * power;
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + 1e-9 * step; k++) {
    // Rounding to the step's decimals keeps 0.30000000000000004 out of the labels.
    ticks.push(Number((k * step).toFixed(Math.max(0, -Math.floor(Math.log10(step)) + 1))));
  }
  return ticks;
}

/** Data -> CSS pixel x inside the frame. */
export function toPixelU(frame: PlotFrame, box: DataBox, u: number): number {
  return frame.left + ((u - box.uMin) / (box.uMax - box.uMin)) * frame.width;
}

/** Data -> CSS pixel y inside the frame (v grows upwards). */
export function toPixelV(frame: PlotFrame, box: DataBox, v: number): number {
  return frame.top + ((box.vMax - v) / (box.vMax - box.vMin)) * frame.height;
}

/** CSS pixel (px, py) -> data (u, v). */
export function fromPixel(frame: PlotFrame, box: DataBox, px: number, py: number): { u: number; v: number } {
  return {
    u: box.uMin + ((px - frame.left) / frame.width) * (box.uMax - box.uMin),
    v: box.vMax - ((py - frame.top) / frame.height) * (box.vMax - box.vMin),
  };
}

/** The frame left after room for tick labels and axis names at this font size. */
export function plotFrame(width: number, height: number, fontSize: number): PlotFrame {
  const left = Math.round(fontSize * 4.2);
  const top = Math.round(fontSize * 0.8);
  const bottom = Math.round(fontSize * 3.2);
  const right = Math.round(fontSize * 1.2);
  return { left, top, width: Math.max(10, width - left - right), height: Math.max(10, height - top - bottom) };
}

/** Clears the canvas to the theme's background and draws grid, ticks, tick labels and axis names. */
export function drawAxes(ctx: CanvasRenderingContext2D, frame: PlotFrame, box: DataBox, theme: ChartTheme, names: { u: string; v: string }): void {
  const c = themeColors(theme);
  const fs = theme.fontSize;
  ctx.fillStyle = c.background;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.grid;
  ctx.fillStyle = c.text;
  ctx.font = chartFont(fs);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const u of niceTicks(box.uMin, box.uMax, Math.max(2, Math.floor(frame.width / (fs * 5))))) {
    const x = toPixelU(frame, box, u);
    line(ctx, x, frame.top, x, frame.top + frame.height);
    ctx.fillText(formatSignificant(u, 3), x, frame.top + frame.height + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of niceTicks(box.vMin, box.vMax, Math.max(2, Math.floor(frame.height / (fs * 2.5))))) {
    const y = toPixelV(frame, box, v);
    line(ctx, frame.left, y, frame.left + frame.width, y);
    ctx.fillText(formatSignificant(v, 3), frame.left - 6, y);
  }
  ctx.strokeStyle = c.faint;
  ctx.strokeRect(frame.left, frame.top, frame.width, frame.height);
  ctx.font = chartFont(fs, true);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(names.u, frame.left + frame.width / 2, frame.top + frame.height + 2.9 * fs);
  ctx.save();
  ctx.translate(fs * 1.1, frame.top + frame.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(names.v, 0, 0);
  ctx.restore();
}

/** Strokes one straight segment. */
export function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

/** Strokes a polyline of data points, breaking it at non-finite values and far outside the frame. */
export function strokeDataPath(ctx: CanvasRenderingContext2D, frame: PlotFrame, box: DataBox, u: readonly number[], v: readonly number[]): void {
  const limit = 4 * Math.max(frame.width, frame.height);
  ctx.beginPath();
  let pen = false;
  for (let k = 0; k < u.length; k++) {
    const x = toPixelU(frame, box, u[k]);
    const y = toPixelV(frame, box, v[k]);
    const ok = Number.isFinite(x) && Number.isFinite(y) && Math.abs(y - frame.top) < limit && Math.abs(x - frame.left) < limit;
    if (!ok) pen = false;
    else if (pen) ctx.lineTo(x, y);
    else {
      ctx.moveTo(x, y);
      pen = true;
    }
  }
  ctx.stroke();
}

/** Sizes a canvas to CSS width x height at the device's pixel ratio and scales its context to CSS pixels. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
