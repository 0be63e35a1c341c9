// A metric against a parameter, drawn from the core's MetricSeries (shared by the Compare and Tune
// pages): one line per setting of the other varying parameters, several layers per line (Compare:
// validation solid, train dashed), ±std error bars where a point has a spread. Words ("scale",
// "auto", kernels) sit on a category axis; numbers on a linear or log axis (metricSeries decides).
// The legend is HTML outside the canvas (compareLegend.ts), so 100 lines stay readable.
import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset, type Plugin } from 'chart.js';
import type { MetricSeries, SeriesParameter } from '../src/protocol/comparePanel';
import { pythonFloat } from '../src/protocol/resultsPanel';
import { chartColors } from './themeColors';
import { lineStyle, type LineStyle } from './compareColors';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip);

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

export interface DrawnSeriesChart {
  readonly chart: Chart | undefined;
  readonly lines: ChartLine[];
}

const PERCENT = 100;
const CAP_PX = 4;
/** Lines at the same x are moved apart by up to this share of the gap between two x values… */
const DODGE_SHARE = 0.4;
/** …at most this much per line, so that their error bars do not hide each other. */
const DODGE_PER_LINE = 0.08;

/** Draws ±std bars on every visible point that has a spread. */
const errorBars: Plugin<'line'> = {
  id: 'modelLabErrorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const y = chart.scales.y!;
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden || !chart.isDatasetVisible(i)) return;
      ctx.save();
      // A bar past 100 % (a mean near the top with a wide spread) stops at the plot's edge.
      const area = chart.chartArea;
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      ctx.strokeStyle = String(ds.borderColor);
      ctx.lineWidth = 1.5;
      (ds.data as unknown as ChartPoint[]).forEach((p, j) => {
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

/** Compare's wording: the spread and the models of a point that averages several, else its model. */
function describeModels(p: ChartPoint): string {
  return p.names.length > 1 ? ` ± ${p.std.toFixed(2)} (mean of ${p.names.length}: ${p.names.join(', ')})` : ` (${p.names[0]})`;
}

/**
 * Draws (replacing `previous`) the layers on one chart; the first layer's lines make the legend and
 * its axis is the chart's. Returns no chart when there is nothing to plot.
 */
export function drawSeriesChart(canvas: HTMLCanvasElement, layers: readonly SeriesLayer[], options: SeriesChartOptions, previous?: Chart): DrawnSeriesChart {
  previous?.destroy();
  const first = layers[0]?.series;
  if (!first) return { chart: undefined, lines: [] };
  const colors = chartColors(1);
  const categories = first.axis.categories;
  const position = dodgedPosition(first);
  const toPoints = (line: MetricSeries['lines'][number], i: number): ChartPoint[] => line.points.map((p) => ({
    x: position(p.x, i), y: p.y * PERCENT, std: p.std * PERCENT, names: p.names, values: p.values, label: xText(p.x),
  }));
  const datasets: ChartDataset<'line', ChartPoint[]>[] = [];
  const lines: ChartLine[] = first.lines.map((line, i) => {
    const style = lineStyle(i);
    const suffix = line.label === '' ? '' : ` · ${line.label}`;
    const common = { borderColor: style.color, backgroundColor: style.color, pointStyle: style.marker, pointRadius: 4, pointHoverRadius: 6, tension: 0, hidden: options.hidden.has(line.label) };
    for (const layer of layers) {
      const own = layer.series.lines.find((l) => l.label === line.label);
      if (!own) continue;
      datasets.push({ ...common, label: `${layer.name}${suffix}`, data: toPoints(own, i), borderWidth: layer.dashed ? 1.5 : 2, ...(layer.dashed ? { borderDash: [6, 4] } : {}) });
    }
    return { label: line.label, style, models: line.points.reduce((n, p) => n + p.names.length, 0) };
  });
  if (datasets.length === 0) return { chart: undefined, lines };
  const { parameter } = options;
  // The axis reaches down to the lowest error bar (and up to 100 %).
  const lowest = Math.min(...datasets.flatMap((d) => d.data.map((p) => p.y - p.std)));
  const describe = options.describePoint ?? describeModels;
  const axis = { color: colors.foreground, font: { family: colors.font } };
  const xScale = first.axis.kind === 'category'
    ? {
      type: 'linear' as const, min: -0.5, max: categories.length - 0.5,
      // One tick per category, at its index (a linear axis would start its ticks at -0.5).
      afterBuildTicks: (scale: { ticks: { value: number }[] }) => { scale.ticks = categories.map((_, i) => ({ value: i })); },
      ticks: { ...axis, autoSkip: false, callback: (v: number | string) => categories[Number(v)] ?? '' },
    }
    : first.axis.kind === 'logarithmic'
      // On a log axis only 1, 2 and 5 of each decade get a label; the others crowd together.
      ? { type: 'logarithmic' as const, ticks: { ...axis, autoSkip: false, callback: (v: number | string) => logTick(Number(v)) } }
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
          title: { display: true, text: first.axis.kind === 'logarithmic' ? `${parameter} (log scale)` : parameter, ...axis },
          grid: { color: colors.grid },
        },
        y: {
          title: { display: true, text: options.yTitle, ...axis },
          ticks: axis,
          grid: { color: colors.grid },
          suggestedMin: Math.max(0, lowest),
          suggestedMax: PERCENT,
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const p = ctx.raw as ChartPoint;
              return `${ctx.dataset.label ?? ''}: ${p.y.toFixed(2)} %${describe(p)} at ${parameter}=${p.label}`;
            },
          },
        },
      },
    },
  });
  return { chart, lines };
}

function logTick(v: number): string {
  const lead = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].some((l) => Math.abs(lead - l) < 1e-6) ? String(v) : '';
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
  const slot = gaps.length > 0 ? Math.min(...gaps) : 1;
  const spread = Math.min(DODGE_SHARE, DODGE_PER_LINE * (n - 1)) * slot;
  return (x, i) => fromAxis(toAxis(x) + (i / (n - 1) - 0.5) * spread);
}
