/**
 * Which dynamics a bifurcation diagram of F(x, λ) = 0 describes, since stability depends on it:
 * ẋ = −F (the gradient convention: F = V′ for a potential V, stable where F_x > 0, at V's minima)
 * or ẋ = F (Strogatz's normal forms r + x², rx − x², …: stable where F_x < 0).
 */

/** 'gradient': ẋ = −F; 'flow': ẋ = F. */
export type Dynamics = 'gradient' | 'flow';

/** Both conventions, gradient first. */
export const DYNAMICS: readonly Dynamics[] = ['gradient', 'flow'];

/** The equation as the plot states it. */
export const DYNAMICS_LABEL: Readonly<Record<Dynamics, string>> = {
  gradient: 'dx/dt = −F (gradient of V, V′ = F)',
  flow: 'dx/dt = F',
};

/** Whether an equilibrium with this F_x is stable (linearly; F_x = 0 is neither). */
export function isStable(Fx: number, dynamics: Dynamics): boolean {
  return dynamics === 'gradient' ? Fx > 0 : Fx < 0;
}

/** The dynamics named by text, or null: 'gradient' or 'flow'. */
export function parseDynamics(text: string): Dynamics | null {
  return text === 'gradient' || text === 'flow' ? text : null;
}
