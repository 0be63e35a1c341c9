// End-to-end journey: the PACKAGED Model Lab (.vsix) in a real VS Code (code-server 4.100.3) driven by
// playwright-core + Debian's chromium, on a fresh workspace holding a copy of the iris CSV.
//
//   node test/e2e/journey.mjs              packages the .vsix (npm run package), then runs the journey
//   node test/e2e/journey.mjs --no-package uses the existing model-lab.vsix
//   MODEL_LAB_VSIX=/path/x.vsix node test/e2e/journey.mjs   uses that .vsix
//
// Screenshots per step go to test-results/e2e/. Ends with `N passed, N failed`; exit code 1 on failure.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import assert from 'node:assert/strict';
import { ensureCodeServer } from '../../scripts/vscode/installCodeServer.mjs';
import { installVsix, makeRunDirs, seedSettings, startCodeServer } from '../../scripts/vscode/codeServer.mjs';
import { launchBrowser, Workbench } from '../../scripts/vscode/workbench.mjs';
import { checkBrowserPrerequisites } from '../../scripts/vscode/debianPrerequisites.mjs';
import { IRIS_CSV, REPO_ROOT, TEST_RESULTS_DIR, VSIX_PATH } from '../../scripts/vscode/paths.mjs';

// One folder per run (the last few kept), so runs side by side never delete each other's evidence.
const SHOTS_ROOT = join(TEST_RESULTS_DIR, 'e2e');
const SHOTS = join(SHOTS_ROOT, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
const KEEP_RUNS = 5;

function pruneOldRuns() {
  if (!existsSync(SHOTS_ROOT)) return;
  const runs = readdirSync(SHOTS_ROOT).filter((d) => d.startsWith('run-')).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS + 1))) {
    rmSync(join(SHOTS_ROOT, old), { recursive: true, force: true });
  }
}
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function packageVsix() {
  if (process.env.MODEL_LAB_VSIX) return process.env.MODEL_LAB_VSIX;
  if (!process.argv.includes('--no-package')) {
    console.log('Packaging the extension (npm run package)…');
    try {
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (err) {
      throw new Error(`npm run package failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
  }
  if (!existsSync(VSIX_PATH)) throw new Error(`No ${VSIX_PATH}: run \`npm run package\` first.`);
  return VSIX_PATH;
}

function modelFolders(workspace) {
  const dir = join(workspace, 'models');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Waits until the models folder holds `name` (written by the extension host, seen on disk). */
async function waitForModelOnDisk(workspace, name) {
  const deadline = Date.now() + 30_000;
  while (!existsSync(join(workspace, 'models', name))) {
    if (Date.now() > deadline) throw new Error(`model folder models/${name} never appeared on disk`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every file of a folder with its sha256 (to check that a restore put back every byte). */
function folderDigest(dir) {
  return readdirSync(dir).sort().map((f) => `${f}:${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`).join(',');
}

/**
 * After a click, a Delete or a rename in Saved Models that hides or closes a tab (Compare Models kept
 * while hidden; a model's results tab): the keyboard focus stays in the view where the user acted, now
 * and a moment later. VS Code moved it into the tab that came forward until results tabs were closed
 * with preserveFocus, and into a kept page with a find widget when it was hidden.
 */
async function focusStaysInSavedModels(wb, action) {
  for (const after of ['at once', 'a moment later']) {
    if (after !== 'at once') await wb.page.waitForTimeout(500);
    const focus = await wb.page.evaluate(() => ({
      inTree: Boolean(document.activeElement?.closest('.part.sidebar .monaco-list')),
      what: `${document.activeElement?.tagName}.${String(document.activeElement?.className).slice(0, 60)}`,
    }));
    assert.ok(focus.inTree, `after ${action} (${after}) the focus left Saved Models for ${focus.what}`);
  }
}

/**
 * At a wizard's Train size step: 150 of iris.csv's 150 rows is refused there, in the run's words, and
 * Enter keeps the step open; then the size it offered is answered.
 */
async function trainSize150RefusedAtItsStep(wb) {
  await wb.waitQuickInput('Train size');
  const sizeBox = wb.quickInput.locator('.quick-input-box input');
  const offered = await sizeBox.inputValue();
  await sizeBox.fill('150');
  const refusal = wb.quickInput.locator('.quick-input-message', { hasText: 'train_size=150' });
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /iris\.csv has 150 data rows — choose a train size between 0 and 1 \(0\.8\) or a whole number of rows from 1 to 149/);
  await sizeBox.press('Enter');
  await wb.waitQuickInput('Train size');
  await wb.answer('Train size', offered);
}

/** Waits until the keyboard focus is in a webview (a page that a command opened with the focus). */
async function webviewFocused(wb) {
  await wb.page.waitForFunction(() => document.activeElement?.matches('iframe.webview') === true, undefined, { timeout: 30_000 });
}

/**
 * The content of the webview that shows `selector`: with a results editor and a Tune results view
 * opened together, the last visible webview frame is not always the one in front.
 */
async function webviewShowing(wb, selector, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frames = wb.page.locator('iframe.webview.ready');
    for (let i = (await frames.count()) - 1; i >= 0; i--) {
      const inner = frames.nth(i).contentFrame().locator('#active-frame').contentFrame();
      if ((await inner.locator(selector).count().catch(() => 0)) > 0) return inner;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} within ${timeout} ms`);
    await wb.page.waitForTimeout(100);
  }
}

const BROKEN_CSV = [
  'id,timestamp,sepal_length,sepal_width,petal_length,petal_width,target',
  '1,2023-01-01 00:00:00,5.1,3.5,1.4,0.2,0',
  '2,2023-01-01 00:00:01,4.9,3.0,1.4,0.2,0',
  '3,2023-01-01 00:00:02,7.0,3.2,4.7,1.4,1',
  '4,2023-01-01 00:00:03,6.3,abc,6.0,2.5,2',
].join('\n') + '\n';

async function main() {
  checkBrowserPrerequisites();
  const vsix = packageVsix();
  const entry = await ensureCodeServer();
  pruneOldRuns();
  mkdirSync(SHOTS, { recursive: true });

  const dirs = makeRunDirs('mle');
  const workspace = join(dirs.root, 'w');
  mkdirSync(workspace);
  copyFileSync(IRIS_CSV, join(workspace, 'iris.csv'));
  // The course's model_pipeline.joblib (scikit-learn 1.2.1), for the Explorer's Import step.
  copyFileSync(join(REPO_ROOT, 'test/fixtures/joblib/models/course-pipeline/model_pipeline.joblib'), join(workspace, 'model_pipeline.joblib'));
  seedSettings(dirs);
  // Chromium starts while code-server installs the .vsix and starts.
  const [browser, server] = await Promise.all([
    launchBrowser(),
    installVsix({ entry, dirs, vsix }).then(() => startCodeServer({ entry, dirs })),
  ]);
  console.log(`code-server on ${server.baseUrl}, workspace ${workspace} (${elapsed()})`);

  const results = [];
  let wb;
  let multiServer; // step 17's own code-server, and its folders
  let multiDirs;
  const step = async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
      const shot = await wb.screenshot(name.replace(/\W+/g, '-').toLowerCase());
      results.push({ name, ok: true });
      console.log(`ok   ${name} (${Date.now() - started} ms) ${relative(REPO_ROOT, shot)}`);
    } catch (err) {
      const screen = wb ? await wb.describeScreen(`FAILED-${name.replace(/\W+/g, '-').toLowerCase()}`) : '';
      results.push({ name, ok: false });
      console.log(`FAIL ${name} (${Date.now() - started} ms)\n  ${String(err.stack ?? err).split('\n').slice(0, 6).join('\n  ')}\n${screen}`);
    }
  };

  try {
    await step('open workbench with Model Lab', async () => {
      wb = await Workbench.open(browser, server.workbenchUrl({ folder: workspace }), { screenshotDir: SHOTS });
      await wb.activityBarItem('Model Lab').waitFor();
      await wb.openViewContainer('Model Lab', 'Saved Models');
    });

    let firstModel;
    let lastPanel; // the results panel in front, which a reload has to bring back
    await step('1 train from the palette', async () => {
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Train Iris Model');
      const n = await wb.waitNotification(/Trained model "([^"]+)": validation accuracy 100\.00 % \(30\/30\)\./, { since: seen });
      firstModel = /Trained model "([^"]+)"/.exec(n.text)[1];
      await wb.toast('Training…').waitFor({ state: 'hidden' });
      await waitForModelOnDisk(workspace, firstModel);
      const row = wb.treeRow(firstModel);
      await row.waitFor();
      await row.locator('.label-name', { hasText: /^\s*100\.00 % · / }).waitFor();
    });

    await step('2 validate from the tree context menu', async () => {
      assert.ok(firstModel, 'needs the model trained in step 1');
      await wb.contextMenu(wb.treeRow(firstModel), 'Validate Saved Model');
      await wb.editorTab(firstModel).waitFor();
      const view = wb.webview();
      await view.getByText('96.67 % (116/120)').first().waitFor();
      await view.getByText('100.00 % (30/30)').first().waitFor();
      await view.getByText('Train accuracy').first().waitFor();
      await view.getByText('Validation accuracy').first().waitFor();
      const status = view.locator('[data-status]').first();
      assert.equal(await status.getAttribute('data-status'), 'matches');
      assert.match(await status.innerText(), /matches/);
      await view.getByText('Train confusion matrix').first().waitFor();
      await view.getByText('Validation confusion matrix').first().waitFor();
      assert.ok((await view.locator('table').count()) >= 2, 'two confusion-matrix tables');
      await view.locator('canvas#scatter').waitFor();
      lastPanel = { name: firstModel, text: '96.67 % (116/120)' };
    });

    await step('3 train with options: pipeline, seed 2022; a train size iris.csv cannot split is refused at its step', async () => {
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Train Iris Model…');
      await wb.pick('Training data', 'iris.csv');
      await wb.pick('Layout: how the model is saved', 'One pipeline');
      await wb.answer('Seed: random_state of train_test_split', '2022');
      // 150 of iris.csv's 150 rows leaves none to validate on: the step says so and stays (it was
      // refused only after the review, in a notification).
      await trainSize150RefusedAtItsStep(wb);
      await wb.pick('Kernel of the SVC', 'rbf');
      await wb.answer('C: regularization of the SVC');
      await wb.answer('Gamma: kernel coefficient');
      await wb.pick('Review', 'Train the model');
      const n = await wb.waitNotification(/Trained model "([^"]+)": validation accuracy 96\.67 % \(29\/30\)\./, { since: seen });
      const name = /Trained model "([^"]+)"/.exec(n.text)[1];
      await wb.toast('Training…').waitFor({ state: 'hidden' });
      await waitForModelOnDisk(workspace, name);
      await wb.clickToastAction(`Trained model "${name}"`, 'Show Results');
      await wb.editorTab(name).waitFor();
      const view = wb.webview();
      await view.getByText('98.33 % (118/120)').first().waitFor();
      await view.getByText('96.67 % (29/30)').first().waitFor();
      lastPanel = { name, text: '98.33 % (118/120)' };
    });

    await step('4 broken CSV gives a readable error and no model', async () => {
      const before = modelFolders(workspace);
      const rowsBefore = await wb.sidebarRowsText();
      writeFileSync(join(workspace, 'broken.csv'), BROKEN_CSV);
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Train Iris Model');
      await wb.pick('Training data', 'broken.csv');
      const n = await wb.waitNotification(/^Model Lab: .*broken\.csv/, { since: seen, severity: 'error' });
      assert.match(n.text, /\b5\b/, `error names line 5: ${n.text}`);
      await wb.toast('Training…').waitFor({ state: 'hidden' });
      assert.deepEqual(modelFolders(workspace), before, 'no new model folder on disk');
      assert.deepEqual(await wb.sidebarRowsText(), rowsBefore, 'tree unchanged');
      // The error is a problem on the cell, and Open at Line goes there.
      const errorCount = () => wb.page.evaluate(() => {
        const item = document.querySelector('[id="status.problems"]');
        const label = item?.querySelector('a')?.getAttribute('aria-label') ?? item?.getAttribute('aria-label') ?? item?.textContent ?? '';
        return Number(/(\d+)/.exec(label)?.[1] ?? 0);
      });
      await wb.page.waitForFunction(() => /[1-9]/.test(document.querySelector('[id="status.problems"]')?.textContent ?? ''));
      await wb.clickToastAction('broken.csv line 5', 'Open at Line');
      await wb.editorTab('broken.csv').waitFor();
      await wb.page.locator('.monaco-editor .squiggly-error').first().waitFor();
      assert.match(await wb.page.locator('.monaco-editor .view-line').nth(4).innerText(), /abc/);
      // Fixing the file clears the problem.
      writeFileSync(join(workspace, 'broken.csv'), BROKEN_CSV.replace('abc', '3.3'));
      for (let i = 0; i < 100 && (await errorCount()) > 0; i++) await wb.page.waitForTimeout(100);
      assert.equal(await errorCount(), 0, 'the fixed file has no problem left');
      await wb.runCommand('View: Close Editor');
      // The results tab behind the CSV comes back painted (its page is made again once shown).
      await wb.webview().getByText(lastPanel.text).first().waitFor();
    });

    await step('6 a CSV header cannot smuggle a command link into a notification', async () => {
      // The attack: a header that VS Code would render as a link running Delete Model on a folder outside
      // the workspace, with an argument meant to skip the confirmation. It must show as plain text.
      const victim = join(dirs.root, 'victim');
      mkdirSync(victim, { recursive: true });
      writeFileSync(join(victim, 'keep.txt'), 'precious\n');
      const link = `[Fix the header automatically](command:modelLab.delete?${encodeURIComponent(JSON.stringify([{ $mid: 1, scheme: 'file', path: victim }, { confirmed: true }]))})`;
      writeFileSync(join(workspace, 'attack.csv'), `sepal_length,sepal_width,petal_length,petal_width,${link}\n5.1,3.5,1.4,0.2,0\n`);
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Train Iris Model');
      await wb.pick('Training data', 'attack.csv');
      const n = await wb.waitNotification(/Fix the header automatically/, { since: seen, severity: 'error' });
      assert.match(n.text, /no column "target"/);
      const toast = wb.toast('Fix the header automatically');
      assert.equal(await toast.locator('.notification-list-item-message a').count(), 0, 'no link in the notification');
      await toast.locator('.notification-list-item-message').click();
      await wb.page.waitForTimeout(500);
      assert.ok(existsSync(join(victim, 'keep.txt')), 'the folder outside the workspace is untouched');
      await wb.clearNotifications();
    });

    await step('7 the wizard goes Back without losing answers, asks the poly kernel\'s degree and coef0 only while it is chosen, and reviews a sweep (two kernels × two C) before training', async () => {
      const seen = (await wb.notifications()).length;
      const title = () => wb.page.locator('.quick-input-widget .quick-input-title').innerText();
      const typed = () => wb.quickInput.locator('.quick-input-box input').inputValue();
      await wb.runCommand('Model Lab: Train Iris Model…');
      await wb.pick('Training data', 'iris.csv');
      await wb.pick('Layout: how the model is saved', 'Separate scaler + classifier');
      await wb.answer('Seed: random_state of train_test_split', '2023');
      await wb.answer('Train size');
      // Several kernels: a list typed as for model-lab train --kernel, one model per kernel. With
      // poly among them the degree and coef0 are asked, and the count says ten steps.
      await wb.pick('Kernel of the SVC', 'Several kernels…');
      await wb.answer('Kernels of the SVC', 'rbf, poly');
      await wb.waitQuickInput('Degree of the poly kernel');
      assert.match(await title(), /\(6\/10\)$/);
      // A list of degrees, as model-lab train --degree 2,3 (one model per degree).
      await wb.answer('Degree of the poly kernel', '2, 3');
      await wb.quickInputBack('coef0: independent term of the kernel');
      await wb.waitQuickInput('Degree of the poly kernel');
      assert.equal(await typed(), '2, 3', 'Back shows the earlier degrees');
      await wb.quickInputBack('Degree of the poly kernel');
      // Without poly, Back and forth pass over both steps: eight steps again.
      await wb.pick('Kernel of the SVC', 'Several kernels…');
      await wb.answer('Kernels of the SVC', 'rbf, linear');
      await wb.waitQuickInput('C: regularization of the SVC');
      assert.match(await title(), /\(6\/8\)$/);
      await wb.answer('C: regularization of the SVC', '0.1, 1');
      await wb.waitQuickInput('Gamma: kernel coefficient');
      await wb.quickInputBack('Gamma: kernel coefficient');
      await wb.waitQuickInput('C: regularization of the SVC');
      assert.equal(await typed(), '0.1, 1', 'Back shows the earlier answer');
      await wb.quickInputBack('C: regularization of the SVC');
      await wb.pick('Kernel of the SVC', 'Several kernels…');
      assert.equal(await (await wb.waitQuickInput('Kernels of the SVC'), typed()), 'rbf, linear', 'Back shows the typed kernels');
      await wb.answer('Kernels of the SVC');
      await wb.answer('C: regularization of the SVC');
      await wb.answer('Gamma: kernel coefficient');
      // The degree list typed while poly was chosen counts no more: 4 models, not 8, and no degree said.
      await wb.waitQuickInput('Review: 4 models');
      assert.doesNotMatch(await wb.quickInput.innerText(), /degree|coef0/);
      await wb.pick('Review: 4 models', 'Back');
      await wb.answer('Gamma: kernel coefficient');
      await wb.pick('Review: 4 models', 'Train 4 models');
      await wb.waitNotification(/Trained 4 models/, { since: seen });
      for (const name of ['iris-C0.1-gscale-s2023', 'iris-C1-gscale-s2023-2', 'iris-linear-C0.1-s2023', 'iris-linear-C1-s2023']) await waitForModelOnDisk(workspace, name);
      assert.equal(JSON.parse(readFileSync(join(workspace, 'models', 'iris-linear-C1-s2023', 'model.json'), 'utf8')).params.svc.kernel, 'linear');
    });

    await step('8 at the default sidebar width every model shows its validation accuracy, a 40-character name too', async () => {
      // The accuracy leads the label: VS Code cuts a long row's end, and a description after the name
      // with it ("iris-data-C1-gscale-s2023-4" showed "3…" for 32.65 %). A copy with a long name shows it.
      const long = 'imported-iris-data-c1-gscale-s2023-long1';
      assert.equal(long.length, 40);
      cpSync(join(workspace, 'models', 'iris-C1-gscale-s2023-2'), join(workspace, 'models', long), { recursive: true });
      await wb.treeRow(long).waitFor();
      const rows = wb.page.locator('.part.sidebar .monaco-list-row');
      const seen = await rows.evaluateAll((els) => els.map((row) => {
        const name = row.querySelector('.label-name');
        const box = row.querySelector('.monaco-icon-label-container');
        const first = name && document.createTreeWalker(name, NodeFilter.SHOW_TEXT).nextNode();
        const state = /^(\d+\.\d\d %|damaged) · /.exec(name?.textContent ?? '')?.[1];
        if (!first || !box || !state) return { text: name?.textContent ?? '', model: false };
        const range = document.createRange();
        range.setStart(first, 0);
        range.setEnd(first, Math.min(state.length, first.length));
        const cut = box.scrollWidth > box.clientWidth;
        // A cut row ends in an ellipsis: the accuracy has to end before it.
        const fits = range.getBoundingClientRect().right <= box.getBoundingClientRect().right - (cut ? 16 : -1);
        return { text: name.textContent, model: true, cut, fits };
      }));
      const width = await wb.page.locator('.part.sidebar').evaluate((el) => el.getBoundingClientRect().width);
      assert.ok(seen.filter((r) => r.model).length >= 6, `every model row says its accuracy first: ${JSON.stringify(seen)}`);
      assert.ok(seen.find((r) => r.text.endsWith(long))?.cut, `the 40-character name is cut in a ${width}-px sidebar`);
      assert.deepEqual(seen.filter((r) => r.model && !r.fits), [], `accuracies cut off in a ${width}-px sidebar`);
      await wb.screenshot('step8-long-name');
      rmSync(join(workspace, 'models', long), { recursive: true });
      await wb.treeRow(long).waitFor({ state: 'detached' });
    });

    await step('9 a click opens the results in a preview tab that the next click replaces', async () => {
      const previewTabs = () => wb.page.locator('.tabs-container .tab:has(.monaco-icon-label.italic)');
      // The sweep of step 7 left Compare Models in front; the click hides it (kept alive meanwhile).
      assert.equal(await wb.page.locator('.tabs-container .tab.active', { hasText: 'Compare Models' }).count(), 1, 'Compare Models in front');
      await wb.treeRow('iris-C0.1-gscale-s2023').click();
      await wb.editorTab('iris-C0.1-gscale-s2023').waitFor();
      await focusStaysInSavedModels(wb, 'a click on a model while Compare Models was in front');
      await wb.webview().getByText('0.1', { exact: false }).first().waitFor();
      assert.equal(await previewTabs().count(), 1, 'one preview tab');
      await wb.treeRow('iris-C1-gscale-s2023-2').click();
      await wb.editorTab('iris-C1-gscale-s2023-2').waitFor();
      assert.equal(await wb.editorTab('iris-C0.1-gscale-s2023').count(), 0, 'the next click replaced the preview');
      assert.equal(await previewTabs().count(), 1);
      await wb.treeRow('iris-C1-gscale-s2023-2').dblclick();
      await wb.page.waitForFunction(() => document.querySelectorAll('.tabs-container .tab .monaco-icon-label.italic').length === 0);
    });

    await step('10 Delete asks once for the whole selection, Undo puts every byte back, and a selection that cannot all be deleted is kept whole', async () => {
      const names = ['iris-C0.1-gscale-s2023', 'iris-C1-gscale-s2023-2'];
      const before = names.map((n) => folderDigest(join(workspace, 'models', n)));
      await wb.selectTreeRow(names[0]);
      await wb.treeRow(names[1]).click({ modifiers: ['Control'] });
      await wb.page.keyboard.press('Delete');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      const text = await dialog.innerText();
      assert.match(text, /Delete 2 models\?/);
      for (const n of names) assert.ok(text.includes(n), `the confirmation lists ${n}`);
      await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
      await wb.waitNotification(/Deleted 2 models/);
      for (const n of names) assert.ok(!existsSync(join(workspace, 'models', n)), `${n} is gone`);
      await focusStaysInSavedModels(wb, 'the Delete');
      await wb.clickToastAction('Deleted 2 models', 'Undo');
      for (const n of names) await waitForModelOnDisk(workspace, n);
      assert.deepEqual(names.map((n) => folderDigest(join(workspace, 'models', n))), before, 'restored byte for byte');
      for (const n of names) await wb.treeRow(n).waitFor();
      // All or nothing: when the second folder cannot be moved (immutable: rename gives EPERM), the
      // first comes back too, and the error says so about the model, not a hidden holding folder.
      const stuck = join(workspace, 'models', names[1]);
      try {
        execFileSync('chattr', ['+i', stuck], { stdio: 'pipe' });
      } catch (e) {
        console.log(`     (step 10: chattr +i is not available here, the partial delete is not tried: ${String(e.message).split('\n')[0]})`);
        return;
      }
      try {
        await wb.selectTreeRow(names[0]);
        await wb.treeRow(names[1]).click({ modifiers: ['Control'] });
        await wb.page.keyboard.press('Delete');
        await dialog.waitFor();
        await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
        const n = await wb.waitNotification(/cannot delete the model/, { severity: 'error' });
        assert.match(n.text, new RegExp(`${stuck.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot delete the model — the operation is not permitted there; nothing was deleted`));
      } finally {
        execFileSync('chattr', ['-i', stuck]);
      }
      assert.deepEqual(names.map((n) => folderDigest(join(workspace, 'models', n))), before, 'both models in place, byte for byte');
      assert.deepEqual(readdirSync(join(workspace, 'models')).filter((f) => f.startsWith('.deleted-')), [], 'no holding folder left');
      for (const n of names) await wb.treeRow(n).waitFor();
      await wb.clearNotifications();
    });

    await step('11 Rename Model (F2) renames the folder and the model; its results tab follows', async () => {
      const name = 'iris-C0.1-gscale-s2023';
      await wb.selectTreeRow(name);
      // The click shows the model's results in the preview tab: F2 comes once they are on screen, as
      // a user sees them. In a few runs (CI on 2026-12-01, a fresh clone on 2026-12-02) an F2 pressed
      // at once after this click opened no rename box, and the screenshot showed the row selected in a
      // view without the focus. The likely cause, found later: step 10's Delete closed results tabs and
      // VS Code moved the focus into the webview tab that came forward (now closed with the focus
      // kept, and checked there). If the focus has left the view all the same, say so and give it back.
      await wb.editorTab(name).waitFor();
      await webviewShowing(wb, '[data-status="matches"]', 60_000);
      const focusedRow = wb.treeRow(name).and(wb.page.locator('.monaco-list:focus-within .monaco-list-row.selected.focused'));
      if (!(await focusedRow.isVisible())) {
        console.log('     (step 11: the Saved Models view lost the focus after the results painted; focusing it again)');
        await wb.runCommand('Model Lab: Focus on Saved Models View');
        await focusedRow.waitFor({ timeout: 10_000 });
      }
      await wb.page.keyboard.press('F2');
      // A name taken in the models folder is said while typing, and Enter does not close the box —
      // nor the model's results tab (a refused rename used to close it, then fail).
      const title = 'Rename model "iris-C0.1-gscale-s2023"';
      await wb.waitQuickInput(title);
      const box = wb.quickInput.locator('.quick-input-box input');
      await box.fill('iris-C1-gscale-s2023');
      await wb.quickInput.locator('.quick-input-message', { hasText: '"iris-C1-gscale-s2023" exists already in this models folder' }).waitFor({ timeout: 10_000 });
      await box.press('Enter');
      await wb.page.waitForTimeout(500);
      assert.equal(await box.isVisible(), true, 'the rename box stays open on a taken name');
      assert.equal(await wb.editorTab(name).count(), 1, 'the results tab stays open');
      await wb.answer(title, 'weak-C');
      await waitForModelOnDisk(workspace, 'weak-C');
      assert.ok(!existsSync(join(workspace, 'models', 'iris-C0.1-gscale-s2023')));
      await wb.treeRow('weak-C').waitFor();
      // The results tab follows the rename, as an editor follows a file renamed in the Explorer.
      await wb.editorTab('weak-C').waitFor({ timeout: 15_000 });
      assert.equal(await wb.editorTab(name).count(), 0, 'no tab keeps the old name');
      await webviewShowing(wb, 'body:has(h1:text-is("weak-C")) [data-status="matches"]', 60_000);
      await focusStaysInSavedModels(wb, 'the rename');
      // The renamed row is the selected and focused one, as after a rename in the Explorer: Delete asks
      // about it (it said "models/iris-C0.1-gscale-s2023 is not a saved model …", the folder gone).
      await wb.treeRow('weak-C').and(wb.page.locator('.monaco-list:focus-within .monaco-list-row.selected.focused')).waitFor({ timeout: 10_000 });
      await wb.page.keyboard.press('Delete');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Delete model "weak-C"\?/);
      await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.ok(existsSync(join(workspace, 'models', 'weak-C', 'model.json')), 'Cancel deleted nothing');
    });

    await step('12 a file edited under an open results tab: the tab says so at once, shows what it predicts now, and clears on restore; a deleted data.csv leaves the recorded numbers and no evaluation, and its restore validates again', async () => {
      const name = 'weak-C';
      await wb.treeRow(name).dblclick();
      await wb.editorTab(name).waitFor();
      const view = wb.webview();
      await view.locator('[data-status="matches"]').first().waitFor({ timeout: 60_000 });
      const file = join(workspace, 'models', name, 'classifier.json');
      const saved = readFileSync(file);
      writeFileSync(file, Buffer.concat([saved, Buffer.from('\n')])); // reformatted by some editor: other bytes
      await view.locator('#changed').waitFor({ timeout: 15_000 });
      assert.match(await view.locator('#changed').innerText(), /classifier\.json \(modified\)/);
      await wb.treeRow(name).locator('.label-description', { hasText: 'changed' }).waitFor();
      await view.locator('#predict-now').click();
      await view.getByText('Computed from the files as they are now').first().waitFor();
      writeFileSync(file, saved);
      await view.locator('#changed').waitFor({ state: 'detached', timeout: 15_000 });
      // Restored: the tab validates the saved model again instead of keeping what the edit predicted.
      await view.getByText('Computed from the files as they are now').first().waitFor({ state: 'detached', timeout: 15_000 });
      await view.locator('[data-status="matches"]').first().waitFor();
      await wb.treeRow(name).locator('.label-description', { hasText: 'changed' }).waitFor({ state: 'detached' });
      // data.csv deleted: Re-validate cannot load it, yet the tab keeps what model.json recorded and
      // offers no evaluation of files that are not there; restored, it validates again by itself.
      const data = join(workspace, 'models', name, 'data.csv');
      const rows = readFileSync(data);
      rmSync(data);
      await view.locator('#changed', { hasText: 'data.csv (missing)' }).waitFor({ timeout: 15_000 });
      await view.locator('#revalidate').click();
      await view.locator('[data-status="could-not-load"]').waitFor();
      await view.locator('#valid-recorded', { hasText: '(27/30)' }).waitFor();
      assert.equal(await view.locator('#predict-now').count(), 0);
      writeFileSync(data, rows);
      await view.locator('[data-status="matches"]').first().waitFor({ timeout: 15_000 });
      await view.locator('#changed').waitFor({ state: 'detached' });
    });

    let tunedName; // the model step 13 tunes, whose Tune results a reload has to bring back
    await step('13 tune through the wizard: GridSearchCV\'s best, the candidates table and the chart', async () => {
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Tune Iris Model…');
      await wb.pick('Training data', 'iris.csv');
      await wb.pick('Layout: how the model is saved', 'Separate scaler + classifier');
      await wb.answer('Seed: random_state of train_test_split', '2023');
      await wb.answer('Train size');
      await wb.answer('Kernels of the SVC');
      await wb.answer('C: regularization of the SVC', '0.1, 1, 10');
      await wb.answer('Gamma: kernel coefficient', 'scale, 0.1');
      await wb.answer('Folds: K of StratifiedKFold', '3');
      await wb.pick('Review: 6 candidates × 3 folds = 18 fits', 'Tune');
      // scikit-learn's GridSearchCV on the same split (test/fixtures/gridsearch, case iris-k3): C=10, gamma=0.1 at 0.9666666666666667.
      const n = await wb.waitNotification(/Tuned "([^"]+)": best kernel=rbf, C=10\.0, gamma=0\.1 with mean CV accuracy 96\.67 % over 3 folds; refitted, validation accuracy 100\.00 % \(30\/30\)\./, { since: seen });
      tunedName = /Tuned "([^"]+)"/.exec(n.text)[1];
      await waitForModelOnDisk(workspace, tunedName);
      await wb.toast('Tuning…').waitFor({ state: 'hidden' });
      await wb.editorTab(`Tuning Results: ${tunedName}`).waitFor();
      await wb.editorTab(tunedName).first().waitFor();
      const view = await webviewShowing(wb, '#candidate-rows tr.candidate');
      const rows = view.locator('#candidate-rows tr.candidate');
      await rows.nth(5).waitFor();
      assert.equal(await rows.count(), 6);
      assert.match(await view.locator('#search-summary').innerText(), /on the 120 training rows of iris\.csv \(150 rows\)/);
      assert.match(await rows.first().innerText(), /1 ★[\s\S]*10\.0[\s\S]*0\.1[\s\S]*96\.67 %/, 'the best candidate first, marked');
      await view.locator('canvas#cv-chart').waitFor();
      assert.equal(await view.locator('#cv-chart').getAttribute('data-lines'), '2', 'one line per gamma');
      assert.equal(await view.locator('#cv-chart').getAttribute('data-scale'), 'logarithmic');
      // Closed, it comes back from the tree's context menu of the tuned model.
      await wb.runCommand('View: Close Editor');
      await wb.editorTab(`Tuning Results: ${tunedName}`).waitFor({ state: 'detached' });
      await wb.contextMenu(wb.treeRow(tunedName), 'Show Tuning Results');
      await wb.editorTab(`Tuning Results: ${tunedName}`).waitFor();
      await webviewShowing(wb, '#candidate-rows tr.candidate');
    });

    await step('14 a search of more than 500 fits asks first, and Cancel runs nothing; the poly kernel\'s degree list is part of the grid; the folds of last time are offered; a train size iris.csv cannot split is refused at its step', async () => {
      const before = modelFolders(workspace);
      await wb.runCommand('Model Lab: Tune Iris Model…');
      await wb.pick('Training data', 'iris.csv');
      await wb.pick('Layout: how the model is saved', 'Separate scaler + classifier');
      await wb.answer('Seed: random_state of train_test_split');
      // 150 of iris.csv's 150 rows leaves none to validate on: the step says so and stays (it was
      // refused only after the review, in a notification).
      await trainSize150RefusedAtItsStep(wb);
      await wb.answer('Kernels of the SVC', 'poly');
      await wb.answer('Degree of the poly kernel', '2, 3');
      await wb.answer('coef0: independent term of the kernel');
      await wb.answer('C: regularization of the SVC', '0.01, 0.1, 0.5, 1, 2, 5, 10, 50, 100, 500, 1000');
      await wb.answer('Gamma: kernel coefficient', 'scale, auto, 0.001, 0.01, 0.1');
      // The folds answered last time (step 13's 3) are offered again.
      await wb.waitQuickInput('Folds: K of StratifiedKFold');
      assert.equal(await wb.quickInput.locator('.quick-input-box input').inputValue(), '3');
      await wb.answer('Folds: K of StratifiedKFold', '5');
      // 2 degrees × 11 C × 5 gamma.
      await wb.waitQuickInput('Review: 110 candidates × 5 folds = 550 fits');
      assert.match(await wb.quickInput.innerText(), /kernel poly × degree 2, 3 × C 0\.01, 0\.1/);
      await wb.pick('Review: 110 candidates × 5 folds = 550 fits', 'Tune');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Run all 550 fits \(110 candidates × 5 folds\)\?/);
      await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await wb.toast('Tuning…').waitFor({ state: 'hidden' });
      assert.deepEqual(modelFolders(workspace), before, 'nothing was run or saved');
    });

    await step('15 keyboard only: train, open from the tree, validate, compare', async () => {
      const kb = wb.page.keyboard;
      // A command from the palette by keyboard: F1, its title typed, Enter on the exact entry.
      const palette = async (title) => {
        const paletteFocused = (timeout) => wb.page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget') != null, undefined, { timeout });
        await wb.page.locator('.monaco-workbench').focus().catch(() => {});
        await wb.openPalette();
        // Type only once the palette holds the focus (a results page that had it may still hold it a
        // moment). If it loses the focus at once all the same, say so and open it again. (It did once
        // in a few runs, found later: the palette was opened before Validate's results tab had taken
        // the focus that a command opening an editor gives it; the step now waits for that, below.)
        if (!(await paletteFocused(5_000).then(() => true, () => false))) {
          console.log(`     (step 15: the palette for "${title}" lost the focus; opening it again)`);
          await wb.page.keyboard.press('Escape');
          await wb.page.locator('.monaco-workbench').focus().catch(() => {});
          await wb.openPalette();
          await paletteFocused(30_000);
        }
        await kb.type(title);
        await wb.quickInput.locator('.monaco-list-row.focused .label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
        await kb.press('Enter');
      };
      const keys = async (title, ...typed) => {
        await wb.waitQuickInput(title);
        // As for the palette: the keys go to the question only once it holds the focus. A webview
        // page shown just before (the Tune results of step 13) took it back once, after the picker
        // had opened, and the typed answer went to the page; give it to the picker's own box then.
        const focused = await wb.page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget') != null, undefined, { timeout: 5_000 }).then(() => true, () => false);
        if (!focused) {
          console.log(`     (step 15: "${title}" lost the focus; focusing its box again)`);
          await wb.quickInput.locator('input').first().focus();
        }
        for (const t of typed) await (t.startsWith('Key:') ? kb.press(t.slice(4)) : kb.type(t));
        await kb.press('Enter');
        await wb.waitQuickInputGone(title);
      };
      const seen = (await wb.notifications()).length;
      await palette('Model Lab: Train Iris Model…');
      await keys('Training data', 'iris.csv');
      await keys('Layout: how the model is saved');
      await keys('Seed: random_state of train_test_split');
      await keys('Train size');
      await keys('Kernel of the SVC');
      await keys('C: regularization of the SVC', 'Key:Control+A', '3');
      await keys('Gamma: kernel coefficient');
      await keys('Review');
      const n = await wb.waitNotification(/Trained model "([^"]+)": validation accuracy/, { since: seen });
      const name = /Trained model "([^"]+)"/.exec(n.text)[1];
      assert.equal(name, 'iris-C3-gscale-s2023');
      await waitForModelOnDisk(workspace, name);
      await wb.treeRow(name).waitFor();
      // The tree by keyboard: focus it, arrow to the model, Enter opens its results.
      await palette('Model Lab: Focus on Saved Models View');
      await kb.press('Home');
      const focused = wb.page.locator('.part.sidebar .monaco-list-row.focused .label-name');
      const focusedName = async () => (await focused.innerText().catch(() => '')).trim().replace(/^\d+\.\d\d % · /, '');
      for (let i = 0; i < 40 && await focusedName() !== name; i++) await kb.press('ArrowDown');
      assert.equal(await focusedName(), name, 'the arrow keys reach the model');
      await kb.press('Enter');
      await wb.editorTab(name).waitFor();
      await wb.webview().getByText('Validation accuracy').first().waitFor();
      // Validate from the palette: the model is chosen by typing its name.
      await palette('Model Lab: Validate Saved Model…');
      await keys('Saved models', name);
      // Validate brings the model's results tab forward with the focus, as a command that opens an
      // editor does, a moment after the picker closes; the tab already showed "matches" since Enter
      // opened it. A user sees the tab take the focus before the next key: so does this step.
      await webviewFocused(wb);
      await wb.webview().locator('[data-status="matches"]').first().waitFor({ timeout: 60_000 });
      await palette('Model Lab: Compare Models');
      await wb.editorTab('Compare Models').waitFor();
      await webviewShowing(wb, '#rows tr.model-row');
      await webviewFocused(wb);
    });

    await step('5 reload restores the results panel and the Tune results view', async () => {
      await wb.reloadWindow();
      assert.ok(lastPanel, 'an earlier step opened a results panel');
      await wb.editorTab(lastPanel.name).waitFor({ timeout: 60_000 });
      await wb.editorTab(lastPanel.name).click();
      const view = wb.webview();
      await view.getByText('Validation accuracy').first().waitFor({ timeout: 60_000 });
      await view.getByText(lastPanel.text).first().waitFor();
      await view.locator('canvas#scatter').waitFor();
      // The Tune results view comes back too, rebuilt from the tuned model's model.json.
      assert.ok(tunedName, 'step 12 tuned a model');
      await wb.editorTab(`Tuning Results: ${tunedName}`).waitFor({ timeout: 60_000 });
      await wb.editorTab(`Tuning Results: ${tunedName}`).click();
      const tuneView = await webviewShowing(wb, '#candidate-rows tr.candidate', 60_000);
      assert.equal(await tuneView.locator('#candidate-rows tr.candidate').count(), 6);
      await tuneView.locator('canvas#cv-chart').waitFor();
    });

    await step('16 the Explorer\'s Model Lab items: Train and Predict on a .csv, on UCI\'s .data and on a .csv.gz; the course\'s model_pipeline.joblib imported, its results one click away, matching', async () => {
      const seen = (await wb.notifications()).length;
      // UCI names its CSV files iris.data, and pandas reads iris.csv.gz: the Explorer offers the same items as on iris.csv.
      writeFileSync(join(workspace, 'iris.data'), readFileSync(IRIS_CSV, 'utf8').split('\n').slice(1).join('\n'));
      writeFileSync(join(workspace, 'iris.csv.gz'), gzipSync(readFileSync(IRIS_CSV)));
      await wb.openViewContainer('Explorer');
      for (const name of ['iris.csv', 'iris.data', 'iris.csv.gz']) {
        const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replaceAll('.', '\\.')}$`) }).first();
        await row.waitFor();
        await row.click({ button: 'right' });
        await wb.page.locator('.monaco-menu .action-item', { hasText: 'Train Iris Model' }).first().waitFor({ state: 'visible' });
        const items = await wb.page.locator('.monaco-menu .action-item').allInnerTexts();
        assert.ok(items.some((t) => t.startsWith('Predict with Saved Model')), `${name}: ${items.join(' | ')}`);
        await wb.page.keyboard.press('Escape');
        await wb.page.locator('.monaco-menu').first().waitFor({ state: 'detached' });
      }
      rmSync(join(workspace, 'iris.data'));
      rmSync(join(workspace, 'iris.csv.gz'));
      const file = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'model_pipeline.joblib' }).first();
      await wb.contextMenu(file, 'Import scikit-learn Model');
      // scikit-learn's own numbers for the course's pipeline, read without running the pickle.
      await wb.waitNotification(/Imported model_pipeline\.joblib as imported-model-pipeline: Train Accuracy 0\.9666666666666667 · Valid Accuracy 1\.0\./, { since: seen });
      await wb.clickToastAction('Imported model_pipeline.joblib', 'Show Results');
      await wb.editorTab('imported-model-pipeline').waitFor();
      // Hidden results tabs of earlier steps are kept alive: find the page of this model by its heading.
      const view = await webviewShowing(wb, 'h1:text-is("imported-model-pipeline")', 60_000);
      await view.locator('[data-status="matches"]').first().waitFor();
      await view.getByText('100.00 % (30/30)').first().waitFor();
    });

    await step('16b after the wizard, a missing value\'s one-click fix (Use dropna) trains with the wizard\'s answers (a sweep of two kernels), asking nothing again', async () => {
      // The course's file with holes as pandas writes them: NA in a feature, an empty label.
      const lines = readFileSync(IRIS_CSV, 'utf8').trim().split('\n');
      lines[4] = lines[4].replace(/,3\.\d,/, ',NA,');
      lines[20] = lines[20].replace(/,\d$/, ',');
      writeFileSync(join(workspace, 'holes.csv'), lines.join('\n') + '\n');
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Train Iris Model…');
      await wb.pick('Training data', 'holes.csv');
      await wb.pick('Layout: how the model is saved', 'One pipeline');
      await wb.answer('Seed: random_state of train_test_split', '7');
      await wb.answer('Train size');
      await wb.pick('Kernel of the SVC', 'Several kernels…');
      await wb.answer('Kernels of the SVC', 'rbf, linear');
      await wb.answer('C: regularization of the SVC', '0.5, 2');
      await wb.answer('Gamma: kernel coefficient');
      await wb.pick('Review: 4 models', 'Train 4 models');
      const n = await wb.waitNotification(/holes\.csv line 5, column "sepal_width": "NA" is a missing value/, { since: seen, severity: 'error' });
      const after = (await wb.notifications()).length;
      await wb.clickToastAction('holes.csv line 5', 'Use dropna');
      // The sweep trains at once (its progress shows), and its four models open in Compare Models.
      await wb.waitNotification(/Training…/, { since: after });
      for (const name of ['holes-C0.5-gscale-s7', 'holes-C2-gscale-s7', 'holes-linear-C0.5-s7', 'holes-linear-C2-s7']) await waitForModelOnDisk(workspace, name);
      const compare = await webviewShowing(wb, '#rows tr.model-row', 60_000);
      await compare.locator('#count', { hasText: '4 selected' }).waitFor();
      assert.equal(await wb.quickInput.isVisible(), false, `no question asked again after: ${n.text}`);
      const m = JSON.parse(readFileSync(join(workspace, 'models', 'holes-linear-C2-s7', 'model.json'), 'utf8'));
      assert.deepEqual([m.layout, m.split.seed, m.params.svc.kernel, m.params.svc.C, m.data.dropna.rows, m.data.dropna.lines], ['pipeline', 7, 'linear', 2, 2, [5, 21]]);
      // Compare Models computes the four models' matrices: let them come before the next step.
      await compare.locator('#matrices .matrix-card').nth(3).waitFor({ timeout: 30_000 });
      await wb.runCommand('View: Close All Editors');
    });

    await step('16c a train size the wizard was given and the data cannot split is said as that answer, not as the setting (no Open Settings)', async () => {
      // modelLab.dropna (16b) leaves iris.csv's rows unknown at the Train size step: the run decides.
      const before = modelFolders(workspace);
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Train Iris Model…');
      await wb.pick('Training data', 'iris.csv');
      await wb.pick('Layout: how the model is saved', 'Separate scaler + classifier');
      await wb.answer('Seed: random_state of train_test_split', '2023');
      await wb.answer('Train size', '150');
      await wb.pick('Kernel of the SVC', 'rbf');
      await wb.answer('C: regularization of the SVC');
      await wb.answer('Gamma: kernel coefficient');
      await wb.pick('Review', 'Train the model');
      const n = await wb.waitNotification(/train_size=150/, { since: seen, severity: 'error' });
      assert.match(n.text, /— choose the train size \(Train Iris Model…\) between 0 and 1 \(0\.8\) or a whole number of rows from 1 to 149$/);
      assert.doesNotMatch(n.text, /modelLab\.trainSize/, 'the setting was not what the user gave');
      assert.equal(await wb.toast('train_size=150').locator('.monaco-button', { hasText: 'Open Settings' }).count(), 0);
      assert.deepEqual(modelFolders(workspace), before, 'no model');
    });

    await step('17 a multi-root workspace: folders sharing one models folder list each model once; a folder with its own is a node of its own', async () => {
      // alpha and beta name one absolute models folder: the tree listed every model twice, then failed
      // ("Element with id … is already registered") and showed its empty-folder welcome. gamma has a
      // models folder of its own, with a model named as one of the shared ones: one node per models
      // folder, as the Explorer shows its roots, tells the two apart.
      const root = join(dirs.root, 'multi');
      const shared = join(root, 'shared');
      cpSync(join(workspace, 'models'), shared, { recursive: true });
      const names = readdirSync(shared).filter((n) => existsSync(join(shared, n, 'model.json')));
      for (const f of ['alpha', 'beta']) {
        mkdirSync(join(root, f, '.vscode'), { recursive: true });
        writeFileSync(join(root, f, '.vscode', 'settings.json'), JSON.stringify({ 'modelLab.modelsFolder': shared }));
      }
      cpSync(join(shared, names[0]), join(root, 'gamma', 'models', names[0]), { recursive: true });
      // gamma's own seed and C (step 17b trains the built-in data for it).
      mkdirSync(join(root, 'gamma', '.vscode'), { recursive: true });
      writeFileSync(join(root, 'gamma', '.vscode', 'settings.json'), JSON.stringify({ 'modelLab.seed': 42, 'modelLab.C': 5 }));
      const file = join(root, 'multi.code-workspace');
      writeFileSync(file, JSON.stringify({ folders: [{ path: 'alpha' }, { path: 'beta' }, { path: 'gamma' }] }));
      // On a code-server of its own: opened from the server of the earlier steps, this workspace came
      // up without its folders ("no folder opened") in 15 of 24 runs on 2026-12-05 (variants of this
      // step included), the base commit's journey too, also after a reload or in a new browser
      // context; on a fresh server it opened with its folders in 6 of 6 runs.
      multiDirs = makeRunDirs('mlm');
      seedSettings(multiDirs);
      await installVsix({ entry, dirs: multiDirs, vsix });
      multiServer = await startCodeServer({ entry, dirs: multiDirs });
      const earlier = wb;
      wb = await Workbench.open(browser, multiServer.workbenchUrl({ workspace: file }), { screenshotDir: SHOTS });
      await earlier.page.context().close();
      await wb.openViewContainer('Model Lab', 'Saved Models');
      await wb.treeRow('gamma').waitFor({ timeout: 30_000 });
      const rows = wb.page.locator('.part.sidebar .monaco-list-row');
      const labels = (await rows.locator('.label-name').allInnerTexts()).map((l) => l.trim().replace(/^\d+\.\d\d % · /, ''));
      assert.equal(labels[0], 'alpha, beta');
      assert.deepEqual(labels.slice(1, 1 + names.length).sort(), [...names].sort());
      assert.deepEqual(labels.slice(1 + names.length), ['gamma', names[0]]);
      const folders = (await rows.locator('.label-description').allInnerTexts()).filter((d) => /· \d+ models?$/.test(d));
      assert.deepEqual(folders, [`${shared} · ${names.length} models`, 'gamma/models · 1 model']);
      assert.equal((await wb.notifications()).filter((n) => /already registered/.test(n.text)).length, 0);
      // Compare Models: each model once, and a Folder column.
      await wb.runCommand('Model Lab: Compare Models');
      const compare = await webviewShowing(wb, '#rows tr.model-row td.col-folder', 60_000);
      await compare.locator('#rows tr.model-row').nth(names.length).waitFor();
      const cells = await compare.locator('#rows tr.model-row td.col-folder').allInnerTexts();
      assert.deepEqual([...cells].sort(), [...names.map(() => 'alpha, beta'), 'gamma'].sort());
    });

    await step('17b the built-in data trained for one folder of a multi-root workspace uses that folder\'s settings and models folder', async () => {
      // It was saved into the folder picked after training started, with the first folder's settings
      // (alpha's seed 2023 and C 1, not gamma's 42 and 5).
      const gammaModels = join(dirs.root, 'multi', 'gamma', 'models');
      const seen = (await wb.notifications()).length;
      await wb.runCommand('Model Lab: Train Iris Model');
      await wb.waitQuickInput('Training data');
      const item = wb.quickInput.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: /^\s*Built-in iris data\s*$/ }) })
        .filter({ has: wb.page.locator('.label-description', { hasText: /into gamma$/ }) });
      assert.equal(await item.count(), 1, 'one built-in data item per folder');
      await item.click();
      const n = await wb.waitNotification(/Trained model "([^"]+)"/, { since: seen });
      assert.match(n.text, /Trained model "iris-C5-gscale-s42": validation accuracy /);
      await waitForModelOnDisk(join(dirs.root, 'multi', 'gamma'), 'iris-C5-gscale-s42');
      const m = JSON.parse(readFileSync(join(gammaModels, 'iris-C5-gscale-s42', 'model.json'), 'utf8'));
      assert.deepEqual([m.split.seed, m.params.svc.C], [42, 5]);
    });

  } finally {
    await browser.close().catch(() => {});
    await multiServer?.stop();
    await server.stop();
    if (results.every((r) => r.ok)) {
      dirs.remove();
      multiDirs?.remove();
    } else {
      dirs.keep();
      console.log(`Run folder kept for inspection: ${dirs.root} (code-server log: ${server.logFile})`);
    }
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`Journey took ${elapsed()}. Screenshots: ${SHOTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err.stack ?? String(err));
  console.log('0 passed, 1 failed');
  process.exit(1);
});
