// The Compare Models page (webview/compare.ts, shell as in src/extension/compareHtml.ts), served and
// driven by the shared webview page harness.
import { startWebviewHarness, type Harness, type PageProbe } from './pageHarness';

export type CompareProbe = PageProbe;
export type CompareHarness = Harness;

export function startCompareHarness(): Promise<CompareHarness> {
  return startWebviewHarness({
    entry: 'webview/compare.ts',
    bundle: 'compare.js',
    styles: ['results.css', 'compare.css'],
    metaState: { sort: { key: 'validAccuracy', direction: 'desc' }, filter: '', selected: [], parameter: 'C' },
    viewport: { width: 1280, height: 1000 },
  });
}
