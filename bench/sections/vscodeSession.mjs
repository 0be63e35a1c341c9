// Measurements that need a real VS Code, in one workspace of 1,002 saved models (a seed model trained
// by the core, the newest; 1,000 copies; and, the oldest, one tuned by the core): the extension's
// activation time as the extension host records it (the "Activation: N ms" of Developer: Show
// Running Extensions = code loading + the activate() call); a results editor from the command to its
// first content; Compare Models with those models from the command to its first rows, and back from
// another tab; both pages' content after Reload Window; and the tuned model's Tune results, opened
// and back from another tab. Each session is a fresh code-server + chromium from the e2e harness
// (scripts/vscode/), the extension loaded in development mode from a folder laid out like the .vsix
// with minified bundles built from this checkout (lib/productionBuild.mjs).
//
// Every figure is measured on its own: a step that fails records why and the session goes on.
// Times are taken in the browser (lib/paintTimes.mjs), from the user's input (the click or key that
// chose a command, a menu item, a tab) to the frame painted after the element showed in a webview
// frame the action brought (an old page still on screen does not count). The notes split a time into
// VS Code's part (until our page's HTML is in its frame, with the wait for VS Code's webview service
// worker named) and our page's part (its script and the first message).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/bundle.mjs';
import { median } from '../lib/processes.mjs';
import { trainSeedModel, tuneSeedModel } from '../lib/seedModel.mjs';
import { productionExtensionFolder } from '../lib/productionBuild.mjs';
import { copyModelAs, copyModels, createdOf } from '../lib/modelCopies.mjs';
import { figureFrom, lastInputAt, paintWatchScript, paintedSince } from '../lib/paintTimes.mjs';
import { activationCount, addActivationTimer, lastActivation } from '../lib/activationTimer.mjs';

const HARNESS = ['scripts/vscode/codeServer.mjs', 'scripts/vscode/workbench.mjs', 'scripts/vscode/installCodeServer.mjs'];
const EXTENSION_TITLE = 'Model Lab';
const PACKAGE_NAME = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).name;
const VALIDATE = 'Validate Saved Model';
const COMPARE_COMMAND = 'Model Lab: Compare Models';
const COPIES = 1000;
/** The first content of a results editor: the accuracy recorded in model.json. */
const RESULTS_CONTENT = '#valid-recorded';
/** The first rows of Compare Models. */
const COMPARE_CONTENT = '#rows tr.model-row';
/** A results editor once the model was reloaded and checked. */
const RESULTS_MATCHES = '#status[data-status="matches"]';
/** The Tune results page's content: its candidates. */
const TUNE_CONTENT = '#candidate-rows tr.candidate';
/** The Tune results editor's tab (tuneResultsPanel.ts). */
const tuneTab = (name) => `Tuning Results: ${name}`;
/** The Markdown preview's content (the reference). */
const MARKDOWN_CONTENT = 'h1';
/** The reference pages' content (bench/fixtures/referencePages). */
const REFERENCE_CONTENT = '#reference-content';
/** What the pages' timings look for (bench/lib/paintTimes.mjs). */
const WATCHED = [RESULTS_CONTENT, RESULTS_MATCHES, COMPARE_CONTENT, TUNE_CONTENT, MARKDOWN_CONTENT, REFERENCE_CONTENT];
/** An extension whose pages are VS Code's floor: the least a first webview page costs. */
const REFERENCE_EXTENSION = join(ROOT, 'bench/fixtures/referencePages');
/** An extension whose activation is VS Code's floor: the least an extension with a view costs, activated by opening it. */
const REFERENCE_ACTIVATION_EXTENSION = join(ROOT, 'bench/fixtures/referenceActivation');
const REFERENCE_ACTIVATION = { title: 'Reference View', packageName: 'reference-activation' };
const STEP_TIMEOUT_MS = 30_000;
/** The workbench of a reference session settles (extensions, explorer) before the page is opened. */
const IDLE_BEFORE_REFERENCE_MS = 3000;

