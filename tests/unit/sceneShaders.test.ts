import { describe, expect, it } from 'vitest';
import { MAX_ORDER_2D, coefficientCount, coefficientIndex } from '../../src/core/taylorLayout';
import colormapsGlsl from '../../shaders/colormaps.glsl?raw';
import { magma, viridis } from '../../src/scene/palette';
import { TAYLOR_COEFFICIENTS, createTaylorUniforms, writeTaylorUniforms } from '../../src/scene/sceneUniforms';
import { SURFACE_FRAGMENT_SHADER, SURFACE_VERTEX_SHADER } from '../../src/scene/Surface';
import { PATCH_FRAGMENT_SHADER, PATCH_VERTEX_SHADER } from '../../src/scene/TaylorPatch';
import { TAYLOR_EVAL_GLSL, TAYLOR_TERMS, termGlsl } from '../../src/scene/taylorGlsl';
import { taylorEvalMirror } from '../../src/scene/taylorPatchCpu';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Float64 reference straight from the layout: sum over i + j <= order of c[index(i, j)] dx^i dy^j. */
function reference(c: ArrayLike<number>, order: number, dx: number, dy: number): [number, number, number] {
  let v = 0;
  let gx = 0;
  let gy = 0;
  for (let d = 0; d <= order; d++) {
    for (let i = 0; i <= d; i++) {
      const j = d - i;
      const k = coefficientIndex(i, j);
      v += c[k] * dx ** i * dy ** j;
      if (i > 0) gx += c[k] * i * dx ** (i - 1) * dy ** j;
      if (j > 0) gy += c[k] * j * dx ** i * dy ** (j - 1);
    }
  }
  return [v, gx, gy];
}

describe('generated GLSL Taylor evaluation follows taylorLayout', () => {
  it('the shader holds exactly coefficientCount(MAX_ORDER_2D) = 28 coefficients', () => {
    expect(TAYLOR_COEFFICIENTS).toBe(coefficientCount(MAX_ORDER_2D));
    expect(TAYLOR_EVAL_GLSL).toContain(`uniform float uCoeffs[${TAYLOR_COEFFICIENTS}];`);
  });

  it('the term table lists every monomial of degree <= 6 once, at its taylorLayout index', () => {
    expect(TAYLOR_TERMS).toHaveLength(28);
    const seen = new Set<number>();
    for (const t of TAYLOR_TERMS) {
      expect(t.i + t.j).toBe(t.degree);
      expect(t.index).toBe(coefficientIndex(t.i, t.j));
      seen.add(t.index);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 28 }, (_, k) => k));
  });

  it('the GLSL adds c[index(i, j)] x^i y^j and its partial derivatives for each term, inside its degree block', () => {
    const src = TAYLOR_EVAL_GLSL;
    expect(src).toContain('float v = uCoeffs[0];');
    for (let degree = 1; degree <= MAX_ORDER_2D; degree++) {
      const start = src.indexOf(`if (uOrder >= ${degree}) {`);
      expect(start).toBeGreaterThan(0);
      const block = src.slice(start, src.indexOf('\n  }', start));
      const terms = TAYLOR_TERMS.filter((t) => t.degree === degree);
      expect(terms).toHaveLength(degree + 1);
      for (const t of terms) {
        const lines = termGlsl(t);
        // Spelled out for one term so the generator itself is checked, not only reused.
        const x = t.i > 0 ? [`x${t.i}`] : [];
        const y = t.j > 0 ? [`y${t.j}`] : [];
        expect(lines[0]).toBe(`v += ${['uCoeffs[' + coefficientIndex(t.i, t.j) + ']', ...x, ...y].join(' * ')};`);
        for (const line of lines) expect(block).toContain(line);
      }
      expect(block.match(/v \+= /g)).toHaveLength(degree + 1);
    }
    expect(src).toContain('float x6 = x5 * x1;');
    expect(src).toContain('float y6 = y5 * y1;');
  });

  it('the CPU mirror of the shader code equals the layout reference for every order', () => {
    const rand = rng(42);
    const grad = { x: 0, y: 0 };
    for (let trial = 0; trial < 50; trial++) {
      const c = Array.from({ length: 28 }, () => 4 * (rand() - 0.5));
      const dx = rand() - 0.5;
      const dy = rand() - 0.5;
      for (let order = 0; order <= MAX_ORDER_2D; order++) {
        const [v, gx, gy] = reference(c, order, dx, dy);
        // float32 accumulation of <= 28 terms of size <= 2: a few ulps of 1e-7 each.
        expect(Math.abs(taylorEvalMirror(c, order, dx, dy, grad) - v)).toBeLessThan(2e-6);
        expect(Math.abs(grad.x - gx)).toBeLessThan(1e-5);
        expect(Math.abs(grad.y - gy)).toBeLessThan(1e-5);
      }
    }
  });

  it('a single coefficient selects exactly the monomial dx^i dy^j of its layout index', () => {
    const grad = { x: 0, y: 0 };
    for (let d = 0; d <= MAX_ORDER_2D; d++) {
      for (let i = 0; i <= d; i++) {
        const j = d - i;
        const c = new Array(28).fill(0);
        c[coefficientIndex(i, j)] = 1;
        expect(taylorEvalMirror(c, MAX_ORDER_2D, 0.5, 2, grad)).toBeCloseTo(0.5 ** i * 2 ** j, 5);
        // Terms above the order are ignored.
        if (d > 0) expect(taylorEvalMirror(c, d - 1, 0.5, 2, grad)).toBe(0);
      }
    }
  });

  it('every program gets the shared chunks (transform, Taylor, colormaps) and one fragment output', () => {
    for (const vs of [SURFACE_VERTEX_SHADER, PATCH_VERTEX_SHADER]) {
      expect(vs).toContain('float taylorEval(vec2 d, out vec2 grad)');
      expect(vs).toContain('vec3 dataToWorld(vec2 xy, float f)');
      // three injects these: redeclaring them breaks compilation.
      expect(vs).not.toMatch(/^\s*(in|attribute|uniform)\s+\w+\s+(position|modelMatrix|viewMatrix|projectionMatrix)\s*;/m);
      expect(vs).not.toContain('#version');
    }
    for (const fs of [SURFACE_FRAGMENT_SHADER, PATCH_FRAGMENT_SHADER]) {
      expect(fs.match(/^out vec4 fragColor;$/gm)).toHaveLength(1);
      expect(fs).not.toContain('gl_FragColor');
      expect(fs).toContain('float lineMask(');
    }
  });
});

