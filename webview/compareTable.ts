// The Compare Models table, rendered virtually: the scroll box is as tall as all rows, but only the
// rows in view (plus a few either side) are in the DOM, so 1,000 models scroll smoothly. Headers
// sort (aria-sort), a checkbox per row selects, a toggle sets the baseline (then metric and
// parameter cells show their delta against it, DVC-style), the model name opens its results.
// Focus stays on the control the user is on through every re-render, and ↑/↓/PageUp/PageDown/
// Home/End move it between rows (rendering rows that were out of view), ←/→ between a row's controls.
// The whole table is one Tab stop (a grid with a roving tabindex, as VS Code's lists): with 3 stops a
// row, 214 models put the chart 650 Tab presses away.
import { COMPARISON_COLUMNS, baselineDelta, dataText, kernelUses, type CompareRow, type ComparisonColumnKey, type SortDirection } from '../src/protocol/comparePanel';
import { formatPercent, pythonFloat } from '../src/protocol/resultsPanel';
import { h, refocus } from './dom';
import { headerMove, markStop, rowMove, scrollSideways, withModifier } from './gridKeys';

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
  { key: 'origin', title: title('origin'), numeric: false, text: (r) => r.origin ?? '' },
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

/** The table's one Tab stop: a row's control or a column's sort button. */
type Stop = { readonly kind: 'row'; readonly id: string; readonly role: FocusRole } | { readonly kind: 'header'; readonly key: ComparisonColumnKey };

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
  /** The control the user last focused in the table (undefined until then). */
  private chosen: Stop | undefined;
  /** Where Tab enters the table: the chosen control, else the row that took its row's place, else the first row's checkbox. */
  private stop: Stop | undefined;
  /** The stop's row index (-1: in the header); that row is always rendered, so the stop is in the DOM. */
  private stopRow = -1;
  /** The kind of row control and the sort button last focused, for ↓ from the header and ↑ from the first row. */
  private rowRole: FocusRole = 'select';
  private sortFocus: ComparisonColumnKey | undefined;

  constructor(private readonly callbacks: TableCallbacks) {
    this.head = h('tr', { 'aria-rowindex': '1' });
    this.body = h('tbody', { id: 'rows' });
    this.table = h('table', { id: 'models', class: 'models', role: 'grid', 'aria-label': 'Saved models' }, h('thead', {}, this.head), this.body);
    // Not a Tab stop itself: the control holding the table's one stop scrolls it (←/→ past a row's ends sideways).
    this.scroller = h('div', { id: 'table-scroll', class: 'table-scroll', role: 'region', 'aria-label': 'Saved models table (scrolls)' }, this.table);
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
    this.table.addEventListener('keydown', (e) => this.onKey(e));
    this.table.addEventListener('focusin', (e) => this.onFocus(e.target as HTMLElement));
  }

  /** Focuses the table's one stop (as Tab into it would). */
  focus(): void {
    this.stopElement()?.focus();
  }

  /** Renamed or moved models (old id → new id): the stop follows its model. */
  follow(moved: readonly (readonly [string, string])[]): void {
    const to = new Map(moved);
    if (this.chosen?.kind === 'row' && to.has(this.chosen.id)) this.chosen = { ...this.chosen, id: to.get(this.chosen.id)! };
  }

  /** The header for these columns (rebuilt only when the column set changes) and the sort state. */
  setHeader(visible: ReadonlySet<ComparisonColumnKey>, sortKey: ComparisonColumnKey, direction: SortDirection): void {
    const columns = COLUMNS.filter((c) => visible.has(c.key));
    const key = columns.map((c) => c.key).join(',');
    if (key !== this.headerKey) {
      const focused = this.head.contains(document.activeElement);
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
      this.placeStop();
      this.markStop();
      if (focused) refocus(this.stopElement());
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
    this.placeStop();
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

  /** Where the stop is after rows or columns changed: on the chosen control, or the one that took its place. */
  private placeStop(): void {
    const chosen = this.chosen;
    let stop: Stop | undefined;
    if (chosen?.kind === 'header') {
      if (this.columns.some((c) => c.key === chosen.key)) stop = chosen;
    } else if (this.rows.length > 0) {
      const i = chosen ? this.rows.findIndex((r) => r.id === chosen.id) : 0;
      // Its row went (deleted, filtered away): the row now at its place, or the last one.
      const at = i >= 0 ? i : Math.min(Math.max(this.stopRow, 0), this.rows.length - 1);
      stop = { kind: 'row', id: this.rows[at]!.id, role: chosen?.role ?? 'select' };
    }
    // No row (none yet, none the filter keeps): the first sort button.
    const first = this.columns[0];
    stop ??= first ? { kind: 'header', key: first.key } : undefined;
    this.stop = stop;
    this.stopRow = stop?.kind === 'row' ? this.rows.findIndex((r) => r.id === stop.id) : -1;
  }

  private stopElement(): HTMLElement | null {
    const stop = this.stop;
    if (stop?.kind === 'header') return this.sortButton(stop.key);
    if (stop?.kind === 'row') return this.rowControl(this.stopRow, stop.role);
    return null;
  }

  private sortButton(key: string): HTMLElement | null {
    return this.head.querySelector(`button[data-key="${key}"]`);
  }

  /** A rendered row's control, by the row's index among all rows. */
  private rowControl(index: number, role: FocusRole): HTMLElement | null {
    return this.body.querySelector(`tr[aria-rowindex="${index + 2}"] [data-focus="${role}"]`);
  }

  /** tabindex 0 on the stop, -1 on every other control of the table. */
  private markStop(): void {
    markStop(this.table.querySelectorAll<HTMLElement>('[data-focus], button.sort'), this.stopElement());
  }

  /** A control focused by any means (click, arrows, Tab) becomes the stop. */
  private onFocus(target: HTMLElement): void {
    const role = target.getAttribute('data-focus') as FocusRole | null;
    const tr = target.closest('tr');
    const id = tr?.getAttribute('data-id');
    const key = target.closest('button.sort')?.getAttribute('data-key') as ComparisonColumnKey | null | undefined;
    if (role && id) {
      this.stop = { kind: 'row', id, role };
      this.stopRow = Number(tr!.getAttribute('aria-rowindex')) - 2;
      this.rowRole = role;
    } else if (key) {
      this.stop = { kind: 'header', key };
      this.stopRow = -1;
      this.sortFocus = key;
    } else return;
    this.chosen = this.stop;
    this.markStop();
  }

  /** Moves focus with the keyboard: between rows keeping the kind of control, between a row's controls, to and from the header. */
  private onKey(e: KeyboardEvent): void {
    if (withModifier(e)) return;
    const target = e.target as HTMLElement;
    const sortKey = target.closest('button.sort')?.getAttribute('data-key');
    if (sortKey) return this.onHeaderKey(e, sortKey);
    const role = target.getAttribute('data-focus') as FocusRole | null;
    const tr = target.closest('tr');
    if (!role || !tr) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const controls = [...tr.querySelectorAll<HTMLElement>('[data-focus]')];
      const step = e.key === 'ArrowRight' ? 1 : -1;
      const next = controls[controls.indexOf(target) + step];
      // Past the row's first or last control: scroll sideways to the columns out of view.
      if (next) next.focus();
      else scrollSideways(this.scroller, e.key);
      return;
    }
    const index = Number(tr.getAttribute('aria-rowindex')) - 2;
    if (e.key === 'ArrowUp' && index === 0) {
      e.preventDefault();
      const key = this.columns.some((c) => c.key === this.sortFocus) ? this.sortFocus : this.columns[0]?.key;
      if (key) this.sortButton(key)?.focus();
      return;
    }
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 2);
    const next = rowMove(e.key, index, this.rows.length, page);
    if (next === undefined) return;
    e.preventDefault();
    this.focusRow(next, role);
  }

  /** In the header: ←/→/Home/End between the sort buttons, ↓ to the first row. */
  private onHeaderKey(e: KeyboardEvent, sortKey: string): void {
    const keys = this.columns.map((c) => c.key);
    const i = keys.indexOf(sortKey as ComparisonColumnKey);
    const next = headerMove(e.key, i, keys.length);
    if (next !== undefined) {
      e.preventDefault();
      this.sortButton(keys[next]!)?.focus();
    } else if ((e.key === 'ArrowDown' || e.key === 'PageDown') && this.rows.length > 0) {
      e.preventDefault();
      this.focusRow(0, this.rowRole);
    }
  }

  private focusRow(index: number, role: FocusRole): void {
    this.revealIndex(index);
    this.rowControl(index, role)?.focus();
  }

  private render(): void {
    // The box grows with its rows up to a maximum: size the window for the largest it can be.
    const visible = Math.ceil(Math.max(this.scroller.clientHeight, window.innerHeight) / ROW_HEIGHT);
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, first + visible + OVERSCAN * 2);
    // The stop's row is rendered also when scrolled far away, so that Tab can always reach it.
    const extra = this.stopRow >= 0 && (this.stopRow < first || this.stopRow >= last) ? this.stopRow : -1;
    const key = `${first}:${last}:${extra}`;
    if (key === this.rendered) return;
    this.rendered = key;
    // The focused control is the stop (onFocus): give the focus back to it after the rows are replaced,
    // or to the row that took its place (filtered away, deleted), so the page's body never gets it.
    const hadFocus = this.body.contains(document.activeElement);
    const indices = [...(extra >= 0 && extra < first ? [extra] : []), ...Array.from({ length: last - first }, (_, k) => first + k), ...(extra >= last ? [extra] : [])];
    const out: HTMLElement[] = [];
    let at = 0;
    for (const i of indices) {
      if (i > at || out.length === 0) out.push(spacer((i - at) * ROW_HEIGHT));
      out.push(this.rowElement(this.rows[i]!, i));
      at = i + 1;
    }
    if (this.rows.length === 0) out.push(spacer(0), h('tr', { class: 'empty' }, h('td', { colspan: String(this.columns.length + 2) }, this.emptyText)));
    out.push(spacer((this.rows.length - at) * ROW_HEIGHT));
    this.body.replaceChildren(...out);
    this.markStop();
    if (hadFocus) refocus(this.stopElement(), { preventScroll: true });
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
