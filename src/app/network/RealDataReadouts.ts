/**
 * What a network trained on real data shows beside its surface: the split and the stated objective,
 * the training and test scores at θ*, and, as the expansion point moves across the slice, the test
 * part at θ(a, b) = θ* + a d₁ + b d₂ — the grid of test images with predicted and true labels and
 * the confusion matrix — so "what does moving along d₁ do to the classifier?" has a picture.
 * Predictions run on the main thread in chunks (chunkedPredict.ts); the newest point wins.
 */
import type { PreparedData } from '../../core/data/catalog';
import type { PointModel } from '../../core/landscape/pointModel';
import type { Dataset } from '../../core/network/types';
import type { GridLandscape } from '../../compute/landscape/GridLandscape';
import type { TestImagesData } from '../../plots/TestImagesInset';
import type { PublishedNetwork } from './NetworkController';
import type { ObjectiveInfo } from './networkSettings';
import { outputsInChunks, scoresOf } from './chunkedPredict';
import { outputCount } from '../../core/network/mlp';

/** The run's description for the panel (null: a synthetic run, nothing to show). */
export interface RealRunInfo {
  readonly prepared: PreparedData;
  readonly objective: ObjectiveInfo;
  readonly seed: number;
  readonly steps: number;
  readonly modelName?: string;
  /** Whether the data/prediction inset can draw the run (one or two inputs, one output). */
  readonly planeInset: boolean;
}

/** The panel's side of the real-data readouts. */
export interface RealDataView {
  realRun(info: RealRunInfo | null): void;
  /** The training score at θ* (train given, test null), or the test score at a point (train null). */
  scores(at: string, train: number | null, test: number | null, task: 'classification' | 'regression'): void;
  examples(data: TestImagesData | null): void;
  confusion(matrix: number[][] | null, classNames: readonly string[], at: string): void;
}

/** Test images shown in the grid. */
const EXAMPLES = 24;
/** Wait after the last point move before predicting (a drag sends many). */
const POINT_DELAY_MS = 120;

/** The first `count` raw test images with their truth, for the grid. */
function exampleImages(p: PreparedData, count: number): { pixels: Float64Array; truth: Float64Array; maxValue: number } | null {
  if (!p.image || !p.rawTest) return null;
  const n = Math.min(count, p.rawTest.size);
  const pixels = p.rawTest.inputs.slice(0, n * p.rawTest.inputDim);
  let maxValue = 1;
  for (let k = 0; k < pixels.length; k++) maxValue = Math.max(maxValue, pixels[k]);
  return { pixels, truth: p.rawTest.targets.slice(0, n), maxValue: maxValue > 16 ? 255 : 16 };
}

/** Follows the published network and the point; renders into a RealDataView. */
export class RealDataReadouts {
  private network: PublishedNetwork | null = null;
  private token = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPoint = '';

  /** Subscribes to the controller's published networks and the app's point models. */
  constructor(
    network: { onPublished(listener: (n: PublishedNetwork) => void): () => void },
    host: { onPointModel(listener: (model: PointModel, landscape: GridLandscape) => void): unknown },
    private readonly view: RealDataView,
  ) {
    network.onPublished((n) => this.published(n));
    host.onPointModel((model, landscape) => {
      if (landscape.kind === 'network') this.point(model.x, model.y);
    });
  }

  private published(n: PublishedNetwork): void {
    const { settings } = n;
    this.network = settings.prepared ? n : null;
    this.lastPoint = '0,0';
    this.token++;
    if (!settings.prepared || !settings.objective) {
      this.view.realRun(null);
      return;
    }
    const planeInset = settings.data.inputDim <= 2 && outputCount(settings.spec) === 1;
    this.view.realRun({ prepared: settings.prepared, objective: settings.objective, seed: settings.seed, steps: n.steps, modelName: settings.modelName, planeInset });
    void this.evaluate(n.theta, 'θ*', true);
  }

  private point(a: number, b: number): void {
    const key = `${a},${b}`;
    if (!this.network || key === this.lastPoint) return;
    this.lastPoint = key;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const n = this.network;
      if (!n) return;
      const theta = new Float64Array(n.theta.length);
      for (let k = 0; k < theta.length; k++) theta[k] = n.theta[k] + a * n.d1[k] + b * n.d2[k];
      const at = a === 0 && b === 0 ? 'θ*' : `(a, b) = (${a.toPrecision(3)}, ${b.toPrecision(3)})`;
      void this.evaluate(theta, at, false);
    }, POINT_DELAY_MS);
  }

  /** The training score at θ*, on its own (a point move does not cancel it; a newer network does). */
  private async trainScore(n: PublishedNetwork, at: string): Promise<void> {
    const train: Dataset = n.settings.trainData ?? n.settings.data;
    const z = await outputsInChunks(n.settings.spec, n.theta, train, () => this.network !== n);
    if (z) this.view.scores(at, scoresOf(n.settings.spec, z, train).score, null, n.settings.spec.task);
  }

  /** Test (and at θ*, training) scores, the example grid and the confusion matrix at θ. */
  private async evaluate(theta: Float64Array, at: string, withTrain: boolean): Promise<void> {
    const n = this.network;
    if (!n?.settings.prepared) return;
    const token = ++this.token;
    const cancelled = () => token !== this.token;
    const { spec } = n.settings;
    const p = n.settings.prepared;
    const test = p.test;
    let testScores = null;
    if (test) {
      const z = await outputsInChunks(spec, theta, test, cancelled);
      if (!z) return;
      testScores = scoresOf(spec, z, test);
    }
    this.view.scores(at, null, testScores?.score ?? null, spec.task);
    if (withTrain) void this.trainScore(n, at);
    const names = p.classNames ?? Array.from({ length: testScores?.confusion?.length ?? 0 }, (_, k) => String(k));
    this.view.confusion(testScores?.confusion ?? null, names, at);
    const images = exampleImages(p, EXAMPLES);
    if (!images || !testScores?.predicted || !p.image) {
      this.view.examples(null);
      return;
    }
    this.view.examples({ rows: p.image.rows, cols: p.image.cols, pixels: images.pixels, maxValue: images.maxValue, predicted: testScores.predicted.slice(0, images.truth.length), truth: images.truth, classNames: names, at });
  }
}
