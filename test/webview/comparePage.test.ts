// The Compare Models webview in headless Chromium under the panel's CSP: rows from a message,
// sorting, the filter (words, param=value, comparisons), the one rule for best, virtual rendering
// of 1,000 models, the chart (x axis follows what varies, categories kept, seeds averaged, the
// table's rows only, a legend that holds 50 lines), the baseline, the two-model diff, the matrices,
// focus kept through every action, and axe-core with zero violations in four themes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCompareHarness, type CompareHarness, type CompareProbe } from './compareHarness';
import { drawnOnCanvas, liveRegions, NARROW_VIEWPORT, narrowLayout, post, probe, recordCanvas, runAxe, uncovered } from './pageHarness';
import { THEME_KINDS } from './themes';
import { gridRows, manyDataRows, manyRows, mixedDataRows, sweepRows } from './compareRows';
import type { CompareRow, FactsView, MatrixView } from '../../src/protocol/comparePanel';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

const names = (page: Page) => page.$$eval('#rows tr.model-row td.col-name button.open', (bs) => bs.map((b) => b.textContent ?? ''));
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const rowSel = (name: string) => `#rows tr.model-row:has(td.col-name button:text-is("${name}"))`;
/** What has focus: its row's model name (if in a row) and its data-focus role or id. */
const focused = (page: Page) => page.evaluate(() => {
  const a = document.activeElement as HTMLElement | null;
  return { row: a?.closest('tr')?.querySelector('button.open')?.textContent ?? null, what: a?.getAttribute('data-focus') ?? a?.id ?? a?.tagName ?? null };
});

function matrix(id: string, name: string, confusion: number[][]): MatrixView {
  const correct = confusion.reduce((s, r, i) => s + r[i]!, 0);
  const total = confusion.flat().reduce((a, b) => a + b, 0);
  return { id, name, classNames: ['setosa', 'versicolor', 'virginica'], confusion, correct, total, accuracy: correct / total };
}

function facts(row: CompareRow, sha: string): FactsView {
  return {
    id: row.id, name: row.name, facts: [
      { group: 'Parameters', label: 'kernel', value: 'rbf' },
      { group: 'Parameters', label: 'C', value: String(row.C) },
      { group: 'Parameters', label: 'gamma', value: String(row.gamma) },
      { group: 'Metrics', label: 'validation accuracy', value: String(row.validAccuracy) },
      { group: 'Data', label: 'rows', value: '150' },
      { group: 'Data', label: 'sha256', value: sha },
      { group: 'Data', label: 'id range', value: '101 … 250' },
      { group: 'Provenance', label: 'created', value: row.created ?? '' },
    ],
  };
}

