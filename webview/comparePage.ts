// Compare Models webview entry. Receives the table rows (checked against the protocol), sorts and
// filters them with the core's functions, keeps sort/filter/selection/parameter with setState so
// the panel restores after a reload, and asks the extension for the selected models' matrices.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { Chart } from 'chart.js';
import {
  comparisonColumn, filterRows, parseCompareState, parseToCompareWebview, sortRows,
  type ComparisonColumnKey, type CompareRow, type CompareState, type FromCompareWebview, type MatrixView, type ParameterKey, type ToCompareWebview,
} from '../src/protocol/comparePanel';
import { connectPage } from './pageHost';
import { h } from './dom';
import { VirtualTable } from './compareTable';
import { drawMetricChart } from './compareChart';
import { matrixCards } from './compareMatrices';
import { onThemeChange } from './themeColors';

const page = connectPage<ToCompareWebview, FromCompareWebview, CompareState>(parseToCompareWebview, parseCompareState);
const app = document.getElementById('app')!;

let state = page.initialState ?? parseCompareState(undefined);
page.setState(state);
let allRows: CompareRow[] | undefined;
let shown: CompareRow[] = [];
let selected = new Set(state.selected);
let matrices = new Map<string, MatrixView>();
let chart: Chart | undefined;
let selectionTimer: ReturnType<typeof setTimeout> | undefined;

function remember(patch: Partial<CompareState>): void {
  state = { ...state, ...patch };
  page.setState(state);
}

const table = new VirtualTable({
  onSort(key: ComparisonColumnKey) {
    const direction = state.sort.key === key ? (state.sort.direction === 'asc' ? 'desc' : 'asc') : comparisonColumn(key)?.defaultDirection ?? 'asc';
    remember({ sort: { key, direction } });
    refreshTable();
    (document.querySelector(`#models th[data-key="${key}"] button`) as HTMLElement | null)?.focus();
  },
  onToggle(id, checked) {
    if (checked) selected.add(id);
    else selected.delete(id);
    selectionChanged();
  },
  onOpen(id) {
    page.post({ type: 'openModel', id });
  },
});

// The page's fixed parts, built once; the table, chart and matrices change inside them.
const filter = h('input', { id: 'filter', type: 'search', placeholder: 'Filter: words in any column, e.g. "scale C10" or "best"', 'aria-label': 'Filter models', spellcheck: 'false' });
filter.value = state.filter;
const count = h('span', { id: 'count', class: 'muted', role: 'status' });
const exportButton = h('vscode-button', { id: 'export-csv', secondary: '' }, 'Export CSV…');
const clearButton = h('vscode-button', { id: 'clear-selection', secondary: '' }, 'Clear selection');
const parameterSelect = h('vscode-single-select', { id: 'parameter', 'aria-label': 'Parameter on the x axis' },
  h('vscode-option', { value: 'C', ...(state.parameter === 'C' ? { selected: '' } : {}) }, 'C'),
  h('vscode-option', { value: 'gamma', ...(state.parameter === 'gamma' ? { selected: '' } : {}) }, 'gamma'));
const canvas = h('canvas', { id: 'metric-chart', role: 'img', 'aria-label': 'Accuracy of the selected models against the chosen parameter' });
const chartNote = h('p', { id: 'chart-note', class: 'muted' });
const chartTitle = h('h2', {}, 'Accuracy against C');
const chartSection = h('section', { id: 'chart-section', hidden: '' },
  chartTitle,
  h('div', { class: 'controls' }, h('label', { class: 'feature' }, 'Parameter', parameterSelect)),
  h('div', { class: 'chart' }, canvas),
  chartNote);
const matrixRow = h('div', { id: 'matrices', class: 'matrices' });
const matrixStatus = h('p', { id: 'matrices-status', class: 'muted' });
const matrixSection = h('section', { id: 'matrix-section', hidden: '' }, h('h2', {}, 'Validation confusion matrices'), matrixStatus, matrixRow);
const hint = h('p', { id: 'selection-hint', class: 'muted' }, 'Select two or more models (checkboxes) to plot their accuracy against C or gamma and to see their confusion matrices side by side.');
const header = h('header', { class: 'compare-header' },
  h('h1', {}, 'Compare Models'),
  h('div', { class: 'toolbar' }, filter, count, clearButton, exportButton));

