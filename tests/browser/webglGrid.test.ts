import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openLab } from './harness';
import { PRESETS_2D } from '../../src/core/presets';
import type { GridField } from '../../src/core/types';
import { CLOSED_FORMS, FIELDS, relativeFieldError } from '../unit/support/presetClosedForms';

/**
 * The same closed-form check as tests/unit/gridEvaluator.test.ts, run on the WebGL backend in the
 * page. WebGL is float32 like the CPU backend; GPUs may fuse or reorder operations, so polynomials
 * get 1e-5 of the largest value of each field (the CPU suite holds 2e-6). GLSL's sin, cos, exp, ...
 * carry no accuracy guarantee: measured here (SwiftShader) sin(x)cos(y) is off by 3.7e-4 of its
 * range, so presets that use them get 1e-3. The readouts never see this: they come from float64
 * jets, not from the grid.
 */
const WEBGL_TOL = 1e-5;
const WEBGL_TRANSCENDENTAL_TOL = 1e-3;
const TRANSCENDENTAL = /\b(sin|cos|tan|exp|log|sqrt|atan|sinh|cosh|tanh|sigmoid|softplus)\(/;

/**
 * Runs one grid pass in the page. The code is a string so that neither vitest nor tsx rewrites its
 * dynamic imports: the dev server hands out the same module instances the app uses (one tfjs, one
 * backend).
 */
const PAGE_GRID = `async ({ text, dom, size }) => {
  const { parseExpression } = await import('/src/core/expr/parser.ts');
  const { GridEvaluator, isStaleGrid } = await import('/src/compute/GridEvaluator.ts');
  const { activeBackend } = await import('/src/compute/backend.ts');
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const evaluator = new GridEvaluator();
  const result = await evaluator.evaluate(parsed.expr, dom, size);
  evaluator.dispose();
  if (isStaleGrid(result)) throw new Error('stale');
  const fields = {};
  for (const k of ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy']) fields[k] = Array.from(result[k]);
  return { n: result.n, domain: result.domain, fields, backend: activeBackend() };
}`;

interface PageGrid {
  n: number;
  domain: GridField['domain'];
  fields: Record<(typeof FIELDS)[number], number[]>;
  backend: string;
}

async function gridInPage(page: Page, text: string, dom: GridField['domain'], size: number): Promise<{ grid: GridField; backend: string }> {
  const fn = await page.evaluateHandle(PAGE_GRID);
  const r = (await page.evaluate(([f, arg]) => (f as unknown as (a: unknown) => Promise<PageGrid>)(arg), [fn, { text, dom, size }] as const)) as PageGrid;
  const toF32 = (k: (typeof FIELDS)[number]) => Float32Array.from(r.fields[k]);
  const grid: GridField = { n: r.n, domain: r.domain, f: toF32('f'), gx: toF32('gx'), gy: toF32('gy'), hxx: toF32('hxx'), hxy: toF32('hxy'), hyy: toF32('hyy') };
  return { grid, backend: r.backend };
}

describe('the grid pass on the WebGL backend', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page } = await openLab(browser, 'n=64', undefined, { server: 'dev' }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const preset of PRESETS_2D) {
    it(`matches the closed-form f, gradient and Hessian of the ${preset.id} preset on a 33 x 33 grid`, async () => {
      const param = preset.param?.value ?? 0;
      const { grid, backend } = await gridInPage(page, preset.formula(param), preset.domain, 33);
      expect(backend).toBe('webgl');
      for (const name of FIELDS) {
        const error = relativeFieldError(grid, name, (x, y) => CLOSED_FORMS[preset.id](x, y, param)[name]);
        const tol = TRANSCENDENTAL.test(preset.formula(param)) ? WEBGL_TRANSCENDENTAL_TOL : WEBGL_TOL;
        expect(error, `${preset.id} ${name}`).toBeLessThanOrEqual(tol);
      }
    });
  }
});
