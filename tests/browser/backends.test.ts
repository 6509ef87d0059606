import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, openLab } from './harness';
import { chromiumPath } from '../../src/cli/chromium';
import { PRESETS_2D } from '../../src/core/presets';
import type { GridField } from '../../src/core/types';
import { CLOSED_FORMS, FIELDS, relativeFieldError } from '../unit/support/presetClosedForms';

/**
 * The closed-form grid checks of tests/unit/gridEvaluator.test.ts on every tfjs backend the test
 * browser offers. WebGPU and WebGL are float32 and may fuse or reorder: polynomials get 1e-5 of
 * each field's largest value; WGSL and GLSL transcendentals carry no accuracy guarantee, so
 * presets using them get 1e-3 (as in webglGrid.test.ts). The flag --enable-unsafe-webgpu makes
 * headless Chromium hand out its SwiftShader WebGPU adapter; without one, the WebGPU case must
 * say why and the other two still run.
 */
const GPU_TOL = 1e-5;
const GPU_TRANSCENDENTAL_TOL = 1e-3;
const TRANSCENDENTAL = /\b(sin|cos|tan|exp|log|sqrt|atan|sinh|cosh|tanh|sigmoid|softplus)\(/;
const SIZE = 33;

/** Activates one backend in the page and runs every preset; a string so vite serves the app's modules. */
const PAGE_PASSES = `async ({ backend, cases, size }) => {
  const { parseExpression } = await import('/src/core/expr/parser.ts');
  const { GridEvaluator, isStaleGrid } = await import('/src/compute/GridEvaluator.ts');
  const { initBackend, activeBackend, backendFallbacks } = await import('/src/compute/backend.ts');
  const choice = await initBackend(backend);
  const fallbacks = backendFallbacks();
  if (choice.name !== backend) return { choice, active: activeBackend(), fallbacks, grids: [] };
  const evaluator = new GridEvaluator();
  const grids = [];
  for (const c of cases) {
    const parsed = parseExpression(c.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const r = await evaluator.evaluate(parsed.expr, c.domain, size);
    if (isStaleGrid(r)) throw new Error('stale');
    const fields = {};
    for (const k of ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy']) fields[k] = Array.from(r[k]);
    grids.push({ n: r.n, domain: r.domain, fields });
  }
  evaluator.dispose();
  return { choice, active: activeBackend(), fallbacks, grids };
}`;

interface PageResult {
  choice: { name: string; fallbackReason: string | null };
  active: string;
  fallbacks: { backend: string; reason: string }[];
  grids: { n: number; domain: GridField['domain']; fields: Record<(typeof FIELDS)[number], number[]> }[];
}

const CASES = PRESETS_2D.map((p) => ({ id: p.id, param: p.param?.value ?? 0, text: p.formula(p.param?.value ?? 0), domain: p.domain }));

async function runOn(page: Page, backend: string): Promise<PageResult> {
  const fn = await page.evaluateHandle(PAGE_PASSES);
  const arg = { backend, cases: CASES.map(({ text, domain }) => ({ text, domain })), size: SIZE };
  return (await page.evaluate(([f, a]) => (f as unknown as (x: unknown) => Promise<PageResult>)(a), [fn, arg] as const)) as PageResult;
}

function checkClosedForms(result: PageResult, backend: string): void {
  expect(result.grids).toHaveLength(CASES.length);
  CASES.forEach((c, k) => {
    const g = result.grids[k];
    const toF32 = (name: (typeof FIELDS)[number]) => Float32Array.from(g.fields[name]);
    const grid: GridField = { n: g.n, domain: g.domain, f: toF32('f'), gx: toF32('gx'), gy: toF32('gy'), hxx: toF32('hxx'), hxy: toF32('hxy'), hyy: toF32('hyy') };
    const tol = TRANSCENDENTAL.test(c.text) ? GPU_TRANSCENDENTAL_TOL : GPU_TOL;
    for (const name of FIELDS) {
      const error = relativeFieldError(grid, name, (x, y) => CLOSED_FORMS[c.id](x, y, c.param)[name]);
      expect(error, `${backend} ${c.id} ${name}`).toBeLessThanOrEqual(tol);
    }
  });
}

describe('the closed-form grid checks on every backend the browser offers', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
    ({ page } = await openLab(browser, 'n=33', undefined, { server: 'dev' }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('WebGPU passes them when an adapter is given, else the fallback says why WebGPU was refused', async () => {
    const r = await runOn(page, 'webgpu');
    if (r.choice.name === 'webgpu') {
      expect(r.active).toBe('webgpu');
      expect(r.fallbacks).toEqual([]);
      checkClosedForms(r, 'webgpu');
    } else {
      // Recorded, not silently skipped: the reason names WebGPU and the CPU backend took over.
      console.info(`WebGPU not offered by this browser: ${r.choice.fallbackReason}`);
      expect(r.choice.name).toBe('cpu');
      expect(r.fallbacks.map((f) => f.backend)).toEqual(['webgpu']);
      expect(r.choice.fallbackReason).toMatch(/WebGPU/);
    }
  });

  it('WebGL passes them', async () => {
    const r = await runOn(page, 'webgl');
    expect(r.choice).toEqual({ name: 'webgl', fallbackReason: null });
    expect(r.active).toBe('webgl');
    checkClosedForms(r, 'webgl');
  });

  it('the CPU backend passes them', async () => {
    const r = await runOn(page, 'cpu');
    expect(r.active).toBe('cpu');
    checkClosedForms(r, 'cpu');
  });

  it("'auto' picks the first of WebGPU, WebGL that starts and lists each refusal before it", async () => {
    const r = await runOn(page, 'auto');
    expect(['webgpu', 'webgl']).toContain(r.active);
    expect(r.fallbacks.map((f) => f.backend)).toEqual(r.active === 'webgpu' ? [] : ['webgpu']);
    expect(r.choice.fallbackReason === null).toBe(r.active === 'webgpu');
  });
});