/** The figures of a session, in the order they are measured and reported. */
export const FIGURES = {
  activation: 'activation',
  activationOwn: 'activation: the extension\'s own require + activate(), timed inside the extension host (lib/activationTimer.mjs)',
  referenceActivation: 'reference: a one-row tree view\'s extension (bench/fixtures/referenceActivation), activated by opening its view, in a session of its own',
  referenceActivationOwn: 'reference: that extension\'s own require + activate(), timed the same way',
  resultsValidate: `results editor: "${VALIDATE}" in the tree's context menu → recorded numbers painted`,
  resultsValidated: `results editor: "${VALIDATE}" → the model reloaded and checked ("matches")`,
  resultsClick: 'results editor: a click on a model in Saved Models → recorded numbers painted (preview tab)',
  compareOpen: `Compare Models with ${(COPIES + 2).toLocaleString('en')} models: the command → first rows painted`,
  compareTabBack: 'Compare Models: back from another tab → rows painted again',
  resultsTabBack: 'results editor: back from another tab (Compare Models) → its numbers painted again',
  restoreResults: 'Reload Window: window back → results editor content painted',
  restoreCompare: 'Reload Window: Compare Models tab chosen → rows painted',
  tuneOpen: 'Tuning Results: "Show Tuning Results" (the workspace\'s one tuned model) → candidates painted',
  tuneTabBack: 'Tuning Results: back from another tab (Compare Models) → candidates painted again',
  markdownPreview: 'reference: VS Code\'s own Markdown preview, "Markdown: Open Preview" → its text painted (the same kind of webview, same session)',
  referenceStatic: 'VS Code\'s floor: a custom editor whose page is one static heading (no script, no stylesheet), command → painted, a session\'s first webview',
  referenceScripted: 'VS Code\'s floor for a scripted page: the same, its heading made by one small script (the same CSP kind as ours), command → painted',
  referenceRestore: 'VS Code\'s floor after Reload Window: that scripted page, window back → its heading painted again (its extension activated by the restore, as ours is)',
};

/** A row's reference side: `reference` beside `ours`, with their ratio, when both were measured (else nothing). */
export function beside(ours, reference, label) {
  return reference?.value !== undefined && ours?.value !== undefined ? { theirs: reference, theirsLabel: label, ratio: ours.value / reference.value } : {};
}

/** A small Markdown file for the reference figure: VS Code's built-in preview is a webview too. */
const REFERENCE_MD = 'reference.md';

let pending;

/** Memoized: the ext and models sections share one series of sessions. */
export function vscodeSessions(options) {
  pending ??= runSessions(options);
  return pending;
}

async function prerequisites(tmpDir) {
  const missing = HARNESS.filter((f) => !existsSync(join(ROOT, f)));
  if (missing.length) return { ok: false, reason: `needs the code-server harness (${missing.join(', ')} missing)` };
  const { isCodeServerInstalled } = await import(join(ROOT, 'scripts/vscode/installCodeServer.mjs'));
  if (!isCodeServerInstalled()) return { ok: false, reason: 'needs code-server installed (node scripts/vscode/installCodeServer.mjs, ~90 s once)' };
  const extension = await productionExtensionFolder(tmpDir);
  if (!extension.ok) return { ok: false, reason: `building the extension failed: ${extension.reason}` };
  addActivationTimer(extension.dir);
  const referenceActivationDir = join(tmpDir, 'reference-activation');
  cpSync(REFERENCE_ACTIVATION_EXTENSION, referenceActivationDir, { recursive: true });
  addActivationTimer(referenceActivationDir);
  const seed = await trainSeedModel(tmpDir);
  if (!seed.ok) return { ok: false, reason: seed.reason };
  const tuned = await tuneSeedModel(tmpDir);
  if (!tuned.ok) return { ok: false, reason: tuned.reason };
  return { ok: true, seed, tuned, extensionDir: extension.dir, referenceActivationDir };
}

/** Runs `measure` as one figure: its milliseconds, or why it could not be measured. */
async function figure(out, key, measure) {
  try {
    out[key] = await measure();
  } catch (e) {
    out[key] = { reason: String(e?.message ?? e).split('\n')[0].slice(0, 200) };
  }
}

