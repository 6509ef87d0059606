/**
 * The lessons' quartic f(x) = x⁴ − 3x² + x in closed form, for the GD-map tests (unit and browser):
 * its critical points are the roots of f′ = 4x³ − 6x + 1, written t³ + pt + q with p = −3/2,
 * q = 1/4 and solved by the trigonometric formula for three real roots; f″ = 12x² − 6.
 */

/** The three roots of 4x³ − 6x + 1 = 0, ascending (minimum, maximum, minimum). */
export function quarticCriticalPoints(): number[] {
  const [p, q] = [-1.5, 0.25];
  const r = 2 * Math.sqrt(-p / 3);
  const phi = Math.acos(((3 * q) / (2 * p)) * Math.sqrt(-3 / p)) / 3;
  return [0, 1, 2].map((k) => r * Math.cos(phi - (2 * Math.PI * k) / 3)).sort((a, b) => a - b);
}

/** f″ of the quartic. */
export const quarticSecond = (x: number): number => 12 * x * x - 6;

/** The two minima with their flip points η = 2/f″(x*), by ascending η. */
export function quarticMinima(): { x: number; flipEta: number }[] {
  return quarticCriticalPoints()
    .filter((x) => quarticSecond(x) > 0)
    .map((x) => ({ x, flipEta: 2 / quarticSecond(x) }))
    .sort((a, b) => a.flipEta - b.flipEta);
}

/** The two flip points η = 2/f″(x*), ascending. */
export function quarticFlips(): number[] {
  return quarticMinima().map((m) => m.flipEta);
}
