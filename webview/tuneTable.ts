// The Tune page's candidates table: one row per candidate of the search (rank, the parameters that
// matter, mean CV accuracy and its std), best_params_ marked (★ and words, never colour alone),
// sortable by any column (aria-sort), each row's fold scores on hover (the mean cell's tooltip) and
// on demand (▸ expands a row below it). Focus stays on the header or toggle the user was on.
// The table is one Tab stop (a grid with a roving tabindex, as Compare Models' table: gridKeys.ts):
// with a sort button per column and a ▸ per row, 60 candidates put the chart 70 Tab presses away.
import {
  candidateName, comparisonColumn, kernelUses, sortRows, visibleColumns,
  type ComparisonRow, type SortDirection, type TuneSortKey, type TuneView,
} from '../src/protocol/tunePanel';
import { formatPercent, pythonFloat } from '../src/protocol/resultsPanel';
import { h, refocus } from './dom';
import { headerMove, markStop, rowMove, scrollSideways, withModifier } from './gridKeys';

const PERCENT = 100;

export interface TuneTableCallbacks {
  onSort(key: TuneSortKey): void;
  onToggle(index: number): void;
}

interface Column {
  readonly key: TuneSortKey;
  readonly title: string;
  readonly numeric: boolean;
  text(row: ComparisonRow): string;
  tip?(row: ComparisonRow): string | undefined;
}

const num = (v: number | string | undefined) => (v === undefined ? '' : typeof v === 'number' ? pythonFloat(v) : v);

/**
 * A parameter the candidate's kernel ignores is still the grid's (cv_results_ holds it): shown in
 * parentheses, with a tooltip, so that the candidates that differ only in it do not look like one row
 * repeated.
 */
function parameterColumn(key: 'gamma' | 'degree' | 'coef0', text: (r: ComparisonRow) => string): Column {
  const used = (r: ComparisonRow) => kernelUses(r.kernel, key);
  return {
    key, title: key, numeric: true,
    text: (r) => (used(r) || text(r) === '' ? text(r) : `(${text(r)})`),
    tip: (r) => (used(r) || text(r) === '' ? undefined : `The ${r.kernel} kernel does not use ${key}: candidates that differ only in it fit the same model.`),
  };
}

/** Every column the table can show, in display order; gamma, degree and coef0 only where a kernel uses them. */
const COLUMNS: readonly Column[] = [
  { key: 'cvRank', title: 'Rank', numeric: true, text: (r) => String(r.cvRank ?? '') },
  { key: 'kernel', title: 'kernel', numeric: false, text: (r) => r.kernel ?? '' },
  { key: 'C', title: 'C', numeric: true, text: (r) => num(r.C) },
  parameterColumn('gamma', (r) => num(r.gamma)),
  // A whole number, as cv_results_ holds it (2, not 2.0).
  parameterColumn('degree', (r) => (r.degree === undefined ? '' : String(r.degree))),
  parameterColumn('coef0', (r) => num(r.coef0)),
  { key: 'cvMean', title: 'Mean CV accuracy', numeric: true, text: (r) => (r.cvMean === undefined ? 'nan' : formatPercent(r.cvMean)) },
  { key: 'cvStd', title: 'Std (pp)', numeric: true, text: (r) => (r.cvStd === undefined ? 'nan' : (r.cvStd * PERCENT).toFixed(2)), tip: (r) => num(r.cvStd) },
];

/** A fold's score as the page shows it: the percentage, with Python's repr in the tooltip. */
function foldText(score: number | null): string {
  return score === null ? 'nan (the fit failed)' : formatPercent(score);
}

/** "fold 1: 0.9583333333333334, fold 2: …" — the mean cell's tooltip. */
function foldsTip(scores: readonly (number | null)[], mean: number | undefined): string {
  const folds = scores.map((s, f) => `fold ${f + 1}: ${s === null ? 'nan' : pythonFloat(s)}`).join('\n');
  return `mean_test_score ${mean === undefined ? 'nan' : pythonFloat(mean)}\n${folds}`;
}

/** The table's one Tab stop: a candidate's ▸ (by candidate index) or a column's sort button. */
type Stop = { readonly kind: 'row'; readonly index: number } | { readonly kind: 'header'; readonly key: TuneSortKey };

export class TuneTable {
  readonly root: HTMLTableElement;
  private readonly head: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  /** The control the user last focused in the table (undefined until then: the first row's ▸). */
  private chosen: Stop | undefined;
  /** The sort button last focused, for ↑ from the first row. */
  private sortFocus: TuneSortKey | undefined;

