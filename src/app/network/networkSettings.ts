/**
 * From the state's network keys to what training needs: the architecture, the data set and the
 * optimizer settings, with one clear message for anything no run can use.
 */
import { DATASET_INFO, makeDataset } from '../../core/network/datasets';
import type { Dataset, NetworkSpec } from '../../core/network/types';
import type { LabState } from '../../state/schema';

/** Most steps the page trains for in one run (the CLI has the same bound). */
export const MAX_PAGE_STEPS = 100_000;
/** Widest hidden layer the page accepts. */
export const MAX_WIDTH = 64;

/** Everything one training run is made of. */
export interface NetworkSettings {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly optimizer: 'gd' | 'adam';
  readonly lr: number;
  readonly steps: number;
  readonly seed: number;
  readonly directions: LabState['netDirections'];
  readonly dataName: string;
  /** Whether λmax is tracked while training. */
  readonly sharpness: boolean;
  /** Identity of the run: the same key trains the same network (training is deterministic). */
  readonly key: string;
}

/** The keys of the state that define a run. */
export const NETWORK_KEYS = ['netData', 'netNoise', 'netSamples', 'netHidden', 'netActivation', 'netWeightDecay', 'netOptimizer', 'netLr', 'netSteps', 'netSeed', 'netDirections', 'netSharpness'] as const;

/** Hidden widths from text ("8,8"), or a message saying what is wrong. */
export function parseHiddenWidths(text: string): number[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return 'give at least one hidden width, e.g. 8,8';
  if (parts.length > 4) return 'at most 4 hidden layers';
  const widths = parts.map(Number);
  if (widths.some((w) => !Number.isInteger(w) || w < 1 || w > MAX_WIDTH)) return `hidden widths must be whole numbers from 1 to ${MAX_WIDTH} (got "${text}")`;
  return widths;
}

/** A learning rate or step count problem, or null when the values can train. */
export function trainingProblem(lr: number, steps: number): string | null {
  if (!Number.isFinite(lr) || lr <= 0) return `the learning rate must be a number > 0 (got ${lr})`;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_PAGE_STEPS) return `steps must be a whole number from 1 to ${MAX_PAGE_STEPS} (got ${steps})`;
  return null;
}

/** The run the state describes, or a message for the user. */
export function networkSettings(s: Readonly<LabState>): NetworkSettings | string {
  const hidden = parseHiddenWidths(s.netHidden);
  if (typeof hidden === 'string') return hidden;
  const problem = trainingProblem(s.netLr, s.netSteps);
  if (problem) return problem;
  const info = DATASET_INFO[s.netData];
  const data = makeDataset(s.netData, { seed: s.netSeed, noise: s.netNoise, size: s.netSamples });
  const spec: NetworkSpec = { widths: [data.inputDim, ...hidden, 1], activation: s.netActivation, task: info.task, weightDecay: s.netWeightDecay };
  const key = NETWORK_KEYS.map((k) => `${k}=${String(s[k])}`).join('&');
  return { spec, data, optimizer: s.netOptimizer, lr: s.netLr, steps: s.netSteps, seed: s.netSeed, directions: s.netDirections, dataName: info.label, sharpness: s.netSharpness, key };
}
