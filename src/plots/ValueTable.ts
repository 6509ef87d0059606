import { formatSignificant, sameNumbers } from './chartMath';
import { chartFont, setText, styleRoot, themeColors, type ChartTheme, DEFAULT_THEME } from './chartTheme';
import { orderColor, TRUE_FUNCTION_COLOR } from './orderColors';

/** Input of ValueTable.update: f and each order's approximation at the same points. */
export interface ValueTableData {
  readonly points: readonly number[];
  readonly f: readonly number[];
  readonly approx: readonly { readonly order: number; readonly values: readonly number[] }[];
}

/** Options of ValueTable: font size and theme. */
export interface ValueTableOptions {
  readonly fontSize?: number;
  readonly dark?: boolean;
}

/**
 * A plain <table> of x | f(x) | T1 | T2 ... at chosen points, ten significant digits (the lessons' exact decimals such as 1.953125 stay exact). Every body
 * cell carries data-row (point index), data-col ("x", "f" or "T<k>"), data-x (the formatted point),
 * data-value (the full-precision number) and, for Taylor columns, data-order, so tests can select
 * e.g. td[data-order="1"][data-x="0.5"].
 */
export class ValueTable {
  /** The <table> element inside the container. */
  readonly element: HTMLTableElement;
  private theme: ChartTheme;
  private shape = { rows: -1, orders: [] as number[] };

  /** Creates an empty table in the container; call update() with data. */
  constructor(container: HTMLElement, opts?: ValueTableOptions) {
    this.theme = {
      dark: opts?.dark ?? DEFAULT_THEME.dark,
      fontSize: opts?.fontSize && opts.fontSize > 0 ? opts.fontSize : DEFAULT_THEME.fontSize,
    };
    this.element = container.ownerDocument.createElement('table');
    this.element.className = 'taylor-value-table';
    container.append(this.element);
    this.applyTheme();
  }

  /** Shows new values; rebuilds the rows only when the number of points or the orders change. */
  update(data: ValueTableData): void {
    const orders = data.approx.map((a) => a.order);
    if (this.shape.rows !== data.points.length || !sameNumbers(this.shape.orders, orders)) {
      this.shape = { rows: data.points.length, orders };
      this.build(orders, data.points.length);
    }
    const body = this.element.tBodies[0];
    data.points.forEach((x, i) => {
      const cells = body.rows[i].cells;
      const xText = formatSignificant(x);
      fillCell(cells[0], x, xText);
      fillCell(cells[1], data.f[i], xText);
      data.approx.forEach((a, j) => fillCell(cells[j + 2], a.values[i], xText));
    });
  }

  /** Switches between dark and light and changes the font size. */
  setTheme(theme: ChartTheme): void {
    this.theme = { dark: theme.dark, fontSize: theme.fontSize > 0 ? theme.fontSize : this.theme.fontSize };
    this.applyTheme();
  }

  /** Removes the table from the page. */
  dispose(): void {
    this.element.remove();
  }

  private applyTheme(): void {
    const t = this.element;
    styleRoot(t, this.theme);
    t.style.borderCollapse = 'collapse';
    t.style.fontVariantNumeric = 'tabular-nums';
    const grid = themeColors(this.theme).grid;
    for (const cell of t.querySelectorAll<HTMLElement>('th, td')) styleCell(cell, grid, this.theme.fontSize);
  }

  private build(orders: readonly number[], rows: number): void {
    const doc = this.element.ownerDocument;
    const head = doc.createElement('thead');
    const hr = head.insertRow();
    addHeader(hr, 'x', 'x', null);
    addHeader(hr, 'f', 'f(x)', TRUE_FUNCTION_COLOR);
    for (const k of orders) {
      const th = addHeader(hr, `T${k}`, 'T', orderColor(k));
      th.dataset.order = String(k);
      const sub = doc.createElement('sub');
      sub.textContent = String(k);
      th.append(sub);
    }
    const body = doc.createElement('tbody');
    for (let i = 0; i < rows; i++) {
      const tr = body.insertRow();
      tr.dataset.row = String(i);
      addCell(tr, i, 'x', null);
      addCell(tr, i, 'f', null);
      for (const k of orders) addCell(tr, i, `T${k}`, k);
    }
    this.element.replaceChildren(head, body);
    this.applyTheme();
  }
}

function addHeader(tr: HTMLTableRowElement, col: string, text: string, color: string | null): HTMLElement {
  const th = tr.ownerDocument.createElement('th');
  th.dataset.col = col;
  th.textContent = text;
  if (color) th.style.borderBottom = `3px solid ${color}`;
  tr.append(th);
  return th;
}

function addCell(tr: HTMLTableRowElement, row: number, col: string, order: number | null): void {
  const td = tr.insertCell();
  td.dataset.row = String(row);
  td.dataset.col = col;
  if (order !== null) td.dataset.order = String(order);
}

function fillCell(td: HTMLTableCellElement | undefined, value: number | undefined, xText: string): void {
  if (!td) return;
  const v = value ?? NaN;
  setText(td, formatSignificant(v, 10));
  if (td.dataset.x !== xText) td.dataset.x = xText;
  const raw = String(v);
  if (td.dataset.value !== raw) td.dataset.value = raw;
}

function styleCell(cell: HTMLElement, grid: string, fontSize: number): void {
  cell.style.padding = `${Math.round(fontSize * 0.25)}px ${Math.round(fontSize * 0.6)}px`;
  cell.style.textAlign = 'right';
  cell.style.font = chartFont(fontSize, cell.tagName === 'TH');
  cell.style.borderTop = cell.tagName === 'TD' ? `1px solid ${grid}` : cell.style.borderTop;
}
