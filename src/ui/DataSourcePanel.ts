/**
 * The network panel's real-data part: lil-gui controls for the Chebyshev degree, the batch size,
 * epochs and the objective's subset, and a sidebar block with the split and objective lines, the
 * CSV box (file picker or drop, target and task, the core's messages, the limits), the model box
 * (model.json + weight files, the importer's messages), the training and test scores and, for
 * image data, the test images and confusion matrix at the point. Files stay in this page
 * (UserFiles); the state only names them, so a link says what it cannot carry.
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { LabState } from '../state/schema';
import type { Store } from '../state/Store';
import { ConfusionMatrix } from '../plots/ConfusionMatrix';
import { TestImagesInset, type TestImagesData } from '../plots/TestImagesInset';
import type { RealDataView, RealRunInfo } from '../app/network/RealDataReadouts';
import { UserFiles } from './UserFiles';
import { buildDataSourceDom, type DataSourceElements } from './dataSourceDom';
import * as P from './dataSourcePresenters';
import './dataSource.css';

/** What the data section asks of the app: train again when a file changes but the state does not. */
export interface DataSourceActions {
  retrain(): void;
}

/** The real-data controls and readouts; renders what the controller's RealDataReadouts give it. */
export class DataSourcePanel implements RealDataView {
  /** The user's files in this page. */
  readonly files = new UserFiles();
  /** The sidebar block (data-testid="network-data"). */
  readonly dom: DataSourceElements;
  private readonly controllers: Controller[] = [];
  private readonly degree: Controller;
  private readonly mirror: Record<string, unknown>;
  private images: TestImagesInset | null = null;
  private readonly matrix: ConfusionMatrix;

  /** Adds the controls to the network folder and the block after `after` in the network section. */
  constructor(folder: GUI, after: Element, private readonly store: Store, private readonly actions: DataSourceActions) {
    this.mirror = { ...store.get() };
    this.degree = this.number(folder, 'netDegree', 'Chebyshev degree k', 3, 6);
    this.number(folder, 'netBatch', 'batch size (0: full batch)', 0, 20_000);
    this.number(folder, 'netEpochs', 'epochs (0: use steps)', 0, 1000);
    this.number(folder, 'netObjective', 'objective samples (0: all)', 0, 20_000);
    this.dom = buildDataSourceDom();
    after.after(this.dom.root);
    this.matrix = new ConfusionMatrix(this.dom.pictures);
    this.matrix.canvas.hidden = true;
    this.wire();
    this.realRun(null);
    store.subscribe(() => this.sync());
    this.sync();
  }

  /** The run's split and objective (null: a synthetic run, the lines are hidden). */
  realRun(info: RealRunInfo | null): void {
    const shown = info !== null;
    for (const e of [this.dom.split, this.dom.objective, this.dom.scores]) e.hidden = !shown;
    // The decision-region inset has nothing to draw for images or K classes: the pictures below replace it.
    const inset = this.dom.root.parentElement?.querySelector<HTMLElement>('canvas.network-inset');
    if (inset) inset.hidden = info !== null && !info.planeInset;
    if (!info) {
      this.examples(null);
      this.confusion(null, [], '');
      return;
    }
    const model = info.modelName ? ` θ* from ${info.modelName}${info.steps > 0 ? `, trained ${info.steps} steps` : ', as loaded (not trained)'}.` : '';
    this.dom.split.textContent = `${info.prepared.label}: ${P.splitText(info.prepared)}${model}`;
    this.dom.objective.textContent = P.objectiveText(info.objective, info.seed);
    this.dom.objective.dataset.size = String(info.objective.size);
    this.dom.trainScore.previousElementSibling!.textContent = info.prepared.train.task === 'classification' ? 'training accuracy at θ*' : 'training R² at θ*';
  }

  /** The training score at θ* (when `train` is given), else the test score at `at`. */
  scores(at: string, train: number | null, test: number | null, task: 'classification' | 'regression'): void {
    if (train !== null) {
      this.dom.trainScore.textContent = P.scoreText(train, task);
      return;
    }
    this.dom.testScore.textContent = test === null ? 'no test part' : `${P.scoreText(test, task)} at ${at}`;
    this.dom.testScore.dataset.value = test === null ? '' : String(test);
    this.dom.testScore.dataset.at = at;
  }

  /** The test-image grid at the point (null hides it). */
  examples(data: TestImagesData | null): void {
    if (data && !this.images) {
      this.images = new TestImagesInset(this.dom.pictures);
      this.dom.pictures.prepend(this.images.canvas);
    }
    if (!this.images) return;
    this.images.canvas.hidden = data === null;
    if (data) this.images.update(data);
  }

  /** The confusion matrix at the point (null hides it). */
  confusion(matrix: number[][] | null, classNames: readonly string[], at: string): void {
    this.matrix.canvas.hidden = matrix === null;
    if (matrix) this.matrix.update(matrix, classNames, at);
  }

