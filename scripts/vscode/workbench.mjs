// Drives a VS Code workbench page (code-server) with playwright-core and Debian's chromium:
// palette, quick picks and input boxes, notifications, tree rows and their context menus, webviews,
// screenshots. Waits on selectors only, never on fixed sleeps.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './paths.mjs';
import { checkBrowserPrerequisites } from './debianPrerequisites.mjs';
import { onCleanup } from './processes.mjs';

// Keep Chromium quiet on this closed network.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const NOTIFICATION_LOG = `(() => {
  // Every notification shown, in order, even ones that hide again before anyone looks.
  window.__modelLabToasts = [];
  const seen = new WeakSet();
  const record = () => {
    for (const el of document.querySelectorAll('.notification-list-item')) {
      const msg = el.querySelector('.notification-list-item-message');
      if (!msg || seen.has(el) || !msg.textContent) continue;
      seen.add(el);
      const severity = el.querySelector('.codicon-error') ? 'error' : el.querySelector('.codicon-warning') ? 'warning' : 'info';
      window.__modelLabToasts.push({ severity, text: msg.textContent });
    }
  };
  new MutationObserver(record).observe(document, { childList: true, subtree: true });
})();`;

/** Launches chromium; closed on cleanup (playwright also kills it when this process exits). */
export async function launchBrowser() {
  checkBrowserPrerequisites();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    // Our own handlers (processes.mjs) stop code-server too; playwright's exit hook still kills chromium.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup(() => void browser.close().catch(() => {}));
  return browser;
}

export class Workbench {
  /** @param {import('playwright-core').Page} page @param {string} screenshotDir */
  constructor(page, screenshotDir) {
    this.page = page;
    this.screenshotDir = screenshotDir;
    this.shotCount = 0;
  }

  static async open(browser, url, { screenshotDir, timeout = 60_000, deviceScaleFactor = 1 } = {}) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor });
    await context.addInitScript(NOTIFICATION_LOG);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const wb = new Workbench(page, screenshotDir);
    // MODEL_LAB_E2E_CPU_SLOWDOWN=4 runs the workbench page 4× slower (Chromium's CPU throttling):
    // the CI machine is about twice as slow as a developer's, and races show there first.
    const slowdown = Number(process.env.MODEL_LAB_E2E_CPU_SLOWDOWN ?? 1);
    if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    await wb.waitReady(timeout);
    return wb;
  }

  async waitReady(timeout = 60_000) {
    await this.page.locator('.monaco-workbench').waitFor({ timeout });
    await this.page.locator('.part.statusbar').waitFor({ timeout });
  }

  /** The extension's activity-bar entry (present once the extension's contributions are loaded). */
  activityBarItem(title) {
    return this.page.locator(`.activitybar a.action-label[aria-label^="${title}"]`);
  }

  async openViewContainer(title, viewName) {
    const header = this.page.locator('.part.sidebar .composite.title h2', { hasText: title });
    if (!(await header.isVisible())) await this.activityBarItem(title).click();
    await header.waitFor();
    // A container with a single view hides that view's pane header: it only has to exist.
    if (viewName) await this.page.locator(`.part.sidebar .pane-header[aria-label^="${viewName}"]`).waitFor({ state: 'attached' });
  }

  // ---- quick input (palette, quick picks, input boxes) ----
  get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Opens the command palette. F1 is now and then swallowed while a quick input is still closing
   * (seen right after an input box was accepted): try again with the workbench focused.
   */
  async openPalette() {
    const input = this.quickInput.locator('.quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: attempt < 3 ? 3000 : 30_000 });
        return input;
      } catch (e) {
        if (attempt >= 3) throw e;
        await this.page.keyboard.press('Escape');
        await this.page.locator('.monaco-workbench').focus().catch(() => {});
      }
    }
  }

  async runCommand(title) {
    await this.page.locator('.monaco-workbench').focus().catch(() => {});
    const input = await this.openPalette();
    await input.fill(`>${title}`);
    const row = this.quickInput.locator('.monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
    await this.waitQuickInputClosedOrChanged(`>${title}`);
  }

  /**
   * "Developer: Reload Window", as a person would: unlike a bare page reload it runs VS Code's
   * shutdown, which flushes the editor layout to storage first (a bare reload could lose a panel
   * opened a moment before).
   */
  async reloadWindow(timeout = 60_000) {
    await this.page.evaluate(() => {
      window.__modelLabBeforeReload = true;
    });
    const loaded = this.page.waitForEvent('load', { timeout });
    const input = await this.openPalette();
    await input.fill('>Developer: Reload Window');
    const row = this.quickInput.locator('.monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: /^Developer: Reload Window$/ }),
    });
    await row.first().click();
    await loaded;
    await this.page.waitForFunction(() => !window.__modelLabBeforeReload, undefined, { timeout });
    await this.waitReady(timeout);
  }

  async waitQuickInputClosedOrChanged(previousValue) {
    await this.page.waitForFunction((prev) => {
      const w = document.querySelector('.quick-input-widget');
      if (!w || getComputedStyle(w).display === 'none') return true;
      const i = w.querySelector('.quick-input-box input');
      return !i || i.value !== prev;
    }, previousValue);
  }

  /**
   * Waits for a visible quick input whose title is `title` (VS Code appends " (step/total)" for
   * multi-step inputs). Matching the title element, not the widget's text: "C" is also in "Cancel".
   */
  async waitQuickInput(title) {
    await this.page.waitForFunction(titleIs, titleSource(title)).catch(async (err) => {
      throw new Error(`no quick input titled "${title}" (showing: ${await this.quickInputState()}): ${err.message.split('\n')[0]}`);
    });
  }

  /** The quick input's title and visible text, for error messages. */
  async quickInputState() {
    return this.page
      .evaluate(() => {
        const w = document.querySelector('.quick-input-widget');
        if (!w || getComputedStyle(w).display === 'none') return 'nothing';
        const title = w.querySelector('.quick-input-title')?.textContent ?? '';
        return JSON.stringify({ title, text: w.innerText.slice(0, 300) });
      })
      .catch((e) => `unknown: ${e.message}`);
  }

  async waitQuickInputGone(title) {
    await this.page.waitForFunction(titleGone, titleSource(title)).catch(async (err) => {
      throw new Error(`quick input "${title}" did not close (showing: ${await this.quickInputState()}): ${err.message.split('\n')[0]}`);
    });
  }

  /** In a visible quick pick titled title, chooses the item whose label is exactly label. */
  async pick(title, label) {
    await this.waitQuickInput(title);
    const row = this.quickInput.locator('.monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }),
    });
    await row.first().click();
    await this.waitQuickInputGone(title);
  }

  /** Clicks the Back button of the visible quick input titled title. */
  async quickInputBack(title) {
    await this.waitQuickInput(title);
    await this.quickInput.locator('.quick-input-titlebar .action-label.codicon-quick-input-back, .quick-input-titlebar [aria-label="Back"]').first().click();
  }

  /** In a visible input box titled title, types value (or keeps the default when value is undefined) and accepts. */
  async answer(title, value) {
    await this.waitQuickInput(title);
    const input = this.quickInput.locator('.quick-input-box input');
    if (value !== undefined) await input.fill(String(value));
    await input.press('Enter');
    await this.waitQuickInputGone(title);
  }

  // ---- notifications ----
  /** Every notification seen since the page loaded: [{severity, text}]. */
  async notifications() {
    return this.page.evaluate(() => window.__modelLabToasts ?? []).catch(() => []);
  }

  /** Waits until a notification (seen at any time since load, after `since` earlier ones) matches re. */
  async waitNotification(re, { since = 0, severity, timeout = 60_000 } = {}) {
    const handle = await this.page.waitForFunction(
      ({ source, flags, since: s, severity: sev }) => {
        const rx = new RegExp(source, flags);
        const list = (window.__modelLabToasts ?? []).slice(s);
        return list.find((n) => rx.test(n.text) && (!sev || n.severity === sev)) ?? false;
      },
      { source: re.source, flags: re.flags, since, severity },
      { timeout },
    );
    return handle.jsonValue();
  }

  toast(text) {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  async clickToastAction(toastText, action) {
    await this.toast(toastText).locator('.monaco-button', { hasText: action }).first().click();
  }

  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  // ---- tree views ----
  treeRow(label) {
    // A model row's label starts with what it says of the model: "100.00 % · NAME", "damaged · NAME".
    return this.page.locator('.part.sidebar .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*(?:(?:\\d+\\.\\d\\d %|damaged) · )?${escapeRegExp(label)}\\s*$`) }),
    });
  }

  /**
   * Clicks a tree row and waits until it shows selected and the tree has the focus — what a user
   * sees before pressing a key that acts on the selection (F2, Delete).
   */
  async selectTreeRow(label) {
    const row = this.treeRow(label);
    await row.click();
    await row.and(this.page.locator('.monaco-list:focus-within .monaco-list-row.selected.focused')).waitFor({ timeout: 10_000 });
  }

  async sidebarRowsText() {
    return this.page.locator('.part.sidebar .monaco-list-row').allInnerTexts();
  }

  /**
   * Right-clicks a tree row and chooses a context-menu item. Once in ~40 runs the highlighted item
   * ignored the click: if the menu is still open afterwards, hover the item and press Enter. A menu
   * that VS Code closed before the click (the tree re-rendered under it just after a model was saved:
   * seen once in a fresh clone's journey) is opened again, as a user would right-click again.
   */
  async contextMenu(row, item) {
    const menuItem = this.page.locator('.monaco-menu .action-item', { hasText: item }).first();
    for (let attempt = 1; ; attempt++) {
      await row.click({ button: 'right' });
      await menuItem.waitFor({ state: 'visible' });
      try {
        await menuItem.click({ timeout: attempt < 3 ? 5000 : 30_000 });
        break;
      } catch (e) {
        if (attempt >= 3 || (await menuItem.isVisible())) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
    const menu = this.page.locator('.monaco-menu');
    try {
      await menu.first().waitFor({ state: 'detached', timeout: 3000 });
    } catch {
      if (await menuItem.isVisible()) {
        await menuItem.hover();
        await this.page.keyboard.press('Enter');
      }
      await menu.first().waitFor({ state: 'detached' });
    }
  }

  // ---- webviews ----
  /** Content frame of the webview in front (two iframes deep; hidden panels keep their iframes). */
  webview() {
    return this.page
      .locator('iframe.webview.ready')
      .filter({ visible: true })
      .last()
      .contentFrame()
      .locator('#active-frame')
      .contentFrame();
  }

  editorTab(title) {
    return this.page.locator('.tabs-container .tab', { hasText: title });
  }

  // ---- evidence ----
  async screenshot(name) {
    mkdirSync(this.screenshotDir, { recursive: true });
    const file = join(this.screenshotDir, `${String(++this.shotCount).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, timeout: 10_000 });
    return file;
  }

  /** What was on screen: screenshot path and the last notifications, for failure reports. */
  async describeScreen(name) {
    let shot = '(no screenshot)';
    try {
      shot = await this.screenshot(name);
    } catch (e) {
      shot = `(screenshot failed: ${e.message.split('\n')[0]})`;
    }
    const toasts = (await this.notifications()).slice(-6);
    const lines = [`  screenshot: ${shot}`, '  last notifications:'];
    if (toasts.length === 0) lines.push('    (none)');
    for (const t of toasts) lines.push(`    [${t.severity}] ${t.text}`);
    return lines.join('\n');
  }
}

function titleSource(title) {
  return `^${escapeRegExp(title)}( \\(\\d+/\\d+\\))?$`;
}

// Runs in the page: is a quick input with a title matching src visible?
const titleIs = (src) => {
  const w = document.querySelector('.quick-input-widget');
  if (!w || getComputedStyle(w).display === 'none') return false;
  const t = w.querySelector('.quick-input-title');
  return !!t && new RegExp(src).test(t.textContent.trim());
};

const titleGone = (src) => {
  const w = document.querySelector('.quick-input-widget');
  if (!w || getComputedStyle(w).display === 'none') return true;
  const t = w.querySelector('.quick-input-title');
  return !t || !new RegExp(src).test(t.textContent.trim());
};

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
