import type { PoseNumbers } from './types';

/** How long a move between scenes takes, in milliseconds. */
export const SCENE_TRANSITION_MS = 600;

/** Smooth start and stop: cubic ease-in-out of t in [0, 1] (clamped). */
export function easeInOutCubic(t: number): number {
  const u = Math.min(1, Math.max(0, t));
  return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
}

/** Linear interpolation from a to b at t. */
export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Component-wise interpolation of two camera poses. */
export function lerpPose(a: PoseNumbers, b: PoseNumbers, t: number): PoseNumbers {
  return [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t), lerp(a[3], b[3], t), lerp(a[4], b[4], t), lerp(a[5], b[5], t)];
}

/** The state.camera text of a pose: six numbers with 3 decimals ("px,py,pz,tx,ty,tz"). */
export function formatPose(pose: PoseNumbers): string {
  // Number(...) drops trailing zeros and turns -0 into 0 so equal poses give equal links.
  return pose.map((v) => String(Number(v.toFixed(3)) + 0)).join(',');
}

/** Reads state.camera back into a pose; null for '' or anything that is not six finite numbers. */
export function parsePose(text: string): PoseNumbers | null {
  if (text.trim() === '') return null;
  const parts = text.split(',');
  if (parts.length !== 6 || parts.some((p) => p.trim() === '')) return null;
  const v = parts.map(Number);
  if (!v.every(Number.isFinite)) return null;
  return [v[0], v[1], v[2], v[3], v[4], v[5]];
}
