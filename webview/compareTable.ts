// The Compare Models table, rendered virtually: the scroll box is as tall as all rows, but only the
// rows in view (plus a few either side) are in the DOM, so 1,000 models scroll smoothly. Headers
// sort (aria-sort), a checkbox per row selects, a toggle sets the baseline (then metric and
// parameter cells show their delta against it, DVC-style), the model name opens its results.
// Focus stays on the control the user is on through every re-render, and ↑/↓/PageUp/PageDown/
// Home/End move it between rows (rendering rows that were out of view).
import { COMPARISON_COLUMNS, baselineDelta, dataText, kernelUses, type CompareRow, type ComparisonColumnKey, type SortDirection } from '../src/protocol/comparePanel';
import { formatPercent, pythonFloat } from '../src/protocol/resultsPanel';
import { h, refocus } from './dom';

/** Row height in px; media/compare.css fixes rows to exactly this. */
export const ROW_HEIGHT = 28;
const OVERSCAN = 8;
const PERCENT = 100;

interface Column {
  readonly key: ComparisonColumnKey;
  readonly title: string;
  readonly numeric: boolean;
  text(row: CompareRow): string;
  tip?(row: CompareRow): string | undefined;
}

const num = (v: number | string | undefined) => (v === undefined ? '' : typeof v === 'number' ? pythonFloat(v) : v);
const int = (v: number | undefined) => (v === undefined ? '' : String(v));
const pct = (v: number | undefined) => (v === undefined ? '' : formatPercent(v));
const title = (key: ComparisonColumnKey) => COMPARISON_COLUMNS.find((c) => c.key === key)?.title ?? key;

