// Metric-vs-parameter series for the Compare Models chart. The x axis is a parameter that varies
// among the models (C, gamma, kernel, degree, coef0, seed, data); words ("scale", "auto", kernels)
// are categories, never dropped. One line per setting of the other varying parameters; models that
// differ only by seed are one point, their mean ± std (numpy's std, as GridSearchCV reports it).
// The mean cross-validation accuracy of tuned models (or of a search's candidates) plots the same
// way, its error bar the std over the folds.
import type { ComparisonRow } from './comparison';
import { naturalCompare } from '../text/naturalCompare';
import { kernelUses } from '../svm/kernelParameters';
import { maxOf, minOf } from '../extremes';

export type SeriesMetric = 'validAccuracy' | 'trainAccuracy' | 'cvMean';

/** How a metric is named where a model has none ("no validation accuracy"). */
const METRIC_NAMES: Readonly<Record<SeriesMetric, string>> = { validAccuracy: 'validation accuracy', trainAccuracy: 'train accuracy', cvMean: 'mean CV accuracy' };
export type SeriesParameter = 'C' | 'gamma' | 'kernel' | 'degree' | 'coef0' | 'seed' | 'data';

/** Every parameter the chart can put on its x axis, in the order it prefers them. */
export const SERIES_PARAMETERS: readonly SeriesParameter[] = ['C', 'gamma', 'kernel', 'degree', 'coef0', 'seed', 'data'];

/** Parameters whose values are names or labels, never positions on a number line. */
const CATEGORICAL: ReadonlySet<SeriesParameter> = new Set(['kernel', 'seed', 'data']);

/**
 * True when the parameter's values have no order (kernels, seeds, data files): a chart shows its
 * points without lines between them, which would read as a trend from one to the next.
 */
export function unorderedParameter(parameter: SeriesParameter): boolean {
  return CATEGORICAL.has(parameter);
}

export interface SeriesPoint {
  /** A number on a numeric axis, a category's label on a category axis. */
  readonly x: number | string;
  /** The metric (a fraction); the mean when several seeds make the point. */
  readonly y: number;
  /**
   * Standard deviation over the point's models (0 for one model); for cvMean of one model (or of
   * models that differ in nothing the chart shows), its std over the folds.
   */
  readonly std: number;
  /** The models of the point (folder names) and their values, in the same order. */
  readonly names: string[];
  readonly values: number[];
}

export interface MetricLine {
  /**
   * The other varying parameters on this line, e.g. "gamma=scale, kernel=rbf"; "degree, coef0 not
   * used" for models whose kernel ignores every one of them; '' when nothing else varies.
   */
  readonly label: string;
  /** Sorted along the axis. */
  readonly points: SeriesPoint[];
}

export interface SeriesAxis {
  readonly kind: 'linear' | 'logarithmic' | 'category';
  /** The categories in axis order (category axes only): numbers ascending, then words. */
  readonly categories: string[];
}

export interface MetricSeries {
  readonly metric: SeriesMetric;
  readonly parameter: SeriesParameter;
  readonly axis: SeriesAxis;
  readonly lines: MetricLine[];
  /** True when some point is the mean of models that differ only by seed. */
  readonly seedsAveraged: boolean;
  /** Settings every plotted model shares, e.g. "kernel=rbf, data=iris" (left out of the labels). */
  readonly common: string;
  /** Models that cannot be placed: damaged, no metric, or no value for the parameter. */
  readonly excluded: { name: string; reason: string }[];
}

/**
 * A row's value of a parameter; `data` is the data path (or the source when there is none);
 * gamma, degree and coef0 only where the kernel uses them (elsewhere they change nothing).
 */
export function parameterValue(row: ComparisonRow, p: SeriesParameter): number | string | undefined {
  if (p === 'data') return row.dataPath ?? row.dataSource;
  if (p === 'gamma' || p === 'degree' || p === 'coef0') return kernelUses(row.kernel, p) ? row[p] : undefined;
  return row[p];
}

function plottable(row: ComparisonRow): boolean {
  return row.status === 'ok';
}

/** Why a row is not plotted: its files changed since saving (its numbers no longer vouch for it), or it is damaged. */
export function unplottableReason(row: ComparisonRow): string {
  return row.status === 'changed' ? 'changed since saving' : 'damaged';
}

/** The parameters whose values differ among the usable rows, in SERIES_PARAMETERS order. */
export function varyingParameters(rows: readonly ComparisonRow[]): SeriesParameter[] {
  const usable = rows.filter(plottable);
  return SERIES_PARAMETERS.filter((p) => new Set(usable.map((r) => parameterValue(r, p))).size > 1);
}

/**
 * The x axis parameter for these rows: `preferred` when it varies among them, otherwise the first
 * that varies (C before gamma before …), otherwise `preferred` or C.
 */
export function chartParameter(rows: readonly ComparisonRow[], preferred?: SeriesParameter): SeriesParameter {
  const varying = varyingParameters(rows);
  if (preferred !== undefined && varying.includes(preferred)) return preferred;
  return varying[0] ?? preferred ?? 'C';
}

