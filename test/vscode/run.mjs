// Runs the extension-host test suite (out/vscode-suite/index.js, exporting run()) inside a real VS Code
// (code-server 4.100.3) with the real `vscode` API, the extension loaded from this repo in development
// mode. A browser has to open the workbench for the extension host to start; the suite reports back
// through the JSON file named by MODEL_LAB_TEST_RESULTS (written by test/vscode/suite/runner.ts).
//
//   node test/vscode/run.mjs        (calls scripts/build-vscode-tests.mjs first when it exists)
// Env: MODEL_LAB_SUITE (default out/vscode-suite/index.js), MODEL_LAB_EXTENSION_DIR (default the repo),
//      MODEL_LAB_TEST_TIMEOUT_S (default 480: the whole suite took 274 s on a 2-core machine at load 12–20).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCodeServer } from '../../scripts/vscode/installCodeServer.mjs';
import { makeRunDirs, seedSettings, startCodeServer } from '../../scripts/vscode/codeServer.mjs';
import { launchBrowser, Workbench } from '../../scripts/vscode/workbench.mjs';
import { checkBrowserPrerequisites } from '../../scripts/vscode/debianPrerequisites.mjs';
import { REPO_ROOT, TEST_RESULTS_DIR } from '../../scripts/vscode/paths.mjs';

const TIMEOUT_MS = Number(process.env.MODEL_LAB_TEST_TIMEOUT_S || 480) * 1000;
const t0 = Date.now();

function readResults(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return r && r.done === true ? r : undefined;
  } catch {
    return undefined; // not written yet, or being written
  }
}

/** Polls for the results file; also gives up early if code-server dies. */
async function waitForResults(file, server) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const r = readResults(file);
    if (r) return r;
    if (server.child.exitCode !== null || server.child.signalCode !== null) return { crashed: true };
    if (Date.now() > deadline) return undefined;
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function main() {
  checkBrowserPrerequisites();
  const buildScript = join(REPO_ROOT, 'scripts', 'build-vscode-tests.mjs');
  if (existsSync(buildScript)) execFileSync(process.execPath, [buildScript], { cwd: REPO_ROOT, stdio: 'inherit' });

  const extensionDir = resolve(process.env.MODEL_LAB_EXTENSION_DIR || REPO_ROOT);
  const suite = resolve(process.env.MODEL_LAB_SUITE || join(REPO_ROOT, 'out', 'vscode-suite', 'index.js'));
  if (!existsSync(suite)) throw new Error(`No test suite at ${suite} (built by scripts/build-vscode-tests.mjs).`);
  const main = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')).main;
  if (main && !existsSync(join(extensionDir, main)) && !existsSync(join(extensionDir, `${main}.js`))) {
    throw new Error(`The extension's main ${main} is missing in ${extensionDir}: run \`npm run build\` first.`);
  }

  const entry = await ensureCodeServer();
  const dirs = makeRunDirs('mlt');
  const workspace = join(dirs.root, 'w');
  const source = join(REPO_ROOT, 'test', 'vscode', 'workspace');
  if (existsSync(source)) cpSync(source, workspace, { recursive: true });
  else mkdirSync(workspace);
  const resultsFile = join(dirs.root, 'results.json');
  seedSettings(dirs);

  const [browser, server] = await Promise.all([
    launchBrowser(),
    startCodeServer({
      entry,
      dirs,
      // Some tests compare with fixtures made with OpenBLAS's Haswell ddot kernel (scripts/run-unit-tests.mjs).
      env: { MODEL_LAB_TEST_RESULTS: resultsFile, MODEL_LAB_TEST_WORKSPACE: workspace, MODEL_LAB_BLAS_KERNEL: 'haswell' },
    }),
  ]);
  let ok = false;
  let wb;
  try {
    const url = server.workbenchUrl({
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(extensionDir)],
        ['extensionTestsPath', server.remoteUri(suite)],
      ],
    });
    wb = await Workbench.open(browser, url, { screenshotDir: join(TEST_RESULTS_DIR, 'vscode') });
    const result = await waitForResults(resultsFile, server);
    if (!result || result.crashed) {
      console.log(
        result?.crashed
          ? `code-server exited before the suite finished (log: ${server.logFile}).`
          : `Timed out after ${TIMEOUT_MS / 1000} s waiting for ${resultsFile}.`,
      );
      console.log(await wb.describeScreen('vscode-suite-timeout'));
      console.log(`code-server log: ${server.logFile}`);
      console.log('0 passed, 1 failed');
      return;
    }
    // With a failure, every test's start time too: to line up with the logs kept in the run folder.
    if (result.failed > 0) for (const line of result.log ?? []) console.log(`  ${line}`);
    for (const f of result.failures ?? []) console.log(`FAIL ${f.name}\n  ${String(f.message).split('\n').join('\n  ')}`);
    console.log(`Extension-host suite took ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    console.log(`${result.passed} passed, ${result.failed} failed`);
    ok = result.failed === 0 && result.passed > 0;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    if (ok) dirs.remove();
    else {
      dirs.keep();
      console.log(`Run folder kept for inspection: ${dirs.root}`);
    }
    process.exitCode = ok ? 0 : 1;
  }
}

main().catch((err) => {
  console.error(err.stack ?? String(err));
  console.log('0 passed, 1 failed');
  process.exit(1);
});
