// model-lab tune's text output: the candidates best first, in the course's print style (floats as
// Python prints them), then the best params as a Python dict and the refitted model's accuracies.
import type { SearchGrid, SearchParams } from '../core/artifacts/searchRecord';
import type { SearchReport, TuneReport } from '../core/experiments/tune/tuneReport';
import { pythonFloat } from '../core/text/pythonFloat';
import { maxOf } from '../core/extremes';

type Column = 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0';

/** degree and coef0 only when searched or used by a listed kernel (they change nothing for rbf). */
function shownParams(grid: SearchGrid): Column[] {
  const cols: Column[] = ['kernel', 'C', 'gamma'];
  if (grid.degree.length > 1 || grid.kernel.includes('poly')) cols.push('degree');
  if (grid.coef0.length > 1 || grid.kernel.includes('poly') || grid.kernel.includes('sigmoid')) cols.push('coef0');
  return cols;
}

function paramText(p: SearchParams, c: Column): string {
  const v = p[c];
  if (typeof v === 'string') return v;
  return c === 'degree' ? String(v) : pythonFloat(v);
}

const score = (x: number | null) => (x === null ? 'nan' : pythonFloat(x));

/** Python's repr of best_params_ with the shown keys, sorted as ParameterGrid sorts them. */
function pythonDict(p: SearchParams, cols: readonly Column[]): string {
  const keys = [...cols].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `'${k}': ${typeof p[k] === 'string' ? `'${p[k]}'` : paramText(p, k)}`).join(', ')}}`;
}

/** The whole text output of a finished tune. */
export function tuneText(report: TuneReport, grid: SearchGrid, trainRows: number): string {
  return [
    ...searchLines(report, grid, ` on ${trainRows} training rows; * = best_params_, refitted`),
    `Train Accuracy : ${pythonFloat(report.trainAccuracy)}`,
    `Valid Accuracy : ${pythonFloat(report.validAccuracy)}`,
    `Saved model to ${report.model}`,
  ].join('\n') + '\n';
}

/** The search scored when its refit failed or was cancelled: the table and best params, nothing refitted. */
export function searchText(report: SearchReport, grid: SearchGrid): string {
  return searchLines(report, grid, '; * = best_params_ — not refitted, no model saved').join('\n') + '\n';
}

function searchLines(report: SearchReport, grid: SearchGrid, heading: string): string[] {
  const cols = shownParams(grid);
  const order = report.candidates.map((c, i) => ({ c, i })).sort((a, b) => a.c.rank - b.c.rank || a.i - b.i);
  const bestIndex = report.candidates.findIndex((c) => c.rank === 1);
  const header = ['', 'rank', 'mean_test_score', 'std_test_score', ...cols];
  const body = order.map(({ c, i }) => [i === bestIndex ? '*' : '', String(c.rank), score(c.meanScore), score(c.stdScore), ...cols.map((k) => paramText(c.params, k))]);
  const widths = header.map((h, i) => maxOf([h.length, ...body.map((b) => b[i].length)]));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const n = report.candidates.length;
  return [
    `GridSearchCV: ${n} candidate${n === 1 ? '' : 's'} × ${report.cv} folds (StratifiedKFold)${heading}`,
    line(header),
    ...body.map(line),
    '',
    `Best params : ${pythonDict(report.best.params, cols)}`,
    `Best CV Accuracy : ${score(report.best.meanScore)}`,
  ];
}
