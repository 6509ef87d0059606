/**
 * The DOM of the network panel's data section: the split and objective lines, the CSV box (file
 * picker, drop zone, target and task menus, the message line, the limits), the model box (file
 * picker for model.json and its weight files) and the scores with the pictures. Built once; the
 * DataSourcePanel fills it.
 */
import { CSV_LIMITS_TEXT, CSV_LINK_NOTE, MODEL_LINK_NOTE } from './dataSourcePresenters';

/** The elements the panel writes to or listens on. */
export interface DataSourceElements {
  readonly root: HTMLElement;
  readonly split: HTMLElement;
  readonly objective: HTMLElement;
  readonly csvBox: HTMLElement;
  readonly csvFile: HTMLInputElement;
  readonly csvDrop: HTMLElement;
  readonly csvTarget: HTMLSelectElement;
  readonly csvTask: HTMLSelectElement;
  readonly csvMessage: HTMLElement;
  readonly modelFiles: HTMLInputElement;
  readonly modelMessage: HTMLElement;
  readonly modelTrain: HTMLInputElement;
  readonly modelForget: HTMLButtonElement;
  readonly scores: HTMLElement;
  readonly trainScore: HTMLElement;
  readonly testScore: HTMLElement;
  readonly pictures: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; testid?: string; readout?: string; text?: string } = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.testid) e.dataset.testid = props.testid;
  if (props.readout) e.dataset.readout = props.readout;
  if (props.text) e.textContent = props.text;
  return e;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = el('label', { className: 'data-control' });
  label.append(`${text} `, control);
  return label;
}

function csvBox(): Pick<DataSourceElements, 'csvBox' | 'csvFile' | 'csvDrop' | 'csvTarget' | 'csvTask' | 'csvMessage'> {
  const box = el('div', { className: 'csv-box', testid: 'csv-box' });
  const file = el('input', { testid: 'csv-file' });
  file.type = 'file';
  file.accept = '.csv,.tsv,.txt,text/csv,text/plain';
  const drop = el('div', { className: 'drop-zone', testid: 'csv-drop', text: 'or drop a CSV file here' });
  drop.tabIndex = 0;
  drop.setAttribute('aria-label', 'drop zone for a CSV file');
  const target = el('select', { testid: 'csv-target' });
  const task = el('select', { testid: 'csv-task' });
  for (const t of ['classification', 'regression']) task.append(new Option(t, t));
  const message = el('p', { className: 'data-message', readout: 'csv-message' });
  message.setAttribute('role', 'status');
  const limits = el('p', { className: 'data-note', readout: 'csv-limits', text: `${CSV_LIMITS_TEXT} ${CSV_LINK_NOTE}` });
  box.append(labelled('CSV file', file), drop, labelled('target column', target), labelled('task', task), message, limits);
  return { csvBox: box, csvFile: file, csvDrop: drop, csvTarget: target, csvTask: task, csvMessage: message };
}

function modelBox(): { box: HTMLElement } & Pick<DataSourceElements, 'modelFiles' | 'modelMessage' | 'modelTrain' | 'modelForget'> {
  const box = el('details', { className: 'model-box', testid: 'model-box' });
  const summary = el('summary', { text: 'Your own model (tfjs Layers: model.json + weight files)' });
  const files = el('input', { testid: 'model-files' });
  files.type = 'file';
  files.multiple = true;
  files.accept = '.json,.bin,application/json,application/octet-stream';
  const message = el('p', { className: 'data-message', readout: 'model-message' });
  message.setAttribute('role', 'status');
  const train = el('input', { testid: 'model-train' });
  train.type = 'checkbox';
  const forget = el('button', { testid: 'model-forget', text: 'train the panel’s network instead' });
  forget.type = 'button';
  const note = el('p', { className: 'data-note', text: `Dense layers with tanh, sigmoid, softplus or ReLU; a linear, sigmoid or softmax output. Its weights become θ*; it is not trained unless you ask. ${MODEL_LINK_NOTE}` });
  box.append(summary, labelled('model.json and weights', files), message, labelled('train it further (steps or epochs above)', train), forget, note);
  return { box, modelFiles: files, modelMessage: message, modelTrain: train, modelForget: forget };
}

/** Builds the section's elements (not yet in the document). */
export function buildDataSourceDom(): DataSourceElements {
  const root = el('div', { className: 'network-data', testid: 'network-data' });
  const split = el('p', { className: 'data-line', readout: 'data-split' });
  const objective = el('p', { className: 'data-line', readout: 'objective' });
  const csv = csvBox();
  const model = modelBox();
  const scores = el('dl', { className: 'readouts data-scores' });
  const row = (label: string, key: string): HTMLElement => {
    const dd = el('dd', { readout: key, text: '–' });
    scores.append(el('dt', { text: label }), dd);
    return dd;
  };
  const trainScore = row('training accuracy at θ*', 'train-accuracy');
  const testScore = row('test accuracy', 'test-accuracy');
  const pictures = el('div', { className: 'network-pictures' });
  root.append(split, objective, csv.csvBox, model.box, scores, pictures);
  return { root, split, objective, ...csv, ...model, scores, trainScore, testScore, pictures };
}