describe('writeTaylorUniforms', () => {
  it('copies coefficients up to the order, zeroes the rest and sanitises non-finite values', () => {
    const u = createTaylorUniforms();
    const c = Array.from({ length: 28 }, (_, k) => k + 1);
    c[2] = Number.NaN;
    writeTaylorUniforms(u, 1.5, -2, c, 2);
    expect(u.uOrder.value).toBe(2);
    expect(u.uPoint.value.toArray()).toEqual([1.5, -2]);
    expect(Array.from(u.uCoeffs.value.slice(0, 7))).toEqual([1, 2, 0, 4, 5, 6, 0]);
    expect(u.uCoeffs.value.slice(6).every((v) => v === 0)).toBe(true);
    writeTaylorUniforms(u, 0, 0, c, 99);
    expect(u.uOrder.value).toBe(MAX_ORDER_2D);
  });
});

describe('colormaps', () => {
  /** Parses the seven `const vec3 cK = vec3(r, g, b);` lines of a GLSL colormap function. */
  function glslCoefficients(name: string): number[][] {
    const body = colormapsGlsl.slice(colormapsGlsl.indexOf(`vec3 ${name}(float t)`));
    const rows = [...body.matchAll(/const vec3 c(\d) = vec3\(([^)]*)\);/g)].slice(0, 7);
    return rows.map((m) => m[2].split(',').map(Number));
  }

  function evalPoly(c: number[][], t: number): number[] {
    return [0, 1, 2].map((k) => Math.min(1, Math.max(0, c.reduceRight((acc, row) => acc * t + row[k], 0))));
  }

  it('the legend mirrors in palette.ts use the same polynomials as the shader', () => {
    for (const [name, js] of [['viridis', viridis], ['magma', magma]] as const) {
      const c = glslCoefficients(name);
      expect(c).toHaveLength(7);
      for (let t = 0; t <= 1; t += 0.125) {
        const a = evalPoly(c, t);
        const b = js(t);
        for (let k = 0; k < 3; k++) expect(b[k]).toBeCloseTo(a[k], 12);
      }
    }
  });

  it('viridis runs from dark purple to yellow (matplotlib endpoints within 0.02)', () => {
    const lo = viridis(0);
    const hi = viridis(1);
    [0.267, 0.005, 0.329].forEach((v, k) => expect(Math.abs(lo[k] - v)).toBeLessThan(0.02));
    [0.993, 0.906, 0.144].forEach((v, k) => expect(Math.abs(hi[k] - v)).toBeLessThan(0.02));
  });
});
