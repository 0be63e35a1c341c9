// Measurements that need a real VS Code: the extension's activation time as the extension host
// records it (the "Activation: N ms" of Developer: Show Running Extensions = code loading + the
// activate() call), and the results panel from the click to the first content painted in its
// webview. Each run is a fresh code-server + chromium from the e2e harness (scripts/vscode/), the
// extension loaded in development mode from a folder laid out like the .vsix with minified bundles
// built from this checkout (lib/productionBuild.mjs).
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/bundle.mjs';
import { median } from '../lib/processes.mjs';
import { trainSeedModel } from '../lib/seedModel.mjs';
import { productionExtensionFolder } from '../lib/productionBuild.mjs';

const HARNESS = ['scripts/vscode/codeServer.mjs', 'scripts/vscode/workbench.mjs', 'scripts/vscode/installCodeServer.mjs'];
const EXTENSION_TITLE = 'Model Lab';
const PACKAGE_NAME = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).name;
const RESULTS_ACTION = 'Validate Saved Model';

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
  const seed = await trainSeedModel(tmpDir);
  return { ok: true, seed, extensionDir: extension.dir };
}

async function oneSession(h, { seed, extensionDir }, index) {
  const dirs = h.makeRunDirs('mlb');
  h.seedSettings(dirs);
  const ws = join(dirs.root, 'ws');
  mkdirSync(join(ws, 'models'), { recursive: true });
  if (seed.ok) cpSync(seed.modelDir, join(ws, 'models', seed.name), { recursive: true });
  let server;
  let browser;
  let wbForShot;
  const out = {};
  try {
    server = await h.startCodeServer({ dirs, folder: ws });
    browser = await h.launchBrowser();
    const url = server.workbenchUrl({ payload: [['extensionDevelopmentPath', server.remoteUri(extensionDir)]] });
    const wb = await h.Workbench.open(browser, url);
    wbForShot = wb;
    // The workspace holds a saved model (workspaceContains activation); opening the view
    // (onView) activates it otherwise.
    await wb.openViewContainer(EXTENSION_TITLE);
    out.activation = await readActivation(wb);
    out.panel = seed.ok ? await openResultsPanel(wb, seed.name) : { reason: seed.reason };
  } catch (e) {
    out.error = String(e?.message ?? e).split('\n')[0].slice(0, 200);
    if (wbForShot) out.screenshot = await failureScreenshot(wbForShot, index);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    dirs.remove();
  }
  return out;
}

/** Reads "Activation: N ms" of our extension from the Running Extensions editor (rows are labelled by package name). */
async function readActivation(wb) {
  await wb.runCommand('Developer: Show Running Extensions');
  const row = wb.page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${PACKAGE_NAME}"]`).first();
  // The row shows "Activating..." until activate() has returned.
  const time = row.locator('.activation-time', { hasText: /Activation: \d/ });
  await time.waitFor({ state: 'visible', timeout: 30_000 });
  const text = (await time.textContent()) ?? '';
  const m = /(Startup )?Activation: (\d+(?:\.\d+)?)ms/.exec(text);
  if (!m) throw new Error(`unexpected activation text '${text}'`);
  return { ms: Number(m[2]), startup: Boolean(m[1]) };
}

async function failureScreenshot(wb, index) {
  const file = join(ROOT, 'bench/results', `vscode-session-${index}-failure.png`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  return wb.page.screenshot({ path: file, timeout: 10_000 }).then(() => file.replace(ROOT + '/', ''), () => undefined);
}

/** From choosing "Validate Saved Model" on the model's row to the first element painted in the panel's webview. */
async function openResultsPanel(wb, modelName) {
  await wb.openViewContainer(EXTENSION_TITLE);
  const row = wb.treeRow(modelName).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click({ button: 'right' });
  const item = wb.page.locator('.monaco-menu .action-item', { hasText: RESULTS_ACTION }).first();
  await item.waitFor({ state: 'visible' });
  const started = Date.now();
  await item.click();
  await wb.webview().locator('body *:visible').first().waitFor({ state: 'visible', timeout: 30_000 });
  return { ms: Date.now() - started };
}

async function runSessions({ sessions: sessionCount, tmpDir, log }) {
  const ready = await prerequisites(tmpDir);
  if (!ready.ok) return { activation: { status: 'not measured', reason: ready.reason }, panel: { status: 'not measured', reason: ready.reason } };
  const h = {
    ...(await import(join(ROOT, 'scripts/vscode/codeServer.mjs'))),
    ...(await import(join(ROOT, 'scripts/vscode/workbench.mjs'))),
  };
  const sessions = [];
  for (let i = 0; i < sessionCount; i++) {
    const s = await oneSession(h, ready, i + 1);
    log(`vscode session ${i + 1}/${sessionCount}: ${JSON.stringify(s)}`);
    sessions.push(s);
    if (s.error && !s.activation) break; // the harness itself fails: more runs will not help
  }
  const shot = sessions.find((s) => s.screenshot)?.screenshot;
  const summarize = (key, what) => {
    const ok = sessions.map((s) => s[key]).filter((v) => v?.ms !== undefined);
    if (ok.length === 0) {
      const reason = sessions.map((s) => s[key]?.reason ?? s.error).find(Boolean) ?? 'no measurement';
      return { status: 'failed', reason: `${what}: ${reason}${shot ? ` (screenshot ${shot})` : ''}` };
    }
    return { status: 'measured', runs: ok.length, value: median(ok.map((v) => v.ms)), samples: ok.map((v) => v.ms) };
  };
  const activation = summarize('activation', 'activation');
  const by = sessions.find((s) => s.activation)?.activation;
  if (by) activation.note = `median of ${activation.runs} fresh code-server sessions; ${by.startup ? 'startup' : 'on-demand'} activation as Developer: Show Running Extensions reports it (code loading + activate()); minified build`;
  const panel = summarize('panel', 'results panel');
  if (panel.status === 'measured') panel.note = `median of ${panel.runs} sessions; from choosing "${RESULTS_ACTION}" in the tree's context menu to the first element painted in the panel's webview (includes the validation itself)`;
  return { activation, panel };
}
