// Serves a webview bundle in a page with the same CSP as the real panels and drives it with
// headless Chromium: post a message, read the DOM, take screenshots, collect CSP violations,
// page errors and the messages the page posts (through a stand-in for acquireVsCodeApi).
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BODY_CLASS, THEME_CSS, type ThemeKind } from './themes';
import { pageShell } from '../../src/extension/webviews/pageShell';

const ROOT = join(__dirname, '..', '..');
/** dist/charts.js (scripts/buildTargets.mjs), loaded by the pages themselves (webview/chartLoader.ts). */
const CHARTS_ENTRY = 'webview/charts.ts';
const CHARTS_BUNDLE = 'charts.js';

/** What the page records on window for the tests to read. */
export type PageProbe = { __violations: string[]; __posted: unknown[]; __state: unknown; __errors: string[] };

export interface OpenOptions {
  /** What getState() returns, as after a window reload. */
  state?: unknown;
  viewport?: { width: number; height: number };
}

export interface Harness {
  readonly browser: Browser;
  readonly origin: string;
  open(theme: ThemeKind, options?: OpenOptions): Promise<Page>;
  close(): Promise<void>;
}

export interface WebviewPageSpec {
  /** Source entry, e.g. 'webview/resultsPage.ts'. */
  readonly entry: string;
  /** Bundle name under /dist/, e.g. 'resultsPage.js'. */
  readonly bundle: string;
  /** Stylesheets under /media/, in order. */
  readonly styles: readonly string[];
  /** The initial state the extension puts in the page's <meta> tag. */
  readonly metaState: unknown;
  readonly viewport: { width: number; height: number };
}

