// Serves the results webview bundle in a page with the same CSP as the real panel and drives it
// with headless Chromium: post a message, read the DOM, take screenshots, collect CSP violations.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BODY_CLASS, THEME_CSS, type ThemeKind } from './themes';

const ROOT = join(__dirname, '..', '..');

export interface Harness {
  readonly browser: Browser;
  readonly origin: string;
  open(theme: ThemeKind): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const out = mkdtempSync(join(tmpdir(), 'model-lab-webview-'));
  await build({ entryPoints: [join(ROOT, 'webview', 'main.ts')], outfile: join(out, 'webview.js'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
  const script = readFileSync(join(out, 'webview.js'));
  const css = readFileSync(join(ROOT, 'media', 'results.css'));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (url.pathname === '/dist/webview.js') return send('text/javascript', script);
    if (url.pathname === '/media/results.css') return send('text/css', css);
    const theme = url.pathname.match(/^\/theme-(light|dark|high-contrast)\.css$/)?.[1] as ThemeKind | undefined;
    if (theme) return send('text/css', THEME_CSS[theme]);
    const page = url.pathname.match(/^\/(light|dark|high-contrast)\.html$/)?.[1] as ThemeKind | undefined;
    if (page) return send('text/html', pageHtml(page, origin));
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    origin,
    async open(theme) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.addInitScript(() => {
        const w = window as unknown as { __violations: string[]; __posted: unknown[]; __state: unknown; __errors: string[] };
        w.__violations = [];
        w.__posted = [];
        w.__errors = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      page.on('console', (m) => {
        if (m.type() === 'error') void page.evaluate((t) => (window as unknown as { __errors: string[] }).__errors.push(t), m.text()).catch(() => undefined);
      });
      page.on('pageerror', (e) => void page.evaluate((t) => (window as unknown as { __errors: string[] }).__errors.push(t), String(e)).catch(() => undefined));
      await page.goto(`${origin}/${theme}.html`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The panel's HTML shell (see src/extension/resultsHtml.ts) plus a stand-in for acquireVsCodeApi. */
function pageHtml(theme: ThemeKind, origin: string): string {
  const nonce = 'dGVzdC1ub25jZS0xMjM0';
  const csp = `default-src 'none'; style-src ${origin}; img-src ${origin} data:; font-src ${origin}; script-src 'nonce-${nonce}'`;
  const state = JSON.stringify({ modelDir: 'file:///ws/models/m1', name: 'm1' }).replace(/"/g, '&quot;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="model-lab-state" content="${state}">
<link rel="stylesheet" href="${origin}/theme-${theme}.css">
<link rel="stylesheet" href="${origin}/media/results.css">
</head><body class="${BODY_CLASS[theme]}">
<main id="app"><p class="loading">Loading…</p></main>
<script nonce="${nonce}">
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
</script>
<script nonce="${nonce}" src="${origin}/dist/webview.js"></script>
</body></html>`;
}
