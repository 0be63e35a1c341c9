// The Tune results webview in headless Chromium under the panel's CSP, on a real search (the core
// tunes iris as GridSearchCV does, fixture case iris-k5-twelve): the candidates table with
// scikit-learn's ranks, means, stds and fold scores, best_params_ marked, sorting and expanding
// from the keyboard with focus kept, the chart of mean CV accuracy against C with one line per
// gamma ("scale" and "auto" kept) or against gamma as categories, state restored after a reload,
// malformed messages ignored, and axe-core with zero violations in four themes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { drawnOnCanvas, liveRegions, NARROW_VIEWPORT, narrowLayout, post, probe, recordCanvas, runAxe, type Harness } from './pageHarness';
import { THEME_KINDS } from './themes';
import { fixtureCase, MODEL_URI, startTuneHarness, tuneView } from './tuneView';
import { pythonFloat } from '../../src/core/text/pythonFloat';
import type { TuneState, TuneView } from '../../src/protocol/tunePanel';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
/** The candidate indices of the table's rows, top to bottom. */
const order = (page: Page) => page.$$eval('#candidate-rows tr.candidate', (trs) => trs.map((t) => Number(t.getAttribute('data-index'))));
const column = (page: Page, key: string) => page.$$eval(`#candidate-rows tr.candidate td.col-${key}`, (tds) => tds.map((t) => t.textContent ?? ''));
const focusedIs = (page: Page) => page.evaluate(() => {
  const a = document.activeElement;
  return a?.getAttribute('data-key') ?? (a?.getAttribute('data-index') !== null && a?.getAttribute('data-index') !== undefined ? `toggle-${a.getAttribute('data-index')}` : a?.id ?? a?.tagName ?? null);
});

