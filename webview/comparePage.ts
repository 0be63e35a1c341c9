// Compare Models webview entry. Receives the table rows (checked against the protocol), filters,
// sorts, plots and diffs them with the core's pure functions (through src/protocol), keeps sort,
// filter, selection, axis, baseline and diff options with setState so the panel restores after a
// reload, and asks the extension for the selected models' matrices and facts. The chart shows
// what the table shows: the filtered rows, or the selected ones among them when two or more are.
// The table paints first; Chart.js comes afterwards in a bundle of its own (chartLoader.ts).
import type { Chart } from 'chart.js';
import {
  FILTER_SYNTAX, bestByData, chartParameter, dataText, ruleOfData, comparisonColumn, filterRows, parseCompareState, parseRowFilter, parseToCompareWebview, sortRows,
  unorderedParameter, unplottableReason, varyingParameters, visibleColumns,
  type ComparisonColumnKey, type CompareRow, type CompareState, type FactsView, type FromCompareWebview, type MatrixView, type ParameterKey, type ToCompareWebview,
} from '../src/protocol/comparePanel';
import { formatPercent } from '../src/protocol/resultsPanel';
import { connectPage } from './pageHost';
import { announce, h } from './dom';
import { VirtualTable } from './compareTable';
import { planMetricChart } from './compareChart';
import { LazyChart } from './chartLoader';
import { ChartLegend } from './compareLegend';
import { diffTable } from './compareDiff';
import { matrixCards } from './compareMatrices';
import { onThemeChange } from './themeColors';
import { isFindShortcut } from './findInPage';
import { stickWhileSmall } from './stickyHeader';
import { showBidiControls } from '../src/protocol/bidiControls';

const page = connectPage<ToCompareWebview, FromCompareWebview, CompareState>(parseToCompareWebview, parseCompareState);
const app = document.getElementById('app')!;

let state = page.initialState ?? parseCompareState(undefined);
page.setState(state);
let allRows: CompareRow[] | undefined;
let shown: CompareRow[] = [];
let selected = new Set(state.selected);
let matrices = new Map<string, MatrixView>();
let facts = new Map<string, FactsView>();
let chart: Chart | undefined;
let selectionTimer: ReturnType<typeof setTimeout> | undefined;
let chartFrame = 0;

function remember(patch: Partial<CompareState>): void {
  state = { ...state, ...patch };
  page.setState(state);
}

const table = new VirtualTable({
  onSort(key: ComparisonColumnKey) {
    const direction = state.sort.key === key ? (state.sort.direction === 'asc' ? 'desc' : 'asc') : comparisonColumn(key)?.defaultDirection ?? 'asc';
    remember({ sort: { key, direction } });
    refreshTable();
    announceSort();
  },
  onToggle(id, checked) {
    if (checked) selected.add(id);
    else selected.delete(id);
    selectionChanged();
  },
  onBaseline(id) {
    setBaseline(state.baseline === id ? undefined : id);
  },
  onOpen(id) {
    page.post({ type: 'openModel', id });
  },
});

