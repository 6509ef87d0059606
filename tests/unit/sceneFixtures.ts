/** Test helpers for the scene tests: analytic grids and a DOM-free label element. */
import type { Domain, GridField } from '../../src/core/types';

/** Grid of f with closed-form derivatives over a domain (x fastest). */
export function analyticGrid(
  n: number,
  domain: Domain,
  f: (x: number, y: number) => number,
  d: (x: number, y: number) => [number, number, number, number, number] = () => [0, 0, 0, 0, 0],
): GridField {
  const size = n * n;
  const array = (): Float32Array => new Float32Array(size);
  const g = { f: array(), gx: array(), gy: array(), hxx: array(), hxy: array(), hyy: array() };
  for (let j = 0; j < n; j++) {
    const y = domain.ymin + ((domain.ymax - domain.ymin) * j) / (n - 1);
    for (let i = 0; i < n; i++) {
      const x = domain.xmin + ((domain.xmax - domain.xmin) * i) / (n - 1);
      const k = j * n + i;
      g.f[k] = f(x, y);
      [g.gx[k], g.gy[k], g.hxx[k], g.hxy[k], g.hyy[k]] = d(x, y);
    }
  }
  return { n, domain, ...g };
}

/** The paraboloid x^2 + y^2 with its derivatives. */
export function paraboloid(n: number, domain: Domain = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }): GridField {
  return analyticGrid(n, domain, (x, y) => x * x + y * y, (x, y) => [2 * x, 2 * y, 2, 0, 2]);
}

/** Minimal stand-in for a div: what CSS2DObject and the label code touch. */
export interface FakeElement {
  style: Record<string, string>;
  className: string;
  textContent: string;
  attributes: Map<string, string>;
  removed: boolean;
  setAttribute(name: string, value: unknown): void;
  getAttribute(name: string): string | null;
  remove(): void;
}

/** A fresh fake element; cast to HTMLElement where the code expects one. */
export function fakeElement(): FakeElement {
  return {
    style: {},
    className: '',
    textContent: '',
    attributes: new Map(),
    removed: false,
    setAttribute(name, value) {
      this.attributes.set(name, String(value));
    },
    getAttribute(name) {
      return this.attributes.get(name) ?? null;
    },
    remove() {
      this.removed = true;
    },
  };
}
