// Renders the pictures of the "Get started with Model Lab" walkthrough (media/walkthrough/*.png) from
// the real extension in code-server, on a sample workspace with the iris CSV, once per theme kind
// (package.json's media.image {light, dark, hc, hcLight}: a light picture is a white block in a dark
// theme):
//   npm run build && node scripts/vscode/renderWalkthrough.mjs [light|dark|hc|hcLight …]
// Each picture is a clip of the workbench around what the step is about, at twice the pixels: the
// walkthrough shows it about 450 pixels wide, where a whole window's screenshot is unreadable.
// Run it again when the UI changes.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from './installCodeServer.mjs';
import { makeRunDirs, seedSettings, startCodeServer } from './codeServer.mjs';
import { launchBrowser, Workbench } from './workbench.mjs';
import { IRIS_CSV, REPO_ROOT } from './paths.mjs';

const OUT = join(REPO_ROOT, 'media', 'walkthrough');
mkdirSync(OUT, { recursive: true });

/** Each theme kind the walkthrough shows a picture for: VS Code's default theme of that kind, the files' suffix. */
const THEMES = {
  light: { theme: 'Default Light Modern', suffix: '' },
  dark: { theme: 'Default Dark Modern', suffix: '-dark' },
  hc: { theme: 'Default High Contrast', suffix: '-hc' },
  hcLight: { theme: 'Default High Contrast Light', suffix: '-hc-light' },
};
const kinds = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(THEMES);
for (const kind of kinds) if (!THEMES[kind]) throw new Error(`unknown theme kind ${kind}: one of ${Object.keys(THEMES).join(', ')}`);
const entry = await ensureCodeServer();
for (const kind of kinds) await render(THEMES[kind]);

async function render({ theme, suffix }) {
  const dirs = makeRunDirs('mlw');
  const workspace = join(dirs.root, 'w');
  mkdirSync(workspace);
  copyFileSync(IRIS_CSV, join(workspace, 'iris.csv'));
  seedSettings(dirs, { 'workbench.colorTheme': theme });
  const [browser, server] = await Promise.all([launchBrowser(), startCodeServer({ entry, dirs })]);
  try {
    const url = server.workbenchUrl({ folder: workspace, payload: [['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]] });
    const wb = await Workbench.open(browser, url, { screenshotDir: join(dirs.root, 'shots'), deviceScaleFactor: 2 });
    const page = wb.page;
    const shot = async (name, clip) => {
      // No hover tooltip in the picture (the tab's "Close"): the pointer rests at the window's right edge.
      await page.mouse.move(1395, 600);
      await page.waitForTimeout(800); // animations and late paints settle
      await page.screenshot({ path: join(OUT, `${name}${suffix}.png`), clip: await clip() });
      console.log(`wrote media/walkthrough/${name}${suffix}.png`);
    };
    const boxOf = async (locator) => {
      const b = await locator.boundingBox();
      if (!b) throw new Error(`nothing to picture: ${locator}`);
      return b;
    };
    /** A margin around a box, kept inside the window. */
    const around = (b, margin = 12) => {
      const x = Math.max(0, b.x - margin);
      const y = Math.max(0, b.y - margin);
      return { x, y, width: Math.min(1400 - x, b.width + 2 * margin), height: Math.min(900 - y, b.height + 2 * margin) };
    };
    /** The top of the editor's page, `width` × `height` at most. */
    const editorTop = (width, height) => async () => {
      const b = await boxOf(page.locator('iframe.webview.ready').filter({ visible: true }).last());
      return { x: b.x, y: b.y, width: Math.min(width, b.width), height: Math.min(height, b.height) };
    };
    await wb.activityBarItem('Model Lab').waitFor();
    await wb.openViewContainer('Model Lab', 'Saved Models');

    // 1 Train: the palette command, the notification with the validation accuracy, the model in the tree.
    await wb.runCommand('Model Lab: Train Iris Model');
    await wb.waitNotification(/Trained model/);
    await wb.treeRow('iris-C1-gscale-s2023').waitFor();
    await shot('train', async () => around(await boxOf(page.locator('.notifications-toasts .notification-toast', { hasText: 'Trained model' }).first())));

    // 2 Read the results: a click opens them.
    await wb.clearNotifications();
    await wb.treeRow('iris-C1-gscale-s2023').click();
    await wb.webview().locator('[data-status="matches"]').first().waitFor({ timeout: 60_000 });
    await shot('results', editorTop(780, 560));

    // 3 Validate after reloading: the window reloaded, the results come back and are checked again.
    await wb.reloadWindow();
    await wb.editorTab('iris-C1-gscale-s2023').click();
    await wb.webview().locator('[data-status="matches"]').first().waitFor({ timeout: 60_000 });
    await shot('validate', editorTop(780, 380));

    // 4 Compare: a small sweep, then Compare Models opens with it.
    await wb.runCommand('Model Lab: Train Iris Model…');
    await wb.pick('Training data', 'iris.csv');
    await wb.pick('Layout: how the model is saved', 'Separate scaler + classifier');
    await wb.answer('Seed: random_state of train_test_split');
    await wb.answer('Train size');
    await wb.pick('Kernel of the SVC', 'rbf');
    await wb.answer('C: regularization of the SVC', '0.1, 1, 10');
    await wb.answer('Gamma: kernel coefficient', 'scale, 0.1');
    await wb.pick('Review: 6 models', 'Train 6 models');
    await wb.waitNotification(/Trained 6 models/);
    await wb.clearNotifications();
    await wb.webview().locator('#rows tr.model-row').first().waitFor({ timeout: 60_000 });
    await shot('compare', editorTop(700, 470));

    // 5 Export: the context menu of a saved model.
    await wb.clearNotifications();
    const row = wb.treeRow('iris-C1-gscale-s2023');
    await row.click({ button: 'right' });
    await page.locator('.monaco-menu .action-item', { hasText: 'Export to scikit-learn' }).first().waitFor();
    // The menu beside the row it belongs to.
    await shot('export', async () => {
      const menu = await boxOf(page.locator('.monaco-menu').first());
      const r = await boxOf(row);
      const top = Math.min(menu.y, r.y);
      const b = around({ x: r.x, y: top, width: menu.x + menu.width - r.x, height: Math.max(menu.y + menu.height, r.y + r.height) - top });
      // Not the half row above it.
      return { ...b, y: top - 1, height: b.height - (top - 1 - b.y) };
    });
    await page.keyboard.press('Escape');
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    dirs.remove();
  }
}
