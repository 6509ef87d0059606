import { tf } from '../../src/compute/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeBackend, initBackend } from '../../src/compute/backend';
import { registerSecondOrderGradients } from '../../src/compute/registerGradients';
import { expectRelNear } from './support/expectNear';

/** Nested gradients in float32 on the CPU backend; a few roundoffs per order. */
const F32_TOL = 1e-5;

/** k-th derivative of a scalar function at x by nested tf.grad, read back leak-free. */
async function derivative(f: (t: tf.Tensor) => tf.Tensor, k: number, x: number): Promise<number> {
  let g = f;
  for (let i = 0; i < k; i++) {
    const inner = g;
    g = (t) => tf.grad(inner)(t);
  }
  const result = tf.tidy(() => g(tf.scalar(x)));
  const [value] = await result.data();
  result.dispose();
  return value;
}

describe('initBackend', () => {
  it('falls back to the CPU backend with a reason when WebGL is unavailable (Node)', async () => {
    const choice = await initBackend('webgl');
    expect(choice.name).toBe('cpu');
    expect(choice.fallbackReason).toMatch(/WebGL/);
    expect(activeBackend()).toBe('cpu');
  });

  it('uses the CPU backend without a fallback reason when asked for it', async () => {
    expect(await initBackend('cpu')).toEqual({ name: 'cpu', fallbackReason: null });
    expect(activeBackend()).toBe('cpu');
  });
});

describe('registerSecondOrderGradients', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('can be called repeatedly', () => {
    expect(() => {
      registerSecondOrderGradients();
      registerSecondOrderGradients();
    }).not.toThrow();
  });

  it('makes exp, tanh, sigmoid and softplus differentiable three times (tfjs alone throws at order 2)', async () => {
    registerSecondOrderGradients();
    const x = 0.3;
    const th = Math.tanh(x);
    const s = 1 / (1 + Math.exp(-x));
    const cases: [string, (t: tf.Tensor) => tf.Tensor, number][] = [
      ['exp', tf.exp, Math.exp(x)],
      ['tanh', tf.tanh, -2 * (1 - th * th) * (1 - 3 * th * th)],
      ['sigmoid', tf.sigmoid, s * (1 - s) * (1 - 6 * s + 6 * s * s)],
      ['softplus', tf.softplus, s * (1 - s) * (1 - 2 * s)],
    ];
    for (const [name, f, third] of cases) {
      expectRelNear(await derivative(f, 3, x), third, F32_TOL, `${name}'''(${x})`);
    }
  });

  it('differentiates tf.pow in both arguments from its inputs, broadcasting a scalar exponent', async () => {
    registerSecondOrderGradients();
    // d^3/da^3 a^2.5 = 2.5 * 1.5 * 0.5 a^-0.5
    expectRelNear(await derivative((a) => tf.pow(a, 2.5), 3, 1.7), 1.875 / Math.sqrt(1.7), F32_TOL, 'd3 a^2.5');
    // d^2/db^2 of sum(a^b) over a = [2, 3] with one scalar b: sum of (log a)^2 a^b.
    const a = tf.tensor1d([2, 3]);
    const second = await derivative((b) => tf.sum(tf.pow(a, b)), 2, 1.5);
    a.dispose();
    const expected = Math.log(2) ** 2 * 2 ** 1.5 + Math.log(3) ** 2 * 3 ** 1.5;
    expectRelNear(second, expected, F32_TOL, 'd2/db2 sum(a^b)');
  });
});