/** Whether values spanning this range read better on a log axis. */
export function wantsLogScale(xs: readonly number[]): boolean {
  if (xs.length === 0 || xs.some((x) => !(x > 0))) return false;
  return maxOf(xs) / minOf(xs) >= 100;
}

/** Numbers ascending, then words in natural order: the order of categories and of lines. */
function compareValues(a: number | string | undefined, b: number | string | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return naturalCompare(String(a), String(b));
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** numpy.std (ddof=0), the spread GridSearchCV reports as std_test_score. */
export function populationStd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

/**
 * A point's error bar: the std over its models; for the CV mean of models that do not differ by
 * seed (one model, or candidates that differ only in a parameter their kernel ignores), the std
 * over the folds that GridSearchCV reports.
 */
function spreadOf(metric: SeriesMetric, rows: readonly ComparisonRow[], values: readonly number[]): number {
  if (metric === 'cvMean' && new Set(rows.map((r) => r.seed)).size <= 1) return rows[0]!.cvStd ?? 0;
  return populationStd(values);
}

/** Builds the series from table rows (what the table shows: filtered rows stay out). */
export function metricSeries(rows: readonly ComparisonRow[], metric: SeriesMetric, parameter: SeriesParameter): MetricSeries {
  const excluded: { name: string; reason: string }[] = [];
  const placed: ComparisonRow[] = [];
  for (const row of rows) {
    if (!plottable(row)) excluded.push({ name: row.name, reason: unplottableReason(row) });
    else if (row[metric] === undefined) excluded.push({ name: row.name, reason: `no ${METRIC_NAMES[metric]}` });
    else if (parameterValue(row, parameter) === undefined) excluded.push({ name: row.name, reason: `no ${parameter}` });
    else placed.push(row);
  }
  // Lines: the other parameters that vary; seed is averaged over unless it is the x axis.
  const varying = varyingParameters(placed);
  const others = varying.filter((p) => p !== parameter && p !== 'seed');
  const shared = SERIES_PARAMETERS.filter((p) => p !== parameter && !varying.includes(p) && placed.some((r) => parameterValue(r, p) !== undefined));
  const common = placed.length === 0 ? '' : shared.map((p) => `${p}=${parameterValue(placed[0]!, p)}`).join(', ');

  const xs = placed.map((r) => parameterValue(r, parameter)!);
  const categorical = CATEGORICAL.has(parameter) || xs.some((x) => typeof x === 'string');
  const categories = categorical ? [...new Set(xs)].sort(compareValues).map(String) : [];
  const numbers = categorical ? [] : (xs as number[]);

  const lines = new Map<string, { values: (number | string | undefined)[]; points: Map<string, { x: number | string; rows: ComparisonRow[] }> }>();
  for (const row of placed) {
    const values = others.map((p) => parameterValue(row, p));
    // A parameter the row's kernel ignores (degree of rbf) is left out of its label, not "degree=undefined";
    // a line that uses none of them says so, rather than the empty label a lone line of all models has.
    const label = others.some((_, i) => values[i] !== undefined)
      ? others.flatMap((p, i) => (values[i] === undefined ? [] : [`${p}=${values[i]}`])).join(', ')
      : others.length > 0 ? `${others.join(', ')} not used` : '';
    if (!lines.has(label)) lines.set(label, { values, points: new Map() });
    const x = parameterValue(row, parameter)!;
    const at = lines.get(label)!.points;
    const key = String(x);
    if (!at.has(key)) at.set(key, { x: categorical ? String(x) : x, rows: [] });
    at.get(key)!.rows.push(row);
  }
  const ordered = [...lines].sort(([, a], [, b]) => {
    for (let i = 0; i < a.values.length; i++) {
      const d = compareValues(a.values[i], b.values[i]);
      if (d !== 0) return d;
    }
    return 0;
  });
  const position = (x: number | string) => (categorical ? categories.indexOf(String(x)) : (x as number));
  const out: MetricLine[] = ordered.map(([label, line]) => ({
    label,
    points: [...line.points.values()]
      .map(({ x, rows: rs }) => {
        const sorted = [...rs].sort((a, b) => naturalCompare(a.name, b.name));
        const values = sorted.map((r) => r[metric]!);
        return { x, y: mean(values), std: spreadOf(metric, sorted, values), names: sorted.map((r) => r.name), values };
      })
      .sort((a, b) => position(a.x) - position(b.x)),
  }));
  const seedsAveraged = parameter !== 'seed' && [...lines.values()].some((l) => [...l.points.values()].some((p) => new Set(p.rows.map((r) => r.seed)).size > 1));
  const axis: SeriesAxis = categorical ? { kind: 'category', categories } : { kind: wantsLogScale(numbers) ? 'logarithmic' : 'linear', categories: [] };
  return { metric, parameter, axis, lines: out, seedsAveraged, common, excluded };
}
