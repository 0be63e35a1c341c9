// Tune results webview entry: a tuned model's grid search as model.json recorded it — what was
// searched, the best candidate and the refit model's accuracies, the candidates table (sortable,
// fold scores on demand) and mean CV accuracy ±std against C, one line per gamma ("scale"/"auto"
// kept, as categories or lines). Messages are checked against the protocol; the page keeps its sort,
// axis and open rows with setState, and the extension rebuilds the view after a reload.
// The text and the table paint first; Chart.js comes afterwards in a bundle of its own (chartLoader.ts).
import type { Chart } from 'chart.js';
import {
  candidateName, candidateRows, chartParameter, describeSearchParams, metricSeries, parseToTunePage, parseTuneState, varyingParameters,
  type ComparisonRow, type FromTunePage, type MetricSeries, type SeriesParameter, type ToTunePage, type TuneState, type TuneView,
} from '../src/protocol/tunePanel';
import { formatAccuracyCount, formatCvScore, pythonFloat } from '../src/protocol/resultsPanel';
import { connectPage } from './pageHost';
import { announce, h } from './dom';
import { tableScroll } from './tableScroll';
import { ChartLegend } from './compareLegend';
import { planSeriesChart, type ChartPoint } from './seriesPlan';
import { LazyChart } from './chartLoader';
import { nextSort, sortText, TuneTable } from './tuneTable';
import { onThemeChange } from './themeColors';
import { installFindInPage } from './findInPage';
import { showBidiControls } from '../src/protocol/bidiControls';

const page = connectPage<ToTunePage, FromTunePage, TuneState>(parseToTunePage, parseTuneState);
const app = document.getElementById('app')!;
installFindInPage(app);

let state = page.initialState;
let view: TuneView | undefined;
let rows: ComparisonRow[] = [];
let chart: Chart | undefined;

function remember(patch: Partial<TuneState>): void {
  if (!state) return;
  state = { ...state, ...patch };
  page.setState(state);
}

const table = new TuneTable({
  onSort(key) {
    if (!state) return;
    remember({ sort: nextSort(state.sort, key) });
    renderTable();
    announce(sortStatus, sortText(state.sort));
  },
  onToggle(index) {
    if (!state) return;
    const open = new Set(state.expanded);
    if (open.has(index)) open.delete(index);
    else open.add(index);
    remember({ expanded: [...open].sort((a, b) => a - b) });
    renderTable();
  },
});

// The page's fixed parts, built once (focus never lands on a replaced control).
const title = h('h1', {});
const searchLine = h('p', { id: 'search-summary' });
const gridLine = h('p', { id: 'grid', class: 'muted' });
const bestLine = h('p', { id: 'best', class: 'note' });
const refitLine = h('p', { id: 'refit' });
const openModel = h('button', { id: 'open-model', type: 'button', class: 'secondary' }, 'Open the refit model');
const whereLine = h('p', { id: 'where', class: 'muted' });
/** Files changed since saving: the numbers below are the files' now, not necessarily the search's. */
const changedLine = h('p', { id: 'changed', class: 'changed', role: 'status', hidden: '' });
/** The new order after a click on a column header (the table itself is not read out). */
const sortStatus = h('p', { id: 'sort-status', class: 'visually-hidden', role: 'status' });
const parameterSelect = h('select', { id: 'parameter' });
const canvas = h('canvas', { id: 'cv-chart', role: 'img', 'aria-label': 'Mean cross-validation accuracy of the candidates' });
const lazyChart = new LazyChart(() => canvas);
const legend = new ChartLegend(() => redrawChart(), 'candidate');
const chartTitle = h('h2', { id: 'chart-title' }, 'Mean CV accuracy');
const chartNote = h('p', { id: 'chart-note', class: 'muted' });
const chartSection = h('section', { id: 'chart-section', 'aria-labelledby': 'chart-title' },
  chartTitle,
  h('div', { class: 'controls' }, h('label', { class: 'feature', for: 'parameter' }, 'x axis'), parameterSelect),
  h('div', { class: 'chart-row' }, h('div', { class: 'chart' }, canvas), legend.root),
  chartNote);
const layout = h('div', { class: 'page' },
  h('header', {}, title, changedLine, searchLine, gridLine, bestLine, refitLine, h('div', { class: 'actions' }, openModel), whereLine),
  h('section', { 'aria-labelledby': 'candidates-title' }, h('h2', { id: 'candidates-title' }, 'Candidates'), sortStatus, tableScroll(table.root, 'Candidates', { tabStop: 'inside' })),
  chartSection);

/** The values of a grid list as Python prints them: "0.1, 1.0, 10.0", "scale, 0.1". */
function list(values: readonly (number | string)[]): string {
  return values.map((v) => (typeof v === 'number' ? pythonFloat(v) : v)).join(', ');
}

