import { Vector2 } from 'three';
import type { Stage } from '../scene/Stage';
import { exportSettings } from '../ui/exportSettings';
import { downloadBlob } from '../plots/download';

/** Longest side of an exported image in pixels (WebGL drawing buffers are limited). */
const MAX_SIDE = 8192;
const _size = new Vector2();

/** What goes into the image besides the 3D view and its labels (all on by default). */
export interface PngExtras {
  /** The colour legend, where the page shows it over the view. */
  readonly legend?: boolean;
  /** The lecture caption ("3/10 · title — caption"), in a band across the top. */
  readonly caption?: boolean;
  /** The Taylor polynomial at the point, in the same band (when the view shows one); default: the lecture panel's "polynomial in PNG" switch. */
  readonly formula?: boolean;
}

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
const SUBSCRIPT: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };
const script = (map: Record<string, string>, text: string) => [...text].map((c) => map[c] ?? c).join('');

/**
 * Plain text of the live formula's LaTeX (src/ui/taylorLatex.ts writes only numbers, x, y and a few
 * commands): "T₂(x,y) = 1 − 2 (x − 0.5)² + …" on one line, for drawing onto the image.
 */
export function latexToText(latex: string): string {
  return latex
    .replace(/\\begin\{aligned\}|\\end\{aligned\}|&|\\quad/g, ' ')
    .replace(/\\\\/g, ' ')
    .replace(/\\mathrm\{([^}]*)\}/g, '$1')
    .replace(/\\times/g, '×')
    .replace(/\\,/g, ' ')
    .replace(/\^\{([^}]*)\}/g, (_, e: string) => script(SUPERSCRIPT, e))
    .replace(/_\{([^}]*)\}/g, (_, e: string) => script(SUBSCRIPT, e))
    .replace(/(^|[^a-zA-Z0-9])-/g, '$1−')
    .replace(/ - /g, ' − ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The colour stops of a CSS linear-gradient as the browser computes it ("rgb(...) 10%, ..."). */
function gradientStops(css: string): { color: string; at: number | null }[] {
  const stops: { color: string; at: number | null }[] = [];
  for (const m of css.matchAll(/(rgba?\([^)]*\)|#[0-9a-fA-F]{3,8})\s*(-?[\d.]+%)?/g)) stops.push({ color: m[1], at: m[2] ? parseFloat(m[2]) / 100 : null });
  return stops.map((st, i) => ({ color: st.color, at: st.at ?? (stops.length > 1 ? i / (stops.length - 1) : 0) }));
}

function visible(el: Element): boolean {
  const style = getComputedStyle(el);
  return style.display !== 'none' && style.visibility !== 'hidden' && !(el as HTMLElement).hidden;
}

function isTransparent(color: string): boolean {
  return color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
}

/**
 * Draws a small DOM overlay (the colour legend) onto the image where the page shows it over the
 * canvas: every box's background colour or gradient, and every text run in its element's font.
 */
function drawOverlay(ctx: CanvasRenderingContext2D, root: HTMLElement, canvasRect: DOMRect, scale: number): void {
  const place = (r: DOMRect) => ({ x: (r.left - canvasRect.left) * scale, y: (r.top - canvasRect.top) * scale, w: r.width * scale, h: r.height * scale });
  const elements = [root, ...root.querySelectorAll<HTMLElement>('*')].filter((el) => visible(el));
  for (const el of elements) {
    const style = getComputedStyle(el);
    const box = place(el.getBoundingClientRect());
    const radius = parseFloat(style.borderTopLeftRadius || '0') * scale;
    if (style.backgroundImage.includes('linear-gradient')) {
      const stops = gradientStops(style.backgroundImage);
      if (stops.length > 0) {
        const g = ctx.createLinearGradient(box.x, 0, box.x + box.w, 0);
        for (const st of stops) g.addColorStop(Math.min(1, Math.max(0, st.at ?? 0)), st.color);
        ctx.fillStyle = g;
        ctx.beginPath();
        ctx.roundRect(box.x, box.y, box.w, box.h, radius);
        ctx.fill();
      }
    } else if (!isTransparent(style.backgroundColor)) {
      ctx.fillStyle = style.backgroundColor;
      ctx.beginPath();
      ctx.roundRect(box.x, box.y, box.w, box.h, radius);
      ctx.fill();
    }
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || (node.textContent ?? '').trim() === '') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = place(range.getBoundingClientRect());
      ctx.fillStyle = style.color;
      ctx.font = `${style.fontWeight} ${parseFloat(style.fontSize) * scale}px ${style.fontFamily}`;
      ctx.textBaseline = 'middle';
      ctx.fillText((node.textContent ?? '').trim(), r.x, r.y + r.h / 2);
    }
  }
}

/** Words of `text` broken into lines no wider than `width` in the context's font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The caption and the formula as the page shows them now ('' when hidden or absent). */
function pageTexts(doc: Document): { caption: string; formula: string; captionEl: HTMLElement | null } {
  const captionEl = doc.querySelector<HTMLElement>('[data-readout="caption"]');
  const caption = captionEl && visible(captionEl) ? (captionEl.textContent ?? '').trim() : '';
  const section = doc.querySelector<HTMLElement>('[data-testid="live-formula"]');
  const math = doc.querySelector<HTMLElement>('[data-readout="live-formula"]');
  let formula = '';
  if (section && math && visible(section)) formula = math.dataset.latex ? latexToText(math.dataset.latex) : (math.textContent ?? '').trim();
  return { caption, formula, captionEl };
}

/**
 * A band across the top of the image with the caption and the formula, in the caption bar's colours
 * (panel background, text colour, accent rule); returns its height (0 when there is nothing to say).
 */
function drawTextBand(ctx: CanvasRenderingContext2D, lines: { text: string; italic: boolean }[], width: number, scale: number, colors: { background: string; text: string; accent: string }): number {
  if (lines.length === 0) return 0;
  const fontPx = Math.max(14, Math.round(Math.min(width / 60, 22 * scale)));
  const pad = Math.round(fontPx * 0.6);
  const family = 'system-ui, -apple-system, "Segoe UI", sans-serif';
  const wrapped = lines.flatMap((l) => {
    ctx.font = `${l.italic ? 'italic ' : ''}${fontPx}px ${family}`;
    return wrap(ctx, l.text, width - 2 * pad).map((text) => ({ text, italic: l.italic }));
  });
  const lineHeight = Math.round(fontPx * 1.3);
  const height = 2 * pad + wrapped.length * lineHeight;
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = colors.accent;
  ctx.fillRect(0, height - Math.max(2, Math.round(3 * scale)), width, Math.max(2, Math.round(3 * scale)));
  ctx.fillStyle = colors.text;
  ctx.textBaseline = 'middle';
  wrapped.forEach((l, i) => {
    ctx.font = `${l.italic ? 'italic ' : ''}${fontPx}px ${family}`;
    ctx.fillText(l.text, pad, pad + i * lineHeight + lineHeight / 2);
  });
  return height;
}

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
 * The GUI and the sidebar are never in it: the WebGL canvas, its labels and, so that a pasted
 * figure explains itself, the colour legend where the page shows it and a band across the top with
 * the lecture caption and the Taylor polynomial at the point (each can be left out by `extras`).
 * The image keeps the canvas's size times the scale.
 */
export async function renderViewPng(stage: Stage, scale: number, extras: PngExtras = {}): Promise<{ blob: Blob; width: number; height: number }> {
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
  const cssScale = rect.width > 0 ? width / rect.width : 1;
  drawLabels(ctx, stage.labelRenderer.domElement, rect, cssScale);
  const doc = canvas.ownerDocument;
  const legend = canvas.parentElement?.querySelector<HTMLElement>('.color-legend') ?? doc.querySelector<HTMLElement>('.color-legend');
  if (extras.legend !== false && legend && visible(legend)) drawOverlay(ctx, legend, rect, cssScale);
  const texts = pageTexts(doc);
  const lines = [
    ...(extras.caption !== false && texts.caption !== '' ? [{ text: texts.caption, italic: false }] : []),
    ...((extras.formula ?? exportSettings.pngFormula) && texts.formula !== '' ? [{ text: texts.formula, italic: true }] : []),
  ];
  const band = texts.captionEl ? getComputedStyle(texts.captionEl) : null;
  drawTextBand(ctx, lines, width, cssScale, {
    background: band && !isTransparent(band.backgroundColor) ? band.backgroundColor : 'rgba(20, 20, 24, 0.9)',
    text: band?.color || '#ffffff',
    accent: band?.borderTopColor || '#ffffff',
  });
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return { blob, width, height };
}


/** Renders the 3D view at 1x or 2x (with legend, caption and formula unless `extras` says no) and downloads it as taylor-lab.png. */
export async function exportPng(stage: Stage, scale: number, extras: PngExtras = {}): Promise<{ width: number; height: number }> {
  const { blob, width, height } = await renderViewPng(stage, scale, extras);
  downloadBlob(blob, 'taylor-lab.png');
  return { width, height };
}