async function inked(page: Page): Promise<number> {
  // Chart.js arrives after the table (dist/charts.js): the canvas is aria-busy until drawn.
  await page.waitForSelector('#cv-chart:not([aria-busy])');
  return page.$eval('#cv-chart', (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
}

describe('Tune results webview', () => {
  let harness: Harness;
  let view: TuneView;
  const c = fixtureCase();
  before(async () => {
    [harness, view] = await Promise.all([startTuneHarness(), tuneView(c)]);
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => harness?.close());

  for (const theme of THEME_KINDS) {
    test(`the search as GridSearchCV reported it: table, best, refit, chart; axe-core finds zero violations (${theme})`, async () => {
      const page = await harness.open(theme);
      await post(page, { type: 'view', view });
      await page.waitForSelector('#candidate-rows tr.candidate');
      assert.equal(await page.textContent('h1'), 'Tuning Results: iris-tuned-cv5-s2023');
      assert.match((await page.textContent('#search-summary')) ?? '', /GridSearchCV over 12 candidates × 5 folds \(StratifiedKFold, no shuffling\) = 60 fits, scored by accuracy, on the 120 training rows of the built-in iris data \(train_test_split random_state=2023\)/);
      assert.equal(await page.textContent('#grid'), 'Grid: kernel rbf · C 0.1, 1.0, 10.0, 100.0 · gamma scale, auto, 0.5');
      assert.equal(await page.textContent('#best'), `★ Best (best_params_, candidate ${c.bestIndex + 1}): kernel=rbf, C=1.0, gamma=scale — mean CV accuracy 95.00 % (${pythonFloat(c.bestScore!)}) ± 3.12 pp.`);
      assert.match((await page.textContent('#refit')) ?? '', /train accuracy 96\.67 % \(116\/120\), validation accuracy 100\.00 % \(30\/30\)/);
      // Default order: rank, ties in GridSearchCV's candidate order; every number is scikit-learn's.
      const rows = await order(page);
      assert.equal(rows.length, 12);
      const wantOrder = c.candidates.map((x, i) => ({ rank: x.rank, i })).sort((a, b) => a.rank - b.rank || a.i - b.i).map((x) => x.i);
      assert.deepEqual(rows, wantOrder);
      assert.deepEqual(await column(page, 'cvRank'), wantOrder.map((i) => `${c.candidates[i]!.rank}${i === c.bestIndex ? ' ★ (best_params_)' : ''}`));
      const means = await page.$$eval('#candidate-rows tr.candidate td.col-cvMean', (tds) => tds.map((t) => t.getAttribute('title')!.split('\n')));
      means.forEach((lines, k) => {
        const want = c.candidates[wantOrder[k]!]!;
        assert.equal(lines[0], `mean_test_score ${pythonFloat(want.mean!)}`);
        assert.deepEqual(lines.slice(1), want.splitScores.map((s, f) => `fold ${f + 1}: ${pythonFloat(s!)}`));
      });
      assert.deepEqual(await page.$$eval('#candidate-rows td.col-cvStd', (tds) => tds.map((t) => t.getAttribute('title'))), wantOrder.map((i) => pythonFloat(c.candidates[i]!.std!)));
      assert.equal(await page.$$eval('#candidate-rows tr.best', (trs) => trs.length), 1, 'one best_params_ although two candidates share rank 1');
      // The chart: against C on a log axis, one line per gamma, "scale" and "auto" kept as lines.
      await settle(page);
      assert.equal(await page.getAttribute('#cv-chart', 'data-scale'), 'logarithmic');
      assert.equal(await page.getAttribute('#cv-chart', 'data-lines'), '3');
      assert.deepEqual(await page.$$eval('#chart-legend .legend-text', (s) => s.map((x) => x.textContent)), ['gamma=0.5', 'gamma=auto', 'gamma=scale']);
      assert.ok(await inked(page) > 1000, 'the chart is drawn');
      assert.match((await page.getAttribute('#cv-chart', 'aria-label')) ?? '', /Mean CV accuracy of 12 candidates against C, 3 lines: gamma=0\.5; gamma=auto; gamma=scale/);
      await page.screenshot({ path: join(SHOTS, `tune-${theme}.png`), fullPage: true });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
      const p = await probe(page);
      assert.deepEqual(p.__violations, []);
      assert.deepEqual(p.__errors, []);
      assert.deepEqual(p.__posted[0], { type: 'ready' });
      await page.close();
    });
  }

  test('chart against gamma: "scale", "auto" and 0.5 are categories, C the lines (named beside the chart, not in it); the axis is kept in the state', async () => {
    const page = await harness.open('light');
    await recordCanvas(page, 'cv-chart');
    await post(page, { type: 'view', view });
    await page.waitForSelector('#chart-section:not([hidden])');
    assert.deepEqual(await page.$$eval('#parameter option', (os) => os.map((o) => (o as HTMLOptionElement).value)), ['C', 'gamma']);
    await page.selectOption('#parameter', 'gamma');
    await settle(page);
    assert.equal(await page.getAttribute('#cv-chart', 'data-scale'), 'category');
    assert.equal(await page.getAttribute('#cv-chart', 'data-categories'), '0.5|auto|scale');
    assert.equal(await page.getAttribute('#cv-chart', 'data-lines'), '4', 'one line per C');
    assert.equal(await page.textContent('#chart-title'), 'Mean CV accuracy against gamma');
    assert.equal(((await probe(page)).__state as TuneState).parameter, 'gamma');
    assert.ok(await inked(page) > 1000);
    // The lines are named by the HTML legend beside the chart; Chart.js's own (registered in the same
    // bundle for the results page's scatter plot) would repeat them above the plot.
    const labels = await page.$$eval('#chart-legend button.legend-entry', (bs) => bs.map((b) => b.getAttribute('data-label')!));
    assert.equal(labels.length, 4);
    const drawn = (await drawnOnCanvas(page)).texts;
    assert.ok(drawn.includes('gamma'), `the axis title is drawn: ${drawn.slice(0, 5).join(' | ')}`);
    assert.deepEqual(drawn.filter((t) => labels.some((l) => t.includes(l))), [], 'no line label drawn on the canvas');
    await page.screenshot({ path: join(SHOTS, 'tune-chart-gamma-categories-light.png'), fullPage: true });
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('keyboard: sorting keeps focus on its header, ▸ shows the fold scores and keeps focus on the toggle; Open posts', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'view', view });
    await page.waitForSelector('#candidate-rows tr.candidate');
    await page.focus('th[data-key="cvMean"] button');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('th[data-key="cvMean"]', 'aria-sort'), 'descending');
    assert.equal(await focusedIs(page), 'cvMean');
    const byMean = c.candidates.map((x, i) => ({ m: x.mean!, i })).sort((a, b) => b.m - a.m || a.i - b.i).map((x) => x.i);
    assert.deepEqual(await order(page), byMean);
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('th[data-key="cvMean"]', 'aria-sort'), 'ascending');
    await page.focus('th[data-key="gamma"] button');
    await page.keyboard.press('Space');
    assert.equal(await focusedIs(page), 'gamma');
    // gamma ascending: numbers before words, then C order within (ties by candidate name).
    assert.deepEqual((await column(page, 'gamma')).slice(0, 5), ['0.5', '0.5', '0.5', '0.5', 'auto']);
    // Expand the best candidate's fold scores from the keyboard.
    await page.focus(`button.fold-toggle[data-index="${c.bestIndex}"]`);
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute(`button.fold-toggle[data-index="${c.bestIndex}"]`, 'aria-expanded'), 'true');
    assert.equal(await focusedIs(page), `toggle-${c.bestIndex}`);
    const folds = await page.$$eval(`#folds-${c.bestIndex} li`, (lis) => lis.map((l) => [l.textContent, l.getAttribute('title')]));
    assert.deepEqual(folds, c.candidates[c.bestIndex]!.splitScores.map((s, f) => [`fold ${f + 1} ${(s! * 100).toFixed(2)} %`, pythonFloat(s!)]));
    assert.deepEqual(((await probe(page)).__state as TuneState).expanded, [c.bestIndex]);
    await page.screenshot({ path: join(SHOTS, 'tune-expanded-dark.png'), fullPage: true });
    await page.keyboard.press('Space');
    assert.equal(await page.$(`#folds-${c.bestIndex}`), null);
    assert.equal(await focusedIs(page), `toggle-${c.bestIndex}`);
    await page.focus('#open-model');
    await page.keyboard.press('Enter');
    assert.deepEqual((await probe(page)).__posted.at(-1), { type: 'openModel' });
    await page.close();
  });

  test('the page is no live region: a sort says the new order in a short status text, not the table', async () => {
    const page = await harness.open('light');
    await post(page, { type: 'view', view });
    await page.waitForSelector('#candidate-rows tr.candidate');
    assert.equal(await page.getAttribute('#app', 'aria-live'), null);
    await page.click('th[data-key="cvMean"] button');
    assert.equal(await page.textContent('#sort-status'), 'Sorted by Mean CV accuracy, descending');
    await page.click('th[data-key="C"] button');
    assert.equal(await page.textContent('#sort-status'), 'Sorted by C, ascending');
    const regions = await liveRegions(page);
    assert.ok(regions.some((r) => r.element === 'p#sort-status'), JSON.stringify(regions));
    for (const r of regions) assert.ok(r.text.length <= 200, `${r.element} holds ${r.text.length} characters: ${r.text.slice(0, 80)}…`);
    await page.close();
  });

  test('keyboard: with 64 candidates the table is one Tab stop (roving tabindex): Tab from Open to the table, the next Tab to the chart; arrows move inside; kept through sorting', async () => {
    const kernels = await tuneView(fixtureCase('iris-k5-kernels'));
    const page = await harness.open('light');
    await post(page, { type: 'view', view: kernels });
    await page.waitForSelector('#chart-section:not([hidden]) #parameter:not([disabled])');
    /** Controls of the table (and its scroll box) that Tab can reach (tabIndex 0): "toggle-N" or the sort key. */
    const stops = () => page.$$eval('.scroll-x, .scroll-x *', (els) => els.filter((e) => (e as HTMLElement).tabIndex === 0)
      .map((e) => (e.getAttribute('data-index') !== null ? `toggle-${e.getAttribute('data-index')}` : e.getAttribute('data-key') ?? e.className)));
    const rows = await order(page);
    assert.equal(rows.length, 64);
    assert.equal(await page.getAttribute('#candidates', 'role'), 'grid');
    assert.deepEqual(await stops(), [`toggle-${rows[0]}`], 'one Tab stop in the table: the first row\'s ▸');
    // From Open the refit model: one Tab into the table, the next to the chart's x axis (72 before: 8 sort buttons, 64 ▸).
    await page.focus('#open-model');
    let presses = 0;
    while ((await focusedIs(page)) !== 'parameter' && presses++ < 100) await page.keyboard.press('Tab');
    assert.equal(presses, 2, `${presses} Tab presses from Open the refit model to the chart's x axis`);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedIs(page), `toggle-${rows[0]}`);
    // ↓/End/Home/PageDown between the rows' ▸; the stop moves with the focus.
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedIs(page), `toggle-${rows[1]}`);
    await page.keyboard.press('End');
    assert.equal(await focusedIs(page), `toggle-${rows[63]}`);
    await page.keyboard.press('Home');
    assert.equal(await focusedIs(page), `toggle-${rows[0]}`);
    await page.keyboard.press('PageDown');
    const paged = await focusedIs(page);
    assert.ok(rows.slice(2).some((i) => paged === `toggle-${i}`), `PageDown moves several rows: ${paged}`);
    assert.deepEqual(await stops(), [paged]);
    // Leaving and coming back enters at the last focused ▸.
    await page.focus('#open-model');
    await page.keyboard.press('Tab');
    assert.equal(await focusedIs(page), paged);
    // ↑ from the first row reaches the sort buttons (part of the same stop), ←/→ between them, ↓ back.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedIs(page), 'cvRank');
    assert.deepEqual(await stops(), ['cvRank']);
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedIs(page), 'kernel');
    await page.keyboard.press('End');
    assert.equal(await focusedIs(page), 'cvStd');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focusedIs(page), 'cvMean');
    // Sorting from the keyboard keeps the focus and the one stop on its button.
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('th[data-key="cvMean"]', 'aria-sort'), 'descending');
    assert.deepEqual(await stops(), ['cvMean']);
    await page.keyboard.press('ArrowDown');
    const top = (await order(page))[0]!;
    assert.equal(await focusedIs(page), `toggle-${top}`);
    // ▸ opens the fold scores (the rows are rendered again): focus and the one stop stay on it, and
    // through a view the extension posts again (model.json re-read).
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute(`button.fold-toggle[data-index="${top}"]`, 'aria-expanded'), 'true');
    assert.equal(await focusedIs(page), `toggle-${top}`);
    await post(page, { type: 'view', view: kernels });
    assert.equal(await focusedIs(page), `toggle-${top}`);
    assert.deepEqual(await stops(), [`toggle-${top}`]);
    // Clicked, a sort button becomes the stop.
    await page.click('th[data-key="C"] button');
    assert.deepEqual(await stops(), ['C']);
    assert.deepEqual((await probe(page)).__errors, []);
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    await page.close();
  });

  test('after a reload: sort, open rows and axis come back from the state; the view itself comes from the extension', async () => {
    const state: TuneState = { modelDir: MODEL_URI, name: 'iris-tuned-cv5-s2023', sort: { key: 'cvStd', direction: 'desc' }, parameter: 'gamma', expanded: [0, 11] };
    const page = await harness.open('high-contrast', { state });
    // Nothing of the model is shown before the extension sends its view.
    assert.equal(await page.$('#candidate-rows tr.candidate'), null);
    await post(page, { type: 'view', view });
    await page.waitForSelector('#candidate-rows tr.candidate');
    assert.equal(await page.getAttribute('th[data-key="cvStd"]', 'aria-sort'), 'descending');
    assert.deepEqual(await page.$$eval('tr.folds', (trs) => trs.map((t) => t.id)).then((ids) => ids.sort()), ['folds-0', 'folds-11']);
    await settle(page);
    assert.equal(await page.getAttribute('#cv-chart', 'data-scale'), 'category');
    // The folder renamed on disk, the panel following it: the state names the new folder (for the next reload), the rest kept.
    await post(page, { type: 'view', view: { ...view, name: 'renamed' }, folder: 'file:///w/models/renamed' });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Tuning Results: renamed');
    assert.deepEqual((await probe(page)).__state, { ...state, modelDir: 'file:///w/models/renamed', name: 'renamed' });
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('a model whose model.json changed since saving: a warning line says so above the search; it goes when the files are back (axe clean)', async () => {
    for (const theme of ['dark', 'high-contrast-light'] as const) {
      const page = await harness.open(theme);
      await post(page, { type: 'view', view: { ...view, changed: [{ file: 'model.json', change: 'modified' }] } });
      await page.waitForSelector('#candidate-rows tr.candidate');
      assert.equal(await page.isVisible('#changed'), true);
      assert.equal(await page.textContent('#changed'), '⚠ Changed since it was saved: model.json (modified). The numbers below are what model.json says now, not necessarily what the search found — Open the refit model to check it.');
      assert.deepEqual(await runAxe(page), []);
      if (theme === 'dark') await page.screenshot({ path: join(SHOTS, 'tune-changed-dark.png') });
      await post(page, { type: 'view', view: { ...view, changed: [{ file: 'classifier.json', change: 'missing' }] } });
      assert.match((await page.textContent('#changed')) ?? '', /^⚠ Changed since it was saved: classifier\.json \(missing\)\. The search below is as it was recorded; the model files are no longer the ones it refitted/);
      await post(page, { type: 'view', view });
      assert.equal(await page.isVisible('#changed'), false);
      await page.close();
    }
  });

  test('Ctrl+F finds in the page (kept while hidden, it has no VS Code find widget); Escape closes it', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'view', view });
    await page.waitForSelector('#candidate-rows tr.candidate');
    await page.keyboard.press('Control+f');
    await page.waitForFunction(() => document.activeElement?.id === 'find-input');
    const expected = await page.evaluate(() => (document.getElementById('app')!.textContent!.match(/scale/g) ?? []).length);
    assert.ok(expected >= 2, `the search shows gamma=scale more than once (${expected})`);
    await page.keyboard.type('scale');
    assert.equal(await page.textContent('#find-status'), `1 of ${expected}`);
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#find-status'), `2 of ${expected}`);
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#find-bar'), false);
  });

  test('in a narrow editor group the page never scrolls sideways: the candidates scroll in their own box (named; ←/→ from the table\'s one Tab stop scroll it), the chart shrinks; axe-clean', async () => {
    const page = await harness.open('dark', { viewport: NARROW_VIEWPORT });
    await post(page, { type: 'view', view });
    await page.waitForSelector('#candidate-rows tr.candidate');
    assert.ok(await inked(page) > 1000);
    await settle(page);
    const layout = await narrowLayout(page);
    assert.equal(layout.pageOverflow, 0, JSON.stringify(layout));
    assert.deepEqual(layout.stickingOut, []);
    assert.deepEqual(layout.brokenNumbers, []);
    // Named, and no Tab stop of its own: the table's one stop scrolls it (→ on a row's ▸).
    assert.deepEqual(layout.scrolling, [{ label: 'Candidates (scrolls sideways)', tabIndex: -1, role: 'region' }]);
    await page.focus('#open-model');
    await page.keyboard.press('Tab');
    assert.equal(await focusedIs(page), `toggle-${(await order(page))[0]}`);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.scroll-x')!.scrollLeft > 0);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('.scroll-x')!.scrollLeft === 0);
    await page.screenshot({ path: join(SHOTS, 'tune-narrow.png'), fullPage: true });
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    assert.deepEqual((await probe(page)).__errors, []);
    await page.close();
  });

  test('a grid with the poly kernel: degree as cv_results_ holds it (2, not 2.0) in the grid line and the table; coef0 a float as Python prints it; a parameter a kernel ignores in parentheses with a tooltip', async () => {
    const kernels = await tuneView(fixtureCase('iris-k5-kernels'));
    const page = await harness.open('light');
    await post(page, { type: 'view', view: kernels });
    await page.waitForSelector('#candidate-rows tr.candidate');
    assert.equal(await page.textContent('#grid'), 'Grid: kernel rbf, linear, poly, sigmoid · C 0.5, 1.0 · gamma scale, auto · degree 2, 3 · coef0 0.0, 1.0');
    const rows = await page.$$eval('#candidate-rows tr.candidate', (trs) => trs.map((tr) => ['kernel', 'degree', 'coef0'].map((k) => tr.querySelector(`td.col-${k}`)?.textContent ?? '')));
    assert.ok(rows.some(([k, d, r]) => k === 'poly' && d === '2' && r === '1.0'), JSON.stringify(rows.slice(0, 4)));
    // Another kernel's degree is the grid's too, in parentheses (the rows differing only there fit the same model).
    for (const [k, d] of rows) assert.equal(/^\(\d\)$/.test(d!), k !== 'poly', `degree in parentheses but for poly: ${k} ${d}`);
    const tips = await page.$$eval('#candidate-rows tr.candidate', (trs) => trs.map((tr) => [tr.querySelector('td.col-kernel')?.textContent, tr.querySelector('td.col-gamma')?.textContent, tr.querySelector('td.col-gamma')?.getAttribute('title')]));
    assert.ok(tips.some(([k, g, t]) => k === 'linear' && /^\((scale|auto)\)$/.test(g!) && t === 'The linear kernel does not use gamma: candidates that differ only in it fit the same model.'), JSON.stringify(tips.slice(0, 6)));
  });

  test('malformed messages are ignored; a model that cannot be shown says why and shows nothing of it', async () => {
    const page = await harness.open('high-contrast-light');
    const broken = JSON.parse(JSON.stringify(view)) as { search: { bestIndex: number; candidates: { rank: number }[] } };
    broken.search.bestIndex = 4; // rank 1 but not the first candidate ranked 1: not best_index_
    const fewer = JSON.parse(JSON.stringify(view)) as { search: { candidates: unknown[] } };
    fewer.search.candidates.pop(); // no longer the grid's product
    for (const bad of [{ type: 'view', view: broken }, { type: 'view', view: fewer }, { type: 'view', view: { ...view, seed: 'x' } }, { type: 'view' }, 'view', null]) await post(page, bad);
    assert.equal(await page.$('#candidate-rows tr.candidate'), null);
    await post(page, { type: 'view', view });
    await page.waitForSelector('#candidate-rows tr.candidate');
    await post(page, { type: 'unavailable', name: '<img src=x id=injected>', reason: 'this model was trained, not tuned' });
    assert.equal(await page.textContent('#unavailable'), 'this model was trained, not tuned');
    assert.equal(await page.$('#injected'), null);
    assert.equal(await page.$('#candidate-rows tr.candidate'), null);
    // A later view brings the page back.
    await post(page, { type: 'view', view });
    await page.waitForSelector('#candidate-rows tr.candidate');
    const p = await probe(page);
    assert.deepEqual(p.__violations, []);
    assert.deepEqual(p.__errors, []);
    await page.close();
  });
});