// The page's fixed parts, built once (focus never lands on a replaced control); the table, chart,
// diff and matrices change inside them.
const filter = h('input', {
  id: 'filter', type: 'search', placeholder: 'Filter: C=10  gamma=scale  valid>=0.9  or any word', spellcheck: 'false',
  'aria-describedby': 'filter-help filter-problems', autocomplete: 'off', 'aria-keyshortcuts': 'Control+F Meta+F',
});
filter.value = state.filter;
// Ctrl+F (⌘F) finds through the filter: this page is kept while its tab is hidden, and such a page has
// no VS Code find widget (PAGE_PANEL_OPTIONS in src/extension/contributions.ts).
document.addEventListener('keydown', (e) => {
  if (isFindShortcut(e)) {
    e.preventDefault();
    filter.focus();
    filter.select();
  }
});
const filterLabel = h('label', { for: 'filter', class: 'visually-hidden' }, 'Filter models');
const filterHelp = h('p', { id: 'filter-help', class: 'muted help' }, `Filter: ${FILTER_SYNTAX}.`);
const filterProblems = h('p', { id: 'filter-problems', class: 'problems', role: 'status' });
const count = h('span', { id: 'count', class: 'muted', role: 'status' });
/** Said after a click on a column header: the new order (the table itself is not read out). */
const sortStatus = h('span', { id: 'sort-status', class: 'visually-hidden', role: 'status' });
const exportButton = h('button', { id: 'export-csv', type: 'button', class: 'secondary' }, 'Export CSV…');
const clearButton = h('button', { id: 'clear-selection', type: 'button', class: 'secondary' }, 'Clear selection');
const bestNote = h('p', { id: 'best-note', class: 'note' });
const baselineName = h('strong', {});
const clearBaseline = h('button', { id: 'clear-baseline', type: 'button', class: 'secondary' }, 'Clear baseline');
const baselineBanner = h('p', { id: 'baseline-note', class: 'note', hidden: '' },
  '◆ Baseline: ', baselineName, ' — metric cells show their difference in percentage points, changed parameters their difference (numbers) or ≠. ', clearBaseline);
const parameterSelect = h('select', { id: 'parameter' });
const canvas = h('canvas', { id: 'metric-chart', role: 'img', 'aria-label': 'Accuracy of the models in the table against the parameter on the x axis' });
const lazyChart = new LazyChart(() => canvas);
const legend = new ChartLegend(() => redrawChart());
const chartNote = h('p', { id: 'chart-note', class: 'muted' });
const chartTitle = h('h2', { id: 'chart-title' }, 'Accuracy');
const chartControls = h('div', { class: 'controls' }, h('label', { class: 'feature', for: 'parameter' }, 'x axis'), parameterSelect);
const chartRow = h('div', { class: 'chart-row' }, h('div', { class: 'chart' }, canvas), legend.root);
const chartSection = h('section', { id: 'chart-section', hidden: '', 'aria-labelledby': 'chart-title' }, chartTitle, chartControls, chartRow, chartNote);
const onlyDifferences = h('input', { id: 'only-differences', type: 'checkbox' });
onlyDifferences.checked = state.diffOnlyDifferences;
const diffBody = h('div', { id: 'diff' });
const diffTitle = h('h2', { id: 'diff-title' }, 'Differences');
const diffSection = h('section', { id: 'diff-section', hidden: '', 'aria-labelledby': 'diff-title' },
  diffTitle,
  h('div', { class: 'controls' }, h('label', { class: 'check' }, onlyDifferences, ' Only what differs')),
  diffBody);
const matrixRow = h('div', { id: 'matrices', class: 'matrices' });
const matrixStatus = h('p', { id: 'matrices-status', class: 'muted', role: 'status' });
const matrixSection = h('section', { id: 'matrix-section', hidden: '', 'aria-labelledby': 'matrix-title' }, h('h2', { id: 'matrix-title' }, 'Validation confusion matrices'), matrixStatus, matrixRow);
const hint = h('p', { id: 'selection-hint', class: 'muted' }, 'Select models (checkboxes) to plot only them; two selected show their differences, two or more their confusion matrices side by side. ◇ sets a baseline.');
const header = h('header', { class: 'compare-header' },
  h('h1', {}, 'Compare Models'),
  h('div', { class: 'toolbar' }, filterLabel, filter, count, sortStatus, clearButton, exportButton),
  filterHelp,
  filterProblems);
stickWhileSmall(header);

function rowById(id: string | undefined): CompareRow | undefined {
  return id === undefined ? undefined : allRows?.find((r) => r.id === id);
}

function selectedRows(): CompareRow[] {
  return (allRows ?? []).filter((r) => selected.has(r.id));
}

/** The rows the chart plots: the table's rows, or the selected ones among them when two or more are. */
function chartRows(): CompareRow[] {
  const picked = shown.filter((r) => selected.has(r.id));
  return picked.length >= 2 ? picked : shown;
}

/** Data sources whose best the note names; the ★ marks the others' too. */
const MAX_BEST_GROUPS = 4;

