// Accuracy against the parameter that varies, for the rows the Compare table shows (or the
// selected ones among them): validation (solid) and train (dashed) accuracy, one pair of lines per
// setting of the other varying parameters, seeds averaged with ±std error bars. Words ("scale",
// "auto", kernels) sit on a category axis; numbers on a linear or log axis (the core's metricSeries
// decides). The legend is HTML outside the canvas (compareLegend.ts), so 100 lines stay readable.
import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset, type Plugin } from 'chart.js';
import { metricSeries, type CompareRow, type MetricSeries, type SeriesParameter } from '../src/protocol/comparePanel';
import { pythonFloat } from '../src/protocol/resultsPanel';
import { chartColors } from './themeColors';
import { lineStyle, type LineStyle } from './compareColors';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip);

/** A plotted point: percentages; names of the models averaged into it. */
type Point = { x: number; y: number; std: number; names: string[]; label: string };

export interface ChartLine {
  readonly label: string;
  readonly style: LineStyle;
  /** Models on the line (both metrics). */
  readonly models: number;
}

export interface DrawnChart {
  readonly chart: Chart | undefined;
  readonly valid: MetricSeries;
  readonly lines: ChartLine[];
}

const PERCENT = 100;
const CAP_PX = 4;

/** Draws ±std bars on every visible point that averages several models. */
const errorBars: Plugin<'line'> = {
  id: 'modelLabErrorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const y = chart.scales.y!;
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden || !chart.isDatasetVisible(i)) return;
      ctx.save();
      ctx.strokeStyle = String(ds.borderColor);
      ctx.lineWidth = 1.5;
      (ds.data as unknown as Point[]).forEach((p, j) => {
        if (!(p.std > 0)) return;
        const px = meta.data[j]!.x;
        const top = y.getPixelForValue(p.y + p.std);
        const bottom = y.getPixelForValue(p.y - p.std);
        ctx.beginPath();
        ctx.moveTo(px, top);
        ctx.lineTo(px, bottom);
        ctx.moveTo(px - CAP_PX, top);
        ctx.lineTo(px + CAP_PX, top);
        ctx.moveTo(px - CAP_PX, bottom);
        ctx.lineTo(px + CAP_PX, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

function xText(v: number | string): string {
  return typeof v === 'number' ? pythonFloat(v) : v;
}

/** Draws (replacing `previous`) the chart of these rows against `parameter`; hidden lines by label. */
export function drawMetricChart(canvas: HTMLCanvasElement, rows: readonly CompareRow[], parameter: SeriesParameter, hidden: ReadonlySet<string>, previous?: Chart): DrawnChart {
  previous?.destroy();
  const valid = metricSeries(rows, 'validAccuracy', parameter);
  const train = metricSeries(rows, 'trainAccuracy', parameter);
  const colors = chartColors(1);
  const categories = valid.axis.categories;
  const position = (x: number | string) => (valid.axis.kind === 'category' ? categories.indexOf(String(x)) : (x as number));
  const toPoints = (line: MetricSeries['lines'][number]): Point[] => line.points.map((p) => ({
    x: position(p.x), y: p.y * PERCENT, std: p.std * PERCENT, names: p.names, label: xText(p.x),
  }));
  const datasets: ChartDataset<'line', Point[]>[] = [];
  const lines: ChartLine[] = valid.lines.map((line, i) => {
    const style = lineStyle(i);
    const name = line.label === '' ? '' : ` · ${line.label}`;
    const common = { borderColor: style.color, backgroundColor: style.color, pointStyle: style.marker, pointRadius: 4, pointHoverRadius: 6, tension: 0, hidden: hidden.has(line.label) };
    datasets.push({ ...common, label: `validation${name}`, data: toPoints(line), borderWidth: 2 });
    const t = train.lines.find((l) => l.label === line.label);
    if (t) datasets.push({ ...common, label: `train${name}`, data: toPoints(t), borderWidth: 1.5, borderDash: [6, 4] });
    return { label: line.label, style, models: line.points.reduce((n, p) => n + p.names.length, 0) };
  });
  if (datasets.length === 0) return { chart: undefined, valid, lines };
  const axis = { color: colors.foreground, font: { family: colors.font } };
  const xScale = valid.axis.kind === 'category'
    ? {
      type: 'linear' as const, min: -0.5, max: categories.length - 0.5,
      // One tick per category, at its index (a linear axis would start its ticks at -0.5).
      afterBuildTicks: (scale: { ticks: { value: number }[] }) => { scale.ticks = categories.map((_, i) => ({ value: i })); },
      ticks: { ...axis, autoSkip: false, callback: (v: number | string) => categories[Number(v)] ?? '' },
    }
    : valid.axis.kind === 'logarithmic'
      // On a log axis only 1, 2 and 5 of each decade get a label; the others crowd together.
      ? { type: 'logarithmic' as const, ticks: { ...axis, callback: (v: number | string) => logTick(Number(v)) } }
      : { type: 'linear' as const, ticks: axis };
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets },
    plugins: [errorBars],
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          ...xScale,
          title: { display: true, text: valid.axis.kind === 'logarithmic' ? `${parameter} (log scale)` : parameter, ...axis },
          grid: { color: colors.grid },
        },
        y: {
          title: { display: true, text: 'accuracy (%)', ...axis },
          ticks: axis,
          grid: { color: colors.grid },
          suggestedMax: PERCENT,
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const p = ctx.raw as Point;
              const spread = p.names.length > 1 ? ` ± ${p.std.toFixed(2)} (mean of ${p.names.length}: ${p.names.join(', ')})` : ` (${p.names[0]})`;
              return `${ctx.dataset.label ?? ''}: ${p.y.toFixed(2)} %${spread} at ${parameter}=${p.label}`;
            },
          },
        },
      },
    },
  });
  return { chart, valid, lines };
}

function logTick(v: number): string {
  const lead = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  return lead === 1 || lead === 2 || lead === 5 ? String(v) : '';
}