async function inked(page: Page): Promise<number> {
  // Chart.js arrives after the table (dist/charts.js): the canvas is aria-busy until drawn.
  await page.waitForSelector('#metric-chart:not([aria-busy])');
  return page.$eval('#metric-chart', (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
}

describe('Compare Models webview', () => {
  let harness: CompareHarness;
  before(async () => {
    harness = await startCompareHarness();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => harness?.close());

  test('renders rows from a message: accuracies, every tie starred with the rule stated, damaged shown, names as text', async () => {
    const page = await harness.open('light');
    await post(page, { type: 'rows', rows: sweepRows(), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    // Default sort: validation accuracy, highest first; ties in name order; the damaged row last.
    assert.deepEqual(await names(page), [
      'iris-C1-g0.1-s2023', 'iris-C1-gscale-s2023', 'iris-C10-g0.1-s2023', 'iris-C10-gscale-s2023',
      'iris-C0.1-gscale-s2023', 'iris-C0.1-g0.1-s2023', '<img src=x id=injected>',
    ]);
    assert.equal(await page.$('#injected'), null);
    assert.equal(await page.getAttribute('th[data-key="validAccuracy"]', 'aria-sort'), 'descending');
    assert.equal(await page.$$eval('#rows tr.model-row.best', (trs) => trs.length), 4);
    assert.equal(await page.textContent('#best-note'), '★ marks the best model: the highest validation accuracy. 4 models tie at 100.00 %.');
    const first = await page.$$eval('#rows tr.model-row', (trs) => [...trs[0]!.querySelectorAll('td')].map((td) => td.textContent));
    assert.ok(first.includes('97.50 %') && first.includes('100.00 % ★'), `first row: ${first.join(' | ')}`);
    assert.equal(await page.getAttribute('#rows tr[data-id="file:///ws/models/iris-C0.1-g0.1-s2023"] td.col-trainAccuracy', 'title'), '0.9083333333333333');
    assert.equal(await page.textContent('#rows tr.damaged td[data-status]'), 'damaged');
    assert.match((await page.getAttribute('#rows tr.damaged td[data-status]', 'title')) ?? '', /line 1, column 30/);
    // Also beside the name: the Status column is the last, scrolled out of sight in a narrow editor.
    assert.equal(await page.textContent('#rows tr.damaged td.col-name .tag'), 'damaged');
    assert.match((await page.getAttribute('#rows tr.damaged td.col-name .tag', 'title')) ?? '', /line 1, column 30/);
    assert.equal(await page.$$eval('#rows tr.model-row:not(.damaged) td.col-name .tag', (t) => t.length), 0);
    assert.equal(await page.textContent('#count'), '7 models · 0 selected');
    // No model is tuned: no CV columns.
    assert.equal(await page.$('th[data-key="cvMean"]'), null);
    const p = await probe(page);
    assert.deepEqual(p.__violations, []);
    assert.deepEqual(p.__errors, []);
    assert.deepEqual(p.__posted[0], { type: 'ready' });
    await page.close();
  });

  test('models of two data sources: each has its own ★, and the note names both bests', async () => {
    const page = await harness.open('light');
    await post(page, { type: 'rows', rows: mixedDataRows(), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    const starred = await page.$$eval('#rows tr.model-row.best td.col-name', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(starred, ['iris-C1-g0.1-s2023', 'iris-C1-gscale-s2023', 'iris-C10-g0.1-s2023', 'iris-C10-gscale-s2023', 'penguins-C2']);
    assert.equal(await page.textContent('#best-note'), '★ marks the best model of each of the 2 data sources (models trained on different data were validated on other rows, so they are not ranked against each other): the highest validation accuracy. iris: 4 models tie at 100.00 %. csv: penguins.csv: penguins-C2, at 90.00 %.');
    // Accuracy against the data file: markers only, and the note says why (data files have no order).
    await page.waitForSelector('#chart-section:not([hidden])');
    await page.selectOption('#parameter', 'data');
    await page.waitForFunction(() => /^Filled marker/.test(document.getElementById('chart-note')?.textContent ?? ''));
    assert.match((await page.textContent('#chart-note')) ?? '', /^Filled marker: validation accuracy · hollow marker: train accuracy \(no lines: data files have no order\)\./);
    assert.deepEqual((await probe(page)).__violations, []);
    await page.close();
  });

  test('a long model name ends in an ellipsis inside its cell (its full name in the tooltip), not cut off mid-letter', async () => {
    const page = await harness.open('light');
    const long = 'iris-' + 'a'.repeat(115);
    const rows = sweepRows().map((r, i) => (i === 0 ? { ...r, name: long } : r));
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector(rowSel(long));
    const fit = await page.$eval(`${rowSel(long)} td.col-name`, (td) => {
      const b = td.querySelector('button.open') as HTMLElement;
      return {
        inside: b.getBoundingClientRect().right <= td.getBoundingClientRect().right,
        truncated: b.scrollWidth > b.clientWidth,
        ellipsis: getComputedStyle(b).textOverflow,
        title: b.title,
      };
    });
    assert.deepEqual(fit, { inside: true, truncated: true, ellipsis: 'ellipsis', title: `Show the results of ${long}` });
    // A damaged model's tag stays in sight beside a long name: the name gives way.
    const damagedLong = 'broken-' + 'b'.repeat(115);
    await post(page, { type: 'rows', rows: rows.map((r) => (r.status === 'damaged' ? { ...r, name: damagedLong } : r)), folders: ['models'] });
    await page.waitForSelector(rowSel(damagedLong));
    const tagFit = await page.$eval(`${rowSel(damagedLong)} td.col-name`, (td) => {
      const tag = td.querySelector('.tag') as HTMLElement;
      return { text: tag.textContent, inside: tag.getBoundingClientRect().right <= td.getBoundingClientRect().right };
    });
    assert.deepEqual(tagFit, { text: 'damaged', inside: true });
    await page.close();
  });

  test('tuned models: CV columns appear, and the CV mean decides best (the rule says so)', async () => {
    const page = await harness.open('dark');
    const rows = sweepRows();
    const tuned = rows.map((r) => (r.name === 'iris-C0.1-gscale-s2023' ? { ...r, cvMean: 0.975, cvStd: 0.0204, cvRank: 1, best: true } : { ...r, best: false }));
    await post(page, { type: 'rows', rows: tuned, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    assert.deepEqual(await page.$$eval('th[data-key^="cv"]', (ths) => ths.map((t) => t.getAttribute('data-key'))), ['cvMean', 'cvStd', 'cvRank']);
    assert.match((await page.textContent('#best-note')) ?? '', /highest mean cross-validation accuracy among tuned models, then highest validation accuracy\. iris-C0\.1-gscale-s2023, at a mean CV accuracy of 97\.50 %/);
    assert.equal(await page.textContent(`${rowSel('iris-C0.1-gscale-s2023')} td.col-cvMean`), '97.50 %');
    await page.close();
  });

  test('filter: words, param=value (C=10, gamma=0.1), comparisons (valid>=0.9), problems said; state kept', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'rows', rows: sweepRows(), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    assert.match((await page.getAttribute('#filter', 'placeholder')) ?? '', /C=10 +gamma=scale +valid>=0\.9/);
    assert.match((await page.textContent('#filter-help')) ?? '', /C=10, gamma=scale, kernel=rbf, seed=2023/);
    await page.fill('#filter', 'C=10');
    assert.deepEqual((await names(page)).sort(), ['iris-C10-g0.1-s2023', 'iris-C10-gscale-s2023']);
    await page.fill('#filter', 'gamma=0.1');
    assert.deepEqual((await names(page)).sort(), ['iris-C0.1-g0.1-s2023', 'iris-C1-g0.1-s2023', 'iris-C10-g0.1-s2023']);
    await page.fill('#filter', 'valid>=0.9 train<0.97');
    const want = sweepRows().filter((r) => r.validAccuracy !== undefined && r.validAccuracy >= 0.9 && r.trainAccuracy! < 0.97).map((r) => r.name).sort();
    assert.equal(want.length, 3);
    assert.deepEqual((await names(page)).sort(), want);
    assert.equal(await page.textContent('#count'), '3 of 7 models · 0 selected');
    await page.fill('#filter', 'gama=0.1');
    assert.equal(await page.textContent('#filter-problems'), '"gama=0.1": no column "gama" — did you mean gamma=0.1?');
    assert.equal(await page.getAttribute('#filter', 'aria-invalid'), 'true');
    await page.fill('#filter', 'scale best');
    assert.deepEqual(await names(page), ['iris-C1-gscale-s2023', 'iris-C10-gscale-s2023']);
    assert.equal(await page.getAttribute('#filter', 'aria-invalid'), 'false');
    await page.click('th[data-key="C"] button');
    assert.equal(await page.getAttribute('th[data-key="C"]', 'aria-sort'), 'ascending');
    await page.click('th[data-key="C"] button');
    assert.equal(await page.getAttribute('th[data-key="C"]', 'aria-sort'), 'descending');
    assert.equal(await page.getAttribute('th[data-key="validAccuracy"]', 'aria-sort'), 'none');
    await page.fill('#filter', 'damaged');
    assert.deepEqual(await names(page), ['<img src=x id=injected>']);
    const state = (await probe(page)).__state as { sort: unknown; filter: string };
    assert.deepEqual(state.sort, { key: 'C', direction: 'desc' });
    assert.equal(state.filter, 'damaged');
    // Export posts the shown rows' ids in display order; focus stays on the button.
    await page.focus('#export-csv');
    await page.keyboard.press('Enter');
    assert.deepEqual((await probe(page)).__posted.at(-1), { type: 'exportCsv', ids: ['file:///ws/models/broken'] });
    assert.equal((await focused(page)).what, 'export-csv');
    await page.close();
  });

  test('Ctrl+F and ⌘F focus the filter with its text selected (the page is kept while hidden, without VS Code\'s find widget)', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'rows', rows: sweepRows(), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    await page.fill('#filter', 'gamma=0.1');
    for (const keys of ['Control+F', 'Meta+F']) {
      await page.focus('#export-csv');
      await page.keyboard.press(keys);
      assert.equal((await focused(page)).what, 'filter', keys);
      assert.deepEqual(await page.$eval('#filter', (el) => [(el as HTMLInputElement).selectionStart, (el as HTMLInputElement).selectionEnd]), [0, 'gamma=0.1'.length], keys);
    }
    assert.equal(await page.getAttribute('#filter', 'aria-keyshortcuts'), 'Control+F Meta+F');
    await page.keyboard.type('C=10');
    assert.deepEqual((await names(page)).sort(), ['iris-C10-g0.1-s2023', 'iris-C10-gscale-s2023']);
    await page.close();
  });

  test('1,000 models: only the rows in view are in the DOM, scrolling shows later ones, sorting stays right', async () => {
    const page = await harness.open('light');
    // Time inside the page from posting the message to the first rows and to the chart being in the
    // DOM, taken by a MutationObserver in the page (report only: Playwright's polling would add its
    // own delay). (Strings, so that the test loader's helpers do not leak into the page.)
    await page.evaluate(`new MutationObserver(() => {
      const now = performance.now();
      if (!window.__tRows && document.querySelector('#rows tr.model-row')) window.__tRows = now;
      if (!window.__tChart && document.querySelector('#chart-legend li')) window.__tChart = now;
    }).observe(document.body, { childList: true, subtree: true, attributes: true });`);
    await page.evaluate(`window.__t0 = performance.now(); window.postMessage(${JSON.stringify({ type: 'rows', rows: manyRows(1000), folders: ['models'] })}, '*')`);
    await page.waitForSelector('#chart-section:not([hidden])');
    const renderMs = (await page.evaluate('window.__tRows - window.__t0')) as number;
    const chartMs = (await page.evaluate('window.__tChart - window.__t0')) as number;
    const domRows = await page.$$eval('#rows tr.model-row', (trs) => trs.length);
    assert.ok(domRows > 10 && domRows < 80, `${domRows} rows in the DOM for 1,000 models`);
    assert.equal(await page.getAttribute('#models', 'aria-rowcount'), '1001');
    await page.click('th[data-key="name"] button');
    assert.deepEqual((await names(page)).slice(0, 3), ['model-1', 'model-2', 'model-3']);
    await page.$eval('#table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
    await settle(page);
    const last = await names(page);
    assert.equal(last.at(-1), 'model-1000');
    assert.ok(last.length < 80, `${last.length} rows after scrolling`);
    assert.equal(await page.$$eval('#rows tr.model-row', (trs) => trs.at(-1)!.getAttribute('aria-rowindex')), '1001');
    console.log(`# 1,000 rows: message to first rows in the DOM ${renderMs.toFixed(0)} ms, to the chart of all 1,000 ${chartMs.toFixed(0)} ms, ${domRows} rows in the DOM`);
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('chart: the x axis follows what varies, "scale"/"auto" are categories, seeds averaged, only the table\'s rows plotted', async () => {
    const page = await harness.open('light');
    const rows = gridRows();
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#chart-section:not([hidden])');
    // C, gamma and seed vary: the axis offers exactly those; C first, on a log scale.
    assert.deepEqual(await page.$$eval('#parameter option', (os) => os.map((o) => (o as HTMLOptionElement).value)), ['C', 'gamma', 'seed']);
    assert.equal(await page.getAttribute('#metric-chart', 'data-scale'), 'logarithmic');
    assert.equal(await page.getAttribute('#metric-chart', 'data-lines'), '5', 'one line per gamma');
    assert.match((await page.textContent('#chart-note')) ?? '', /differ only by seed are one point: their mean, with ±1 standard deviation bars/);
    await page.selectOption('#parameter', 'gamma');
    assert.equal(await page.getAttribute('#metric-chart', 'data-scale'), 'category');
    assert.equal(await page.getAttribute('#metric-chart', 'data-categories'), '0.001|0.01|0.1|auto|scale');
    assert.doesNotMatch((await page.textContent('#chart-note')) ?? '', /Not plotted/);
    assert.equal(((await probe(page)).__state as { parameter: string }).parameter, 'gamma');
    assert.ok(await inked(page) > 1000);
    await page.screenshot({ path: join(SHOTS, 'compare-chart-gamma-categories-light.png'), fullPage: true });
    // The filter narrows the chart too: C=10 leaves one line; the title counts the table's rows.
    await page.fill('#filter', 'C=10');
    await settle(page);
    assert.equal(await page.getAttribute('#metric-chart', 'data-lines'), '1');
    assert.equal(await page.textContent('#chart-title'), 'Accuracy against gamma — the 20 models in the table');
    // Selecting models that differ only in C: the axis moves to C (the saved choice stays gamma).
    await page.fill('#filter', 'gamma=scale seed=1');
    for (const n of ['g-C0.1-gscale-s1', 'g-C1-gscale-s1', 'g-C10-gscale-s1']) await page.check(`${rowSel(n)} input[type=checkbox]`);
    await settle(page);
    assert.equal(await page.textContent('#chart-title'), 'Accuracy against C — the 3 selected models');
    assert.deepEqual(await page.$$eval('#parameter option', (os) => os.map((o) => (o as HTMLOptionElement).value)), ['C']);
    // A selected model the filter hides is not plotted.
    await recordCanvas(page, 'metric-chart');
    await page.fill('#filter', 'gamma=scale seed=1 C<10');
    await settle(page);
    assert.equal(await page.textContent('#chart-title'), 'Accuracy against C — the 2 selected models');
    // Validation and train are told apart at a lone point too: filled markers and hollow ones.
    const { fills } = await drawnOnCanvas(page);
    const hollow = fills.filter((f) => f === 'rgba(0, 0, 0, 0)').length;
    assert.ok(hollow > 0 && hollow * 2 === fills.length, `as many hollow markers as filled: ${fills.join(' ')}`);
    assert.match((await page.textContent('#chart-note')) ?? '', /^Solid line, filled marker: validation accuracy · dashed line, hollow marker: train accuracy\./);
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('a model changed since saving is not plotted and the note says so; with one model left to plot, the section says why there is no chart', async () => {
    const page = await harness.open('dark');
    const rows = gridRows().filter((r) => r.gamma === 'scale' && r.seed === 1);
    const changed = { ...rows[0]!, status: 'changed' as const, error: 'changed since saving: model.json (modified)' };
    await post(page, { type: 'rows', rows: [changed, ...rows.slice(1)], folders: ['models'] });
    await page.waitForSelector('#chart-section:not([hidden])');
    assert.match((await page.textContent('#chart-note')) ?? '', new RegExp(`Not plotted: ${changed.name} \\(changed since saving\\)\\.`));
    // The title counts what is drawn, not the rows of the table.
    assert.equal(await page.textContent('#chart-title'), `Accuracy against C — ${rows.length - 1} of the ${rows.length} models in the table (1 not plotted, named below)`);
    assert.match((await page.getAttribute('#metric-chart', 'aria-label')) ?? '', new RegExp(`^Accuracy of ${rows.length - 1} models against C`));
    // Two rows, one of them changed: no chart, but not a silent gap either.
    await post(page, { type: 'rows', rows: [changed, rows[1]!], folders: ['models'] });
    await settle(page);
    assert.equal(await page.isVisible('#chart-section'), true);
    assert.equal(await page.isVisible('#metric-chart'), false);
    assert.equal(await page.textContent('#chart-note'), `No chart: it needs two models whose recorded numbers still hold. Not plotted: ${changed.name} (changed since saving).`);
    assert.deepEqual(await runAxe(page), []);
    // Restored: the chart is back.
    await post(page, { type: 'rows', rows: [rows[0]!, rows[1]!], folders: ['models'] });
    await settle(page);
    assert.equal(await page.isVisible('#metric-chart'), true);
    assert.doesNotMatch((await page.textContent('#chart-note')) ?? '', /No chart|Not plotted/);
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('legend: 50 lines in a scrolling list beside the chart (and none drawn in the chart), 48 distinct styles, toggled from the keyboard', async () => {
    const page = await harness.open('dark', { viewport: { width: 1280, height: 1000 } });
    await recordCanvas(page, 'metric-chart');
    await post(page, { type: 'rows', rows: manyDataRows(), folders: ['models'] });
    await page.waitForSelector('#chart-section:not([hidden])');
    await page.selectOption('#parameter', 'C');
    await settle(page);
    assert.equal(await page.getAttribute('#metric-chart', 'data-lines'), '50');
    const legend = await page.$eval('#chart-legend', (el) => {
      const l = el.getBoundingClientRect();
      const c = document.getElementById('metric-chart')!.getBoundingClientRect();
      const overlaps = !(l.right <= c.left || l.left >= c.right || l.bottom <= c.top || l.top >= c.bottom);
      return { scrolls: el.scrollHeight > el.clientHeight, overlaps, entries: el.querySelectorAll('button.legend-entry').length };
    });
    assert.deepEqual(legend, { scrolls: true, overlaps: false, entries: 50 });
    const styles = await page.$$eval('#chart-legend .swatch', (ss) => ss.map((s) => `${s.querySelector('line')!.getAttribute('stroke')} ${s.lastElementChild!.tagName}${s.lastElementChild!.getAttribute('points') ?? s.lastElementChild!.getAttribute('d') ?? ''}`));
    assert.equal(new Set(styles.slice(0, 48)).size, 48, 'the first 48 lines all look different');
    // Chart.js's own legend (registered for the results page's scatter plot in the same bundle)
    // would repeat the lines above the plot and squeeze it: the chart draws ticks and titles only.
    const labels = await page.$$eval('#chart-legend button.legend-entry', (bs) => bs.map((b) => b.getAttribute('data-label')!));
    const drawn = (await drawnOnCanvas(page)).texts;
    assert.ok(drawn.includes('accuracy (%)'), `the axis title is drawn: ${drawn.slice(0, 5).join(' | ')}`);
    assert.deepEqual(drawn.filter((t) => labels.some((l) => t.includes(l))), [], 'no line label drawn on the canvas');
    // Keyboard: focus the third entry, toggle it off; focus stays on it.
    await page.focus('#chart-legend li:nth-child(3) button');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#chart-legend li:nth-child(3) button', 'aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('li') === document.querySelector('#chart-legend li:nth-child(3)')), true);
    await page.screenshot({ path: join(SHOTS, 'compare-legend-50-lines-dark.png'), fullPage: true });
    await page.close();
  });

  test('baseline: ◇ on a row shows DVC-style deltas, kept in the state; focus stays on the toggle', async () => {
    const page = await harness.open('light');
    const rows = sweepRows();
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    const base = rows.find((r) => r.name === 'iris-C1-gscale-s2023')!;
    await page.focus(`${rowSel(base.name)} button.baseline-toggle`);
    await page.keyboard.press('Enter');
    assert.deepEqual(await focused(page), { row: base.name, what: 'baseline' });
    assert.equal(await page.getAttribute(`${rowSel(base.name)} button.baseline-toggle`, 'aria-pressed'), 'true');
    assert.equal(((await probe(page)).__state as { baseline: string }).baseline, base.id);
    assert.equal(await page.textContent('#baseline-note strong'), base.name);
    // C0.1 gamma=scale: 90.00 % against 100.00 %, C 0.1 against 1.0.
    const other = rowSel('iris-C0.1-gscale-s2023');
    assert.match((await page.textContent(`${other} td.col-validAccuracy .delta`)) ?? '', /^ −10\.00/);
    assert.match((await page.textContent(`${other} td.col-C .delta`)) ?? '', /^ −0\.9/);
    assert.equal(await page.$(`${other} td.col-gamma .delta`), null, 'same gamma: no delta');
    assert.match((await page.textContent(`${rowSel('iris-C1-g0.1-s2023')} td.col-gamma .delta`)) ?? '', /^ ≠/);
    assert.equal(await page.$(`${rowSel(base.name)} .delta`), null, 'the baseline against itself: nothing');
    // Only cells that differ stand out, and never in the "changed since saving" warning style.
    assert.equal(await page.$('#rows td.changed'), null);
    assert.match((await page.getAttribute(`${other} td.col-validAccuracy`, 'class')) ?? '', /\bdiffers\b/);
    const same = rows.find((r) => r.name !== base.name && r.validAccuracy === base.validAccuracy)!;
    assert.match((await page.textContent(`${rowSel(same.name)} td.col-validAccuracy .delta`)) ?? '', /^ ±0\.00/);
    assert.doesNotMatch((await page.getAttribute(`${rowSel(same.name)} td.col-validAccuracy`, 'class')) ?? '', /\bdiffers\b/);
    // After a reload the baseline is back.
    const state = (await probe(page)).__state;
    await page.screenshot({ path: join(SHOTS, 'compare-baseline-light.png') });
    await page.close();
    const again = await harness.open('light', { state });
    await post(again, { type: 'rows', rows, folders: ['models'] });
    await again.waitForSelector('#rows tr.model-row.baseline');
    assert.equal(await again.isHidden('#baseline-note'), false);
    await again.click('#clear-baseline');
    assert.equal(await again.$('#rows tr.model-row.baseline'), null);
    assert.equal((await focused(again)).what, 'select', 'the table keeps the focus: its one Tab stop, the first row\'s checkbox');
    await again.close();
  });

  test('a model renamed (rows with moved: [old id, new id]) stays selected and stays the baseline, in the state too', async () => {
    const page = await harness.open('light');
    const rows = sweepRows();
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    const base = rows.find((r) => r.name === 'iris-C1-gscale-s2023')!;
    const other = rows.find((r) => r.name === 'iris-C0.1-gscale-s2023')!;
    await post(page, { type: 'select', ids: [base.id, other.id] });
    await page.click(`${rowSel(base.name)} button.baseline-toggle`);
    assert.equal(await page.isHidden('#diff'), false, 'two selected: the diff');
    const renamed = { ...base, id: base.id.replace(base.name, 'best-renamed'), name: 'best-renamed' };
    await post(page, { type: 'rows', rows: rows.map((r) => (r.id === base.id ? renamed : r)), folders: ['models'], moved: [[base.id, renamed.id]] });
    await page.waitForSelector(`${rowSel('best-renamed')}.baseline`);
    const state = (await probe(page)).__state as { selected: string[]; baseline: string };
    assert.deepEqual([[...state.selected].sort(), state.baseline], [[renamed.id, other.id].sort(), renamed.id]);
    assert.equal(await page.textContent('#baseline-note strong'), 'best-renamed');
    assert.equal(await page.isChecked(`${rowSel('best-renamed')} input[type=checkbox]`), true);
    // The two halves of a move seen apart (the old folder gone first, the new one listed later): it still follows.
    const again = { ...renamed, id: renamed.id.replace('best-renamed', 'best-again'), name: 'best-again' };
    const without = rows.filter((r) => r.id !== base.id);
    await post(page, { type: 'rows', rows: without, folders: ['models'] });
    await page.waitForFunction(() => document.querySelector('#baseline-note')?.hasAttribute('hidden'));
    await post(page, { type: 'rows', rows: [...without, again], folders: ['models'], moved: [[renamed.id, again.id]] });
    await page.waitForSelector(`${rowSel('best-again')}.baseline`);
    assert.deepEqual([...((await probe(page)).__state as { selected: string[] }).selected].sort(), [again.id, other.id].sort());
    // Without moved (a model deleted and another made), nothing follows.
    await post(page, { type: 'rows', rows: rows.filter((r) => r.id !== base.id), folders: ['models'] });
    await page.waitForFunction(() => document.querySelector('#baseline-note')?.hasAttribute('hidden'));
    await page.close();
  });

  test('keyboard: selecting keeps focus on the checkbox, arrows move between rows, sorting keeps focus on its header', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'rows', rows: manyRows(200), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    await page.focus('#rows tr.model-row[aria-rowindex="2"] input[type=checkbox]');
    const firstName = (await names(page))[0]!;
    await page.keyboard.press('Space');
    assert.deepEqual(await focused(page), { row: firstName, what: 'select' });
    assert.equal(await page.textContent('#count'), '200 models · 1 selected');
    for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowDown');
    const after = await focused(page);
    assert.equal(after.what, 'select');
    assert.equal(after.row, (await page.$$eval('#rows tr.model-row', (trs) => trs.find((t) => t.getAttribute('aria-rowindex') === '62')?.querySelector('button.open')?.textContent)));
    await page.keyboard.press('End');
    assert.equal((await focused(page)).row, await page.$eval('#rows tr.model-row[aria-rowindex="201"] button.open', (b) => b.textContent));
    await page.focus('th[data-key="seed"] button');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('th[data-key="seed"]', 'aria-sort'), 'ascending');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-key')), 'seed');
    await page.close();
  });

  test('zoomed to 150 % (a 335 px high view): the header scrolls away, the focused row and the column headings are never under it', async () => {
    // VS Code at 150 % in a 1,024 × 640 window: the editor's webview is 635 × 335 CSS px.
    const page = await harness.open('dark', { viewport: { width: 635, height: 335 } });
    await post(page, { type: 'rows', rows: manyRows(308), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    await page.focus('#export-csv');
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(page), { row: (await names(page))[0]!, what: 'select' });
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await settle(page);
    const first = '#rows tr.model-row[aria-rowindex="2"] input[type=checkbox]';
    assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex')), '2');
    assert.equal((await uncovered(page, first)).covered, null, 'the focused checkbox is in sight');
    assert.equal((await uncovered(page, 'th[data-key="name"] button.sort')).covered, null, 'the column headings are in sight');
    assert.equal(await page.$eval('header.compare-header', (e) => getComputedStyle(e).position), 'static');
    await page.screenshot({ path: join(SHOTS, 'compare-zoom150-focus.png') });
    await page.close();
  });

  test('at 100 % in a 548 px high view the header sticks, and what is scrolled into view or focused lands below it', async () => {
    const page = await harness.open('light', { viewport: { width: 976, height: 548 } });
    await post(page, { type: 'rows', rows: manyRows(308), folders: ['models'] });
    await page.waitForSelector('#chart-section:not([hidden]) #parameter:not([disabled])');
    assert.equal(await page.$eval('header.compare-header', (e) => getComputedStyle(e).position), 'sticky');
    await page.$eval('#chart-title', (e) => e.scrollIntoView());
    await settle(page);
    assert.ok(await page.evaluate(() => window.scrollY > 0), 'the page scrolled');
    assert.equal((await uncovered(page, '#chart-title')).covered, null, 'the chart heading is below the header');
    // Back up by keyboard: Shift+Tab from the axis choice into the table, the focused row in sight.
    await page.focus('#parameter');
    await page.$eval('#chart-title', (e) => e.scrollIntoView());
    await page.keyboard.press('Shift+Tab');
    await settle(page);
    const at = await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex'));
    assert.ok(at, 'the focus is on a row');
    assert.equal((await uncovered(page, `#rows tr.model-row[aria-rowindex="${at}"] [tabindex="0"]`)).covered, null);
    await page.close();
  });

  test('the page is no live region: a sort or a checkbox says only the short status texts (count, order), never the rows', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'rows', rows: manyRows(308), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    assert.equal(await page.getAttribute('#app', 'aria-live'), null);
    await page.click('th[data-key="name"] button.sort');
    assert.equal(await page.textContent('#sort-status'), 'Sorted by Name, ascending');
    await page.click('th[data-key="name"] button.sort');
    assert.equal(await page.textContent('#sort-status'), 'Sorted by Name, descending');
    await page.click('#rows tr.model-row[aria-rowindex="2"] input[type=checkbox]');
    assert.equal(await page.textContent('#count'), '308 models · 1 selected');
    await page.fill('#filter', 'C=10');
    assert.match((await page.textContent('#count'))!, /^\d+ of 308 models · 1 selected$/);
    const regions = await liveRegions(page);
    assert.ok(regions.some((r) => r.element === 'span#count') && regions.some((r) => r.element === 'span#sort-status'), JSON.stringify(regions));
    for (const r of regions) assert.ok(r.text.length <= 200, `${r.element} holds ${r.text.length} characters: ${r.text.slice(0, 80)}…`);
    await page.close();
  });

  test('keyboard: the table is one Tab stop (roving tabindex): Tab enters at one control and leaves to the chart, arrows move inside, kept through re-renders', async () => {
    const page = await harness.open('light');
    const rows = manyRows(50);
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#chart-section:not([hidden]) #parameter:not([disabled])');
    /** Elements inside the table that Tab can reach (tabIndex 0), as "row:role" or the sort key. */
    const stops = () => page.$$eval('#table-scroll, #table-scroll *', (els) => els.filter((e) => (e as HTMLElement).tabIndex === 0)
      .map((e) => `${e.closest('tr')?.getAttribute('aria-rowindex')}:${e.getAttribute('data-focus') ?? e.getAttribute('data-key') ?? e.id}`));
    const inTable = () => page.evaluate(() => document.getElementById('table-scroll')!.contains(document.activeElement));
    const at = () => page.evaluate(() => {
      const a = document.activeElement!;
      return `${a.closest('tr')?.getAttribute('aria-rowindex')}:${a.getAttribute('data-focus') ?? a.getAttribute('data-key') ?? a.id}`;
    });
    assert.deepEqual(await stops(), ['2:select'], 'one Tab stop in the table: the first row\'s checkbox');
    // From the filter, past the toolbar's buttons, into the table: its one stop.
    await page.focus('#filter');
    let presses = 0;
    while (!(await inTable()) && presses++ < 10) await page.keyboard.press('Tab');
    assert.equal(await at(), '2:select');
    assert.ok(presses <= 3, `${presses} Tab presses from the filter to the table`);
    // The next Tab leaves the table for the first control after it (the chart's x axis); Shift+Tab comes back.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'parameter');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await at(), '2:select');
    // Down: the next row's same control; Right/Left: the row's next/previous control.
    await page.keyboard.press('ArrowDown');
    assert.equal(await at(), '3:select');
    await page.keyboard.press('ArrowRight');
    assert.equal(await at(), '3:baseline');
    await page.keyboard.press('ArrowRight');
    assert.equal(await at(), '3:open');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await at(), '3:baseline');
    assert.deepEqual(await stops(), ['3:baseline'], 'the stop moves with the focus');
    // Names stay as they were.
    const second = (await names(page))[1]!;
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Baseline: ${second}`);
    // A model added by the extension re-renders the rows: focus and the one stop stay on that control.
    await post(page, { type: 'rows', rows: [...rows, ...manyRows(51).slice(50)], folders: ['models'] });
    await page.waitForFunction(() => document.getElementById('count')?.textContent?.startsWith('51 models'));
    assert.equal((await focused(page)).row, second);
    assert.deepEqual(await stops(), [await at()]);
    // Leaving and coming back enters at the last focused control.
    await page.focus('#filter');
    for (let i = 0; i < presses; i++) await page.keyboard.press('Tab');
    assert.deepEqual(await focused(page), { row: second, what: 'baseline' });
    // Up from the first row reaches the sort buttons (part of the same stop), Down comes back.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-key')), 'name');
    assert.deepEqual(await stops(), ['1:name']);
    await page.keyboard.press('ArrowRight');
    const secondKey = await page.$$eval('#models thead button.sort', (bs) => bs[1]!.getAttribute('data-key'));
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-key')), secondKey);
    await page.keyboard.press('ArrowDown');
    assert.equal(await at(), '2:baseline');
    // Its model deleted by the extension: the stop (and the focus) go to the row that takes its place.
    const first = (await names(page))[0]!;
    await post(page, { type: 'rows', rows: rows.filter((r) => r.name !== first), folders: ['models'] });
    await page.waitForFunction(() => document.getElementById('count')?.textContent?.startsWith('49 models'));
    assert.equal(await at(), '2:baseline');
    assert.deepEqual(await stops(), ['2:baseline']);
    // No row left to the filter: the stop is on the sort buttons, still one.
    await page.fill('#filter', 'no-such-model');
    await settle(page);
    assert.deepEqual(await stops(), ['1:name']);
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('keyboard: with 300 models the stop stays on its row when it scrolls out of the rendered rows; Tab goes back to it', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'rows', rows: manyRows(300), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    await page.focus('#rows tr.model-row[aria-rowindex="4"] button.open');
    const name = (await focused(page)).row;
    await page.$eval('#table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
    await settle(page);
    assert.equal(await page.$$eval('#rows tr.model-row', (trs) => trs.at(-1)!.getAttribute('aria-rowindex')), '301');
    assert.deepEqual(await page.$$eval('#table-scroll *', (els) => els.filter((e) => (e as HTMLElement).tabIndex === 0).length), 1);
    await page.focus('#export-csv');
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(page), { row: name, what: 'open' });
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    await page.close();
  });

  for (const theme of THEME_KINDS) {
    test(`two selected: diff, matrices and chart; axe-core finds zero violations (${theme})`, async () => {
      const page = await harness.open(theme);
      const rows = sweepRows();
      await post(page, { type: 'rows', rows, folders: ['models'] });
      await page.waitForSelector('#rows tr.model-row');
      const pick = ['iris-C0.1-gscale-s2023', 'iris-C10-g0.1-s2023'];
      for (const name of pick) await page.check(`${rowSel(name)} input[type=checkbox]`);
      await page.click(`${rowSel('iris-C1-gscale-s2023')} button.baseline-toggle`);
      await page.waitForFunction(() => (window as unknown as CompareProbe).__posted.some((m) => (m as { type: string; ids?: string[] }).type === 'selection' && (m as { ids: string[] }).ids.length === 2));
      const sel = (await probe(page)).__posted.filter((m) => (m as { type: string }).type === 'selection').at(-1) as { ids: string[] };
      const byId = (id: string) => rows.find((r) => r.id === id)!;
      await post(page, { type: 'facts', models: [facts(byId(sel.ids[0]!), 'a'.repeat(64)), facts(byId(sel.ids[1]!), 'b'.repeat(64))] });
      await page.waitForSelector('#diff-table');
      const differing = await page.$$eval('#diff-table tr.differs th[scope=row]', (ths) => ths.map((t) => t.firstChild?.textContent));
      assert.deepEqual(differing, ['C', 'gamma', 'validation accuracy', 'sha256', 'created']);
      assert.equal(await page.textContent('#diff-summary'), '5 of 8 facts differ.');
      await page.check('#only-differences');
      assert.equal(await page.$$eval('#diff-table tbody tr:not(.group)', (trs) => trs.length), 5);
      assert.equal(((await probe(page)).__state as { diffOnlyDifferences: boolean }).diffOnlyDifferences, true);
      await post(page, { type: 'matricesLoading', ids: sel.ids });
      assert.equal(await page.textContent('#matrices-status'), 'Validating 2 models…');
      await post(page, { type: 'matrices', matrices: [
        matrix(sel.ids[0]!, byId(sel.ids[0]!).name, [[12, 0, 0], [0, 9, 2], [0, 1, 6]]),
        matrix(sel.ids[1]!, byId(sel.ids[1]!).name, [[12, 0, 0], [0, 11, 0], [0, 0, 7]]),
      ] });
      await page.waitForSelector('#matrices .matrix-card');
      assert.equal(await page.$$eval('#matrices .matrix-card', (c) => c.length), 2);
      await settle(page);
      assert.equal(await page.textContent('#chart-title'), 'Accuracy against C — the 2 selected models');
      assert.ok(await inked(page) > 1000);
      await page.screenshot({ path: join(SHOTS, `compare-${theme}.png`), fullPage: true });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
      const p = await probe(page);
      assert.deepEqual(p.__violations, []);
      assert.deepEqual(p.__errors, []);
      await page.close();
    });
  }

  test('an empty table says why: no saved models yet (naming the models folder), or none that the filter keeps', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'rows', rows: [], folders: ['models'] });
    await page.waitForSelector('#rows tr.empty');
    assert.equal(await page.textContent('#rows tr.empty'), 'No saved models in "models" yet: Train Iris Model saves one there.');
    await post(page, { type: 'rows', rows: sweepRows(), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    await page.fill('#filter', 'C=12345');
    await page.waitForSelector('#rows tr.empty');
    assert.equal(await page.textContent('#rows tr.empty'), 'No saved model matches the filter.');
    // Nothing in the table: nothing to export (it wrote a header-only CSV and said "Exported 0 models").
    assert.equal(await page.isDisabled('#export-csv'), true);
    assert.equal(await page.getAttribute('#export-csv', 'title'), 'No model in the table to export');
    await page.fill('#filter', 'C=10');
    assert.equal(await page.isDisabled('#export-csv'), false);
    assert.equal(await page.getAttribute('#export-csv', 'title'), `Export the ${(await names(page)).length} models in the table as CSV`);
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('in a narrow editor group the page never scrolls sideways: chart, diff and matrices fit or scroll in their own box; axe-clean', async () => {
    const page = await harness.open('dark', { viewport: NARROW_VIEWPORT });
    const rows = sweepRows();
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    for (const name of ['iris-C0.1-gscale-s2023', 'iris-C10-g0.1-s2023']) await page.check(`${rowSel(name)} input[type=checkbox]`);
    await page.waitForFunction(() => (window as unknown as CompareProbe).__posted.some((m) => (m as { type: string; ids?: string[] }).type === 'selection' && (m as { ids: string[] }).ids.length === 2));
    const sel = (await probe(page)).__posted.filter((m) => (m as { type: string }).type === 'selection').at(-1) as { ids: string[] };
    const byId = (id: string) => rows.find((r) => r.id === id)!;
    await post(page, { type: 'facts', models: [facts(byId(sel.ids[0]!), 'a'.repeat(64)), facts(byId(sel.ids[1]!), 'b'.repeat(64))] });
    await post(page, { type: 'matrices', matrices: [
      matrix(sel.ids[0]!, byId(sel.ids[0]!).name, [[12, 0, 0], [0, 9, 2], [0, 1, 6]]),
      matrix(sel.ids[1]!, byId(sel.ids[1]!).name, [[12, 0, 0], [0, 11, 0], [0, 0, 7]]),
    ] });
    await page.waitForSelector('#matrices .matrix-card');
    assert.ok(await inked(page) > 1000);
    await settle(page);
    const layout = await narrowLayout(page);
    assert.equal(layout.pageOverflow, 0, JSON.stringify(layout));
    assert.deepEqual(layout.stickingOut, []);
    assert.deepEqual(layout.brokenNumbers, []);
    for (const box of layout.scrolling) assert.deepEqual([box.tabIndex, box.role], [0, 'region'], JSON.stringify(box));
    await page.screenshot({ path: join(SHOTS, 'compare-narrow.png'), fullPage: true });
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('restores sort, filter, selection and axis from the saved state; select and malformed messages', async () => {
    const rows = sweepRows();
    const state = { sort: { key: 'name', direction: 'asc' }, filter: 's2023', selected: [rows[0]!.id, rows[1]!.id, rows[2]!.id], parameter: 'gamma', diffOnlyDifferences: false };
    const page = await harness.open('dark', { state });
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    assert.equal(await page.getAttribute('th[data-key="name"]', 'aria-sort'), 'ascending');
    assert.equal(await page.inputValue('#filter'), 's2023');
    assert.equal(await page.$$eval('#rows tr.model-row input:checked', (b) => b.length), 3);
    assert.equal(await page.isHidden('#matrix-section'), false);
    await settle(page);
    assert.equal(await page.inputValue('#parameter'), rows.slice(0, 3).some((r) => r.gamma !== rows[0]!.gamma) ? 'gamma' : 'C');
    // The extension replaces the selection (e.g. after a sweep); unknown ids are dropped.
    await post(page, { type: 'select', ids: [rows[2]!.id, 'file:///nowhere'] });
    assert.equal(await page.$$eval('#rows tr.model-row input:checked', (b) => b.length), 1);
    assert.equal(await page.isHidden('#matrix-section'), true);
    // Removing a model (new rows without it) drops it from the selection.
    await post(page, { type: 'rows', rows: rows.filter((r) => r.id !== rows[2]!.id), folders: ['models'] });
    assert.equal(await page.textContent('#count'), '5 of 6 models · 0 selected', 'the filter s2023 hides the damaged row');
    for (const bad of [{ type: 'rows', rows: [{ name: 1 }] }, { type: 'select', ids: 'x' }, { type: 'matrices', matrices: [{ id: 1 }] }, { type: 'facts', models: [{ id: 'a', name: 'a', facts: [{ group: 'Nope', label: 'x', value: 'y' }] }] }, 'rows']) await post(page, bad);
    await page.waitForTimeout(30);
    assert.equal(await page.$$eval('#rows tr.model-row', (r) => r.length), 5);
    assert.deepEqual((await probe(page)).__violations, []);
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('replays after "ready": applied when the message was lost, ignored when it arrived (no second draw, the user\'s selection kept)', async () => {
    const rows = sweepRows();
    const replay = (message: unknown) => ({ type: 'replay', message });
    // Lost before the page listened: the replay alone draws the rows and applies the preselection.
    const lost = await harness.open('light');
    await post(lost, replay({ type: 'rows', rows, folders: ['models'] }));
    await post(lost, replay({ type: 'select', ids: [rows[0]!.id] }));
    await lost.waitForSelector('#rows tr.model-row');
    assert.equal(await lost.textContent('#count'), '7 models · 1 selected');
    await lost.close();
    // Arrived: the replay of the same rows and preselection changes nothing the user sees or did.
    const page = await harness.open('light');
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await post(page, { type: 'select', ids: [rows[0]!.id] });
    await page.waitForSelector('#rows tr.model-row');
    await page.uncheck(`${rowSel(rows[0]!.name)} input[type=checkbox]`);
    await page.check(`${rowSel(rows[1]!.name)} input[type=checkbox]`);
    await settle(page);
    const first = await page.$('#rows tr.model-row');
    await post(page, replay({ type: 'rows', rows, folders: ['models'] }));
    await post(page, replay({ type: 'select', ids: [rows[0]!.id] }));
    await page.waitForTimeout(30);
    assert.equal(await first!.evaluate((tr) => tr.isConnected), true, 'the rows were not drawn again');
    assert.equal(await page.textContent('#count'), '7 models · 1 selected');
    assert.equal(await page.isChecked(`${rowSel(rows[1]!.name)} input[type=checkbox]`), true, 'the user\'s selection is kept');
    // Later messages still apply, and a malformed envelope is ignored like any malformed message.
    await post(page, { type: 'rows', rows: rows.slice(1), folders: ['models'] });
    assert.equal(await page.textContent('#count'), '6 models · 1 selected');
    for (const bad of [{ type: 'replay' }, { type: 'replay', message: { type: 'rows', rows: 'x' } }, { type: 'replay', message: { type: 'rows', rows, folders: [] }, extra: 1 }]) await post(page, bad);
    await page.waitForTimeout(30);
    assert.equal(await page.textContent('#count'), '6 models · 1 selected');
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });
});