function describeBest(): void {
  // Each data source has its own best: models of other data were validated on other rows.
  const groups = bestByData(allRows ?? []).filter((g) => g.best.length > 0);
  const rule = ruleOfData(groups);
  if (groups.length === 0) {
    bestNote.textContent = `★ marks the best model: the ${rule}. No model has a validation accuracy yet.`;
    return;
  }
  const who = (b: (typeof groups)[number]) => {
    const top = b.best[0]!;
    const at = b.basis === 'crossValidation' ? `a mean CV accuracy of ${formatPercent(top.cvMean!)} and ${formatPercent(top.validAccuracy!)} validation accuracy` : formatPercent(top.validAccuracy!);
    return b.tie ? `${b.best.length} models tie at ${at}` : `${top.name}, at ${at}`;
  };
  if (groups.length === 1) {
    bestNote.textContent = `★ marks the best model: the ${rule}. ${who(groups[0]!)}.`;
    return;
  }
  const shownGroups = groups.slice(0, MAX_BEST_GROUPS).map((g) => `${dataText(g.best[0]!)}: ${who(g)}.`);
  const more = groups.length > MAX_BEST_GROUPS ? ` ${groups.length - MAX_BEST_GROUPS} more data sources have their own ★.` : '';
  bestNote.textContent = `★ marks the best model of each of the ${groups.length} data sources (models trained on different data were validated on other rows, so they are not ranked against each other): the ${rule}. ${shownGroups.join(' ')}${more}`;
}

function refreshTable(): void {
  if (!allRows) return;
  const parsed = parseRowFilter(state.filter);
  announce(filterProblems, parsed.problems.join(' '));
  filter.setAttribute('aria-invalid', String(parsed.problems.length > 0));
  shown = sortRows(filterRows(allRows, parsed), state.sort.key, state.sort.direction);
  table.setHeader(new Set(visibleColumns(allRows).map((c) => c.key)), state.sort.key, state.sort.direction);
  const baseline = rowById(state.baseline);
  const where = modelFolders.length > 0 ? modelFolders.map((f) => `"${f}"`).join(', ') : 'the models folder';
  table.setRows(shown, selected, baseline, allRows.length === 0 ? `No saved models in ${where} yet: Train Iris Model saves one there.` : 'No saved model matches the filter.');
  baselineBanner.hidden = baseline === undefined;
  baselineName.textContent = showBidiControls(baseline?.name ?? '');
  const n = allRows.length;
  announce(count, `${shown.length === n ? `${n}` : `${shown.length} of ${n}`} model${n === 1 ? '' : 's'} · ${selected.size} selected`);
  // Export writes the table's rows: with none, there is nothing to write (a header-only file).
  exportButton.disabled = shown.length === 0;
  exportButton.title = shown.length === 0 ? 'No model in the table to export' : `Export the ${shown.length} model${shown.length === 1 ? '' : 's'} in the table as CSV`;
  scheduleChart();
}

function announceSort(): void {
  const { key, direction } = state.sort;
  announce(sortStatus, `Sorted by ${comparisonColumn(key)?.title ?? key}, ${direction === 'asc' ? 'ascending' : 'descending'}`);
}

/** The chart follows the table one frame later, so the first rows appear without waiting for it. */
function scheduleChart(): void {
  if (chartFrame) return;
  chartFrame = requestAnimationFrame(() => {
    chartFrame = 0;
    redrawChart();
  });
}

function updateAxisChoice(rows: readonly CompareRow[]): ParameterKey {
  const varying = varyingParameters(rows);
  const parameter = chartParameter(rows, state.parameter);
  const options = varying.length > 0 ? varying : [parameter];
  const current = [...parameterSelect.options].map((o) => o.value).join(',');
  if (current !== options.join(',')) {
    parameterSelect.replaceChildren(...options.map((p) => h('option', { value: p }, p)));
  }
  parameterSelect.value = parameter;
  parameterSelect.disabled = options.length < 2;
  return parameter;
}