/**
 * Times `act()` (started now): from the user's input it makes (the page's pointerdown/keydown, its
 * own clock) until `selector` is painted in a webview frame made after it, or shown again after it (a
 * page kept while its tab was hidden); an old page still on screen does not count. Returns the figure with its parts (paintTimes.mjs) and `from`, the input's time.
 */
async function timed(page, act, selector) {
  const since = Date.now();
  await act();
  const r = await paintedSince(page, selector, since, STEP_TIMEOUT_MS, { shownAgain: true });
  const input = await lastInputAt(page);
  const from = input !== undefined && input >= since ? input : since;
  return { ...figureFrom(from, r), from, since };
}

async function oneSession(h, { seed, tuned, extensionDir }, index) {
  const activationsBefore = activationCount(extensionDir);
  const dirs = h.makeRunDirs('mlb');
  h.seedSettings(dirs);
  const ws = join(dirs.root, 'ws');
  const models = join(ws, 'models');
  mkdirSync(models, { recursive: true });
  cpSync(seed.modelDir, join(models, seed.name), { recursive: true });
  // Older copies: the seed model stays the newest, the first row of the view.
  copyModels(seed.modelDir, models, COPIES, { olderBy: 60_000 });
  // The tuned model, older than every copy: the last row.
  copyModelAs(tuned.modelDir, models, tuned.name, new Date(createdOf(seed.modelDir) - (COPIES + 1) * 60_000));
  writeFileSync(join(ws, REFERENCE_MD), '# Reference page\n\nVS Code\'s Markdown preview, timed like Model Lab\'s pages.\n');
  const session = {};
  let wb;
  const out = {};
  try {
    wb = await openTimedWorkbench(h, session, dirs, ws, extensionDir);
    // The workspace holds saved models (workspaceContains activation); opening the view
    // (onView) activates it otherwise.
    await wb.openViewContainer(EXTENSION_TITLE);
    await figure(out, 'activation', () => readActivation(wb));
    await figure(out, 'activationOwn', async () => lastActivation(extensionDir, activationsBefore));
    await wb.page.keyboard.press('Escape');
    await figure(out, 'resultsValidate', () => validateFromMenu(wb, seed.name));
    await figure(out, 'resultsValidated', async () => {
      const { from, since } = out.resultsValidate ?? {};
      if (from === undefined) throw new Error('the results editor did not open');
      const r = await paintedSince(wb.page, RESULTS_MATCHES, since, STEP_TIMEOUT_MS);
      return { ms: r.painted - from };
    });
    await figure(out, 'resultsClick', async () => {
      const row = wb.treeRow(copyName(1)).first();
      await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await row.hover();
      return timed(wb.page, () => row.click(), RESULTS_CONTENT);
    });
    await figure(out, 'compareOpen', () => runCommandTimed(wb, COMPARE_COMMAND, COMPARE_CONTENT));
    await figure(out, 'compareTabBack', async () => {
      await wb.editorTab(copyName(1)).first().click();
      await wb.webview().locator(RESULTS_CONTENT).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      return timed(wb.page, () => wb.editorTab('Compare Models').first().click(), COMPARE_CONTENT);
    });
    await figure(out, 'resultsTabBack', () => timed(wb.page, () => wb.editorTab(copyName(1)).first().click(), RESULTS_CONTENT));
    await figure(out, 'restoreResults', async () => {
      // The results editor in front, Compare Models behind it: both come back after the reload.
      await wb.editorTab(copyName(1)).first().click();
      await wb.webview().locator(RESULTS_CONTENT).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      return timedRestore(wb, RESULTS_CONTENT);
    });
    await figure(out, 'restoreCompare', () => timed(wb.page, () => wb.editorTab('Compare Models').first().click(), COMPARE_CONTENT));
    await figure(out, 'tuneOpen', () => runCommandTimed(wb, 'Model Lab: Show Tuning Results', TUNE_CONTENT));
    await figure(out, 'tuneTabBack', async () => {
      await wb.editorTab('Compare Models').first().click();
      await wb.webview().locator(COMPARE_CONTENT).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      return timed(wb.page, () => wb.editorTab(tuneTab(tuned.name)).first().click(), TUNE_CONTENT);
    });
    await figure(out, 'markdownPreview', async () => {
      await wb.runCommand('View: Close All Editors');
      await openFileByName(wb, REFERENCE_MD);
      return runCommandTimed(wb, 'Markdown: Open Preview', MARKDOWN_CONTENT);
    });
  } catch (e) {
    out.error = String(e?.message ?? e).split('\n')[0].slice(0, 200);
  } finally {
    if (Object.values(out).some((v) => v?.reason) || out.error) out.screenshot = await failureScreenshot(wb, index);
    await closeSession(session, dirs);
  }
  return out;
}

