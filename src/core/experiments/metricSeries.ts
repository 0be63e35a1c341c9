// Metric-vs-parameter series for the Compare Models chart: accuracy against C or gamma, one line
// per setting of the other parameters, and whether the x axis wants a log scale.
import type { ComparisonRow } from './comparison';

export type SeriesMetric = 'validAccuracy' | 'trainAccuracy';
export type SeriesParameter = 'C' | 'gamma';

export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
  /** Model folder name (for tooltips and click-through). */
  readonly name: string;
}

export interface MetricLine {
  /** What the other parameters are on this line, e.g. "gamma=scale, seed=2023, kernel=rbf". */
  readonly label: string;
  /** Sorted by x; models with the same x on one line are all kept (e.g. repeated runs). */
  readonly points: SeriesPoint[];
}

export interface MetricSeries {
  readonly metric: SeriesMetric;
  readonly parameter: SeriesParameter;
  readonly lines: MetricLine[];
  /** True when every x is > 0 and max/min ≥ 100: a linear axis would squash the small values. */
  readonly logScale: boolean;
  /** Models that cannot be placed: damaged, no metric, or a non-numeric x (gamma "scale"/"auto"). */
  readonly excluded: { name: string; reason: string }[];
}

/** Whether values spanning this range read better on a log axis. */
export function wantsLogScale(xs: readonly number[]): boolean {
  if (xs.length === 0 || xs.some((x) => !(x > 0))) return false;
  return Math.max(...xs) / Math.min(...xs) >= 100;
}

function otherParameters(row: ComparisonRow, parameter: SeriesParameter): string {
  const parts: string[] = [];
  if (parameter !== 'C') parts.push(`C=${row.C}`);
  if (parameter !== 'gamma') parts.push(`gamma=${row.gamma}`);
  parts.push(`seed=${row.seed}`, `kernel=${row.kernel}`);
  if (row.dataPath !== undefined) parts.push(`data=${row.dataPath}`);
  return parts.join(', ');
}

/** Builds the series from table rows (filtered or not); lines in order of first appearance. */
export function metricSeries(rows: readonly ComparisonRow[], metric: SeriesMetric, parameter: SeriesParameter): MetricSeries {
  const lines = new Map<string, SeriesPoint[]>();
  const excluded: { name: string; reason: string }[] = [];
  for (const row of rows) {
    const y = row[metric];
    const x = row[parameter];
    if (row.status !== 'ok') excluded.push({ name: row.name, reason: 'damaged' });
    else if (y === undefined) excluded.push({ name: row.name, reason: `no ${metric}` });
    else if (typeof x !== 'number') excluded.push({ name: row.name, reason: `${parameter} is ${x === undefined ? 'unknown' : `"${x}"`}, not a number` });
    else {
      const label = otherParameters(row, parameter);
      if (!lines.has(label)) lines.set(label, []);
      lines.get(label)!.push({ x, y, name: row.name });
    }
  }
  const out = [...lines].map(([label, points]) => ({ label, points: points.sort((a, b) => a.x - b.x || (a.name < b.name ? -1 : 1)) }));
  return { metric, parameter, lines: out, logScale: wantsLogScale(out.flatMap((l) => l.points.map((p) => p.x))), excluded };
}
