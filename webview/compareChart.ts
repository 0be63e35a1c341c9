// Accuracy against the parameter that varies, for the rows the Compare table shows (or the
// selected ones among them): validation (solid, filled markers) and train (dashed, hollow) accuracy, one pair of lines per
// setting of the other varying parameters, seeds averaged with ±std error bars. The plan and the
// drawing are shared with the Tune page (seriesPlan.ts, seriesChart.ts); this file says what
// Compare plots.
import { metricSeries, type CompareRow, type MetricSeries, type SeriesParameter } from '../src/protocol/comparePanel';
import { planSeriesChart, type ChartLine, type SeriesChartPlan } from './seriesPlan';

export type { ChartLine } from './seriesPlan';

/** Compare's chart: the plan to draw, the validation series (for the description) and the legend's lines. */
export interface MetricChartPlan {
  readonly plan: SeriesChartPlan;
  readonly valid: MetricSeries;
  readonly lines: ChartLine[];
}

/** The chart of these rows against `parameter`, with the lines labelled in `hidden` hidden. */
export function planMetricChart(rows: readonly CompareRow[], parameter: SeriesParameter, hidden: ReadonlySet<string>): MetricChartPlan {
  const valid = metricSeries(rows, 'validAccuracy', parameter);
  const train = metricSeries(rows, 'trainAccuracy', parameter);
  const plan = planSeriesChart([
    { series: valid, name: 'validation' },
    { series: train, name: 'train', dashed: true },
  ], { parameter, hidden, yTitle: 'accuracy (%)' });
  return { plan, valid, lines: plan.lines };
}