function redrawChart(): void {
  const rows = chartRows();
  const usable = rows.filter((r) => r.status === 'ok');
  // Two rows or more but fewer than two to plot (the others changed or damaged): say why there is no chart.
  chartSection.hidden = rows.length < 2;
  chartControls.hidden = chartRow.hidden = usable.length < 2;
  if (usable.length < 2) {
    lazyChart.cancel();
    chart?.destroy();
    chart = undefined;
    const left = rows.filter((r) => r.status !== 'ok').map((r) => `${r.name} (${unplottableReason(r)})`).join('; ');
    chartTitle.textContent = 'Accuracy';
    chartNote.textContent = `No chart: it needs two models whose recorded numbers still hold. Not plotted: ${left}.`;
    return;
  }
  const parameter = updateAxisChoice(rows);
  const picked = rows !== shown;
  const plan = planMetricChart(rows, parameter, legend.hidden);
  // The title counts what is drawn: models whose numbers no longer hold are named under the chart.
  const plotted = rows.length - plan.valid.excluded.length;
  const which = picked ? `selected models` : `models in the table`;
  chartTitle.textContent = `Accuracy against ${parameter} — ${plotted === rows.length ? `the ${rows.length} ${which}` : `${plotted} of the ${rows.length} ${which} (${rows.length - plotted} not plotted, named below)`}`;
  lazyChart.draw((charts) => {
    chart = charts.drawSeriesChart(canvas, plan.plan, chart);
  });
  legend.render(plan.lines);
  const v = plan.valid;
  canvas.setAttribute('data-scale', v.axis.kind);
  canvas.setAttribute('data-lines', String(v.lines.length));
  canvas.setAttribute('data-categories', v.axis.categories.join('|'));
  canvas.setAttribute('aria-label', `Accuracy of ${plotted} models against ${parameter}${v.axis.kind === 'category' ? ` (${v.axis.categories.join(', ')})` : ''}, ${v.lines.length} line${v.lines.length === 1 ? '' : 's'}.`);
  const shared = v.common ? ` All plotted models: ${v.common}.` : '';
  const seeds = v.seedsAveraged ? ' Models that differ only by seed are one point: their mean, with ±1 standard deviation bars.' : '';
  const left = v.excluded.length === 0 ? '' : ` Not plotted: ${v.excluded.map((e) => `${e.name} (${e.reason})`).join('; ')}.`;
  const key = unorderedParameter(parameter)
    ? `Filled marker: validation accuracy · hollow marker: train accuracy (no lines: ${parameter === 'data' ? 'data files' : parameter === 'seed' ? 'seeds' : 'kernels'} have no order).`
    : 'Solid line, filled marker: validation accuracy · dashed line, hollow marker: train accuracy.';
  chartNote.textContent = `${key}${seeds}${shared}${left}`;
}

function renderDiff(): void {
  const rows = selectedRows();
  diffSection.hidden = rows.length !== 2;
  if (rows.length !== 2) return;
  diffTitle.textContent = showBidiControls(`Differences: ${rows[0]!.name} ↔ ${rows[1]!.name}`);
  const a = facts.get(rows[0]!.id);
  const b = facts.get(rows[1]!.id);
  diffBody.replaceChildren(a && b ? diffTable(a, b, state.diffOnlyDifferences) : h('p', { class: 'muted' }, 'Reading model.json of both models…'));
}

function renderMatrices(): void {
  const rows = selectedRows();
  matrixSection.hidden = rows.length < 2;
  const ready = rows.map((r) => matrices.get(r.id)).filter((m): m is MatrixView => m !== undefined);
  matrixRow.replaceChildren(...matrixCards(ready));
  if (ready.length === rows.length) matrixStatus.textContent = '';
}

function selectionChanged(post = true): void {
  remember({ selected: [...selected] });
  refreshTable();
  hint.hidden = selected.size >= 2;
  renderDiff();
  renderMatrices();
  if (post) {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => page.post({ type: 'selection', ids: [...selected] }), 150);
  }
}