export async function startWebviewHarness(spec: WebviewPageSpec): Promise<Harness> {
  const out = mkdtempSync(join(tmpdir(), 'model-lab-webview-'));
  // The page's bundle and, beside it, the charts' bundle that the page loads once its text is painted.
  const bundles: [string, string][] = [[spec.entry, spec.bundle], [CHARTS_ENTRY, CHARTS_BUNDLE]];
  const files = new Map<string, [string, Buffer]>();
  try {
    for (const [entry, bundle] of bundles) {
      await build({ entryPoints: [join(ROOT, entry)], outfile: join(out, bundle), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
      files.set(`/dist/${bundle}`, ['text/javascript', readFileSync(join(out, bundle))]);
    }
  } finally {
    rmSync(out, { recursive: true, force: true }); // served from memory
  }
  for (const name of spec.styles) files.set(`/media/${name}`, ['text/css', readFileSync(join(ROOT, 'media', name))]);
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    const file = files.get(url.pathname);
    if (file) return send(file[0], file[1]);
    const theme = url.pathname.match(/^\/theme-([a-z-]+)\.css$/)?.[1];
    if (theme && Object.hasOwn(THEME_CSS, theme)) return send('text/css', THEME_CSS[theme as ThemeKind]);
    const page = url.pathname.match(/^\/([a-z-]+)\.html$/)?.[1];
    if (page && Object.hasOwn(THEME_CSS, page)) return send('text/html', pageHtml(spec, page as ThemeKind, origin));
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    origin,
    async open(theme, options = {}) {
      const page = await browser.newPage({ viewport: options.viewport ?? spec.viewport });
      await page.addInitScript((restored) => {
        const w = window as unknown as PageProbe;
        w.__violations = [];
        w.__posted = [];
        w.__errors = [];
        w.__state = restored;
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      }, options.state);
      page.on('console', (m) => {
        if (m.type() === 'error') void page.evaluate((t) => (window as unknown as PageProbe).__errors.push(t), m.text()).catch(() => undefined);
      });
      page.on('pageerror', (e) => void page.evaluate((t) => (window as unknown as PageProbe).__errors.push(t), String(e)).catch(() => undefined));
      await page.goto(`${origin}/${theme}.html`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The results panel's page (see src/extension/resultsHtml.ts). */
export function startHarness(): Promise<Harness> {
  return startWebviewHarness({
    entry: 'webview/resultsPage.ts',
    bundle: 'resultsPage.js',
    styles: ['results.css'],
    metaState: { modelDir: 'file:///ws/models/m1', name: 'm1' },
    viewport: { width: 1100, height: 900 },
  });
}

/**
 * The panels' HTML shell itself (src/extension/webviews/pageShell.ts) with the theme's variables and
 * the body's theme class, as VS Code adds them, and a stand-in for acquireVsCodeApi.
 */
function pageHtml(spec: WebviewPageSpec, theme: ThemeKind, origin: string): string {
  const nonce = 'dGVzdC1ub25jZS0xMjM0';
  const csp = `default-src 'none'; style-src ${origin}; img-src ${origin} data:; font-src ${origin}; script-src 'nonce-${nonce}'`;
  const shell = pageShell({
    csp, nonce, title: 'Model Lab page', state: spec.metaState,
    script: `${origin}/dist/${spec.bundle}`,
    styles: [`${origin}/theme-${theme}.css`, ...spec.styles.map((name) => `${origin}/media/${name}`)],
  });
  const stub = `<script nonce="${nonce}">
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
</script>`;
  return shell.replace('<body>', `<body class="${BODY_CLASS[theme]}">`).replace('</head>', `${stub}\n</head>`);
}

/** One axe-core violation as a readable line (rule, impact, the first nodes' selectors and summary). */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: string[];
}

/**
 * Runs axe-core (every rule but the experimental ones, best practices included) on the page as it
 * is now. The script is evaluated through the DevTools protocol, so the page's CSP stays as strict
 * as the panel's.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  });
}

/**
 * Posts a message to the page as the extension would and waits until the page has handled it
 * (messages to a window arrive in order). A string, so that the test loader's helpers do not leak
 * into the page.
 */
export async function post(page: Page, message: unknown): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    const marker = 'handled-' + Math.random();
    const listener = (e) => {
      if (e.data !== marker) return;
      window.removeEventListener('message', listener);
      resolve();
    };
    window.addEventListener('message', listener);
    window.postMessage(${JSON.stringify(message)}, '*');
    window.postMessage(marker, '*');
  })`);
}

/** What the page under test recorded: axe violations, messages it posted, its state, its errors. */
export async function probe(page: Page): Promise<PageProbe> {
  return page.evaluate(() => {
    const w = window as unknown as PageProbe;
    return { __violations: w.__violations, __posted: w.__posted, __state: w.__state, __errors: w.__errors };
  });
}

/**
 * From now on (again from scratch when called again), records what is drawn on the canvas
 * `canvasId`: every text (tick labels, axis titles, a Chart.js legend) and the fill colour of every
 * filled shape (markers). `drawnOnCanvas` reads them. A string, like `post`, so no test helper
 * leaks into the page.
 */
export async function recordCanvas(page: Page, canvasId: string): Promise<void> {
  await page.evaluate(`(() => {
    window.__drawn = { canvas: ${JSON.stringify(canvasId)}, texts: [], fills: [] };
    if (window.__drawnWrapped) return;
    window.__drawnWrapped = true;
    const mine = (ctx) => ctx.canvas.id === window.__drawn.canvas;
    const proto = CanvasRenderingContext2D.prototype;
    const fillText = proto.fillText;
    proto.fillText = function (text, ...rest) {
      if (mine(this)) window.__drawn.texts.push(String(text));
      return fillText.call(this, text, ...rest);
    };
    const fill = proto.fill;
    proto.fill = function (...args) {
      if (mine(this)) window.__drawn.fills.push(String(this.fillStyle));
      return fill.apply(this, args);
    };
  })()`);
}

export async function drawnOnCanvas(page: Page): Promise<{ texts: string[]; fills: string[] }> {
  return page.evaluate('window.__drawn ?? { texts: [], fills: [] }') as Promise<{ texts: string[]; fills: string[] }>;
}

/** A viewport as narrow as one of three editor groups side by side at 1,280 px. */
export const NARROW_VIEWPORT = { width: 340, height: 900 };

/** How a page lays out in a narrow view: what sticks out of it, numbers broken over lines, scroll boxes. */
export interface NarrowLayout {
  /** How far the page itself scrolls sideways (0: not at all). */
  readonly pageOverflow: number;
  /** Elements whose right edge is past the view while their parent's is not (outside scroll boxes). */
  readonly stickingOut: string[];
  /** Number cells whose text takes more than one line. */
  readonly brokenNumbers: string[];
  /** Table scroll boxes that do scroll: their accessible name and tab index. */
  readonly scrolling: { label: string | null; tabIndex: number; role: string | null }[];
}

/** A string, like `post`, so that the test loader's helpers do not leak into the page. */
export function narrowLayout(page: Page): Promise<NarrowLayout> {
  return page.evaluate(`(() => {
    const view = document.documentElement.clientWidth;
    const right = (e) => e.getBoundingClientRect().right;
    const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
    const stickingOut = [...document.body.querySelectorAll('*')]
      .filter((e) => !e.closest('.scroll-x, .table-scroll') && right(e) > view + 1 && !(e.parentElement && e.parentElement !== document.body && right(e.parentElement) > view + 1))
      .map(describe);
    const brokenNumbers = [...document.querySelectorAll('td.num')].filter((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1).map((r) => Math.round(r.top))).size > 1; // a visually hidden part is 1 px
    }).map((td) => describe(td) + ' "' + td.textContent + '"');
    const scrolling = [...document.querySelectorAll('.scroll-x')]
      .filter((b) => b.scrollWidth > b.clientWidth + 1)
      .map((b) => ({ label: b.getAttribute('aria-label'), tabIndex: b.tabIndex, role: b.getAttribute('role') }));
    return { pageOverflow: document.documentElement.scrollWidth - view, stickingOut, brokenNumbers, scrolling };
  })()`);
}

/** A live region of the page (aria-live, or role status/alert/log) and the text it holds now. */
export interface LiveRegion {
  readonly element: string;
  readonly text: string;
}

/** Every live region in the page: a screen reader reads out each change of their text. */
export function liveRegions(page: Page): Promise<LiveRegion[]> {
  return page.evaluate(`[...document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]')]
    .map((e) => ({ element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''), text: (e.textContent ?? '').replace(/\\s+/g, ' ').trim() }))`);
}

/**
 * Whether the element (by selector) can be seen where it is: in the view, and the topmost element
 * at its centre and at its top edge is the element itself or inside it (not a sticky header over it).
 */
export function uncovered(page: Page, selector: string): Promise<{ top: number; bottom: number; covered: string | null }> {
  return page.evaluate(`(() => {
    const e = document.querySelector(${JSON.stringify(selector)});
    if (!e) return { top: NaN, bottom: NaN, covered: 'missing' };
    const r = e.getBoundingClientRect();
    const x = r.left + Math.min(r.width / 2, 4);
    const coveredAt = (y) => {
      if (y < 0 || y >= innerHeight) return 'out of view';
      const top = document.elementFromPoint(x, y);
      return top && (top === e || e.contains(top)) ? null : (top ? top.tagName.toLowerCase() + (top.id ? '#' + top.id : '') + '.' + top.className : 'nothing');
    };
    return { top: r.top, bottom: r.bottom, covered: coveredAt(r.top + 1) ?? coveredAt(r.top + r.height / 2) };
  })()`);
}
