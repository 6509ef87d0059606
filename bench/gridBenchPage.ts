import { tf } from '../src/compute/tf';
import { GridEvaluator, isStaleGrid } from '../src/compute/GridEvaluator';
import { initBackend } from '../src/compute/backend';
import { parseExpression } from '../src/core/expr/parser';
import { PRESETS_2D } from '../src/core/presets';

/** Median of a list of numbers. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeGrid(evaluator: GridEvaluator, n: number, repeats: number): Promise<{ first: number; median: number }> {
  const parsed = parseExpression(PRESETS_2D[0].formula(0));
  if (!parsed.ok) throw new Error('preset must parse');
  const domain = PRESETS_2D[0].domain;
  const times: number[] = [];
  let first = 0;
  for (let i = 0; i <= repeats; i++) {
    const t0 = performance.now();
    const r = await evaluator.evaluate(parsed.expr, { ...domain, xmax: domain.xmax + i * 1e-9 }, n);
    const dt = performance.now() - t0;
    if (isStaleGrid(r)) throw new Error('unexpected stale grid');
    if (i === 0) first = dt;
    else times.push(dt);
  }
  return { first, median: median(times) };
}

/** Runs the grid pass at several N on WebGL and CPU; results go to window.__benchResult. */
async function run(): Promise<void> {
  const sizes = [64, 128, 256, 512];
  const result: Record<string, unknown> = { renderer: '' };
  for (const backend of ['webgl', 'cpu'] as const) {
    const choice = await initBackend(backend);
    if (choice.name !== backend) {
      result[backend] = { error: choice.fallbackReason };
      continue;
    }
    if (backend === 'webgl') {
      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      result.renderer = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    }
    const evaluator = new GridEvaluator();
    const rows: Record<number, { first: number; median: number }> = {};
    for (const n of sizes) rows[n] = await timeGrid(evaluator, n, n >= 512 ? 5 : 9);
    evaluator.dispose();
    result[backend] = rows;
    result[`${backend}Tensors`] = tf.memory().numTensors;
  }
  (window as unknown as { __benchResult: unknown }).__benchResult = result;
  const out = document.getElementById('out');
  if (out) out.textContent = JSON.stringify(result, null, 2);
}

void run();
