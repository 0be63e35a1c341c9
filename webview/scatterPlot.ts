// The scatter plot of two chosen features: one colour per class (filled, then hollow once the
// theme's colours are used up), validation rows drawn as triangles, misclassified rows ringed in the
// error colour; a legend explains all three.
import { Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip, type ChartDataset } from 'chart.js';
import type { ResultsView } from '../src/protocol/resultsPanel';
import { chartColors } from './themeColors';

Chart.register(ScatterController, LinearScale, PointElement, Legend, Tooltip);

type Point = { x: number; y: number; row: number };

export function drawScatter(canvas: HTMLCanvasElement, view: ResultsView, xi: number, yi: number, previous?: Chart): Chart | undefined {
  previous?.destroy();
  const data = view.data;
  if (!data) return undefined;
  const colors = chartColors();
  const split = new Map<number, 'train' | 'valid'>();
  const wrong = new Set<number>();
  for (const [kind, s] of [['train', view.train], ['valid', view.valid]] as const) {
    if (!s) continue;
    s.indices.forEach((row, k) => {
      split.set(row, kind);
      if (s.predicted[k] !== data.y[row]) wrong.add(row);
    });
  }
  const datasets: ChartDataset<'scatter', Point[]>[] = view.classNames.map((name, c) => {
    const points: Point[] = [];
    data.X.forEach((row, r) => {
      if (data.y[r] === c) points.push({ x: row[xi]!, y: row[yi]!, row: r });
    });
    // The theme has six chart colours: classes past them take the colours again, hollow.
    const hollow = c >= colors.classes.length;
    const color = colors.classes[c % colors.classes.length]!;
    return {
      label: name,
      data: points,
      backgroundColor: hollow ? 'transparent' : color,
      borderColor: color,
      borderWidth: hollow ? 1.5 : 1,
      pointStyle: points.map((p) => (split.get(p.row) === 'valid' ? 'triangle' : 'circle')),
      pointRadius: points.map((p) => (split.get(p.row) === 'valid' ? 5 : 3.5)),
    };
  });
  datasets.push({
    label: `Misclassified (${wrong.size})`,
    data: [...wrong].map((r) => ({ x: data.X[r]![xi]!, y: data.X[r]![yi]!, row: r })),
    pointStyle: 'circle',
    pointRadius: 8,
    borderWidth: 2,
    borderColor: colors.error,
    backgroundColor: 'transparent',
  });
  const axis = (title: string) => ({
    title: { display: true, text: title, color: colors.foreground },
    ticks: { color: colors.foreground },
    grid: { color: colors.grid },
    border: { color: colors.grid },
  });
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      color: colors.foreground,
      font: { family: colors.font },
      scales: { x: axis(data.featureNames[xi] ?? ''), y: axis(data.featureNames[yi] ?? '') },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            color: colors.foreground,
            usePointStyle: true,
            // Per-point styles would make a class's legend marker depend on its first row.
            generateLabels: (chart) => Chart.defaults.plugins.legend.labels.generateLabels(chart).map((l) => (l.datasetIndex === datasets.length - 1 ? l : { ...l, pointStyle: 'circle' })),
          },
        },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const p = ctx.raw as Point;
              const where = split.get(p.row) === 'valid' ? 'validation' : split.get(p.row) === 'train' ? 'train' : 'not used';
              return `row ${p.row} (${where}${wrong.has(p.row) ? ', misclassified' : ''}): (${p.x}, ${p.y})`;
            },
          },
        },
      },
    },
  });
}
