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

/**
 * Stacks [f, gx, gy, hxx, hxy, hyy] into one [6, m] tensor; call inside `tf.tidy`.
 * Two nested passes: d/d(x, y) of gx gives hxx and hxy, d/dy of gy gives hyy.
 *
 * A reverse pass gives one vector-Jacobian product per input, so the two Hessian rows need two
 * outer sweeps. Folding them into one pass over the points fed twice (bench/tiledGridPass.ts)
 * launches fewer kernels but doubles the work of every sweep, and measured slower on CPU and
 * SwiftShader WebGL (npm run bench prints both), so the grid pass keeps the two passes.
 */
export function fieldTensors(fn: TensorFunction, x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  // f, gx and gy are created inside the outer tape's forward scope, which tidies everything but
  // its result; keep them and dispose them ourselves once they are stacked.
  let firstOrder: tf.Tensor[] = [];
  try {
    const [hxx, hxy] = valueAndGradsOrZero(() => {
      const inner = valueAndGradsOrZero(() => fn(x, y), [x, y]);
      firstOrder = [inner.value, ...inner.grads].map((t) => tf.keep(t));
      return inner.grads[0];
    }, [x, y]).grads;
    const [hyy] = valueAndGradsOrZero(() => valueAndGradsOrZero(() => fn(x, y), [y]).grads[0], [y]).grads;
    return tf.stack([...firstOrder, hxx, hxy, hyy]);
  } finally {
    for (const t of firstOrder) t.dispose();
  }
}

/**
 * Runs one grid pass on points [begin, begin + count) of the cached coordinates (size points)
 * and writes the six fields into out (6 x size, field k at k * size).
 */
async function readFields(fn: TensorFunction, x: tf.Tensor, y: tf.Tensor, size: number, begin: number, count: number, out: Float32Array): Promise<void> {
  const whole = begin === 0 && count === size;
  const stacked = tf.tidy(() => (whole ? fieldTensors(fn, x, y) : fieldTensors(fn, tf.slice(x, begin, count), tf.slice(y, begin, count))));
  let data: Float32Array;
  try {
    // One read for all six fields: on WebGL every read is a GPU sync.
    data = (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
  for (let k = 0; k < FIELD_NAMES.length; k++) out.set(data.subarray(k * count, (k + 1) * count), k * size + begin);
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
  private grid: { key: string; x: tf.Tensor; y: tf.Tensor } | null = null;
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
    const { x, y } = this.gridTensors(domain, n);
    const size = n * n;
    const chunk = isGridLandscape(source) && source.maxPointsPerPass ? Math.max(1, Math.floor(source.maxPointsPerPass)) : size;
    const data = new Float32Array(FIELD_NAMES.length * size);
    for (let begin = 0; begin < size; begin += chunk) {
      const count = Math.min(chunk, size - begin);
      await readFields(fn, x, y, size, begin, count, data);
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
    const x = tf.tensor1d(xs);
    const y = tf.tensor1d(ys);
    try {
      await readFields(compileExpr(expr), x, y, n * n, 0, n * n, new Float32Array(FIELD_NAMES.length * n * n));
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /** Frees the cached grid tensors; pending requests resolve as stale. */
  dispose(): void {
    this.latestRequest++;
    this.grid?.x.dispose();
    this.grid?.y.dispose();
    this.grid = null;
  }

  /** The coordinate tensors for (domain, n), rebuilt only when either changes. */
  private gridTensors(domain: Domain, n: number): { x: tf.Tensor; y: tf.Tensor } {
    const key = `${domain.xmin},${domain.xmax},${domain.ymin},${domain.ymax},${n}`;
    if (this.grid?.key !== key) {
      this.grid?.x.dispose();
      this.grid?.y.dispose();
      const { xs, ys } = gridCoordinates(domain, n);
      // Distinct tensors: passing one tensor as both x and y would sum the two gradients.
      this.grid = { key, x: tf.tensor1d(xs), y: tf.tensor1d(ys) };
    }
    return this.grid;
  }
}
