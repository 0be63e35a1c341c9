// Renders the pictures of the "Get started with Model Lab" walkthrough (media/walkthrough/*.png) from
// the real extension in code-server, light theme, on a sample workspace with the iris CSV:
//   npm run build && node scripts/vscode/renderWalkthrough.mjs
// Each picture is a clip of the workbench around what the step is about. Run it again when the UI changes.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from './installCodeServer.mjs';
import { makeRunDirs, seedSettings, startCodeServer } from './codeServer.mjs';
import { launchBrowser, Workbench } from './workbench.mjs';
import { IRIS_CSV, REPO_ROOT } from './paths.mjs';

const OUT = join(REPO_ROOT, 'media', 'walkthrough');
mkdirSync(OUT, { recursive: true });

const entry = await ensureCodeServer();
const dirs = makeRunDirs('mlw');
const workspace = join(dirs.root, 'w');
mkdirSync(workspace);
copyFileSync(IRIS_CSV, join(workspace, 'iris.csv'));
seedSettings(dirs, { 'workbench.colorTheme': 'Default Light Modern' });
const [browser, server] = await Promise.all([launchBrowser(), startCodeServer({ entry, dirs })]);
try {
  const url = server.workbenchUrl({ folder: workspace, payload: [['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]] });
  const wb = await Workbench.open(browser, url, { screenshotDir: join(dirs.root, 'shots') });
  const page = wb.page;
  const shot = async (name, clip) => {
    await page.waitForTimeout(800); // animations and late paints settle
    await page.screenshot({ path: join(OUT, `${name}.png`), clip });
    console.log(`wrote media/walkthrough/${name}.png`);
  };
  await wb.activityBarItem('Model Lab').waitFor();
  await wb.openViewContainer('Model Lab', 'Saved Models');

  // 1 Train: the palette command, the notification with the validation accuracy, the model in the tree.
  await wb.runCommand('Model Lab: Train Iris Model');
  await wb.waitNotification(/Trained model/);
  await wb.treeRow('iris-C1-gscale-s2023').waitFor();
  await shot('train', { x: 0, y: 0, width: 1400, height: 900 });

  // 2 Read the results: a click opens them.
  await wb.clearNotifications();
  await wb.treeRow('iris-C1-gscale-s2023').click();
  await wb.webview().locator('[data-status="matches"]').first().waitFor({ timeout: 60_000 });
  await shot('results', { x: 0, y: 0, width: 1400, height: 900 });

  // 3 Validate after reloading: the window reloaded, the results come back and are checked again.
  await wb.reloadWindow();
  await wb.editorTab('iris-C1-gscale-s2023').click();
  await wb.webview().locator('[data-status="matches"]').first().waitFor({ timeout: 60_000 });
  await shot('validate', { x: 0, y: 0, width: 1400, height: 900 });

  // 4 Compare: a small sweep, then Compare Models opens with it.
  await wb.runCommand('Model Lab: Train Iris Model…');
  await wb.pick('Training data', 'iris.csv');
  await wb.pick('Layout: how the model is saved', 'Separate scaler + classifier');
  await wb.answer('Seed: random_state of train_test_split');
  await wb.answer('Train size');
  await wb.pick('Kernel of the SVC', 'rbf');
  await wb.answer('C: regularisation of the SVC', '0.1, 1, 10');
  await wb.answer('Gamma: kernel coefficient', 'scale, 0.1');
  await wb.pick('Review: 6 models', 'Train 6 models');
  await wb.waitNotification(/Trained 6 models/);
  await wb.clearNotifications();
  await wb.webview().locator('#rows tr.model-row').first().waitFor({ timeout: 60_000 });
  await shot('compare', { x: 0, y: 0, width: 1400, height: 900 });

  // 5 Export: the context menu of a saved model.
  await wb.clearNotifications();
  const row = wb.treeRow('iris-C1-gscale-s2023');
  await row.click({ button: 'right' });
  await page.locator('.monaco-menu .action-item', { hasText: 'Export to scikit-learn' }).first().waitFor();
  await shot('export', { x: 0, y: 0, width: 1400, height: 900 });
  await page.keyboard.press('Escape');
} finally {
  await browser.close().catch(() => {});
  await server.stop();
  dirs.remove();
}
