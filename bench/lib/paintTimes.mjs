// Times taken inside the browser, for the VS Code sessions: when the user's input happened and when an
// element was first painted in a webview, both on the page's own clock. An init script runs in every
// frame the workbench makes (webview frames included; it survives the document.write VS Code fills a
// webview with): the top frame records each pointerdown/keydown; every frame looks for the watched
// selectors every 4 ms and records when one is first visible, then when the frame after it has painted.
// Reading these afterwards costs nothing in the figure, unlike polling from the test driver (each look
// into a nested frame is a round trip of several milliseconds).
//
// Each webview frame also carries the browser's own Navigation Timing for its document, which splits a
// figure into VS Code's part and ours: how long the page's request waited for VS Code's webview service
// worker (workerStart − startTime: code-server serves every webview from one origin and registers the
// worker anew, under another URL, for each new webview — the same wait for VS Code's own Markdown
// preview), when the frame was created, and when our page's HTML (#app) was in it.

/** Polls a frame's DOM this often, in the page: about a quarter of a frame. */
const LOOK_EVERY_MS = 4;
/** Stops looking this long after a frame was made (a session's steps each end well before). */
const LOOK_FOR_MS = 120_000;

function watch(selectors, lookEveryMs, lookForMs) {
  const seen = {};
  window.__benchSeen = seen;
  window.__benchBorn = Date.now();
  if (window === window.top) {
    // The workbench: the user's input, and when each webview frame is shown again (a page kept while
    // its tab was hidden comes back without being made again: the frame it is in shows, two frames
    // later it is on screen).
    for (const type of ['pointerdown', 'keydown']) addEventListener(type, () => { window.__benchInput = Date.now(); }, true);
    const showings = setInterval(() => {
      for (const f of document.querySelectorAll('iframe.webview')) {
        const visible = f.checkVisibility({ visibilityProperty: true });
        if (visible && f.__benchVisible === false) {
          const entry = { shown: Date.now() };
          f.__benchShown = entry;
          requestAnimationFrame(() => requestAnimationFrame(() => { entry.painted = Date.now(); }));
        }
        f.__benchVisible = visible;
      }
    }, lookEveryMs);
    setTimeout(() => clearInterval(showings), lookForMs * 10);
    return;
  }
  // VS Code loads a webview's page into a hidden frame and shows it once loaded: until then the
  // page is not on screen, whatever its own elements say.
  const frameShown = () => {
    try {
      const own = [...parent.document.querySelectorAll('iframe')].find((f) => f.contentWindow === window);
      return !own || getComputedStyle(own).visibility !== 'hidden';
    } catch {
      return true;
    }
  };
  const look = () => {
    // Our page's HTML shell, in the frame whether shown yet or not.
    if (window.__benchShell === undefined && document.getElementById('app')) window.__benchShell = Date.now();
    if (!frameShown()) return;
    for (const s of selectors) {
      if (seen[s] !== undefined) continue;
      const el = document.querySelector(s);
      if (!el || !el.checkVisibility()) continue;
      const entry = { visible: Date.now() };
      seen[s] = entry;
      requestAnimationFrame(() => requestAnimationFrame(() => { entry.painted = Date.now(); }));
    }
  };
  const timer = setInterval(look, lookEveryMs);
  setTimeout(() => clearInterval(timer), lookForMs);
}

/** The init script for a browser context: watches `selectors` in every frame. */
export function paintWatchScript(selectors) {
  return `(${watch.toString()})(${JSON.stringify(selectors)}, ${LOOK_EVERY_MS}, ${LOOK_FOR_MS});`;
}

/** The last pointerdown/keydown in the workbench (page clock), or undefined. */
export async function lastInputAt(page) {
  return page.evaluate(() => window.__benchInput).catch(() => undefined);
}

/** What a frame recorded: `selector`'s paint, #app's, and its document's Navigation Timing (page clock). */
async function frameRecord(frame, selector) {
  return frame.evaluate((s) => {
    const seen = window.__benchSeen;
    if (!seen || !seen[s]?.painted) return undefined;
    const nav = performance.getEntriesByType('navigation')[0];
    const origin = performance.timeOrigin;
    return {
      born: window.__benchBorn,
      painted: seen[s].painted,
      shell: window.__benchShell,
      frameStart: nav ? origin + nav.startTime : undefined,
      workerWaitMs: nav && nav.workerStart > 0 ? nav.workerStart - nav.startTime : 0,
    };
  }, selector).catch(() => undefined);
}

/**
 * Waits (up to `timeoutMs`) until `selector` has been painted in a frame made at or after `since`
 * (page clock; an old page still on screen does not count) and returns that frame's record. With
 * `shownAgain`, a kept frame (made before) that was shown again at or after `since` counts too: its
 * record's `painted` is the showing's paint and `kept` is true.
 */
export async function paintedSince(page, selector, since, timeoutMs, { shownAgain = false } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const r = await frameRecord(frame, selector);
      if (r && r.born >= since) return r;
    }
    const kept = shownAgain ? await keptFrameShownSince(page, selector, since) : undefined;
    if (kept) return kept;
    if (Date.now() > deadline) throw new Error(`${selector} not painted in a webview made${shownAgain ? ' or shown' : ''} after the action within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A webview frame shown again at or after `since` whose page has `selector` painted: the showing's record, or undefined. */
async function keptFrameShownSince(page, selector, since) {
  const outers = page.locator('iframe.webview');
  for (let i = 0; i < (await outers.count()); i++) {
    const showing = await outers.nth(i).evaluate((f) => f.__benchShown).catch(() => undefined);
    if (!showing?.painted || showing.shown < since) continue;
    // The page itself is in the frame VS Code's webview host calls #active-frame.
    const active = await outers.nth(i).contentFrame().locator('#active-frame').elementHandle({ timeout: 1000 }).catch(() => undefined);
    const content = await active?.contentFrame();
    if (content && (await frameRecord(content, selector))) return { painted: showing.painted, workerWaitMs: 0, kept: true };
  }
  return undefined;
}

/**
 * A figure from `from` (page clock) to the record's paint: ms, and its parts — shellMs (until our
 * page's HTML was in its frame), workerWaitMs (VS Code's webview service worker, inside shellMs).
 */
export function figureFrom(from, r) {
  return {
    ms: r.painted - from,
    ...(r.kept ? { kept: true } : {}),
    ...(r.shell !== undefined ? { shellMs: r.shell - from } : {}),
    workerWaitMs: Math.round(r.workerWaitMs),
    ...(r.frameStart !== undefined ? { pageFrameMs: Math.round(r.frameStart - from) } : {}),
  };
}
