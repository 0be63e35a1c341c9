// The Compare Models page (webview/comparePage.ts, in the shell of src/extension/webviews/pageShell.ts), served and
// driven by the shared webview page harness.
import { startWebviewHarness, type Harness, type PageProbe } from './pageHarness';

export type CompareProbe = PageProbe;
export type CompareHarness = Harness;

export function startCompareHarness(): Promise<CompareHarness> {
  return startWebviewHarness({
    entry: 'webview/comparePage.ts',
    bundle: 'comparePage.js',
    styles: ['results.css', 'compare.css'],
    metaState: { sort: { key: 'validAccuracy', direction: 'desc' }, filter: '', selected: [], parameter: 'C' },
    viewport: { width: 1280, height: 1000 },
  });
}
