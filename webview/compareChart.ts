// Accuracy against C or gamma for the selected models: validation (solid) and train (dashed)
// accuracy, one pair of lines per setting of the other parameters, on a log x axis when the
// core's metricSeries says the values span two decades or more.
import { Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import { metricSeries, type CompareRow, type MetricSeries, type ParameterKey } from '../src/protocol/comparePanel';
import { chartColors } from './themeColors';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

type Point = { x: number; y: number; name: string };

export interface DrawnChart {
  readonly chart: Chart | undefined;
  readonly valid: MetricSeries;
  /** Settings every plotted model shares (left out of the legend), e.g. "seed=2023, kernel=rbf". */
  readonly common: string;
}

/** Drops the "k=v" parts every line shares, so the legend names only what differs. */
function shortLabels(labels: string[]): { labels: string[]; common: string } {
  const parts = labels.map((l) => l.split(', '));
  const common = (parts[0] ?? []).filter((p) => parts.every((ps) => ps.includes(p)));
  return { labels: parts.map((ps) => ps.filter((p) => !common.includes(p)).join(', ')), common: common.join(', ') };
}

export function drawMetricChart(canvas: HTMLCanvasElement, rows: readonly CompareRow[], parameter: ParameterKey, previous?: Chart): DrawnChart {
  previous?.destroy();
  const valid = metricSeries(rows, 'validAccuracy', parameter);
  const train = metricSeries(rows, 'trainAccuracy', parameter);
  const colors = chartColors(Math.max(1, valid.lines.length));
  const datasets: ChartDataset<'line', Point[]>[] = [];
  const toPoints = (ps: { x: number; y: number; name: string }[]) => ps.map((p) => ({ x: p.x, y: p.y * 100, name: p.name }));
  const short = shortLabels(valid.lines.map((l) => l.label));
  valid.lines.forEach((line, i) => {
    const color = colors.classes[i % colors.classes.length]!;
    const name = short.labels[i] ? ` · ${short.labels[i]}` : '';
    datasets.push({ label: `validation${name}`, data: toPoints(line.points), borderColor: color, backgroundColor: color, pointRadius: 4, tension: 0 });
    const t = train.lines.find((l) => l.label === line.label);
    if (t) datasets.push({ label: `train${name}`, data: toPoints(t.points), borderColor: color, backgroundColor: color, borderDash: [6, 4], pointStyle: 'rectRot', pointRadius: 4, tension: 0 });
  });
  if (datasets.length === 0) return { chart: undefined, valid, common: short.common };
  const axis = { color: colors.foreground, font: { family: colors.font } };
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: valid.logScale ? 'logarithmic' : 'linear',
          title: { display: true, text: valid.logScale ? `${parameter} (log scale)` : parameter, ...axis },
          // On a log axis only 1, 2 and 5 of each decade get a label; the others crowd together.
          ticks: valid.logScale ? { ...axis, callback: (v) => logTick(Number(v)) } : axis,
          grid: { color: colors.grid },
        },
        y: {
          title: { display: true, text: 'accuracy (%)', ...axis },
          ticks: axis,
          grid: { color: colors.grid },
          suggestedMax: 100,
        },
      },
      plugins: {
        legend: { labels: { color: colors.foreground, font: { family: colors.font }, boxWidth: 18 } },
        tooltip: { callbacks: { label: (ctx) => { const p = ctx.raw as Point; return `${p.name}: ${p.y.toFixed(2)} % (${parameter}=${p.x})`; } } },
      },
    },
  });
  return { chart, valid, common: short.common };
}

function logTick(v: number): string {
  const lead = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  return lead === 1 || lead === 2 || lead === 5 ? String(v) : '';
}
