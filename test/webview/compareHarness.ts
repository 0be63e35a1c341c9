// Serves the Compare Models bundle (webview/compare.ts) in a page with the panel's CSP (see
// src/extension/compareHtml.ts) and drives it with headless Chromium, like pageHarness does for
// the results page: post messages, read the DOM, collect CSP violations and posted messages.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BODY_CLASS, THEME_CSS, type ThemeKind } from './themes';

const ROOT = join(__dirname, '..', '..');

export type CompareProbe = { __violations: string[]; __posted: unknown[]; __state: unknown; __errors: string[] };

export interface CompareHarness {
  open(theme: ThemeKind, options?: { state?: unknown; viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

export async function startCompareHarness(): Promise<CompareHarness> {
  const out = mkdtempSync(join(tmpdir(), 'model-lab-compare-'));
  await build({ entryPoints: [join(ROOT, 'webview', 'compare.ts')], outfile: join(out, 'compare.js'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
  const script = readFileSync(join(out, 'compare.js'));
  const base = readFileSync(join(ROOT, 'media', 'results.css'));
  const css = readFileSync(join(ROOT, 'media', 'compare.css'));
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (url.pathname === '/dist/compare.js') return send('text/javascript', script);
    if (url.pathname === '/media/results.css') return send('text/css', base);
    if (url.pathname === '/media/compare.css') return send('text/css', css);
    const theme = url.pathname.match(/^\/theme-(light|dark|high-contrast)\.css$/)?.[1] as ThemeKind | undefined;
    if (theme) return send('text/css', THEME_CSS[theme]);
    const page = url.pathname.match(/^\/(light|dark|high-contrast)\.html$/)?.[1] as ThemeKind | undefined;
    if (page) return send('text/html', pageHtml(page, origin));
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    async open(theme, options = {}) {
      const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 1000 } });
      await page.addInitScript((restored) => {
        const w = window as unknown as CompareProbe;
        w.__violations = [];
        w.__posted = [];
        w.__errors = [];
        w.__state = restored;
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      }, options.state);
      page.on('pageerror', (e) => void page.evaluate((t) => (window as unknown as CompareProbe).__errors.push(t), String(e)).catch(() => undefined));
      page.on('console', (m) => {
        if (m.type() === 'error') void page.evaluate((t) => (window as unknown as CompareProbe).__errors.push(t), m.text()).catch(() => undefined);
      });
      await page.goto(`${origin}/${theme}.html`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

function pageHtml(theme: ThemeKind, origin: string): string {
  const nonce = 'Y29tcGFyZS1ub25jZS0x';
  const csp = `default-src 'none'; style-src ${origin}; img-src ${origin} data:; font-src ${origin}; script-src 'nonce-${nonce}'`;
  const state = JSON.stringify({ sort: { key: 'validAccuracy', direction: 'desc' }, filter: '', selected: [], parameter: 'C' }).replace(/"/g, '&quot;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="model-lab-state" content="${state}">
<link rel="stylesheet" href="${origin}/theme-${theme}.css">
<link rel="stylesheet" href="${origin}/media/results.css">
<link rel="stylesheet" href="${origin}/media/compare.css">
</head><body class="${BODY_CLASS[theme]}">
<main id="app"><p class="loading">Loading…</p></main>
<script nonce="${nonce}">
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
</script>
<script nonce="${nonce}" src="${origin}/dist/compare.js"></script>
</body></html>`;
}