  private number(folder: GUI, key: keyof LabState, label: string, min: number, max: number): Controller {
    const c = folder.add(this.mirror, key, min, max, 1).name(label);
    c.onFinishChange((v: unknown) => {
      const value = Math.round(Number(v));
      if (Number.isFinite(value)) this.store.set({ [key]: Math.min(max, Math.max(min, value)) } as Partial<LabState>);
    });
    this.controllers.push(c);
    return c;
  }

  private wire(): void {
    const d = this.dom;
    d.csvFile.addEventListener('change', () => void this.csvChosen(d.csvFile.files?.[0]));
    d.csvDrop.addEventListener('dragover', (e) => {
      e.preventDefault();
      d.csvDrop.dataset.over = 'true';
    });
    d.csvDrop.addEventListener('dragleave', () => delete d.csvDrop.dataset.over);
    d.csvDrop.addEventListener('drop', (e) => {
      e.preventDefault();
      delete d.csvDrop.dataset.over;
      void this.csvChosen(e.dataTransfer?.files[0]);
    });
    d.csvTarget.addEventListener('change', () => this.setTarget(d.csvTarget.value, this.store.get().netCsvTask));
    d.csvTask.addEventListener('change', () => this.setTarget(this.store.get().netCsvTarget, d.csvTask.value as LabState['netCsvTask']));
    d.modelFiles.addEventListener('change', () => void this.modelChosen(Array.from(d.modelFiles.files ?? [])));
    d.modelTrain.addEventListener('change', () => this.store.set({ netModelTrain: d.modelTrain.checked }));
    d.modelForget.addEventListener('click', () => {
      this.files.setModel(null);
      this.store.set({ netModelName: '' });
      this.message(d.modelMessage, '', 'info');
    });
  }

  /** Applies a patch; when it changes nothing (the same file chosen again), trains again. */
  private apply(patch: Partial<LabState>): void {
    const before = this.store.get();
    const changed = Object.entries(patch).some(([k, v]) => before[k as keyof LabState] !== v);
    this.store.set(patch);
    if (!changed) this.actions.retrain();
  }

  private async csvChosen(file: File | undefined): Promise<void> {
    if (!file) return;
    const result = file.size > P.CSV_MAX_FILE_BYTES ? { error: P.csvTooLarge(file.name, file.size) } : P.loadCsvText(file.name, await file.text(), file.size);
    if ('error' in result) {
      this.message(this.dom.csvMessage, `${result.error}. The previous data stays.`, 'error');
      return;
    }
    this.files.setCsv(result.csv);
    const s = this.store.get();
    const keep = s.netCsvName === result.csv.name && P.csvTargetProblem(result.csv.table, s.netCsvTarget, s.netCsvTask) === null;
    const options = P.csvTargetOptions(result.csv.table);
    const target = keep ? s.netCsvTarget : Object.values(options)[result.csv.table.columns - 1];
    this.apply({ netData: 'csv', netCsvName: result.csv.name, netCsvTarget: target, netCsvTask: s.netCsvTask });
    this.sync();
  }

  private setTarget(target: string, task: LabState['netCsvTask']): void {
    this.store.set({ netCsvTarget: target, netCsvTask: task });
  }

  private async modelChosen(list: File[]): Promise<void> {
    if (list.length === 0) return;
    const files = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
    const result = P.loadModelFiles(files);
    if ('error' in result) {
      this.message(this.dom.modelMessage, `${result.error}. Nothing changed.`, 'error');
      return;
    }
    this.files.setModel(result.model);
    this.message(this.dom.modelMessage, P.modelSummary(result.model), 'info');
    const data = P.dataForModel(result.model, this.store.get().netData, this.files);
    this.apply({ netModelName: result.model.name, ...(data ? { netData: data } : {}) });
  }

  private message(target: HTMLElement, text: string, kind: 'info' | 'error'): void {
    target.textContent = text;
    target.dataset.kind = kind;
    target.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }

  private sync(): void {
    const s = this.store.get();
    Object.assign(this.mirror, s);
    for (const c of this.controllers) c.updateDisplay();
    this.degree.show(s.netData === 'chebyshev');
    const d = this.dom;
    d.csvBox.hidden = s.netData !== 'csv';
    d.modelTrain.checked = s.netModelTrain;
    d.modelForget.hidden = s.netModelName === '';
    const csv = this.files.csv;
    const options = csv ? P.csvTargetOptions(csv.table) : {};
    if (d.csvTarget.dataset.file !== (csv?.fingerprint ?? '')) {
      d.csvTarget.replaceChildren(...Object.entries(options).map(([label, value]) => new Option(label, value)));
      d.csvTarget.dataset.file = csv?.fingerprint ?? '';
    }
    d.csvTarget.value = s.netCsvTarget;
    d.csvTask.value = s.netCsvTask;
    if (s.netData !== 'csv') return;
    const problem = csv ? P.csvTargetProblem(csv.table, s.netCsvTarget, s.netCsvTask) : null;
    if (!csv) this.message(d.csvMessage, s.netCsvName ? `This link names ${s.netCsvName}: choose that file to rebuild the run (a link cannot carry it).` : 'Choose a CSV file (or drop one on the box).', 'info');
    else this.message(d.csvMessage, problem ? `${csv.name}: ${problem}` : P.csvSummary(csv), problem ? 'error' : 'info');
  }
}