function renderHeader(v: TuneView): void {
  const s = v.search;
  const K = s.cv.nSplits;
  title.textContent = showBidiControls(`Tuning Results: ${v.name}`);
  searchLine.textContent = `GridSearchCV over ${s.candidates.length} candidates × ${K} folds (StratifiedKFold, no shuffling) = ${s.candidates.length * K} fits, scored by accuracy, on the ${v.nTrain} training rows of ${v.data} (train_test_split random_state=${v.seed}).`;
  const g = s.grid;
  const usesDegree = g.kernel.includes('poly');
  const usesCoef0 = usesDegree || g.kernel.includes('sigmoid');
  gridLine.textContent = `Grid: kernel ${list(g.kernel)} · C ${list(g.C)} · gamma ${list(g.gamma)}${usesDegree ? ` · degree ${g.degree.join(', ')}` : ''}${usesCoef0 ? ` · coef0 ${list(g.coef0)}` : ''}`;
  const best = s.candidates[s.bestIndex]!;
  bestLine.textContent = `★ Best (best_params_, ${candidateName(s.bestIndex)}): ${describeSearchParams(best.params)} — mean CV accuracy ${formatCvScore(best.meanScore, best.stdScore)}.`;
  refitLine.textContent = `Refitted on all ${v.nTrain} training rows: train accuracy ${formatAccuracyCount(v.train)}, validation accuracy ${formatAccuracyCount(v.valid)} (the ${v.nValid} rows the search never saw).`;
  openModel.textContent = showBidiControls(`Open the refit model (${v.name})`);
  whereLine.textContent = `${showBidiControls(v.modelDir)} · saved ${new Date(v.created).toLocaleString()}`;
  const changed = v.changed ?? [];
  changedLine.hidden = changed.length === 0;
  announce(changedLine, changed.length === 0 ? '' : `⚠ Changed since it was saved: ${changed.map((c) => `${c.file} (${c.change})`).join(', ')}. ${
    changed.some((c) => c.file === 'model.json') ? 'The numbers below are what model.json says now, not necessarily what the search found' : 'The search below is as it was recorded; the model files are no longer the ones it refitted'
  } — Open the refit model to check it.`);
}

function renderTable(): void {
  if (!view || !state) return;
  table.render(view, rows, state.sort, new Set(state.expanded));
}

function updateAxisChoice(): SeriesParameter {
  const varying = varyingParameters(rows);
  const parameter = chartParameter(rows, state?.parameter);
  const options = varying.length > 0 ? varying : [parameter];
  if ([...parameterSelect.options].map((o) => o.value).join(',') !== options.join(',')) {
    parameterSelect.replaceChildren(...options.map((p) => h('option', { value: p }, p)));
  }
  parameterSelect.value = parameter;
  parameterSelect.disabled = options.length < 2;
  return parameter;
}

function redrawChart(): void {
  chartSection.hidden = !view || rows.length < 2;
  if (!view || rows.length < 2) {
    lazyChart.cancel();
    chart?.destroy();
    chart = undefined;
    return;
  }
  const K = view.search.cv.nSplits;
  const parameter = updateAxisChoice();
  const series = metricSeries(rows, 'cvMean', parameter);
  const plan = planSeriesChart([{ series, name: 'mean CV accuracy' }], {
    parameter, hidden: legend.hidden, yTitle: `mean accuracy over ${K} folds (%)`,
    describePoint: (p: ChartPoint) => ` ± ${p.std.toFixed(2)} (std over ${K} folds; ${p.names.join(', ')})`,
  });
  lazyChart.draw((charts) => {
    chart = charts.drawSeriesChart(canvas, plan, chart);
  });
  legend.render(plan.lines);
  chartTitle.textContent = `Mean CV accuracy against ${parameter}`;
  canvas.setAttribute('data-scale', series.axis.kind);
  canvas.setAttribute('data-lines', String(series.lines.length));
  canvas.setAttribute('data-categories', series.axis.categories.join('|'));
  const lineNames = series.lines.map((l) => l.label).filter((l) => l !== '');
  canvas.setAttribute('aria-label', `Mean CV accuracy of ${rows.length} candidates against ${parameter}${series.axis.kind === 'category' ? ` (${series.axis.categories.join(', ')})` : ''}, ${series.lines.length} line${series.lines.length === 1 ? '' : 's'}${lineNames.length > 0 ? `: ${lineNames.join('; ')}` : ''}. The table above has every number.`);
  const shared = series.common ? ` Every candidate: ${series.common}.` : '';
  const same = coincidingLines(series).map((g) => ` ${g.join(' and ')} have the same mean and std at every ${parameter}.`).join('');
  const left = series.excluded.length === 0 ? '' : ` Not plotted: ${series.excluded.map((e) => `${e.name} (${e.reason}: every fit failed)`).join('; ')}.`;
  chartNote.textContent = `Each point is a candidate's mean accuracy over the ${K} folds (mean_test_score), its bars ±1 standard deviation (std_test_score); lines that share an x value are drawn slightly apart.${same}${shared}${left}`;
}

/** Groups of lines with identical points (e.g. gamma=scale and gamma=auto on standardised iris). */
function coincidingLines(series: MetricSeries): string[][] {
  const groups = new Map<string, string[]>();
  for (const line of series.lines) {
    const key = JSON.stringify(line.points.map((p) => [p.x, p.y, p.std]));
    groups.set(key, [...(groups.get(key) ?? []), line.label]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

function show(v: TuneView): void {
  const first = view === undefined;
  view = v;
  rows = candidateRows(v.search);
  remember({ name: v.name, expanded: (state?.expanded ?? []).filter((i) => i < v.search.candidates.length) });
  renderHeader(v);
  renderTable();
  if (first) app.replaceChildren(layout);
  redrawChart();
}

function unavailable(name: string, reason: string): void {
  view = undefined;
  lazyChart.cancel();
  chart?.destroy();
  chart = undefined;
  app.replaceChildren(h('div', { class: 'page' }, h('h1', {}, `Tuning Results: ${name}`), h('p', { id: 'unavailable', class: 'reason', role: 'status' }, reason)));
}

openModel.addEventListener('click', () => page.post({ type: 'openModel' }));
parameterSelect.addEventListener('change', () => {
  remember({ parameter: parameterSelect.value as SeriesParameter });
  legend.hidden.clear();
  redrawChart();
});

page.listen((message) => {
  if (message.type === 'view') {
    // The folder moved on disk and the panel followed it: a reload restores the new one.
    if (message.folder !== undefined && state && message.folder !== state.modelDir) remember({ modelDir: message.folder, name: message.view.name });
    show(message.view);
  } else unavailable(message.name, message.reason);
});

onThemeChange(redrawChart);
