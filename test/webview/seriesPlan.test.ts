// Compare's chart plan: lines that share an x value are drawn a little apart (position dodge), but
// close enough to their value that a point still reads against the axis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSeriesChart } from '../../webview/seriesPlan';

// The plan asks the page's body for the theme (its line colours); the positions tested here do not depend on it.
(globalThis as { document?: unknown }).document ??= { body: { classList: { contains: (c: string) => c === 'vscode-light' } } };
import type { MetricSeries } from '../../src/core/experiments/metricSeries';

test('15 lines at C 0.5, 5 and 50 (log axis): every point within a factor 10^0.1 of its C; the lines still apart', () => {
  const cs = [0.5, 5, 50];
  const series: MetricSeries = {
    metric: 'validAccuracy', parameter: 'C', axis: { kind: 'logarithmic', categories: [] }, seedsAveraged: false, common: '', excluded: [],
    lines: Array.from({ length: 15 }, (_, i) => ({
      label: `gamma=${i + 1}`,
      points: cs.map((c) => ({ x: c, y: 0.9, std: 0, names: [`m-${i}-${c}`], values: [0.9] })),
    })),
  };
  const plan = planSeriesChart([{ series, name: 'validation' }], { parameter: 'C', hidden: new Set(), yTitle: 'accuracy' });
  const drawn = plan.datasets.map((d) => d.data.map((p) => p.x));
  for (const xs of drawn) {
    xs.forEach((x, k) => assert.ok(Math.abs(Math.log10(x / cs[k]!)) <= 0.1 + 1e-12, `C=${cs[k]} drawn at ${x}`));
  }
  assert.equal(new Set(drawn.map((xs) => xs[0])).size, 15, 'each line at its own position');
});
