// Draws a planned metric-against-parameter chart (seriesPlan.ts) with Chart.js: lines, ±std error
// bars, the x axis as categories, linear or logarithmic, tooltips naming the rows. Part of
// dist/charts.js, which a page loads once its text is on screen (chartLoader.ts).
import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset, type Plugin } from 'chart.js';
import { chartColors } from './themeColors';
import type { ChartPoint, SeriesChartPlan } from './seriesPlan';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip);

const PERCENT = 100;
const CAP_PX = 4;

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

/** Draws the plan on `canvas` (replacing `previous`); undefined when it has nothing to plot. */
export function drawSeriesChart(canvas: HTMLCanvasElement, plan: SeriesChartPlan, previous?: Chart): Chart | undefined {
  previous?.destroy();
  if (plan.datasets.length === 0) return undefined;
  // Chart.js keeps state in the datasets it is given: copies, so the plan stays as it was.
  const datasets = plan.datasets.map((d) => ({ ...d })) as ChartDataset<'line', ChartPoint[]>[];
  const { parameter, axis: xAxis } = plan;
  const colors = chartColors();
  const categories = xAxis.categories;
  const axis = { color: colors.foreground, font: { family: colors.font } };
  const xScale = xAxis.kind === 'category'
    ? {
      type: 'linear' as const, min: -0.5, max: categories.length - 0.5,
      // One tick per category, at its index (a linear axis would start its ticks at -0.5).
      afterBuildTicks: (scale: { ticks: { value: number }[] }) => { scale.ticks = categories.map((_, i) => ({ value: i })); },
      ticks: { ...axis, autoSkip: false, callback: (v: number | string) => categories[Number(v)] ?? '' },
    }
    : xAxis.kind === 'logarithmic'
      // On a log axis only 1, 2 and 5 of each decade get a label; the others crowd together.
      ? { type: 'logarithmic' as const, ticks: { ...axis, autoSkip: false, callback: (v: number | string) => logTick(Number(v)) } }
      : { type: 'linear' as const, ticks: axis };
  return new Chart(canvas, {
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
          title: { display: true, text: xAxis.kind === 'logarithmic' ? `${parameter} (log scale)` : parameter, ...axis },
          grid: { color: colors.grid },
        },
        y: {
          title: { display: true, text: plan.yTitle, ...axis },
          ticks: axis,
          grid: { color: colors.grid },
          // The axis reaches down to the lowest error bar (and up to 100 %).
          suggestedMin: Math.max(0, plan.lowest),
          suggestedMax: PERCENT,
        },
      },
      plugins: {
        // The lines are named by the HTML legend beside the canvas (compareLegend.ts). Chart.js's own
        // is registered in the same bundle for the results page's scatter plot: off here.
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const p = ctx.raw as ChartPoint;
              return `${ctx.dataset.label ?? ''}: ${p.y.toFixed(2)} %${plan.describePoint(p)} at ${parameter}=${p.label}`;
            },
          },
        },
      },
    },
  });
}

function logTick(v: number): string {
  const lead = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].some((l) => Math.abs(lead - l) < 1e-6) ? String(v) : '';
}
