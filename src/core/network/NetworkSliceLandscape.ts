/**
 * A trained network's loss over a 2D slice of weight space as a landscape:
 * g(a, b) = L(θ* + a·d1 + b·d2). Values come from the float64 forward pass, coefficients from exact
 * float64 jets through the network and the loss (sliceJets.ts; one output, or K logits with the
 * softmax cross-entropy), so the point model, the breakdown
 * analysis and the critical points treat it exactly like a formula.
 */
import type { Landscape } from '../landscape/Landscape';
import { checkNetworkFits, networkLoss } from './mlp';
import { sliceLossCoefficients } from './sliceJets';
import type { Dataset, NetworkSpec } from './types';

/** Optional naming of a network slice: the data set's name for the default label, or a whole label. */
export interface NetworkSliceNames {
  readonly dataName?: string;
  readonly label?: string;
}

/** FNV-1a over the bytes of some float64 arrays: a short fingerprint for the cache key. */
function fingerprint(arrays: readonly ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  for (const values of arrays) {
    const bytes = new Uint8Array(Float64Array.from(values).buffer);
    for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The loss of a network along θ* + a·d1 + b·d2, as a Landscape of (a, b). */
export class NetworkSliceLandscape implements Landscape {
  readonly kind = 'network' as const;
  readonly key: string;
  readonly label: string;
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly thetaStar: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  private readonly point: Float64Array;

  /** Copies the parameters and directions; throws RangeError when their lengths or the data do not fit the spec. */
  constructor(spec: NetworkSpec, data: Dataset, thetaStar: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>, names: NetworkSliceNames = {}) {
    checkNetworkFits(spec, thetaStar, data);
    if (d1.length !== thetaStar.length || d2.length !== thetaStar.length) {
      throw new RangeError(`directions must have ${thetaStar.length} entries like θ*, got ${d1.length} and ${d2.length}`);
    }
    this.spec = spec;
    this.data = data;
    this.thetaStar = Float64Array.from(thetaStar);
    this.d1 = Float64Array.from(d1);
    this.d2 = Float64Array.from(d2);
    this.point = new Float64Array(thetaStar.length);
    const shape = `${spec.widths.join('-')} ${spec.activation} MLP`;
    this.label = names.label ?? `loss of a ${shape}${names.dataName === undefined ? '' : ` on ${names.dataName}`}`;
    const print = fingerprint([data.inputs, data.targets, this.thetaStar, this.d1, this.d2]);
    this.key = `network:${spec.widths.join('-')}:${spec.activation}:${spec.task}:wd=${spec.weightDecay}:${print}`;
  }

  /** The parameters θ* + a·d1 + b·d2 of the slice point (a, b), as a new array. */
  parametersAt(a: number, b: number): Float64Array {
    const theta = new Float64Array(this.thetaStar.length);
    for (let k = 0; k < theta.length; k++) theta[k] = this.thetaStar[k] + a * this.d1[k] + b * this.d2[k];
    return theta;
  }

  /** The training loss at θ* + a·d1 + b·d2. */
  value(a: number, b: number): number {
    const theta = this.point;
    for (let k = 0; k < theta.length; k++) theta[k] = this.thetaStar[k] + a * this.d1[k] + b * this.d2[k];
    return networkLoss(this.spec, theta, this.data);
  }

  /** Exact Taylor coefficients of the slice at (a, b) by float64 jets; throws RangeError for an order outside [0, 20]. */
  coefficients(a: number, b: number, order: number): Float64Array {
    return sliceLossCoefficients(this.spec, this.data, this.thetaStar, this.d1, this.d2, a, b, order);
  }
}
