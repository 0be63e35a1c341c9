// The Compare Models webview in headless Chromium under the panel's CSP: rows from a message,
// sorting (aria-sort), filtering, virtual rendering of 1,000 models, the accuracy chart and the
// confusion matrices for two or more selected models, typed messages back, no CSP violations.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCompareHarness, type CompareHarness, type CompareProbe } from './compareHarness';
import { manyRows, sweepRows } from './compareRows';
import type { MatrixView } from '../../src/protocol/comparePanel';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

async function post(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

async function probe(page: Page): Promise<CompareProbe> {
  return page.evaluate(() => {
    const w = window as unknown as CompareProbe;
    return { __violations: w.__violations, __posted: w.__posted, __state: w.__state, __errors: w.__errors };
  });
}

const names = (page: Page) => page.$$eval('#rows tr.model-row td.col-name', (tds) => tds.map((td) => td.textContent ?? ''));
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

function matrix(id: string, name: string, confusion: number[][]): MatrixView {
  const correct = confusion.reduce((s, r, i) => s + r[i]!, 0);
  const total = confusion.flat().reduce((a, b) => a + b, 0);
  return { id, name, classNames: ['setosa', 'versicolor', 'virginica'], confusion, correct, total, accuracy: correct / total };
}

describe('Compare Models webview', () => {
  let harness: CompareHarness;
  before(async () => {
    harness = await startCompareHarness();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => harness?.close());

  test('renders rows from a message: accuracies, best highlighted, damaged shown, names as text', async () => {
    const page = await harness.open('light');
    const rows = sweepRows();
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    // Default sort: validation accuracy, highest first; ties in name order; the damaged row last.
    assert.deepEqual(await names(page), [
      'iris-C1-g0.1-s2023', 'iris-C1-gscale-s2023', 'iris-C10-g0.1-s2023', 'iris-C10-gscale-s2023',
      'iris-C0.1-gscale-s2023', 'iris-C0.1-g0.1-s2023', '<img src=x id=injected>',
    ]);
    assert.equal(await page.$('#injected'), null);
    assert.equal(await page.getAttribute('th[data-key="validAccuracy"]', 'aria-sort'), 'descending');
    assert.equal(await page.$$eval('#rows tr.model-row.best', (trs) => trs.length), 4);
    const first = await page.$$eval('#rows tr.model-row', (trs) => [...trs[0]!.querySelectorAll('td')].map((td) => td.textContent));
    assert.ok(first.includes('97.50 %') && first.includes('100.00 % ★'), `first row: ${first.join(' | ')}`);
    assert.equal(await page.getAttribute('#rows tr[data-id="file:///ws/models/iris-C0.1-g0.1-s2023"] td.col-trainAccuracy', 'title'), '0.9083333333333333');
    assert.equal(await page.textContent('#rows tr.damaged td[data-status]'), 'damaged');
    await page.screenshot({ path: join(SHOTS, 'compare-table-light.png') });
    assert.match((await page.getAttribute('#rows tr.damaged td[data-status]', 'title')) ?? '', /line 1, column 30/);
    assert.equal(await page.textContent('#count'), '7 models · 0 selected');
    const p = await probe(page);
    assert.deepEqual(p.__violations, []);
    assert.deepEqual(p.__errors, []);
    assert.deepEqual(p.__posted[0], { type: 'ready' });
    await page.close();
  });

  test('sorts by any column header (toggling direction) and filters by words; state is kept', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'rows', rows: sweepRows(), folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    await page.click('th[data-key="C"] button');
    assert.equal(await page.getAttribute('th[data-key="C"]', 'aria-sort'), 'ascending');
    assert.equal(await page.getAttribute('th[data-key="validAccuracy"]', 'aria-sort'), 'none');
    assert.deepEqual((await names(page)).slice(0, 2), ['iris-C0.1-g0.1-s2023', 'iris-C0.1-gscale-s2023']);
    await page.click('th[data-key="C"] button');
    assert.equal(await page.getAttribute('th[data-key="C"]', 'aria-sort'), 'descending');
    assert.deepEqual((await names(page)).slice(0, 2), ['iris-C10-g0.1-s2023', 'iris-C10-gscale-s2023']);
    assert.equal((await names(page)).at(-1), '<img src=x id=injected>', 'missing values last in both directions');
    await page.fill('#filter', 'scale best');
    assert.deepEqual(await names(page), ['iris-C10-gscale-s2023', 'iris-C1-gscale-s2023']);
    assert.equal(await page.textContent('#count'), '2 of 7 models · 0 selected');
    await page.fill('#filter', 'damaged');
    assert.deepEqual(await names(page), ['<img src=x id=injected>']);
    const state = (await probe(page)).__state as { sort: unknown; filter: string };
    assert.deepEqual(state.sort, { key: 'C', direction: 'desc' });
    assert.equal(state.filter, 'damaged');
    // Export posts the shown rows' ids in display order.
    await page.click('#export-csv');
    assert.deepEqual((await probe(page)).__posted.at(-1), { type: 'exportCsv', ids: ['file:///ws/models/broken'] });
    await page.close();
  });

  test('1,000 models: only the rows in view are in the DOM, scrolling shows later ones, sorting stays right', async () => {
    const page = await harness.open('light');
    // Time inside the page from the message to the rows being in the DOM (report only).
    // (A string, so that the test loader's helpers do not leak into the page.)
    await page.evaluate(`window.__t0 = performance.now(); window.postMessage(${JSON.stringify({ type: 'rows', rows: manyRows(1000), folders: ['models'] })}, '*')`);
    await page.waitForSelector('#rows tr.model-row');
    const renderMs = (await page.evaluate('performance.now() - window.__t0')) as number;
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
    const rowIndex = await page.$$eval('#rows tr.model-row', (trs) => trs.at(-1)!.getAttribute('aria-rowindex'));
    assert.equal(rowIndex, '1001');
    console.log(`# 1,000 rows: message to rows in the DOM ${renderMs.toFixed(0)} ms, ${domRows} rows in the DOM`);
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`two or more selected: chart of accuracy against C (log scale) and gamma, matrices side by side (${theme})`, async () => {
      const page = await harness.open(theme);
      const rows = sweepRows();
      await post(page, { type: 'rows', rows, folders: ['models'] });
      await page.waitForSelector('#rows tr.model-row');
      assert.equal(await page.isHidden('#chart-section'), true);
      // Select the three C values with gamma=scale plus C=1, gamma=0.1.
      const pick = ['iris-C0.1-gscale-s2023', 'iris-C1-gscale-s2023', 'iris-C10-gscale-s2023', 'iris-C1-g0.1-s2023'];
      for (const name of pick) await page.check(`#rows tr.model-row:has(td.col-name button:text-is("${name}")) input[type=checkbox]`);
      await page.waitForSelector('#chart-section:not([hidden])');
      assert.equal(await page.getAttribute('#metric-chart', 'data-scale'), 'logarithmic');
      assert.equal(await page.getAttribute('#metric-chart', 'data-lines'), '2');
      const inked = await page.$eval('#metric-chart', (c) => {
        const canvas = c as HTMLCanvasElement;
        const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      });
      assert.ok(inked > 1000, `chart drew ${inked} pixels`);
      // The selection is posted once it settles (debounced): the last one names all four.
      await page.waitForFunction(() => (window as unknown as CompareProbe).__posted.some((m) => (m as { type: string; ids?: string[] }).type === 'selection' && (m as { ids: string[] }).ids.length === 4));
      const sel = (await probe(page)).__posted.filter((m) => (m as { type: string }).type === 'selection').at(-1) as { ids: string[] };
      assert.equal(sel.ids.length, 4);
      const id = (name: string) => rows.find((r) => r.name === name)!.id;
      await post(page, { type: 'matricesLoading', ids: sel.ids });
      assert.equal(await page.textContent('#matrices-status'), 'Validating 4 models…');
      await post(page, { type: 'matrices', matrices: [
        matrix(id(pick[0]!), pick[0]!, [[12, 0, 0], [0, 9, 2], [0, 1, 6]]),
        matrix(id(pick[1]!), pick[1]!, [[12, 0, 0], [0, 11, 0], [0, 0, 7]]),
        matrix(id(pick[2]!), pick[2]!, [[12, 0, 0], [0, 11, 0], [0, 0, 7]]),
        matrix(id(pick[3]!), pick[3]!, [[12, 0, 0], [0, 11, 0], [0, 0, 7]]),
      ] });
      await page.waitForSelector('#matrices .matrix-card');
      assert.equal(await page.$$eval('#matrices .matrix-card', (c) => c.length), 4);
      assert.equal(await page.$$eval('#matrices .matrix-card:first-child td.off', (tds) => tds.map((t) => t.textContent).join(',')), '2,1');
      await page.screenshot({ path: join(SHOTS, `compare-${theme}.png`), fullPage: true });
      // gamma on the x axis: 'scale' cannot be placed, said below the chart.
      await page.$eval('#parameter', (el) => {
        const s = el as HTMLElement & { value: string };
        s.value = 'gamma';
        s.dispatchEvent(new Event('change'));
      });
      assert.match((await page.textContent('#chart-note')) ?? '', /Not plotted: .*gamma is "scale", not a number/);
      assert.equal(((await probe(page)).__state as { parameter: string }).parameter, 'gamma');
      const p = await probe(page);
      assert.deepEqual(p.__violations, []);
      assert.deepEqual(p.__errors, []);
      await page.close();
    });
  }

  test('restores sort, filter and selection from the saved state; select and malformed messages', async () => {
    const rows = sweepRows();
    const state = { sort: { key: 'name', direction: 'asc' }, filter: 's2023', selected: [rows[0]!.id, rows[1]!.id], parameter: 'gamma' };
    const page = await harness.open('dark', { state });
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    assert.equal(await page.getAttribute('th[data-key="name"]', 'aria-sort'), 'ascending');
    assert.equal(await page.inputValue('#filter'), 's2023');
    assert.equal(await page.$$eval('#rows tr.model-row input:checked', (b) => b.length), 2);
    assert.equal(await page.isHidden('#chart-section'), false);
    // The extension replaces the selection (e.g. after a sweep); unknown ids are dropped.
    await post(page, { type: 'select', ids: [rows[2]!.id, 'file:///nowhere'] });
    assert.equal(await page.$$eval('#rows tr.model-row input:checked', (b) => b.length), 1);
    assert.equal(await page.isHidden('#chart-section'), true);
    // Removing a model (new rows without it) drops it from the selection.
    await post(page, { type: 'rows', rows: rows.filter((r) => r.id !== rows[2]!.id), folders: ['models'] });
    assert.equal(await page.textContent('#count'), '5 of 6 models · 0 selected', 'the filter s2023 hides the damaged row');
    for (const bad of [{ type: 'rows', rows: [{ name: 1 }] }, { type: 'select', ids: 'x' }, { type: 'matrices', matrices: [{ id: 1 }] }, 'rows']) await post(page, bad);
    await page.waitForTimeout(30);
    assert.equal(await page.$$eval('#rows tr.model-row', (r) => r.length), 5);
    assert.deepEqual((await probe(page)).__violations, []);
    await page.close();
  });
});