function setBaseline(id: string | undefined): void {
  const { baseline: _old, ...rest } = state;
  state = id === undefined ? rest : { ...rest, baseline: id };
  page.setState(state);
  refreshTable();
}

/** The models folders the rows come from, as the user reads them (for the empty table). */
let modelFolders: readonly string[] = [];

/** Selected models (and the baseline) that the last listing lacked: a move may bring them back under another id. */
let lately: { selected: Set<string>; baseline: string | undefined } = { selected: new Set(), baseline: undefined };

function showRows(rows: CompareRow[], moved: readonly [string, string][] = []): void {
  const first = allRows === undefined;
  allRows = rows;
  // A model renamed or moved is the same model: it stays selected (and the baseline), also when an
  // earlier listing already lacked it (the two halves of a move seen apart).
  if (moved.length > 0) {
    const to = new Map(moved);
    selected = new Set([...selected, ...[...lately.selected].filter((id) => to.has(id))].map((id) => to.get(id) ?? id));
    const baseline = state.baseline ?? lately.baseline;
    if (baseline !== undefined && to.has(baseline)) setBaseline(to.get(baseline));
  }
  const listed = new Set(rows.map((r) => r.id));
  const followed = new Set(moved.map(([from]) => from));
  lately = {
    selected: new Set([...lately.selected, ...selected].filter((id) => !listed.has(id) && !followed.has(id))),
    baseline: state.baseline !== undefined && !listed.has(state.baseline) ? state.baseline : lately.baseline !== undefined && !followed.has(lately.baseline) ? lately.baseline : undefined,
  };
  table.follow(moved);
  if (first) app.replaceChildren(header, bestNote, baselineBanner, table.root, hint, chartSection, diffSection, matrixSection);
  describeBest();
  const known = new Set(rows.map((r) => r.id));
  const before = selected.size;
  selected = new Set([...selected].filter((id) => known.has(id)));
  if (state.baseline !== undefined && !known.has(state.baseline)) setBaseline(undefined);
  // Rows changed (a model added, removed or written again): the chart, diff and matrices follow;
  // ask for matrices and facts again on the first load (restored selection), when the selection
  // lost models, or when a diff is shown (its facts may have changed).
  facts = new Map();
  selectionChanged(first || selected.size !== before || selected.size === 2 || moved.length > 0);
}

filter.addEventListener('input', () => {
  remember({ filter: filter.value });
  refreshTable();
});
exportButton.addEventListener('click', () => page.post({ type: 'exportCsv', ids: shown.map((r) => r.id) }));
clearButton.addEventListener('click', () => {
  selected.clear();
  selectionChanged();
});
clearBaseline.addEventListener('click', () => {
  setBaseline(undefined);
  // The button hides with the banner: the table keeps the focus (its one Tab stop).
  table.focus();
});
parameterSelect.addEventListener('change', () => {
  const v = parameterSelect.value as ParameterKey;
  remember({ parameter: v });
  legend.hidden.clear();
  redrawChart();
});
onlyDifferences.addEventListener('change', () => {
  remember({ diffOnlyDifferences: onlyDifferences.checked });
  renderDiff();
});

page.listen((message) => {
  switch (message.type) {
    case 'rows':
      modelFolders = message.folders;
      showRows(message.rows, message.moved);
      break;
    case 'select':
      selected = new Set(allRows ? message.ids.filter((id) => allRows!.some((r) => r.id === id)) : message.ids);
      selectionChanged();
      if (message.ids[0]) table.reveal(message.ids[0]);
      break;
    case 'matricesLoading':
      announce(matrixStatus, `Validating ${message.ids.length} models…`);
      break;
    case 'matrices':
      matrices = new Map([...matrices, ...message.matrices.map((m) => [m.id, m] as const)]);
      renderMatrices();
      matrixStatus.textContent = '';
      break;
    case 'facts':
      facts = new Map([...facts, ...message.models.map((m) => [m.id, m] as const)]);
      renderDiff();
      break;
  }
});

onThemeChange(redrawChart);
