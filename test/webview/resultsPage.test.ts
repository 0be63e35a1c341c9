// The results webview in headless Chromium under the panel's CSP: it renders the numbers the
// core computed, keeps untrusted text as text, ignores malformed messages, and its scripts and
// styles (vscode-elements, Chart.js) run without a single CSP violation in all theme kinds.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { liveRegions, NARROW_VIEWPORT, narrowLayout, post, probe, runAxe, startHarness, type Harness, type PageProbe } from './pageHarness';
import { THEME_KINDS, themeVariables } from './themes';
import { sampleImportedView, sampleRecordedView, sampleTunedView, sampleView } from './sampleView';
import type { ResultsView } from '../../src/protocol/resultsPanel';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');


describe('results webview', () => {
  let harness: Harness;
  let view: ResultsView;
  before(async () => {
    [harness, view] = await Promise.all([startHarness(), sampleView()]);
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => harness?.close());

  test('a validation cancelled on the recorded numbers says "not validated" and claims nothing about the reloaded model', async () => {
    const page = await harness.open('light');
    await post(page, { type: 'results', view: { ...(await sampleRecordedView()), status: 'cancelled' } });
    await page.waitForSelector('#status');
    assert.equal(await page.textContent('#status'), 'not validated');
    assert.match((await page.textContent('#status-text'))!, /^Validation cancelled: the numbers below are the ones recorded when it was trained/);
    assert.equal(await page.textContent('#valid-recorded'), '100.00 % (30/30)');
    assert.equal(await page.textContent('#valid-now'), '—');
    assert.ok((await page.textContent('body'))!.includes('Not validated yet'));
  });

  test('the first paint, before the model is reloaded, shows the accuracies model.json recorded', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'results', view: await sampleRecordedView() });
    await page.waitForSelector('#status');
    assert.equal(await page.getAttribute('#status', 'data-status'), 'checking');
    assert.equal(await page.textContent('#train-recorded'), '96.67 % (116/120)');
    assert.equal(await page.textContent('#valid-recorded'), '100.00 % (30/30)');
    assert.equal(await page.textContent('#train-now'), '—', 'nothing is claimed about the reloaded model yet');
    assert.equal(await page.textContent('#valid-now'), '—');
    assert.equal(await page.textContent('#valid-now-raw'), '—');
    const text = (await page.textContent('body'))!;
    assert.ok(!text.includes('Validated'), 'no validation time before the model was validated');
    assert.ok(text.includes('Not validated yet'));
    // The SVC's parameters as SVC().get_params() prints them.
    const params = Object.fromEntries((await sampleRecordedView()).parameters);
    assert.deepEqual([params.C, params.gamma, params.degree, params.coef0, params.tol], ['1.0', 'scale', '3', '0.0', '0.001']);
    // The extension starts reloading the model when the page says its first content is on screen.
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'painted'));
    await page.screenshot({ path: join(SHOTS, 'results-recorded-dark.png'), fullPage: true });
    const p = await probe(page);
    assert.deepEqual(p.__violations, []);
    assert.deepEqual(p.__errors, []);
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    test(`renders the validation report (${theme} theme) without CSP violations`, async () => {
      const page = await harness.open(theme);
      await post(page, { type: 'results', view });
      await page.waitForSelector('#status');
      assert.equal(await page.getAttribute('#status', 'data-status'), 'matches');
      assert.equal(await page.textContent('#status'), 'matches');
      assert.equal(await page.textContent('#train-now'), '96.67 % (116/120)');
      assert.equal(await page.textContent('#valid-now'), '100.00 % (30/30)');
      assert.equal(await page.textContent('#valid-recorded'), '100.00 % (30/30)');
      assert.equal(await page.textContent('#train-recorded'), '96.67 % (116/120)');
      assert.equal(await page.textContent('#valid-now-raw'), '1.0');
      assert.equal(await page.textContent('#train-now-raw'), '0.9666666666666667');
      const text = (await page.textContent('body'))!;
      for (const t of ['Train accuracy', 'Validation accuracy', 'Train confusion matrix', 'Validation confusion matrix', 'scaler.json', 'classifier.json', 'random_state']) {
        assert.ok(text.includes(t), `page shows ${t}`);
      }
      // Validation confusion matrix of seed 2023: all 30 on the diagonal.
      const diag = await page.$$eval('#valid-confusion td.diag', (tds) => tds.reduce((s, td) => s + Number(td.textContent), 0));
      assert.equal(diag, 30);
      // Per class in the order of the accuracy table and the confusion matrices: train, then validation.
      assert.deepEqual(await page.$$eval('.perclass h3', (hs) => hs.map((x) => x.textContent)), ['Train', 'Validation']);
      // vscode-elements upgraded (shadow DOM rendered) and Chart.js (loaded after the text) drew on the canvas.
      await page.waitForSelector('#scatter:not([aria-busy])');
      assert.equal(await page.$eval('#x-feature', (e) => e.tagName), 'SELECT'); // a native select, named by its label
      assert.equal(await page.$eval('#revalidate', (e) => e.shadowRoot !== null), true);
      const inked = await page.$eval('#scatter', (c) => {
        const canvas = c as HTMLCanvasElement;
        const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      });
      assert.ok(inked > 1000, `chart drew ${inked} pixels`);
      await page.screenshot({ path: join(SHOTS, `results-${theme}.png`), fullPage: true });
      const p = await probe(page);
      assert.deepEqual(p.__violations, []);
      assert.deepEqual(p.__errors, []);
      assert.deepEqual(p.__posted[0], { type: 'ready' });
      await page.close();
    });
  }

  test('in a narrow editor group the page never scrolls sideways: a wide table scrolls in its own box, named and reachable by Tab; numbers stay on one line; axe-clean', async () => {
    const page = await harness.open('dark', { viewport: NARROW_VIEWPORT });
    const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await post(page, { type: 'results', view });
    await page.waitForSelector('#scatter:not([aria-busy])');
    await frames();
    const layout = await narrowLayout(page);
    assert.equal(layout.pageOverflow, 0, JSON.stringify(layout));
    assert.deepEqual(layout.stickingOut, []);
    assert.deepEqual(layout.brokenNumbers, [], '"0.9666666666666667" on one line, not three');
    assert.ok(layout.scrolling.some((b) => b.label === 'Accuracy (scrolls sideways)'), JSON.stringify(layout.scrolling));
    for (const box of layout.scrolling) assert.deepEqual([box.tabIndex, box.role], [0, 'region'], JSON.stringify(box));
    // From the keyboard: Tab reaches the box, the arrow keys bring "as Python prints it" into view.
    const box = page.locator('.scroll-x[aria-label^="Accuracy"]');
    await box.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    // Chromium scrolls on a key press with an animation: wait for it (up to 5 s) rather than read it at once.
    const scrolled = await page.waitForFunction((b) => b.scrollLeft > 0, await box.elementHandle(), { timeout: 5000 }).then(() => true, () => false);
    assert.ok(scrolled, 'the arrow keys scroll the focused box');
    // Find (Ctrl+F) brings a match in a hidden column into view.
    await box.evaluate((b) => { b.scrollLeft = 0; });
    await page.keyboard.press('Control+f');
    await page.keyboard.type('0.9666666666666667');
    await page.waitForFunction(() => document.getElementById('find-status')?.textContent === '1 of 1');
    assert.ok(await box.evaluate((b) => b.scrollLeft) > 0, 'the find scrolled the box to its match');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(SHOTS, 'results-narrow.png'), fullPage: true });
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    // Wide again: no box scrolls, none stays in the tab order.
    await page.setViewportSize({ width: 1280, height: 900 });
    await frames();
    assert.deepEqual((await narrowLayout(page)).scrolling, []);
    assert.equal(await page.$$eval('.scroll-x[tabindex], .scroll-x[role]', (b) => b.length), 0);
    const p = await probe(page);
    assert.deepEqual(p.__violations, []);
    assert.deepEqual(p.__errors, []);
    await page.close();
  });

  test('the chart follows a theme change (colours come from the CSS variables)', async () => {
    const page = await harness.open('light');
    await post(page, { type: 'results', view });
    await page.waitForSelector('#scatter:not([aria-busy])');
    const axisColour = () => page.$eval('#scatter', (c) => {
      // The chart's tick labels are drawn in --vscode-foreground: sample the darkest/lightest ink.
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, 40, canvas.height).data;
      let best = -1;
      let lum = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > best) { best = d[i + 3]!; lum = d[i]! + d[i + 1]! + d[i + 2]!; }
      return lum;
    });
    const before = await axisColour();
    // What VS Code does on a theme switch: new variables on <html>'s style, new body class.
    await page.evaluate((vars) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.className = 'vscode-dark';
    }, themeVariables('dark'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const after = await axisColour();
    assert.ok(before < 300 && after > 400, `tick labels went from dark (${before}) to light (${after})`);
    assert.deepEqual((await probe(page)).__violations, []);
    await page.close();
  });

  test('buttons post typed messages and the feature choice is kept in the webview state', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'results', view });
    await page.waitForSelector('#revalidate');
    await page.click('#revalidate');
    await page.click('#reveal');
    await page.$eval('#x-feature', (el) => {
      const s = el as HTMLElement & { value: string };
      s.value = '2';
      s.dispatchEvent(new Event('change'));
    });
    const p = await probe(page);
    const posted = p.__posted as { type: string }[];
    assert.deepEqual(posted.filter((m) => m.type !== 'ready' && m.type !== 'painted'), [{ type: 'revalidate' }, { type: 'revealArtifacts' }]);
    assert.equal(posted.filter((m) => m.type === 'painted').length, 1, 'the first paint is reported once');
    assert.deepEqual(p.__state, { modelDir: 'file:///ws/models/m1', name: view.name, xFeature: 2, yFeature: undefined });
    await page.close();
  });

  test('the scatter plot starts on the first two features whose values vary, not on a constant one', async () => {
    const page = await harness.open('dark');
    // A blank first column (as a digit image's corner pixel): every row would sit on x = 0.
    const data = view.data!;
    const withBlank: ResultsView = { ...view, data: { ...data, featureNames: ['blank', ...data.featureNames], X: data.X.map((r) => [0, ...r]) } };
    await post(page, { type: 'results', view: withBlank });
    await page.waitForSelector('#scatter:not([aria-busy])');
    assert.deepEqual([await page.inputValue('#x-feature'), await page.inputValue('#y-feature')], ['1', '2']);
    assert.deepEqual(await page.$$eval('#x-feature option:checked, #y-feature option:checked', (os) => os.map((o) => o.textContent)), [data.featureNames[0], data.featureNames[1]]);
    await page.close();
  });

  test('could-not-load shows the reason; names are text, never HTML; malformed messages are ignored', async () => {
    const page = await harness.open('light');
    const evil = '<img src=x id=injected>';
    const broken: ResultsView = {
      name: evil, modelDir: '/ws/models/bad', status: 'could-not-load', error: 'model.json: field "format": expected "model-lab-model"',
      validatedAt: new Date().toISOString(), classNames: [], parameters: [], split: [], provenance: [], artifacts: [],
    };
    await post(page, { type: 'results', view: broken });
    await page.waitForSelector('#status');
    assert.equal(await page.getAttribute('#status', 'data-status'), 'could-not-load');
    assert.equal(await page.textContent('#status'), 'could not load');
    assert.equal(await page.textContent('#status-text'), broken.error);
    assert.match((await page.textContent('body'))!, /Checked .* · \/ws\/models\/bad/);
    assert.ok(!(await page.textContent('body'))!.includes('Validated'), 'a model that could not be loaded was not validated');
    assert.equal(await page.textContent('h1'), evil);
    assert.equal(await page.$('#injected'), null);
    await post(page, { type: 'results', view: { status: 'matches' } });
    await post(page, { type: 'nonsense' });
    await page.waitForTimeout(50);
    assert.equal(await page.textContent('#status'), 'could not load');
    await page.close();
  });

  test('a model that cannot load because a file is missing: the recorded numbers, what to do, and no "Show what it predicts now" (nothing to evaluate)', async () => {
    const page = await harness.open('dark');
    const recorded = await sampleRecordedView();
    const missing: ResultsView = {
      ...recorded, status: 'could-not-load', error: '/ws/models/m/data.csv: missing — the model folder is incomplete; train the model again',
      changed: [{ file: 'data.csv', change: 'missing' }],
    };
    await post(page, { type: 'results', view: missing });
    await page.waitForSelector('#changed');
    assert.equal(await page.textContent('#status'), 'could not load');
    assert.equal(await page.textContent('#valid-recorded'), '100.00 % (30/30)');
    assert.equal(await page.textContent('#valid-now'), '—');
    assert.equal(await page.$('#predict-now'), null);
    assert.match((await page.textContent('#changed'))!, /so the numbers below do not vouch for them\. Without data\.csv the model cannot be evaluated as it is now: restore it and Re-validate, or train the model again\.$/);
    // An edited (not missing) file can be evaluated as it is: the button is there.
    await post(page, { type: 'results', view: { ...missing, changed: [{ file: 'classifier.json', change: 'modified' }] } });
    await page.waitForSelector('#predict-now');
    // Nothing below to vouch for: the banner does not point at numbers that are not there.
    await post(page, { type: 'results', view: { ...missing, recorded: undefined, recordedCounts: undefined } });
    await page.waitForFunction(() => !document.querySelector('table.accuracy'));
    assert.match((await page.textContent('#changed'))!, /so they do not make the saved model\./);
    assert.deepEqual(await runAxe(page), []);
    await page.close();
  });

  test('what an edited model predicts now: the column "as Python prints it" is the reloaded accuracy (the Output channel\'s "Load Model Train Accuracy :"), not the recorded one', async () => {
    const page = await harness.open('dark');
    // classifier.json edited, then "Show what it predicts now": 76 of 120 training rows right (the
    // recorded model: 116), the validation rows unchanged.
    const edited: ResultsView = {
      ...view, status: 'differs', edited: ['classifier.json'], changed: [{ file: 'classifier.json', change: 'modified' }],
      train: { ...view.train!, accuracy: 76 / 120, correct: 76 },
    };
    await post(page, { type: 'results', view: edited });
    await page.waitForSelector('#changed');
    assert.equal(await page.textContent('#train-now'), '63.33 % (76/120)');
    assert.equal(await page.textContent('#train-now-raw'), '0.6333333333333333', 'as Python prints 76 / 120');
    assert.equal(await page.textContent('#train-recorded'), '96.67 % (116/120)');
    assert.equal(await page.textContent('#valid-now-raw'), '1.0');
    const headers = await page.$$eval('table.accuracy thead th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(headers, ['Reloaded from disk', 'Reloaded, as Python prints it', 'Recorded at training', 'Same?']);
    assert.deepEqual(await page.$$eval('table.accuracy tbody tr', (trs) => trs.map((tr) => tr.lastElementChild?.textContent)), ['≠ recorded', '= recorded']);
    await page.close();
  });

  test('an imported model says under its name which scikit-learn files it was imported from, and that its accuracies were recorded at the import', async () => {
    const page = await harness.open('dark');
    const imported = await sampleImportedView();
    await post(page, { type: 'results', view: imported });
    await page.waitForSelector('#status');
    assert.equal(await page.getAttribute('#status', 'data-status'), 'matches');
    assert.match((await page.textContent('#origin'))!, /^Imported from scaler\.joblib \+ classifier\.joblib \(scikit-learn 1\.2\.1\) by model-lab \S+ · /);
    assert.equal(await page.textContent('#status-text'), 'The model was reloaded from disk and predicts exactly the accuracies recorded when it was imported.');
    const headers = await page.$$eval('table.accuracy thead th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(headers, ['Reloaded from disk', 'Reloaded, as Python prints it', 'Recorded at import', 'Same?']);
    const text = (await page.textContent('body'))!;
    assert.ok(!text.includes('when it was trained') && !text.includes('Recorded at training'), 'nothing says Model Lab trained it');
    const provenance = await page.$$eval('dl.kv dt', (dts) => dts.map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`));
    assert.ok(provenance.includes('Imported from: scaler.joblib + classifier.joblib (scikit-learn 1.2.1)'), provenance.join(' | '));
    assert.ok(!provenance.some((p) => p.startsWith('Saved: ')), 'not "Saved … by model-lab"');
    // A trained model keeps its words, and has no origin line.
    await post(page, { type: 'results', view });
    await page.waitForFunction(() => !document.querySelector('#origin'));
    assert.equal(await page.textContent('#status-text'), 'The model was reloaded from disk and predicts exactly the accuracies recorded when it was trained.');
    await page.close();
  });

  test('a tuned model says how its search chose it (scikit-learn\'s numbers) and opens its Tuning Results', async () => {
    // iris-k3: GridSearchCV(cv=3) over 6 candidates on iris' 120 training rows; best_index_ 5,
    // mean_test_score 0.9666666666666667, std_test_score 0.023570226039551608 (test/fixtures/gridsearch).
    const page = await harness.open('dark');
    await post(page, { type: 'results', view: await sampleTunedView('iris-k3') });
    await page.waitForSelector('#search-summary');
    assert.equal(await page.textContent('#search-summary'),
      'Chosen by GridSearchCV: 6 candidates × 3 folds (StratifiedKFold) on the 120 training rows. This model\'s parameters ranked 1 of 6, ' +
      'mean CV accuracy 96.67 % (0.9666666666666667) ± 2.36 pp; it was then refitted on all 120 training rows.');
    await page.click('#show-tuning');
    const posted = (await probe(page)).__posted as { type: string }[];
    assert.deepEqual(posted.filter((m) => m.type === 'showTuneResults'), [{ type: 'showTuneResults' }]);
    // A trained model has no such section; a search whose every fit failed says nan, as scikit-learn does.
    await post(page, { type: 'results', view });
    await page.waitForFunction(() => document.getElementById('search-summary') === null);
    assert.equal(await page.$('#show-tuning'), null);
    await post(page, { type: 'results', view: await sampleTunedView('rare-k3-failed-fits') });
    await page.waitForSelector('#search-summary');
    assert.match((await page.textContent('#search-summary'))!, /ranked 1 of 4, mean CV accuracy nan;/);
    assert.deepEqual((await probe(page)).__violations, []);
    await page.screenshot({ path: join(SHOTS, 'results-tuned-dark.png'), fullPage: true });
    await page.close();
  });
});

describe('results webview: accessibility', () => {
  let harness: Harness;
  let view: ResultsView;
  before(async () => {
    [harness, view] = await Promise.all([startHarness(), sampleView()]);
  });
  after(async () => harness?.close());

  for (const theme of THEME_KINDS) {
    test(`axe-core finds no violation of any impact (${theme} theme), also with files changed since saving and a data warning`, async () => {
      const page = await harness.open(theme);
      const warning = 'Iris.csv: the column "Id" numbers the rows (1, 2, 3 … 150), and it is trained on as a feature, so the model learns the order of the rows — train it again with that column in the setting modelLab.dropColumns';
      await post(page, { type: 'results', view: { ...view, changed: [{ file: 'classifier.json', change: 'modified' }], dataWarnings: [warning] } });
      await page.waitForSelector('#changed');
      assert.equal(await page.textContent('#data-warning'), `⚠ Data warning: ${warning}`);
      await page.waitForSelector('#scatter');
      // The validation happened before the change: the badge says so, without the green check.
      assert.equal(await page.textContent('#status'), 'matched before the change');
      assert.equal(await page.getAttribute('#status', 'data-stale'), '');
      assert.match((await page.textContent('#status-text'))!, /^Validated before its files changed: the saved model then predicted exactly the accuracies recorded/);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#status')!, '::before').content), '"⚠ "');
      const violations = await runAxe(page);
      assert.deepEqual(violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).join(' | ')}`), []);
      await page.screenshot({ path: join(SHOTS, `results-${theme}-changed.png`), fullPage: true });
    });
  }

  test('Re-validate from the keyboard keeps the focus on the button when the new report arrives', async () => {
    const page = await harness.open('dark');
    await post(page, { type: 'results', view });
    await page.waitForSelector('#revalidate');
    await page.focus('#revalidate');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as PageProbe).__posted.some((m) => (m as { type: string }).type === 'revalidate'));
    await post(page, { type: 'loading', name: view.name });
    await post(page, { type: 'results', view: { ...view, validatedAt: new Date().toISOString() } });
    await page.waitForFunction(() => document.activeElement?.id === 'revalidate');
  });

  test('the page is no live region: Re-validate says "Validating…", then the outcome in one short status line, never the report', async () => {
    const page = await harness.open('light');
    assert.equal(await page.getAttribute('#app', 'aria-live'), null);
    await post(page, { type: 'loading', name: view.name });
    assert.equal(await page.textContent('#announcer'), `Validating ${view.name}…`);
    await post(page, { type: 'results', view });
    await page.waitForSelector('#scatter');
    assert.equal(await page.textContent('#announcer'), `Validation finished: ${view.name} matches.`);
    await post(page, { type: 'loading', name: view.name });
    assert.equal(await page.textContent('#announcer'), `Validating ${view.name}…`);
    assert.equal(await page.textContent('#status-text'), 'Validating again…');
    const error = 'classifier.json: not valid JSON (Unexpected end of JSON input) — train the model again or restore the file.';
    await post(page, { type: 'results', view: { ...view, status: 'could-not-load', error, train: undefined, valid: undefined } });
    assert.equal(await page.textContent('#announcer'), `Validation failed: ${view.name} could not load. ${error}`);
    const regions = await liveRegions(page);
    assert.ok(regions.some((r) => r.element === 'p#announcer'), JSON.stringify(regions));
    for (const r of regions) assert.ok(r.text.length <= 200, `${r.element} holds ${r.text.length} characters: ${r.text.slice(0, 80)}…`);
    await page.close();
  });

  test('Ctrl+F finds in the page (kept while hidden, it has no VS Code find widget): counts, steps, survives a new report, Escape gives the focus back; axe-clean while open', async () => {
    const page = await harness.open('light');
    await post(page, { type: 'results', view });
    await page.waitForSelector('#revalidate');
    await page.focus('#revalidate');
    assert.equal(await page.isVisible('#find-bar'), false);
    await page.keyboard.press('Control+f');
    await page.waitForFunction(() => document.activeElement?.id === 'find-input');
    const expected = await page.evaluate(() => (document.getElementById('app')!.textContent!.toLowerCase().match(/versicolor/g) ?? []).length);
    assert.ok(expected >= 2, `the sample shows versicolor at least twice (${expected})`);
    await page.keyboard.type('VersiColor');
    assert.equal(await page.textContent('#find-status'), `1 of ${expected}`);
    const highlighted = () => page.evaluate(() => {
      const hl = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return { all: hl.get('find-match')?.size ?? 0, current: [...(hl.get('find-current') ?? [])].map((r) => r.toString()) };
    });
    assert.deepEqual(await highlighted(), { all: expected, current: ['versicolor'] });
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#find-status'), `2 of ${expected}`);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('Shift+Enter');
    assert.equal(await page.textContent('#find-status'), `${expected} of ${expected}`);
    // A new report re-renders the page under the bar: the next step searches the new text.
    await post(page, { type: 'results', view: { ...view, validatedAt: new Date().toISOString() } });
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#find-status'), `1 of ${expected}`);
    assert.equal((await highlighted()).all, expected);
    await page.fill('#find-input', 'no such text');
    assert.equal(await page.textContent('#find-status'), 'No results');
    await page.fill('#find-input', 'setosa');
    assert.deepEqual((await runAxe(page)).map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).join(' | ')}`), []);
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#find-bar'), false);
    assert.deepEqual(await highlighted(), { all: 0, current: [] });
    await page.waitForFunction(() => document.activeElement?.id === 'revalidate');
  });
});
