// Accuracy against the parameter that varies, for the rows the Compare table shows (or the
// selected ones among them): validation (solid) and train (dashed) accuracy, one pair of lines per
// setting of the other varying parameters, seeds averaged with ±std error bars. The drawing is
// seriesChart.ts (shared with the Tune page); this file says what Compare plots.
import type { Chart } from 'chart.js';
import { metricSeries, type CompareRow, type MetricSeries, type SeriesParameter } from '../src/protocol/comparePanel';
import { drawSeriesChart, type ChartLine } from './seriesChart';

export type { ChartLine } from './seriesChart';

export interface DrawnChart {
  readonly chart: Chart | undefined;
  readonly valid: MetricSeries;
  readonly lines: ChartLine[];
}

/** Draws (replacing `previous`) the chart of these rows against `parameter`; hidden lines by label. */
export function drawMetricChart(canvas: HTMLCanvasElement, rows: readonly CompareRow[], parameter: SeriesParameter, hidden: ReadonlySet<string>, previous?: Chart): DrawnChart {
  const valid = metricSeries(rows, 'validAccuracy', parameter);
  const train = metricSeries(rows, 'trainAccuracy', parameter);
  const drawn = drawSeriesChart(canvas, [
    { series: valid, name: 'validation' },
    { series: train, name: 'train', dashed: true },
  ], { parameter, hidden, yTitle: 'accuracy (%)' }, previous);
  return { chart: drawn.chart, valid, lines: drawn.lines };
}
