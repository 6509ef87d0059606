import type { Eigen2, PointClass, PointDerivatives } from '../core/types';
import { pointReadouts } from '../core/classify';
import { formatNumber, formatVector } from './format';

/** Everything the readouts panel shows about the expansion point. */
export interface ReadoutValues {
  readonly x: number;
  readonly y: number;
  readonly derivs: PointDerivatives;
  readonly eigen: Eigen2;
  readonly cls: PointClass;
  readonly conditionNumber: number;
  readonly stableStep: number;
  readonly order: number;
}

const ROWS: ReadonlyArray<readonly [string, string]> = [
  ['x', 'x'],
  ['y', 'y'],
  ['f', 'f(x, y)'],
  ['gx', '∂f/∂x'],
  ['gy', '∂f/∂y'],
  ['hxx', '∂²f/∂x²'],
  ['hxy', '∂²f/∂x∂y'],
  ['hyy', '∂²f/∂y²'],
  ['lambda1', 'λ₁'],
  ['v1', 'v₁'],
  ['lambda2', 'λ₂'],
  ['v2', 'v₂'],
  ['class', 'class'],
  ['shape', 'local shape'],
  ['condition', 'cond |λ|max/|λ|min'],
  ['step', 'GD step 1/λmax'],
  ['order', 'Taylor order'],
];

/** Plain-DOM readouts, each value in an element with a stable data-readout attribute. */
export class Readouts {
  private readonly cells = new Map<string, HTMLElement>();

  /** Builds the definition list inside the container. */
  constructor(container: HTMLElement) {
    const list = document.createElement('dl');
    list.className = 'readouts';
    for (const [key, label] of ROWS) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.dataset.readout = key;
      dd.textContent = '…';
      list.append(dt, dd);
      this.cells.set(key, dd);
    }
    container.append(list);
  }

  /** Writes new values; cheap enough for every drag frame (text only). */
  update(v: ReadoutValues): void {
    const { derivs: d, eigen: e } = v;
    this.set('x', formatNumber(v.x));
    this.set('y', formatNumber(v.y));
    this.set('f', formatNumber(d.f));
    this.set('gx', formatNumber(d.gx));
    this.set('gy', formatNumber(d.gy));
    this.set('hxx', formatNumber(d.hxx));
    this.set('hxy', formatNumber(d.hxy));
    this.set('hyy', formatNumber(d.hyy));
    this.set('lambda1', formatNumber(e.lambda1));
    this.set('lambda2', formatNumber(e.lambda2));
    this.set('v1', formatVector(e.v1[0], e.v1[1], 3));
    this.set('v2', formatVector(e.v2[0], e.v2[1], 3));
    // The class alone says only 'regular' for almost every point; the shape says what it looks like.
    // Where f is not finite there is no class: both say what happened (overflow, undefined).
    const described = pointReadouts(d, v.cls, e);
    this.set('class', described.cls);
    this.set('shape', described.shape);
    this.set('condition', formatNumber(v.conditionNumber, 3));
    this.set('step', Number.isFinite(v.stableStep) && v.stableStep > 0 ? formatNumber(v.stableStep) : 'none (λmax ≤ 0)');
    this.set('order', String(v.order));
  }

  private set(key: string, text: string): void {
    const cell = this.cells.get(key);
    if (cell && cell.textContent !== text) cell.textContent = text;
  }
}
