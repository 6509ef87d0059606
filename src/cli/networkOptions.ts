/**
 * The options of `taylor-lab network`, read and checked: the data (a synthetic set, a named real
 * set, or --csv with --target and --task), the network (--hidden, --activation, or --model), the
 * schedule (--steps or --epochs, --batch-size), the optimizer and the slice directions.
 */
import { DATA_SOURCES, isDataSourceName } from '../core/data/catalog';
import { DATASET_KINDS, isDatasetKind } from '../core/network/datasets';
import type { Activation } from '../core/network/types';
import { ACTIVATIONS } from '../core/network/types';
import { MAX_TRAIN_STEPS, OPTIMIZER_KINDS } from '../compute/network/train';
import type { OptimizerKind } from '../compute/network/train';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseIntegerInRange, parseNumber } from './cliArgs';
import type { DataChoice } from './networkData';

/** Valued options of `network`. */
export const NETWORK_OPTIONS = [
  'data', 'hidden', 'activation', 'steps', 'seed', 'directions', 'lr', 'optimizer', 'noise', 'weight-decay', 'save',
  'csv', 'target', 'task', 'model', 'batch-size', 'epochs', 'momentum', 'degree',
] as const;

/** The slice directions the CLI can take. */
export const DIRECTION_KINDS = ['filter', 'hessian', 'path'] as const;
/** One kind of slice directions. */
export type DirectionKind = (typeof DIRECTION_KINDS)[number];

/** Widest hidden layer and most hidden layers the CLI accepts (it trains on the CPU). */
const MAX_WIDTH = 256;
const MAX_HIDDEN_LAYERS = 8;
/** Everything one `network` command line asks for, checked (the spec is completed once the data is known). */
export interface NetworkSettings {
  readonly data: DataChoice;
  readonly noise: number;
  readonly degree: number;
  readonly hidden: readonly number[];
  readonly activation: Activation;
  readonly weightDecay: number;
  readonly model: string | undefined;
  /** Optimizer steps, or null: --epochs decides, or (with --model and neither) no training. */
  readonly steps: number | null;
  readonly epochs: number | null;
  readonly batchSize: number | undefined;
  readonly seed: number;
  readonly lr: number;
  readonly optimizer: OptimizerKind;
  readonly momentum: number;
  readonly directions: DirectionKind;
  readonly save: string | undefined;
}

/** One of the allowed words, or a CliError listing them. */
function oneOf<T extends string>(text: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(text)) throw new CliError(`unknown ${option} '${text}': expected ${allowed.join(', ')}`);
  return text as T;
}

/** Hidden widths "8,8" (an empty text means no hidden layer), each a whole number from 1 to MAX_WIDTH. */
function parseHidden(text: string): number[] {
  if (text.trim() === '') return [];
  const widths = text.split(',').map((part) => {
    const w = Number(part);
    if (!/^\s*\d+\s*$/.test(part) || w < 1 || w > MAX_WIDTH) {
      throw new CliError(`--hidden widths must be whole numbers from 1 to ${MAX_WIDTH} separated by commas (e.g. 8,8), got '${text}'`);
    }
    return w;
  });
  if (widths.length > MAX_HIDDEN_LAYERS) throw new CliError(`--hidden allows at most ${MAX_HIDDEN_LAYERS} hidden layers, got ${widths.length}`);
  return widths;
}

/** A finite number >= 0 from an option, or a CliError. */
function nonNegative(text: string, option: string): number {
  const value = parseNumber(text, option);
  if (value < 0) throw new CliError(`${option} must be >= 0, got '${text}'`);
  return value;
}

/** --data (a synthetic or a real set) or --csv with --target and --task. */
function parseDataChoice(args: ParsedArgs): DataChoice {
  const v = args.values;
  const csv = v.get('csv');
  if (csv !== undefined) {
    if (v.has('data')) throw new CliError('give either --data or --csv, not both');
    const target = v.get('target');
    if (target === undefined) throw new CliError('--csv needs --target <column> (a header name or a 0-based index)');
    return { kind: 'csv', path: csv, target, task: oneOf(v.get('task') ?? 'classification', ['classification', 'regression'] as const, 'task') };
  }
  for (const option of ['target', 'task']) if (v.has(option)) throw new CliError(`--${option} goes with --csv`);
  const name = v.get('data') ?? 'spiral';
  if (isDatasetKind(name)) return { kind: 'synthetic', name };
  if (isDataSourceName(name)) return { kind: 'named', name };
  throw new CliError(`unknown data set '${name}': expected ${[...DATASET_KINDS, ...DATA_SOURCES].join(', ')}`);
}

/** --steps or --epochs (not both), --batch-size; with --model and neither, null (no training). */
function parseSchedule(args: ParsedArgs): { steps: number | null; epochs: number | null; batchSize: number | undefined } {
  const v = args.values;
  if (v.has('steps') && v.has('epochs')) throw new CliError('give either --steps or --epochs, not both');
  const batchSize = v.has('batch-size') ? parseIntegerInRange(v.get('batch-size')!, '--batch-size', 1, 1_000_000, 'samples per step') : undefined;
  const epochs = v.has('epochs') ? parseIntegerInRange(v.get('epochs')!, '--epochs', 1, MAX_TRAIN_STEPS, 'passes over the training set') : null;
  const stepsText = v.get('steps') ?? (v.has('model') || epochs !== null ? undefined : '500');
  const steps = stepsText === undefined ? null : parseIntegerInRange(stepsText, '--steps', 1, MAX_TRAIN_STEPS, 'optimizer steps');
  return { steps, epochs, batchSize };
}

/** Reads and checks every option of `network`; throws CliError (exit 2) for bad input. */
export function parseNetworkSettings(args: ParsedArgs): NetworkSettings {
  if (args.positionals.length > 0) throw new CliError(`network takes options only, got '${args.positionals[0]}' (try taylor-lab --help)`);
  const get = (name: string, fallback: string) => args.values.get(name) ?? fallback;
  const model = args.values.get('model');
  if (model !== undefined) for (const option of ['hidden', 'activation']) if (args.values.has(option)) throw new CliError(`--${option} cannot be used with --model (the model fixes the architecture)`);
  const optimizer: OptimizerKind = oneOf(get('optimizer', 'adam'), OPTIMIZER_KINDS, 'optimizer');
  const lr = parseNumber(get('lr', optimizer === 'adam' ? '0.01' : '0.1'), '--lr');
  if (!(lr > 0)) throw new CliError(`--lr must be a number > 0, got '${get('lr', '')}'`);
  const momentum = parseNumber(get('momentum', '0.9'), '--momentum');
  if (!(momentum >= 0 && momentum < 1)) throw new CliError(`--momentum must be a number in [0, 1), got '${get('momentum', '')}'`);
  return {
    data: parseDataChoice(args),
    noise: nonNegative(get('noise', '0.1'), '--noise'),
    degree: parseIntegerInRange(get('degree', '4'), '--degree', 3, 6, 'for the Chebyshev target T_k'),
    hidden: parseHidden(get('hidden', '8,8')),
    activation: oneOf(get('activation', 'tanh'), ACTIVATIONS, 'activation'),
    weightDecay: nonNegative(get('weight-decay', '0'), '--weight-decay'),
    model,
    ...parseSchedule(args),
    seed: parseIntegerInRange(get('seed', '1'), '--seed', 0, 2 ** 31 - 1, 'for the data, the initialisation and the directions'),
    lr,
    optimizer,
    momentum,
    directions: oneOf(get('directions', 'filter'), DIRECTION_KINDS, 'directions'),
    save: args.values.get('save'),
  };
}

