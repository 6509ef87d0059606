/**
 * Which dynamics a bifurcation diagram of F(x, λ) = 0 describes, since stability depends on it:
 * ẋ = −F (the gradient convention: F = V′ for a potential V, stable where F_x > 0, at V's minima),
 * ẋ = F (Strogatz's normal forms r + x², rx − x², …: stable where F_x < 0), or the map
 * x ← x − λF(x, λ), whose fixed points are F's zeros with multiplier 1 − λF_x (stable where
 * |1 − λF_x| < 1). For the GD map's F = f′(x) + f′(x − λf′(x)) that map is g∘g with g the GD step
 * of rate λ (see core/implicit/gdZeroSet.ts), so this is the GD map's own stability.
 */

/** 'gradient': ẋ = −F; 'flow': ẋ = F; 'gd-map': x ← x − λF (the GD map's two steps for its F). */
export type Dynamics = 'gradient' | 'flow' | 'gd-map';

/** All conventions, gradient first. */
export const DYNAMICS: readonly Dynamics[] = ['gradient', 'flow', 'gd-map'];

/** The equation as the plot states it. */
export const DYNAMICS_LABEL: Readonly<Record<Dynamics, string>> = {
  gradient: 'dx/dt = −F (gradient of V, V′ = F)',
  flow: 'dx/dt = F',
  'gd-map': 'x ← x − λF (for the GD map\'s F: two GD steps g(g(x)), rate η = λ)',
};

/**
 * Whether an equilibrium (a fixed point for 'gd-map') with this F_x at this λ is linearly stable:
 * F_x > 0, F_x < 0, or |1 − λF_x| < 1 (F_x = 0 is neither).
 */
export function isStable(Fx: number, dynamics: Dynamics, lambda: number): boolean {
  if (dynamics === 'gd-map') return Math.abs(1 - lambda * Fx) < 1;
  return dynamics === 'gradient' ? Fx > 0 : Fx < 0;
}

/** The dynamics named by text, or null: 'gradient', 'flow' or 'gd-map'. */
export function parseDynamics(text: string): Dynamics | null {
  return text === 'gradient' || text === 'flow' || text === 'gd-map' ? text : null;
}