function created(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Every column the table can show, in display order: the metrics and swept parameters first. */
export const COLUMNS: readonly Column[] = [
  { key: 'name', title: title('name'), numeric: false, text: (r) => r.name, tip: (r) => r.dir },
  { key: 'folder', title: title('folder'), numeric: false, text: (r) => r.folder ?? '' },
  { key: 'validAccuracy', title: 'Valid acc.', numeric: true, text: (r) => pct(r.validAccuracy), tip: (r) => num(r.validAccuracy) },
  { key: 'trainAccuracy', title: 'Train acc.', numeric: true, text: (r) => pct(r.trainAccuracy), tip: (r) => num(r.trainAccuracy) },
  { key: 'cvMean', title: 'CV mean', numeric: true, text: (r) => pct(r.cvMean), tip: (r) => num(r.cvMean) },
  { key: 'cvStd', title: 'CV std', numeric: true, text: (r) => (r.cvStd === undefined ? '' : (r.cvStd * PERCENT).toFixed(2)), tip: (r) => num(r.cvStd) },
  { key: 'cvRank', title: 'CV rank', numeric: true, text: (r) => int(r.cvRank) },
  { key: 'C', title: 'C', numeric: true, text: (r) => num(r.C) },
  { key: 'gamma', title: 'gamma', numeric: true, text: (r) => (kernelUses(r.kernel, 'gamma') ? num(r.gamma) : '') },
  { key: 'kernel', title: 'Kernel', numeric: false, text: (r) => r.kernel ?? '' },
  { key: 'degree', title: 'degree', numeric: true, text: (r) => (kernelUses(r.kernel, 'degree') ? int(r.degree) : '') },
  { key: 'coef0', title: 'coef0', numeric: true, text: (r) => (kernelUses(r.kernel, 'coef0') ? num(r.coef0) : '') },
  { key: 'seed', title: 'Seed', numeric: true, text: (r) => int(r.seed) },
  { key: 'layout', title: title('layout'), numeric: false, text: (r) => r.layout ?? '' },
  { key: 'dataSource', title: 'Data', numeric: false, text: dataText, tip: (r) => r.dataPath },
  { key: 'dataRows', title: 'Rows', numeric: true, text: (r) => int(r.dataRows) },
  { key: 'trainSize', title: 'Train rows', numeric: true, text: (r) => int(r.trainSize) },
  { key: 'created', title: title('created'), numeric: false, text: (r) => created(r.created), tip: (r) => r.created },
  { key: 'status', title: 'Status', numeric: false, text: (r) => r.status, tip: (r) => r.error },
];

/** How a cell's delta against the baseline reads: metrics in percentage points, parameters as DVC shows them. */
function deltaText(row: CompareRow, baseline: CompareRow, key: ComparisonColumnKey): { text: string; label: string; same?: true } | undefined {
  const d = baselineDelta(row, baseline, key);
  if (!d || row === baseline) return undefined;
  const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
  if (d.kind === 'metric') {
    if (d.delta === undefined) return d.changed ? { text: '≠', label: `baseline has ${d.baselineText || 'none'}` } : undefined;
    const pp = Math.abs(d.delta * PERCENT).toFixed(2);
    return { text: `${sign(d.delta)}${pp}`, label: `${sign(d.delta)}${pp} percentage points against the baseline (${d.baselineText})`, ...(d.delta === 0 ? { same: true as const } : {}) };
  }
  if (!d.changed) return undefined;
  if (d.delta !== undefined) return { text: `${sign(d.delta)}${pythonFloat(Math.abs(d.delta))}`, label: `baseline: ${d.baselineText}` };
  return { text: '≠', label: `baseline: ${d.baselineText || 'none'}` };
}

export interface TableCallbacks {
  onSort(key: ComparisonColumnKey): void;
  onToggle(id: string, checked: boolean): void;
  onBaseline(id: string): void;
  onOpen(id: string): void;
}

/** Which control of a row had focus (data-focus attribute). */
type FocusRole = 'select' | 'baseline' | 'open';

export class VirtualTable {
  readonly root: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly head: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  private columns: readonly Column[] = COLUMNS;
  private headerKey = '';
  private rows: readonly CompareRow[] = [];
  private selected: ReadonlySet<string> = new Set();
  private baseline: CompareRow | undefined;
  /** What the table says when it has no row: no models at all, or none the filter keeps. */
  private emptyText = '';
  private frame = 0;
  private rendered = '';

  constructor(private readonly callbacks: TableCallbacks) {
    this.head = h('tr', { 'aria-rowindex': '1' });
    this.body = h('tbody', { id: 'rows' });
    this.table = h('table', { id: 'models', class: 'models', 'aria-label': 'Saved models' }, h('thead', {}, this.head), this.body);
    this.scroller = h('div', { id: 'table-scroll', class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Saved models table (scrolls)' }, this.table);
    this.root = this.scroller;
    this.scroller.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
    this.body.addEventListener('change', (e) => {
      const box = e.target as HTMLInputElement;
      const id = box.closest('tr')?.getAttribute('data-id');
      if (id && box.type === 'checkbox') callbacks.onToggle(id, box.checked);
    });
    this.body.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest('button[data-focus]');
      const id = button?.closest('tr')?.getAttribute('data-id');
      if (!id) return;
      if (button!.getAttribute('data-focus') === 'open') callbacks.onOpen(id);
      else if (button!.getAttribute('data-focus') === 'baseline') callbacks.onBaseline(id);
    });
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** The header for these columns (rebuilt only when the column set changes) and the sort state. */
  setHeader(visible: ReadonlySet<ComparisonColumnKey>, sortKey: ComparisonColumnKey, direction: SortDirection): void {
    const columns = COLUMNS.filter((c) => visible.has(c.key));
    const key = columns.map((c) => c.key).join(',');
    if (key !== this.headerKey) {
      const focused = this.head.contains(document.activeElement) ? document.activeElement?.getAttribute('data-key') : undefined;
      this.columns = columns;
      this.headerKey = key;
      this.rendered = '';
      const cells: HTMLElement[] = [
        h('th', { class: 'select', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Selected')),
        h('th', { class: 'select', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Baseline')),
      ];
      for (const c of columns) {
        const button = h('button', { class: 'sort', type: 'button', 'data-key': c.key, title: `Sort by ${title(c.key).toLowerCase()}` }, c.title, h('span', { class: 'arrow', 'aria-hidden': 'true' }));
        button.addEventListener('click', () => this.callbacks.onSort(c.key));
        cells.push(h('th', { scope: 'col', 'data-key': c.key, class: c.numeric ? 'num' : '' }, button));
      }
      this.head.replaceChildren(...cells);
      if (focused) refocus(this.head.querySelector(`button[data-key="${focused}"]`) as HTMLElement | null);
    }
    for (const th of this.head.querySelectorAll('th[data-key]')) {
      const sorted = th.getAttribute('data-key') === sortKey;
      th.setAttribute('aria-sort', sorted ? (direction === 'asc' ? 'ascending' : 'descending') : 'none');
      th.querySelector('.arrow')!.textContent = sorted ? (direction === 'asc' ? '▲' : '▼') : '';
    }
  }

  /** New rows (already sorted and filtered), selection or baseline: redraw what is in view. */
  setRows(rows: readonly CompareRow[], selected: ReadonlySet<string>, baseline: CompareRow | undefined, emptyText: string): void {
    this.rows = rows;
    this.emptyText = emptyText;
    this.selected = selected;
    this.baseline = baseline;
    this.table.setAttribute('aria-rowcount', String(rows.length + 1));
    this.rendered = '';
    this.render();
  }

  /** Scrolls so that the row with this id is visible. */
  reveal(id: string): void {
    const i = this.rows.findIndex((r) => r.id === id);
    if (i >= 0) this.revealIndex(i);
  }

  private revealIndex(i: number): void {
    const top = i * ROW_HEIGHT;
    const header = ROW_HEIGHT;
    const view = this.scroller.clientHeight - header - ROW_HEIGHT;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top > this.scroller.scrollTop + view) this.scroller.scrollTop = top - view;
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Moves focus between rows with the keyboard, keeping the kind of control. */
  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const role = target.getAttribute('data-focus') as FocusRole | null;
    const tr = target.closest('tr');
    if (!role || !tr) return;
    const index = Number(tr.getAttribute('aria-rowindex')) - 2;
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 2);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: this.rows.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = Math.min(this.rows.length - 1, Math.max(0, moves[e.key]!));
    this.revealIndex(next);
    (this.body.querySelector(`tr[aria-rowindex="${next + 2}"] [data-focus="${role}"]`) as HTMLElement | null)?.focus();
  }

  private render(): void {
    // The box grows with its rows up to a maximum: size the window for the largest it can be.
    const visible = Math.ceil(Math.max(this.scroller.clientHeight, window.innerHeight) / ROW_HEIGHT);
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, first + visible + OVERSCAN * 2);
    const key = `${first}:${last}`;
    if (key === this.rendered) return;
    this.rendered = key;
    // Remember which control has focus, to give it back after the rows are replaced.
    const active = this.body.contains(document.activeElement) ? document.activeElement : null;
    const focus = active ? { id: active.closest('tr')?.getAttribute('data-id'), role: active.getAttribute('data-focus') } : undefined;
    const out: HTMLElement[] = [spacer(first * ROW_HEIGHT)];
    for (let i = first; i < last; i++) out.push(this.rowElement(this.rows[i]!, i));
    out.push(spacer((this.rows.length - last) * ROW_HEIGHT));
    if (this.rows.length === 0) out.splice(1, 0, h('tr', { class: 'empty' }, h('td', { colspan: String(this.columns.length + 2) }, this.emptyText)));
    this.body.replaceChildren(...out);
    if (focus?.id && focus.role) {
      const again = [...this.body.querySelectorAll('tr[data-id]')].find((tr) => tr.getAttribute('data-id') === focus.id)?.querySelector(`[data-focus="${focus.role}"]`) as HTMLElement | null | undefined;
      // The row left the view (filtered away): the table keeps focus, not the page's body.
      refocus(again ?? this.scroller, { preventScroll: true });
    }
  }

  private rowElement(r: CompareRow, i: number): HTMLElement {
    const checked = this.selected.has(r.id);
    const isBaseline = this.baseline?.id === r.id;
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${r.name}`, 'data-focus': 'select' });
    box.checked = checked;
    const pin = h('button', {
      type: 'button', class: 'baseline-toggle', 'data-focus': 'baseline', 'aria-pressed': String(isBaseline),
      'aria-label': `Baseline: ${r.name}`, title: isBaseline ? 'The baseline (click to clear)' : 'Compare every row with this model (baseline)',
    }, isBaseline ? '◆' : '◇');
    const cells: HTMLElement[] = [h('td', { class: 'select' }, box), h('td', { class: 'select' }, pin)];
    for (const c of this.columns) {
      const tip = c.tip?.(r);
      const attrs: Record<string, string> = { class: `${c.numeric ? 'num' : ''} col-${c.key}`.trim() };
      if (tip) attrs.title = tip;
      const cell = c.key === 'name'
        ? h('td', attrs, h('span', { class: 'name-cell' },
          h('button', { class: 'open', type: 'button', 'data-focus': 'open', title: `Show the results of ${r.name}` }, r.name),
          isBaseline ? h('span', { class: 'tag' }, 'baseline') : null,
          // Said beside the name: the Status column is the last one, often scrolled out of sight.
          r.status !== 'ok' ? h('span', { class: `tag status-${r.status}`, ...(r.error ? { title: r.error } : {}) }, r.status === 'damaged' ? 'damaged' : 'changed since saving') : null))
        : h('td', attrs, c.text(r));
      if (c.key === 'validAccuracy' && r.best) cell.append(h('span', { class: 'best-mark', title: 'Best (see the rule above the table)' }, ' ★'));
      if (c.key === 'status') cell.setAttribute('data-status', r.status);
      const delta = this.baseline ? deltaText(r, this.baseline, c.key) : undefined;
      if (delta) {
        // Only a cell that differs from the baseline stands out (not in the "changed since saving" warning style).
        if (!delta.same) cell.classList.add('differs');
        cell.append(h('span', { class: 'delta', title: delta.label }, ` ${delta.text}`, h('span', { class: 'visually-hidden' }, ` (${delta.label})`)));
      }
      cells.push(cell);
    }
    const cls = ['model-row', r.best ? 'best' : '', checked ? 'selected' : '', isBaseline ? 'baseline' : '', r.status !== 'ok' ? 'damaged' : ''].filter(Boolean).join(' ');
    return h('tr', { class: cls, 'data-id': r.id, 'aria-rowindex': String(i + 2) }, ...cells);
  }
}

function spacer(height: number): HTMLElement {
  const tr = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
  // CSSOM, not a style attribute: allowed by the CSP (style-src without 'unsafe-inline').
  tr.style.height = `${height}px`;
  return tr;
}
