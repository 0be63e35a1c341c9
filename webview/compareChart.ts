// Accuracy against the parameter that varies, for the rows the Compare table shows (or the
// selected ones among them): validation (solid) and train (dashed) accuracy, one pair of lines per
// setting of the other varying parameters, seeds averaged with ±std error bars. Words ("scale",
// "auto", kernels) sit on a category axis; numbers on a linear or log axis (the core's metricSeries
// decides). The legend is HTML outside the canvas (compareLegend.ts), so 100 lines stay readable.
// This file plans the chart (series, lines, styles) in the page's own bundle, so the legend and
// the chart's description appear with the table; compareChartDraw.ts draws the plan with Chart.js,
// which arrives later in dist/charts.js (chartLoader.ts).
import { metricSeries, type CompareRow, type MetricSeries, type SeriesParameter } from '../src/protocol/comparePanel';
import { pythonFloat } from '../src/protocol/resultsPanel';
import { lineStyle, type LineStyle } from './compareColors';

/** A plotted point: percentages; names of the models averaged into it. */
export type Point = { x: number; y: number; std: number; names: string[]; label: string };

export interface ChartLine {
  readonly label: string;
  readonly style: LineStyle;
  /** Models on the line (both metrics). */
  readonly models: number;
}

/** One drawn line, as Chart.js takes a line dataset (plain data). */
export interface PlannedDataset {
  readonly label: string;
  readonly data: Point[];
  readonly borderColor: string;
  readonly backgroundColor: string;
  readonly pointStyle: LineStyle['marker'];
  readonly pointRadius: number;
  readonly pointHoverRadius: number;
  readonly tension: number;
  readonly hidden: boolean;
  readonly borderWidth: number;
  readonly borderDash?: number[];
}

/** Everything the chart shows, decided without the charting library. */
export interface MetricChartPlan {
  readonly parameter: SeriesParameter;
  readonly valid: MetricSeries;
  readonly lines: ChartLine[];
  readonly datasets: PlannedDataset[];
}

const PERCENT = 100;

function xText(v: number | string): string {
  return typeof v === 'number' ? pythonFloat(v) : v;
}

/** The chart of these rows against `parameter`, with the lines labelled in `hidden` hidden. */
export function planMetricChart(rows: readonly CompareRow[], parameter: SeriesParameter, hidden: ReadonlySet<string>): MetricChartPlan {
  const valid = metricSeries(rows, 'validAccuracy', parameter);
  const train = metricSeries(rows, 'trainAccuracy', parameter);
  const categories = valid.axis.categories;
  const position = (x: number | string) => (valid.axis.kind === 'category' ? categories.indexOf(String(x)) : (x as number));
  const toPoints = (line: MetricSeries['lines'][number]): Point[] => line.points.map((p) => ({
    x: position(p.x), y: p.y * PERCENT, std: p.std * PERCENT, names: p.names, label: xText(p.x),
  }));
  const datasets: PlannedDataset[] = [];
  const lines: ChartLine[] = valid.lines.map((line, i) => {
    const style = lineStyle(i);
    const name = line.label === '' ? '' : ` · ${line.label}`;
    const common = { borderColor: style.color, backgroundColor: style.color, pointStyle: style.marker, pointRadius: 4, pointHoverRadius: 6, tension: 0, hidden: hidden.has(line.label) };
    datasets.push({ ...common, label: `validation${name}`, data: toPoints(line), borderWidth: 2 });
    const t = train.lines.find((l) => l.label === line.label);
    if (t) datasets.push({ ...common, label: `train${name}`, data: toPoints(t), borderWidth: 1.5, borderDash: [6, 4] });
    return { label: line.label, style, models: line.points.reduce((n, p) => n + p.names.length, 0) };
  });
  return { parameter, valid, lines, datasets };
}
