// What a metric-against-parameter chart shows, decided from the core's MetricSeries without the
// charting library (shared by the Compare and Tune pages): one line per setting of the other
// varying parameters, several layers per line (Compare: validation solid, train dashed), ±std error
// bars where a point has a spread. Words ("scale", "auto", kernels) sit on a category axis; numbers
// on a linear or log axis (metricSeries decides). The plan is part of the page's own bundle, so the
// HTML legend (compareLegend.ts) and the chart's description appear with the table; seriesChart.ts
// draws it with Chart.js, which arrives later in dist/charts.js (chartLoader.ts).
import { unorderedParameter, type MetricSeries, type SeriesParameter } from '../src/protocol/comparePanel';
import { pythonFloat } from '../src/protocol/resultsPanel';
import { lineStyle, type LineStyle } from './compareColors';
import { showBidiControls } from '../src/protocol/bidiControls';

/** A plotted point: percentages; the names and values (fractions) of the rows averaged into it. */
export type ChartPoint = { x: number; y: number; std: number; names: string[]; values: number[]; label: string };

export interface ChartLine {
  readonly label: string;
  readonly style: LineStyle;
  /** Rows on the line (in the first layer). */
  readonly models: number;
}

/** One metric drawn on every line: its series, its name in the tooltip, and its stroke. */
export interface SeriesLayer {
  readonly series: MetricSeries;
  readonly name: string;
  readonly dashed?: boolean;
}

export interface SeriesChartOptions {
  readonly parameter: SeriesParameter;
  /** Labels of the lines the legend has hidden. */
  readonly hidden: ReadonlySet<string>;
  readonly yTitle: string;
  /** What the tooltip says about a point after its value (default: its spread and its models). */
  describePoint?(p: ChartPoint): string;
}

/** One drawn line, as Chart.js takes a line dataset. */
export interface PlannedDataset {
  readonly label: string;
  readonly data: ChartPoint[];
  readonly borderColor: string;
  readonly backgroundColor: string;
  /** Filled in a solid layer, hollow ('transparent') in a dashed one: a lone point has no line to dash. */
  readonly pointBackgroundColor: string;
  readonly pointBorderWidth: number;
  readonly pointStyle: LineStyle['marker'];
  readonly pointRadius: number;
  readonly pointHoverRadius: number;
  readonly tension: number;
  /** False on an axis of values without order (unorderedParameter): markers only. */
  readonly showLine: boolean;
  readonly hidden: boolean;
  readonly borderWidth: number;
  readonly borderDash?: number[];
}

/** Everything the chart shows, decided without the charting library. */
export interface SeriesChartPlan {
  readonly parameter: SeriesParameter;
  /** The first layer's axis is the chart's. */
  readonly axis: MetricSeries['axis'];
  readonly yTitle: string;
  /** The first layer's lines: the legend. */
  readonly lines: ChartLine[];
  /** Empty: nothing to plot. */
  readonly datasets: PlannedDataset[];
  /** The lowest error bar's bottom, in percent (the y axis reaches down to it). */
  readonly lowest: number;
  describePoint(p: ChartPoint): string;
}

const PERCENT = 100;
/** Lines at the same x are moved apart by up to this share of the gap between two x values… */
const DODGE_SHARE = 0.2;
/** …at most this much per line, so that their error bars do not hide each other. */
const DODGE_PER_LINE = 0.08;

function xText(v: number | string): string {
  return typeof v === 'number' ? pythonFloat(v) : v;
}

/** Compare's wording: the spread and the models of a point that averages several, else its model. */
function describeModels(p: ChartPoint): string {
  return showBidiControls(p.names.length > 1 ? ` ± ${p.std.toFixed(2)} (mean of ${p.names.length}: ${p.names.join(', ')})` : ` (${p.names[0]})`);
}

/** Plans the layers on one chart; the first layer's lines make the legend and its axis is the chart's. */
export function planSeriesChart(layers: readonly SeriesLayer[], options: SeriesChartOptions): SeriesChartPlan {
  const describePoint = options.describePoint ?? describeModels;
  const first = layers[0]?.series;
  const base = { parameter: options.parameter, yTitle: options.yTitle, describePoint };
  if (!first) return { ...base, axis: { kind: 'linear', categories: [] }, lines: [], datasets: [], lowest: 0 };
  const position = dodgedPosition(first);
  const toPoints = (line: MetricSeries['lines'][number], i: number): ChartPoint[] => line.points.map((p) => ({
    x: position(p.x, i), y: p.y * PERCENT, std: p.std * PERCENT, names: p.names, values: p.values, label: xText(p.x),
  }));
  const datasets: PlannedDataset[] = [];
  const lines: ChartLine[] = first.lines.map((line, i) => {
    const style = lineStyle(i);
    const suffix = line.label === '' ? '' : ` · ${line.label}`;
    const common = { borderColor: style.color, backgroundColor: style.color, pointStyle: style.marker, pointRadius: 4, pointHoverRadius: 6, tension: 0, showLine: !unorderedParameter(options.parameter), hidden: options.hidden.has(line.label) };
    for (const layer of layers) {
      const own = layer.series.lines.find((l) => l.label === line.label);
      if (!own) continue;
      datasets.push({
        ...common, label: `${layer.name}${suffix}`, data: toPoints(own, i), borderWidth: layer.dashed ? 1.5 : 2,
        pointBackgroundColor: layer.dashed ? 'transparent' : style.color, pointBorderWidth: layer.dashed ? 1.5 : 1,
        ...(layer.dashed ? { borderDash: [6, 4] } : {}),
      });
    }
    return { label: line.label, style, models: line.points.reduce((n, p) => n + p.names.length, 0) };
  });
  const lowest = datasets.length === 0 ? 0 : datasets.flatMap((d) => d.data.map((p) => p.y - p.std)).reduce((a, b) => Math.min(a, b), Infinity);
  return { ...base, axis: first.axis, lines, datasets, lowest };
}

/**
 * Where line `i`'s point at `x` is drawn: lines that share an x value are set a little apart
 * (position dodge), so that overlapping error bars stay readable; tooltips keep the true value.
 */
function dodgedPosition(series: MetricSeries): (x: number | string, i: number) => number {
  const { kind, categories } = series.axis;
  const toAxis = (x: number | string) => (kind === 'category' ? categories.indexOf(String(x)) : kind === 'logarithmic' ? Math.log10(x as number) : (x as number));
  const fromAxis = (u: number) => (kind === 'logarithmic' ? 10 ** u : u);
  const n = series.lines.length;
  const us = [...new Set(series.lines.flatMap((l) => l.points.map((p) => toAxis(p.x))))].sort((a, b) => a - b);
  if (n < 2) return (x) => fromAxis(toAxis(x));
  const gaps = us.slice(1).map((u, k) => u - us[k]!).filter((g) => g > 0);
  const slot = gaps.length > 0 ? gaps.reduce((a, b) => Math.min(a, b), Infinity) : 1;
  const spread = Math.min(DODGE_SHARE, DODGE_PER_LINE * (n - 1)) * slot;
  return (x, i) => fromAxis(toAxis(x) + (i / (n - 1) - 0.5) * spread);
}
