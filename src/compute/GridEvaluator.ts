/**
 * f, its gradient and its Hessian on an n x n grid in one batched tfjs pass (CPU or WebGL).
 *
 * Every grid point is an independent element of the x and y tensors, so the gradient of sum(f)
 * with respect to x is df/dx at every point at once, and the gradient of sum(df/dx) gives the
 * second derivatives: the tfjs-core `grad(grad(f))` over a tensor of points.
 */
import { tf } from './tf';
import type { Expr } from '../core/expr/ast';
import type { Domain, GridField } from '../core/types';
import { compileExpr, type TensorFunction } from './compileExpr';
import { isGridLandscape, type GridLandscape } from './landscape/GridLandscape';
import { valueAndGradsOrZero } from './gradientsOrZero';
import { registerSecondOrderGradients } from './registerGradients';

/**
 * What an `evaluate` call resolves to when a newer call (or `dispose`) came before it finished:
 * its data were dropped, and the caller waits for the newer result instead.
 */
export interface StaleGrid {
  readonly stale: true;
}

/** Outcome of `GridEvaluator.evaluate`: the field, or the stale marker (test with `'stale' in r`). */
export type GridResult = GridField | StaleGrid;

/** True when a grid result was superseded and carries no data. */
export function isStaleGrid(result: GridResult): result is StaleGrid {
  return 'stale' in result;
}

const STALE: StaleGrid = Object.freeze({ stale: true });

/** Order of the six fields inside the stacked result tensor. */
const FIELD_NAMES = ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'] as const;

/** (x^2 - 1)^2 + y^2, the start-up landscape, written as a tree for the warm-up pass. */
const WARM_UP_EXPR: Expr = {
  kind: 'binary',
  op: '+',
  left: {
    kind: 'binary',
    op: '^',
    left: {
      kind: 'binary',
      op: '-',
      left: { kind: 'binary', op: '^', left: { kind: 'var', name: 'x' }, right: { kind: 'num', value: 2 } },
      right: { kind: 'num', value: 1 },
    },
    right: { kind: 'num', value: 2 },
  },
  right: { kind: 'binary', op: '^', left: { kind: 'var', name: 'y' }, right: { kind: 'num', value: 2 } },
};

/** Flat x and y coordinates of the grid, x fastest: index j * n + i. */
export function gridCoordinates(domain: Domain, n: number): { xs: Float32Array; ys: Float32Array } {
  const xs = new Float32Array(n * n);
  const ys = new Float32Array(n * n);
  // Exactly the GridField formula x_i = xmin + i (xmax - xmin) / (n - 1), so consumers agree to the bit.
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      xs[j * n + i] = domain.xmin + (i * (domain.xmax - domain.xmin)) / (n - 1);
      ys[j * n + i] = domain.ymin + (j * (domain.ymax - domain.ymin)) / (n - 1);
    }
  }
  return { xs, ys };
}

/** The two copies of the points a tiled pass runs on: [xs, xs] and [ys, ys]. */
function tiled(values: Float32Array): Float32Array {
  const out = new Float32Array(2 * values.length);
  out.set(values);
  out.set(values, values.length);
  return out;
}

/**
 * The seed [[1 on copy 1, 0 on copy 2], [0, 1]] of the outer pass; call inside `tf.tidy`. An
 * upload, not a kernel, made per pass so the evaluator keeps no tensors but its two coordinates.
 */
function seedFor(m: number): tf.Tensor {
  const values = new Float32Array(4 * m);
  values.fill(1, 0, m);
  values.fill(1, 3 * m, 4 * m);
  return tf.tensor2d(values, [2, 2 * m]);
}

/** Gradients of f w.r.t. xs seeded with dy, zeros where f does not depend on an input. */
function seededGrads(f: () => tf.Tensor, xs: tf.Tensor[], dy: tf.Tensor): tf.Tensor[] {
  const { grads } = tf.engine().gradients(f, xs, dy, true);
  return grads.map((g, k) => g ?? tf.zeros(xs[k].shape));
}

/**
 * Stacks [f, gx, gy, hx, hy] of a tiled pass into one [5, 2m] tensor; call inside `tf.tidy`. x2
 * and y2 hold the m points twice. Copy 1 of hx, hy is (hxx, hxy), copy 2 of hy is hyy.
 *
 * One nested pass instead of two: a reverse pass gives one vector-Jacobian product per input, so
 * two Hessian rows need two seeds. The outer output [gx; gy] is seeded with gx on copy 1 and gy
 * on copy 2, so both rows come out of ONE forward and two backward sweeps, where the old
 * structure ran a second full nested pass (forward, backward, backward) just for hyy. Every op is
 * elementwise over points, so the values are the ones the two passes gave (tests/unit/gridKernels).
 */
function fieldTensors(fn: TensorFunction, x2: tf.Tensor, y2: tf.Tensor): tf.Tensor {
  const m = (x2.shape[0] ?? 0) / 2;
  // f, gx and gy are created inside the outer tape's forward scope, which tidies everything but
  // its result; keep them and dispose them ourselves once they are stacked.
  let firstOrder: tf.Tensor[] = [];
  try {
    const [hx, hy] = seededGrads(() => {
      const inner = valueAndGradsOrZero(() => fn(x2, y2), [x2, y2]);
      firstOrder = [inner.value, ...inner.grads].map((t) => tf.keep(t));
      return tf.stack(inner.grads);
    }, [x2, y2], seedFor(m));
    return tf.stack([...firstOrder, hx, hy]);
  } finally {
    for (const t of firstOrder) t.dispose();
  }
}