  constructor(callbacks: TuneTableCallbacks) {
    this.head = h('tr', {});
    this.body = h('tbody', { id: 'candidate-rows' });
    this.root = h('table', { id: 'candidates', class: 'candidates', role: 'grid' }, h('caption', { id: 'candidates-caption' }), h('thead', {}, this.head), this.body);
    this.head.addEventListener('click', (e) => {
      const key = (e.target as Element).closest('button[data-key]')?.getAttribute('data-key');
      if (key) callbacks.onSort(key as TuneSortKey);
    });
    this.body.addEventListener('click', (e) => {
      const index = (e.target as Element).closest('button[data-index]')?.getAttribute('data-index');
      if (index !== null && index !== undefined) callbacks.onToggle(Number(index));
    });
    this.root.addEventListener('focusin', (e) => this.onFocus(e.target as HTMLElement));
    this.root.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Focuses the table's one stop (as Tab into it would). */
  focus(): void {
    this.stopElement()?.focus();
  }

  /** Renders the candidates sorted by `key`, with the fold scores of `expanded` shown. */
  render(view: TuneView, rows: readonly ComparisonRow[], sort: { key: TuneSortKey; direction: SortDirection }, expanded: ReadonlySet<number>): void {
    const active = document.activeElement;
    const focus = this.root.contains(active) ? { key: active?.getAttribute('data-key'), index: active?.getAttribute('data-index') } : undefined;
    const shown = new Set(visibleColumns(rows).map((c) => c.key));
    const columns = COLUMNS.filter((c) => shown.has(c.key) || c.key === 'cvMean' || c.key === 'cvStd');
    const { search } = view;
    this.root.querySelector('caption')!.textContent =
      `${search.candidates.length} candidates × ${search.cv.nSplits} folds. ★ best_params_ (the first candidate ranked 1); ties share the lowest rank. ▸ shows a candidate's fold scores.`;
    this.head.replaceChildren(
      h('th', { scope: 'col', class: 'toggle' }, h('span', { class: 'visually-hidden' }, 'Fold scores')),
      ...columns.map((c) => {
        const sorted = sort.key === c.key;
        return h('th', { scope: 'col', 'data-key': c.key, class: c.numeric ? 'num' : '', 'aria-sort': sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none' },
          h('button', { type: 'button', class: 'sort', 'data-key': c.key, title: `Sort by ${c.title}` }, c.title,
            h('span', { class: 'arrow', 'aria-hidden': 'true' }, sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '')));
      }),
    );
    const index = new Map(rows.map((r, i) => [r, i]));
    const out: HTMLElement[] = [];
    for (const row of sortRows(rows, sort.key, sort.direction)) {
      const i = index.get(row)!;
      const candidate = search.candidates[i]!;
      const open = expanded.has(i);
      const toggle = h('button', {
        type: 'button', class: 'fold-toggle', 'data-index': String(i), 'aria-expanded': String(open), 'aria-controls': `folds-${i}`,
        'aria-label': `Fold scores of ${candidateName(i)}`, title: `${open ? 'Hide' : 'Show'} the fold scores of ${candidateName(i)}`,
      }, open ? '▾' : '▸');
      const cells = columns.map((c) => {
        const cell = h('td', { class: `${c.numeric ? 'num' : ''} col-${c.key}`.trim() }, c.text(row));
        const tip = c.key === 'cvMean' ? foldsTip(candidate.foldScores, row.cvMean) : c.tip?.(row);
        if (tip) cell.title = tip;
        if (c.key === 'cvRank' && row.best) {
          cell.append(h('span', { class: 'best-mark', 'aria-hidden': 'true' }, ' ★'), h('span', { class: 'visually-hidden' }, ' (best_params_)'));
        }
        return cell;
      });
      out.push(h('tr', { class: `candidate${row.best ? ' best' : ''}${open ? ' open' : ''}`, 'data-index': String(i) }, h('td', { class: 'toggle' }, toggle), ...cells));
      if (open) {
        out.push(h('tr', { class: 'folds', id: `folds-${i}` }, h('td', { colspan: String(columns.length + 1) },
          h('ul', { class: 'fold-list', 'aria-label': `Fold scores of ${candidateName(i)}` },
            ...candidate.foldScores.map((s, f) => h('li', { title: s === null ? 'nan' : pythonFloat(s) }, h('span', { class: 'muted' }, `fold ${f + 1} `), foldText(s)))))));
      }
    }
    this.body.replaceChildren(...out);
    markStop(this.controls(), this.stopElement());
    if (focus?.key) refocus(this.sortButton(focus.key));
    else if (focus?.index) refocus(this.toggle(Number(focus.index)));
  }

  private sortButton(key: string | null | undefined): HTMLElement | null {
    return key ? this.head.querySelector(`button[data-key="${key}"]`) : null;
  }

  private toggle(index: number): HTMLElement | null {
    return this.body.querySelector(`button.fold-toggle[data-index="${index}"]`);
  }

  /** The ▸ of every row, top to bottom. */
  private toggles(): HTMLElement[] {
    return [...this.body.querySelectorAll<HTMLElement>('button.fold-toggle')];
  }

  private controls(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('button.sort, button.fold-toggle')];
  }

  /**
   * Where Tab enters: the control last focused while it is shown (a candidate's ▸ follows it through
   * sorting), else the first row's ▸, else (no candidate) the first sort button.
   */
  private stopElement(): HTMLElement | null {
    const chosen = this.chosen;
    const kept = chosen?.kind === 'header' ? this.sortButton(chosen.key) : chosen?.kind === 'row' ? this.toggle(chosen.index) : null;
    return kept ?? this.toggles()[0] ?? this.head.querySelector<HTMLElement>('button.sort');
  }

  /** A control focused by any means (click, arrows, Tab) becomes the stop. */
  private onFocus(target: HTMLElement): void {
    const key = target.closest('button.sort')?.getAttribute('data-key') as TuneSortKey | null | undefined;
    const index = target.closest('button.fold-toggle')?.getAttribute('data-index');
    if (key) {
      this.chosen = { kind: 'header', key };
      this.sortFocus = key;
    } else if (index !== null && index !== undefined) this.chosen = { kind: 'row', index: Number(index) };
    else return;
    markStop(this.controls(), target);
  }

  /** ↑/↓/PageUp/PageDown/Home/End between the rows' ▸, ↑ from the first to the sort buttons (←/→/Home/End there, ↓ back). */
  private onKey(e: KeyboardEvent): void {
    if (withModifier(e)) return;
    const target = e.target as HTMLElement;
    const sort = target.closest('button.sort');
    if (sort) {
      const buttons = [...this.head.querySelectorAll<HTMLElement>('button.sort')];
      const next = headerMove(e.key, buttons.indexOf(sort as HTMLElement), buttons.length);
      const down = (e.key === 'ArrowDown' || e.key === 'PageDown') ? this.toggles()[0] : undefined;
      const to = next !== undefined ? buttons[next] : down;
      if (!to) return;
      e.preventDefault();
      to.focus();
      return;
    }
    if (!target.closest('button.fold-toggle')) return;
    // One control a row: ←/→ scroll the table's box sideways, which is no Tab stop of its own.
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const box = this.root.closest<HTMLElement>('.scroll-x');
      if (box) scrollSideways(box, e.key);
      return;
    }
    const toggles = this.toggles();
    const index = toggles.indexOf(target.closest('button.fold-toggle') as HTMLElement);
    if (e.key === 'ArrowUp' && index === 0) {
      e.preventDefault();
      (this.sortButton(this.sortFocus) ?? this.head.querySelector<HTMLElement>('button.sort'))?.focus();
      return;
    }
    const rowHeight = target.closest('tr')?.getBoundingClientRect().height || 1;
    const page = Math.max(1, Math.floor(window.innerHeight / rowHeight) - 2);
    const next = rowMove(e.key, index, toggles.length, page);
    if (next === undefined) return;
    e.preventDefault();
    toggles[next]!.focus();
  }
}

/** The sort a click on `key` asks for: the other direction on the sorted column, else the column's own. */
export function nextSort(current: { key: TuneSortKey; direction: SortDirection }, key: TuneSortKey): { key: TuneSortKey; direction: SortDirection } {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: comparisonColumn(key)?.defaultDirection ?? 'asc' };
}

/** "Sorted by Mean CV accuracy, descending": said after a click on a column header. */
export function sortText(sort: { key: TuneSortKey; direction: SortDirection }): string {
  return `Sorted by ${COLUMNS.find((c) => c.key === sort.key)?.title ?? sort.key}, ${sort.direction === 'asc' ? 'ascending' : 'descending'}`;
}
