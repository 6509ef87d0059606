import { easeInOutCubic } from '../lectures/tween';

/**
 * Calls onFrame(eased t) once per animation frame for durationMs (t from 0 to 1 with ease-in-out),
 * then onDone; returns a function that stops it early (onDone is then not called). A duration of
 * 0 or less, or a user who prefers reduced motion, jumps straight to the end.
 */
export function animate(durationMs: number, onFrame: (t: number) => void, onDone?: () => void): () => void {
  const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  if (durationMs <= 0 || reduced) {
    onFrame(1);
    onDone?.();
    return () => undefined;
  }
  const start = performance.now();
  let request = 0;
  const step = (now: number): void => {
    const t = Math.min(1, (now - start) / durationMs);
    onFrame(easeInOutCubic(t));
    if (t < 1) request = requestAnimationFrame(step);
    else {
      request = 0;
      onDone?.();
    }
  };
  request = requestAnimationFrame(step);
  return () => {
    if (request !== 0) cancelAnimationFrame(request);
    request = 0;
  };
}
