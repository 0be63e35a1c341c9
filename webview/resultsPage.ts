// Results webview entry. Receives ToWebview messages (checked against the protocol), renders
// them, and keeps its small state (model, chosen features) with setState so the panel can be
// restored after a window reload. The text paints first; the scatter plot's Chart.js arrives
// afterwards in a bundle of its own (chartLoader.ts).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { Chart } from 'chart.js';
import { parsePanelState, parseToWebview, type FromWebview, type PanelState, type ResultsView, type ToWebview } from '../src/protocol/resultsPanel';
import { connectPage } from './pageHost';
import { announce, h, refocus } from './dom';
import { renderResults, statusWord } from './renderResults';
import { LazyChart, afterPaint } from './chartLoader';
import { onThemeChange } from './themeColors';
import { installFindInPage } from './findInPage';

const page = connectPage<ToWebview, FromWebview, PanelState>(parseToWebview, parsePanelState);
const app = document.getElementById('app')!;
/**
 * What a screen reader says of a new report: the validation's outcome in a few words. It stays in
 * the page while the report under it is rebuilt (a live region added with its text is not read).
 */
const announcer = h('p', { id: 'announcer', class: 'visually-hidden', role: 'status' });
const content = h('div', { id: 'content' }, ...app.childNodes);
app.replaceChildren(announcer, content);
installFindInPage(content);

let state = page.initialState;
let view: ResultsView | undefined;
let chart: Chart | undefined;

/**
 * The features plotted: the user's choice, else the first two whose values vary — a constant one
 * (a digit's blank corner pixel) would put every row on one line.
 */
function features(v: ResultsView): [number, number] {
  const n = v.data?.featureNames.length ?? 0;
  const X = v.data?.X ?? [];
  const varying: number[] = [];
  for (let j = 0; j < n && varying.length < 2; j++) if (X.some((row) => row[j] !== X[0]![j])) varying.push(j);
  const [dx, dy] = varying.length === 2 ? varying : [0, Math.min(1, n - 1)];
  const x = state?.xFeature !== undefined && state.xFeature < n ? state.xFeature : dx!;
  const y = state?.yFeature !== undefined && state.yFeature < n ? state.yFeature : dy!;
  return [x, y];
}

function remember(patch: Partial<PanelState>): void {
  if (!state) return;
  state = { ...state, ...patch };
  page.setState(state);
}

const scatterCanvas = () => document.getElementById('scatter') as HTMLCanvasElement | null;
const lazyChart = new LazyChart(scatterCanvas);

function redrawChart(): void {
  if (!view || !scatterCanvas()) return;
  lazyChart.draw((charts) => {
    // At once, or once the charts have loaded: with the view and the features shown by then.
    const canvas = scatterCanvas();
    if (canvas && view) chart = charts.drawScatter(canvas, view, ...features(view), chart);
  });
}

/**
 * Focuses the re-rendered control with this id. A vscode-button renders its inner button a moment
 * after it is attached, so the focus is set again once it has rendered.
 */
function restoreFocus(id: string): void {
  const el = document.getElementById(id) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
  if (!el) return;
  refocus(el);
  void (el.updateComplete ?? Promise.resolve()).then(() => {
    if (document.activeElement !== el) refocus(el);
  });
}

function show(v: ResultsView): void {
  view = v;
  remember({ name: v.name });
  const [x, y] = features(v);
  chart?.destroy();
  chart = undefined;
  // Re-rendering must not move the user: keep the focused control and the scroll position.
  const focusedId = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement.id : '';
  const scrollY = window.scrollY;
  const parts = renderResults(v, x, y);
  content.replaceChildren(parts.root);
  if (focusedId) restoreFocus(focusedId);
  window.scrollTo({ top: scrollY });
  parts.revalidate.addEventListener('click', () => page.post({ type: 'revalidate' }));
  parts.reveal.addEventListener('click', () => page.post({ type: 'revealArtifacts' }));
  parts.predictNow?.addEventListener('click', () => page.post({ type: 'predictEdited' }));
  parts.showTuning?.addEventListener('click', () => page.post({ type: 'showTuneResults' }));
  const onSelect = (axis: 'xFeature' | 'yFeature') => (e: Event) => {
    const value = Number((e.target as HTMLElement & { value: string }).value);
    if (Number.isInteger(value)) {
      remember({ [axis]: value });
      redrawChart();
    }
  };
  parts.xSelect?.addEventListener('change', onSelect('xFeature'));
  parts.ySelect?.addEventListener('change', onSelect('yFeature'));
  redrawChart();
}

/** "Validation finished: m1 matches." — nothing while the first paint shows the recorded numbers. */
function outcome(v: ResultsView): string {
  if (v.status === 'checking') return announcer.textContent ?? '';
  if (v.status === 'could-not-load') return `Validation failed: ${v.name} could not load. ${v.error ?? ''}`.trim();
  return `Validation finished: ${v.name} ${statusWord(v)}.`;
}

page.listen((message) => {
  if (message.type === 'loading') {
    if (!view) content.replaceChildren(h('p', { class: 'loading' }, `Validating ${message.name}…`));
    else document.getElementById('status-text')?.replaceChildren(`Validating again…`);
    announce(announcer, `Validating ${message.name}…`);
  } else {
    const first = view === undefined;
    show(message.view);
    announce(announcer, outcome(message.view));
    // The extension waits for this before reloading the model, whose CPU would slow this paint.
    if (first) afterPaint(() => page.post({ type: 'painted' }));
  }
});

onThemeChange(redrawChart);