/**
 * code-server on `ws` with `extensionDir` in development mode and a browser on it; every frame made
 * from then on times its paints, and the workbench records the user's input. `session` collects the
 * server and browser for closeSession, also when opening fails halfway.
 */
async function openTimedWorkbench(h, session, dirs, ws, extensionDir) {
  session.server = await h.startCodeServer({ dirs, folder: ws });
  session.browser = await h.launchBrowser();
  const wb = await h.Workbench.open(session.browser, session.server.workbenchUrl({ payload: [['extensionDevelopmentPath', session.server.remoteUri(extensionDir)]] }));
  await wb.page.context().addInitScript(paintWatchScript(WATCHED));
  await wb.page.evaluate(paintWatchScript(WATCHED));
  return wb;
}

async function closeSession(session, dirs) {
  await session.browser?.close().catch(() => {});
  await session.server?.stop().catch(() => {});
  dirs.remove();
}

/**
 * VS Code's floor, in sessions of their own (each page must be its session's first webview, as the
 * results editor of "Validate Saved Model" is in ours): the reference extension's two pages, opened
 * from the palette like Model Lab's commands, on an idle workbench.
 */
async function referenceSession(h, { referenceActivationDir }, index) {
  const out = {};
  // VS Code's floor for activation: the same trigger as Model Lab's (its view opened once the
  // workbench is up).
  const activationsBefore = activationCount(referenceActivationDir);
  await referenceFigure(h, out, 'referenceActivation', referenceActivationDir, `reference-activation-${index}`, async (wb) => {
    await wb.openViewContainer(REFERENCE_ACTIVATION.title);
    const reported = await readActivation(wb, REFERENCE_ACTIVATION.packageName);
    await figure(out, 'referenceActivationOwn', async () => lastActivation(referenceActivationDir, activationsBefore));
    return reported;
  });
  for (const [key, title] of [['referenceStatic', 'Reference: Static Page'], ['referenceScripted', 'Reference: Scripted Page']]) {
    await referenceFigure(h, out, key, REFERENCE_EXTENSION, `reference-${index}`, async (wb) => {
      await wb.page.waitForTimeout(IDLE_BEFORE_REFERENCE_MS);
      return runCommandTimed(wb, title, REFERENCE_CONTENT);
    });
  }
  // The floor of restoreResults: the same custom-editor restore (VS Code reloads the window, the
  // editor's extension is activated by it and resolves the editor), for a page with nothing to load.
  await referenceFigure(h, out, 'referenceRestore', REFERENCE_EXTENSION, `reference-restore-${index}`, async (wb) => {
    await wb.page.waitForTimeout(IDLE_BEFORE_REFERENCE_MS);
    await runCommandTimed(wb, 'Reference: Scripted Page', REFERENCE_CONTENT);
    return timedRestore(wb, REFERENCE_CONTENT);
  });
  return out;
}

