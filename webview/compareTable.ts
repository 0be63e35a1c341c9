// The Compare Models table, rendered virtually: the scroll box is as tall as all rows, but only the
// rows in view (plus a few either side) are in the DOM, so 1,000 models scroll smoothly. Headers
// sort (aria-sort), a checkbox per row selects, the model name opens its results.
import { COMPARISON_COLUMNS, type CompareRow, type ComparisonColumnKey, type SortDirection } from '../src/protocol/comparePanel';
import { formatPercent, pythonFloat } from '../src/protocol/resultsPanel';
import { h } from './dom';

/** Row height in px; media/compare.css fixes rows to exactly this. */
export const ROW_HEIGHT = 28;
const OVERSCAN = 8;

interface Column {
  readonly key: ComparisonColumnKey;
  readonly title: string;
  readonly numeric: boolean;
  text(row: CompareRow): string;
  tip?(row: CompareRow): string | undefined;
}

const num = (v: number | string | undefined) => (v === undefined ? '' : typeof v === 'number' ? pythonFloat(v) : v);
const title = (key: ComparisonColumnKey) => COMPARISON_COLUMNS.find((c) => c.key === key)?.title ?? key;

function created(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function dataText(r: CompareRow): string {
  if (!r.dataSource) return '';
  if (r.dataSource === 'iris' || !r.dataPath) return r.dataSource;
  return `${r.dataSource}: ${r.dataPath.split('/').pop() ?? r.dataPath}`;
}

export const COLUMNS: readonly Column[] = [
  // The accuracies and the swept parameters first: they are what a comparison is about.
  { key: 'name', title: title('name'), numeric: false, text: (r) => r.name, tip: (r) => r.dir },
  { key: 'validAccuracy', title: 'Valid acc.', numeric: true, text: (r) => (r.validAccuracy === undefined ? '' : formatPercent(r.validAccuracy)), tip: (r) => num(r.validAccuracy) },
  { key: 'trainAccuracy', title: 'Train acc.', numeric: true, text: (r) => (r.trainAccuracy === undefined ? '' : formatPercent(r.trainAccuracy)), tip: (r) => num(r.trainAccuracy) },
  { key: 'C', title: 'C', numeric: true, text: (r) => num(r.C) },
  { key: 'gamma', title: 'gamma', numeric: true, text: (r) => num(r.gamma) },
  { key: 'kernel', title: 'Kernel', numeric: false, text: (r) => r.kernel ?? '' },
  { key: 'seed', title: 'Seed', numeric: true, text: (r) => (r.seed === undefined ? '' : String(r.seed)) },
  { key: 'layout', title: title('layout'), numeric: false, text: (r) => r.layout ?? '' },
  { key: 'dataSource', title: 'Data', numeric: false, text: dataText, tip: (r) => r.dataPath },
  { key: 'dataRows', title: 'Rows', numeric: true, text: (r) => (r.dataRows === undefined ? '' : String(r.dataRows)) },
  { key: 'trainSize', title: 'Train rows', numeric: true, text: (r) => (r.trainSize === undefined ? '' : String(r.trainSize)) },
  { key: 'created', title: title('created'), numeric: false, text: (r) => created(r.created), tip: (r) => r.created },
  { key: 'status', title: 'Status', numeric: false, text: (r) => r.status, tip: (r) => r.error },
];

export interface TableCallbacks {
  onSort(key: ComparisonColumnKey): void;
  onToggle(id: string, checked: boolean): void;
  onOpen(id: string): void;
}

export class VirtualTable {
  readonly root: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly head: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  private rows: readonly CompareRow[] = [];
  private selected: ReadonlySet<string> = new Set();
  private frame = 0;
  private rendered = '';

  constructor(private readonly callbacks: TableCallbacks) {
    this.head = h('tr', { 'aria-rowindex': '1' });
    this.body = h('tbody', { id: 'rows' });
    this.table = h('table', { id: 'models', class: 'models', 'aria-label': 'Saved models' }, h('thead', {}, this.head), this.body);
    this.scroller = h('div', { id: 'table-scroll', class: 'table-scroll', tabindex: '0' }, this.table);
    this.root = this.scroller;
    this.scroller.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
    this.body.addEventListener('change', (e) => {
      const box = e.target as HTMLInputElement;
      const id = box.closest('tr')?.getAttribute('data-id');
      if (id && box.type === 'checkbox') callbacks.onToggle(id, box.checked);
    });
    this.body.addEventListener('click', (e) => {
      const link = (e.target as HTMLElement).closest('button.open');
      const id = link?.closest('tr')?.getAttribute('data-id');
      if (id) callbacks.onOpen(id);
    });
  }

  setHeader(sortKey: ComparisonColumnKey, direction: SortDirection): void {
    const cells: HTMLElement[] = [h('th', { class: 'select', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Selected'))];
    for (const c of COLUMNS) {
      const sorted = c.key === sortKey;
      const button = h('button', { class: 'sort', type: 'button', 'data-key': c.key, title: `Sort by ${title(c.key).toLowerCase()}` }, c.title, h('span', { class: 'arrow', 'aria-hidden': 'true' }, sorted ? (direction === 'asc' ? '▲' : '▼') : ''));
      button.addEventListener('click', () => this.callbacks.onSort(c.key));
      cells.push(h('th', { scope: 'col', 'data-key': c.key, class: c.numeric ? 'num' : '', 'aria-sort': sorted ? (direction === 'asc' ? 'ascending' : 'descending') : 'none' }, button));
    }
    this.head.replaceChildren(...cells);
  }

  /** New rows (already sorted and filtered) or a new selection: redraw what is in view. */
  setRows(rows: readonly CompareRow[], selected: ReadonlySet<string>): void {
    this.rows = rows;
    this.selected = selected;
    this.table.setAttribute('aria-rowcount', String(rows.length + 1));
    this.rendered = '';
    this.render();
  }

  /** Scrolls so that the row with this id is visible. */
  reveal(id: string): void {
    const i = this.rows.findIndex((r) => r.id === id);
    if (i < 0) return;
    const top = i * ROW_HEIGHT;
    const view = this.scroller.clientHeight - ROW_HEIGHT * 2;
    if (top < this.scroller.scrollTop || top > this.scroller.scrollTop + view) this.scroller.scrollTop = Math.max(0, top - ROW_HEIGHT * 2);
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    // The box grows with its rows up to a maximum: size the window for the largest it can be.
    const visible = Math.ceil(Math.max(this.scroller.clientHeight, window.innerHeight) / ROW_HEIGHT);
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, first + visible + OVERSCAN * 2);
    const key = `${first}:${last}`;
    if (key === this.rendered) return;
    this.rendered = key;
    const out: HTMLElement[] = [spacer(first * ROW_HEIGHT)];
    for (let i = first; i < last; i++) out.push(this.rowElement(this.rows[i]!, i));
    out.push(spacer((this.rows.length - last) * ROW_HEIGHT));
    if (this.rows.length === 0) out.splice(1, 0, h('tr', { class: 'empty' }, h('td', { colspan: String(COLUMNS.length + 1) }, 'No saved model matches.')));
    this.body.replaceChildren(...out);
  }

  private rowElement(r: CompareRow, i: number): HTMLElement {
    const checked = this.selected.has(r.id);
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${r.name}` });
    box.checked = checked;
    const cells: HTMLElement[] = [h('td', { class: 'select' }, box)];
    for (const c of COLUMNS) {
      const tip = c.tip?.(r);
      const attrs: Record<string, string> = { class: `${c.numeric ? 'num' : ''} col-${c.key}`.trim() };
      if (tip) attrs.title = tip;
      let content: Node | string = c.text(r);
      if (c.key === 'name') content = h('button', { class: 'open', type: 'button', title: `Show the results of ${r.name}` }, r.name);
      const cell = h('td', attrs, content);
      if (c.key === 'validAccuracy' && r.best) cell.append(h('span', { class: 'best-mark', title: 'Best validation accuracy' }, ' ★'));
      if (c.key === 'status') cell.setAttribute('data-status', r.status);
      cells.push(cell);
    }
    const cls = ['model-row', r.best ? 'best' : '', checked ? 'selected' : '', r.status === 'damaged' ? 'damaged' : ''].filter(Boolean).join(' ');
    return h('tr', { class: cls, 'data-id': r.id, 'aria-rowindex': String(i + 2) }, ...cells);
  }
}

function spacer(height: number): HTMLElement {
  const tr = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
  // CSSOM, not a style attribute: allowed by the CSP (style-src without 'unsafe-inline').
  tr.style.height = `${height}px`;
  return tr;
}
