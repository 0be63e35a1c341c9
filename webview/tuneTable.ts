// The Tune page's candidates table: one row per candidate of the search (rank, the parameters that
// matter, mean CV accuracy and its std), best_params_ marked (★ and words, never colour alone),
// sortable by any column (aria-sort), each row's fold scores on hover (the mean cell's tooltip) and
// on demand (▸ expands a row below it). Focus stays on the header or toggle the user was on.
import {
  candidateName, comparisonColumn, kernelUses, sortRows, visibleColumns,
  type ComparisonRow, type SortDirection, type TuneSortKey, type TuneView,
} from '../src/protocol/tunePanel';
import { formatPercent, pythonFloat } from '../src/protocol/resultsPanel';
import { h, refocus } from './dom';

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

export class TuneTable {
  readonly root: HTMLTableElement;
  private readonly head: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;

  constructor(callbacks: TuneTableCallbacks) {
    this.head = h('tr', {});
    this.body = h('tbody', { id: 'candidate-rows' });
    this.root = h('table', { id: 'candidates', class: 'candidates' }, h('caption', { id: 'candidates-caption' }), h('thead', {}, this.head), this.body);
    this.head.addEventListener('click', (e) => {
      const key = (e.target as Element).closest('button[data-key]')?.getAttribute('data-key');
      if (key) callbacks.onSort(key as TuneSortKey);
    });
    this.body.addEventListener('click', (e) => {
      const index = (e.target as Element).closest('button[data-index]')?.getAttribute('data-index');
      if (index !== null && index !== undefined) callbacks.onToggle(Number(index));
    });
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
    if (focus?.key) refocus(this.head.querySelector(`button[data-key="${focus.key}"]`) as HTMLElement | null);
    else if (focus?.index) refocus(this.body.querySelector(`button[data-index="${focus.index}"]`) as HTMLElement | null);
  }
}

/** The sort a click on `key` asks for: the other direction on the sorted column, else the column's own. */
export function nextSort(current: { key: TuneSortKey; direction: SortDirection }, key: TuneSortKey): { key: TuneSortKey; direction: SortDirection } {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: comparisonColumn(key)?.defaultDirection ?? 'asc' };
}