/** One reference figure in a code-server session of its own, with `extension` loaded; a failure is recorded with its reason and a screenshot. */
async function referenceFigure(h, out, key, extension, shotName, measure) {
  const dirs = h.makeRunDirs('mlr');
  h.seedSettings(dirs);
  const ws = join(dirs.root, 'ws');
  mkdirSync(ws, { recursive: true });
  for (const k of ['static', 'scripted']) writeFileSync(join(ws, `${k}.reference-page`), '');
  const session = {};
  let wb;
  try {
    wb = await openTimedWorkbench(h, session, dirs, ws, extension);
    await figure(out, key, () => measure(wb));
  } catch (e) {
    out[key] = { reason: String(e?.message ?? e).split('\n')[0].slice(0, 200) };
  } finally {
    if (out[key]?.reason) out.screenshot ??= await failureScreenshot(wb, shotName);
    await closeSession(session, dirs);
  }
}

/** Reload Window, timed from the window back (its status bar) to `selector` painted again in a webview frame. */
async function timedRestore(wb, selector) {
  const reloadStarted = Date.now();
  await wb.reloadWindow();
  const back = Date.now();
  const r = await paintedSince(wb.page, selector, reloadStarted, STEP_TIMEOUT_MS);
  return { ...figureFrom(back, r), reloadMs: back - reloadStarted };
}

const copyName = (i) => `model-${String(i).padStart(4, '0')}`;

/** Reads "Activation: N ms" of an extension (ours by default) from the Running Extensions editor (rows are labelled by package name). */
async function readActivation(wb, packageName = PACKAGE_NAME) {
  await wb.runCommand('Developer: Show Running Extensions');
  const row = wb.page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${packageName}"]`).first();
  // The row shows "Activating..." until activate() has returned.
  const time = row.locator('.activation-time', { hasText: /Activation: \d/ });
  await time.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const text = (await time.textContent()) ?? '';
  const m = /(Startup )?Activation: (\d+(?:\.\d+)?)ms/.exec(text);
  if (!m) throw new Error(`unexpected activation text '${text}'`);
  return { ms: Number(m[2]), startup: Boolean(m[1]) };
}

/**
 * "Validate Saved Model" from the model's context menu, chosen as the e2e journey does: the menu item
 * hovered, then Enter (a plain click on a freshly opened menu is now and then ignored). Timed from the
 * Enter to the recorded numbers painted in the new results editor.
 */
async function validateFromMenu(wb, modelName) {
  const row = wb.treeRow(modelName).first();
  await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await row.click({ button: 'right' });
  const item = wb.page.locator('.monaco-menu .action-item', { hasText: VALIDATE }).first();
  await item.waitFor({ state: 'visible' });
  await item.hover();
  return timed(wb.page, () => wb.page.keyboard.press('Enter'), RESULTS_CONTENT);
}

/** Runs a command from the palette, timed from choosing it to `selector` painted in a new webview frame. */
async function runCommandTimed(wb, title, selector) {
  await wb.page.locator('.monaco-workbench').focus().catch(() => {});
  const input = await wb.openPalette();
  await input.fill(`>${title}`);
  const { escapeRegExp } = await import(join(ROOT, 'scripts/vscode/workbench.mjs'));
  const row = wb.quickInput.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
  await row.waitFor({ state: 'visible' });
  return timed(wb.page, () => row.click(), selector);
}