function selectedRows(): CompareRow[] {
  return (allRows ?? []).filter((r) => selected.has(r.id));
}

function refreshTable(): void {
  if (!allRows) return;
  shown = sortRows(filterRows(allRows, state.filter), state.sort.key, state.sort.direction) as CompareRow[];
  table.setHeader(state.sort.key, state.sort.direction);
  table.setRows(shown, selected);
  const n = allRows.length;
  count.textContent = `${shown.length === n ? `${n}` : `${shown.length} of ${n}`} model${n === 1 ? '' : 's'} · ${selected.size} selected`;
}

function redrawChart(): void {
  const rows = selectedRows();
  if (rows.length < 2) {
    chart?.destroy();
    chart = undefined;
    return;
  }
  chartTitle.textContent = `Accuracy against ${state.parameter}`;
  const drawn = drawMetricChart(canvas, rows, state.parameter, chart);
  chart = drawn.chart;
  canvas.setAttribute('data-scale', drawn.valid.logScale ? 'logarithmic' : 'linear');
  canvas.setAttribute('data-lines', String(drawn.valid.lines.length));
  const excluded = drawn.valid.excluded;
  const shared = drawn.common ? ` All plotted models: ${drawn.common}.` : '';
  const left = excluded.length === 0 ? '' : ` Not plotted: ${excluded.map((e) => `${e.name} (${e.reason})`).join('; ')}.`;
  chartNote.textContent = `Solid: validation accuracy · dashed: train accuracy.${shared}${left}`;
}

function renderMatrices(): void {
  const rows = selectedRows();
  const ready = rows.map((r) => matrices.get(r.id)).filter((m): m is MatrixView => m !== undefined);
  matrixRow.replaceChildren(...matrixCards(ready));
  if (ready.length === rows.length) matrixStatus.textContent = '';
}

function selectionChanged(post = true): void {
  remember({ selected: [...selected] });
  refreshTable();
  const many = selected.size >= 2;
  chartSection.hidden = !many;
  matrixSection.hidden = !many;
  hint.hidden = many;
  redrawChart();
  renderMatrices();
  if (post) {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => page.post({ type: 'selection', ids: [...selected] }), 150);
  }
}

function showRows(rows: CompareRow[]): void {
  const first = allRows === undefined;
  allRows = rows;
  if (first) {
    app.replaceChildren(header, table.root, hint, chartSection, matrixSection);
  }
  const known = new Set(rows.map((r) => r.id));
  const before = selected.size;
  selected = new Set([...selected].filter((id) => known.has(id)));
  // Rows changed (a model added or removed): the chart and matrices follow; ask for matrices again
  // on the first load (restored selection) or when the selection lost models.
  selectionChanged(first || selected.size !== before);
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
parameterSelect.addEventListener('change', () => {
  const v = (parameterSelect as HTMLElement & { value: string }).value;
  if (v === 'C' || v === 'gamma') {
    remember({ parameter: v as ParameterKey });
    redrawChart();
  }
});

page.listen((message) => {
  switch (message.type) {
    case 'rows':
      showRows(message.rows);
      break;
    case 'select':
      selected = new Set(allRows ? message.ids.filter((id) => allRows!.some((r) => r.id === id)) : message.ids);
      selectionChanged();
      if (message.ids[0]) table.reveal(message.ids[0]);
      break;
    case 'matricesLoading':
      matrixStatus.textContent = `Validating ${message.ids.length} models…`;
      break;
    case 'matrices':
      matrices = new Map([...matrices, ...message.matrices.map((m) => [m.id, m] as const)]);
      renderMatrices();
      matrixStatus.textContent = '';
      break;
  }
});

onThemeChange(redrawChart);