/**
 * Runs one tiled grid pass on points [begin, begin + count) of the cached copies (size points each)
 * and writes the six fields into out (6 x size, field k at k * size).
 */
async function readFields(fn: TensorFunction, x2: tf.Tensor, y2: tf.Tensor, size: number, begin: number, count: number, out: Float32Array): Promise<void> {
  const part = (t: tf.Tensor): tf.Tensor => tf.concat([tf.slice(t, begin, count), tf.slice(t, size + begin, count)]);
  const whole = begin === 0 && count === size;
  const stacked = tf.tidy(() => (whole ? fieldTensors(fn, x2, y2) : fieldTensors(fn, part(x2), part(y2))));
  let data: Float32Array;
  try {
    // One read for all fields: on WebGL every read is a GPU sync.
    data = (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
  // Rows of 2 * count: f, gx, gy, hx, hy; copy 1 except for hyy (copy 2 of hy).
  const from = [0, 2, 4, 6, 8, 9];
  for (let k = 0; k < FIELD_NAMES.length; k++) out.set(data.subarray(from[k] * count, (from[k] + 1) * count), k * size + begin);
}

/**
 * Sets the derivatives to NaN wherever f is not finite: autodiff happily returns 1/x for log(x)
 * at x < 0, but there is no surface there to have a slope.
 */
function markGaps(f: Float32Array, derivatives: Float32Array[]): void {
  for (let k = 0; k < f.length; k++) {
    if (Number.isFinite(f[k])) continue;
    for (const d of derivatives) d[k] = NaN;
  }
}

/** Options of one grid pass. */
export interface GridPassOptions {
  /** Called after each chunk with the share of grid points done (0..1]. */
  readonly onProgress?: (done: number) => void;
}

/** Evaluates f, gradient and Hessian of expressions on a grid; owns the cached grid tensors. */
export class GridEvaluator {
  private grid: { key: string; x2: tf.Tensor; y2: tf.Tensor } | null = null;
  private latestRequest = 0;

  /** Makes sure the gradients this class relies on are registered. */
  constructor() {
    registerSecondOrderGradients();
  }

  /**
   * Computes f, gx, gy, hxx, hxy, hyy of a landscape (or a bare expression) on the n x n grid over
   * domain (n >= 2), in chunks of the landscape's maxPointsPerPass points. Where f is not
   * finite (a gap) it stays NaN or +-Infinity and the five derivatives there are NaN. The six
   * arrays are views of one buffer. Resolves to `{ stale: true }` instead if a newer call (or
   * dispose) came before this one finished; rejects only on invalid n.
   */
  async evaluate(source: Expr | GridLandscape, domain: Domain, n: number, options: GridPassOptions = {}): Promise<GridResult> {
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`grid size must be an integer >= 2, got ${n}`);
    const request = ++this.latestRequest;
    const fn = isGridLandscape(source) ? source.tensorFunction() : compileExpr(source);
    const { x2, y2 } = this.gridTensors(domain, n);
    const size = n * n;
    // fieldTensors tiles the points twice: a chunk of maxPointsPerPass / 2 grid points holds maxPointsPerPass.
    const chunk = isGridLandscape(source) && source.maxPointsPerPass ? Math.max(1, Math.floor(source.maxPointsPerPass / 2)) : size;
    const data = new Float32Array(FIELD_NAMES.length * size);
    for (let begin = 0; begin < size; begin += chunk) {
      const count = Math.min(chunk, size - begin);
      await readFields(fn, x2, y2, size, begin, count, data);
      // A newer request (or dispose) owns the view: stop here instead of finishing stale work.
      if (request !== this.latestRequest) return STALE;
      options.onProgress?.((begin + count) / size);
    }
    const [f, gx, gy, hxx, hxy, hyy] = FIELD_NAMES.map((_, k) => data.subarray(k * size, (k + 1) * size));
    markGaps(f, [gx, gy, hxx, hxy, hyy]);
    return { n, domain: { ...domain }, f, gx, gy, hxx, hxy, hyy };
  }

  /**
   * Runs one throw-away pass at size n (so the WebGL backend compiles its shaders before the
   * first real request); does not touch the cached grid or supersede pending requests.
   */
  async warmUp(n: number, expr: Expr = WARM_UP_EXPR): Promise<void> {
    const { xs, ys } = gridCoordinates({ xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, n);
    const x2 = tf.tensor1d(tiled(xs));
    const y2 = tf.tensor1d(tiled(ys));
    try {
      await readFields(compileExpr(expr), x2, y2, n * n, 0, n * n, new Float32Array(FIELD_NAMES.length * n * n));
    } finally {
      x2.dispose();
      y2.dispose();
    }
  }

  /** Frees the cached grid tensors; pending requests resolve as stale. */
  dispose(): void {
    this.latestRequest++;
    this.grid?.x2.dispose();
    this.grid?.y2.dispose();
    this.grid = null;
  }

  /** The tiled coordinate tensors [xs, xs], [ys, ys] for (domain, n), rebuilt only when either changes. */
  private gridTensors(domain: Domain, n: number): { x2: tf.Tensor; y2: tf.Tensor } {
    const key = `${domain.xmin},${domain.xmax},${domain.ymin},${domain.ymax},${n}`;
    if (this.grid?.key !== key) {
      this.grid?.x2.dispose();
      this.grid?.y2.dispose();
      const { xs, ys } = gridCoordinates(domain, n);
      // Distinct tensors: passing one tensor as both x and y would sum the two gradients.
      this.grid = { key, x2: tf.tensor1d(tiled(xs)), y2: tf.tensor1d(tiled(ys)) };
    }
    return this.grid;
  }
}