/** Opens a workspace file through Go to File (typed name, Enter) and waits for its tab. */
async function openFileByName(wb, name) {
  await wb.page.locator('.monaco-workbench').focus().catch(() => {});
  await wb.page.keyboard.press('Control+P');
  const input = wb.quickInput.locator('.quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(name);
  await wb.quickInput.locator('.monaco-list-row .label-name', { hasText: name }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await wb.page.keyboard.press('Enter');
  await wb.editorTab(name).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

async function failureScreenshot(wb, index) {
  if (!wb) return undefined;
  const file = join(ROOT, 'bench/results', `vscode-session-${index}-failure.png`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  return wb.page.screenshot({ path: file, timeout: 10_000 }).then(() => file.replace(ROOT + '/', ''), () => undefined);
}

async function runSessions({ sessions: sessionCount, tmpDir, log }) {
  const ready = await prerequisites(tmpDir);
  if (!ready.ok) return Object.fromEntries(Object.keys(FIGURES).map((k) => [k, { status: 'not measured', reason: ready.reason }]));
  const h = {
    ...(await import(join(ROOT, 'scripts/vscode/codeServer.mjs'))),
    ...(await import(join(ROOT, 'scripts/vscode/workbench.mjs'))),
  };
  const sessions = [];
  for (let i = 0; i < sessionCount; i++) {
    const s = await oneSession(h, ready, i + 1);
    log(`vscode session ${i + 1}/${sessionCount}: ${JSON.stringify(s)}`);
    if (!(s.error && !s.activation)) Object.assign(s, await referenceSession(h, ready, i + 1));
    log(`vscode reference session ${i + 1}/${sessionCount}: ${JSON.stringify({ referenceActivation: s.referenceActivation, referenceActivationOwn: s.referenceActivationOwn, referenceStatic: s.referenceStatic, referenceScripted: s.referenceScripted, referenceRestore: s.referenceRestore })}`);
    sessions.push(s);
    if (s.error && !s.activation) break; // the harness itself fails: more runs will not help
  }
  const shot = sessions.find((s) => s.screenshot)?.screenshot;
  const summarize = (key) => {
    const ok = sessions.map((s) => s[key]).filter((v) => v?.ms !== undefined);
    const failed = sessions.length - ok.length;
    if (ok.length === 0) {
      const reason = sessions.map((s) => s[key]?.reason ?? s.error).find(Boolean) ?? 'no measurement';
      return { status: 'failed', reason: `${FIGURES[key]}: ${reason}${shot ? ` (screenshot ${shot})` : ''}` };
    }
    const firstFailure = sessions.map((s) => s[key]?.reason).find(Boolean);
    return {
      status: 'measured', runs: ok.length, value: median(ok.map((v) => v.ms)), samples: ok.map((v) => v.ms),
      note: `median of ${ok.length} fresh code-server session${ok.length === 1 ? '' : 's'} (${ok.map((v) => v.ms).join(', ')} ms)${failed ? `; failed in ${failed}: ${firstFailure ?? 'session error'}` : ''}`,
      extra: ok.map((v) => v),
    };
  };
  const result = Object.fromEntries(Object.keys(FIGURES).map((k) => [k, summarize(k)]));
  for (const r of Object.values(result)) {
    const runs = (r.extra ?? []).filter((v) => v.workerWaitMs !== undefined);
    if (runs.length === 0) continue;
    const wait = median(runs.map((v) => v.workerWaitMs));
    const waited = wait > 0 ? `, ${wait} ms of it the page's request waiting for VS Code's webview service worker` : '';
    const withShell = runs.filter((v) => v.shellMs !== undefined);
    if (withShell.length === 0) {
      if (wait > 0) r.note += `; ${wait} ms of it (median) the page's request waiting for VS Code's webview service worker`;
      continue;
    }
    const shell = median(withShell.map((v) => v.shellMs));
    const page = median(withShell.map((v) => v.ms - v.shellMs));
    r.note += `; the page's HTML shell was in its webview frame after ${shell} ms (median: the panel made, its HTML set and loaded by VS Code${waited}), its content ${page} ms after that (our page's script and the first message)`;
  }
  const by = sessions.find((s) => s.activation?.ms !== undefined)?.activation;
  if (by) result.activation.note += `; ${by.startup ? 'startup' : 'on-demand'} activation as Developer: Show Running Extensions reports it (code loading + activate()); minified build; ${COPIES + 2} models in the workspace`;
  for (const key of ['compareTabBack', 'resultsTabBack', 'tuneTabBack']) {
    const kept = result[key].extra?.filter((v) => v.kept).length ?? 0;
    if (kept > 0) result[key].note += `; in ${kept} of them the page had been kept while its tab was hidden (shown again, not made again)`;
  }
  for (const key of ['restoreResults', 'referenceRestore']) {
    if (result[key].status !== 'measured') continue;
    const reloads = result[key].extra.map((v) => v.reloadMs).filter((x) => x !== undefined);
    result[key].note += `; the window itself took ${median(reloads)} ms to come back (Reload Window to the workbench's status bar)`;
  }
  for (const r of Object.values(result)) delete r.extra;
  return result;
}
