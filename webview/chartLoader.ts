// The charts' code (Chart.js: ~140 KB of a page's ~190 KB) is a bundle of its own, dist/charts.js
// (webview/charts.ts), so that a page paints its text without waiting for it: the page asks for the
// charts once its first content is on screen and draws them when they arrive. Under the panels'
// strict CSP (scripts by nonce only) the bundle is added as a <script> carrying the page's own
// nonce, from beside the page's bundle; it hands its functions over through window.modelLabCharts.
import type { drawScatter } from './scatterPlot';
import type { drawSeriesChart } from './seriesChart';

/** What dist/charts.js provides. */
export interface ChartsApi {
  readonly drawScatter: typeof drawScatter;
  readonly drawSeriesChart: typeof drawSeriesChart;
}

declare global {
  interface Window {
    modelLabCharts?: ChartsApi;
  }
}

/** The charts' bundle, a sibling of the page's bundle under dist/. */
const CHARTS_BUNDLE = 'charts.js';

// Read while the page's bundle runs: only then is document.currentScript its <script> element.
const pageScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;

let loading: Promise<ChartsApi> | undefined;

/** Loads dist/charts.js once (later calls share the first); rejects when it cannot be loaded. */
export function loadCharts(): Promise<ChartsApi> {
  loading ??= new Promise<ChartsApi>((resolve, reject) => {
    if (window.modelLabCharts) return resolve(window.modelLabCharts);
    if (!pageScript?.src) return reject(new Error('the page\'s own script is unknown, so the charts cannot be found'));
    const script = document.createElement('script');
    script.nonce = pageScript.nonce;
    script.src = new URL(CHARTS_BUNDLE, pageScript.src).href;
    script.addEventListener('load', () => (window.modelLabCharts ? resolve(window.modelLabCharts) : reject(new Error(`${CHARTS_BUNDLE} did not provide the charts`))));
    script.addEventListener('error', () => reject(new Error(`${CHARTS_BUNDLE} could not be loaded`)));
    document.head.append(script);
  });
  return loading;
}

/** Calls back once what is in the DOM now has been painted (the next frame, then the next task). */
export function afterPaint(callback: () => void): void {
  requestAnimationFrame(() => setTimeout(callback, 0));
}

/**
 * Draws on `canvas` with the charts once they are loaded: at once when they are, else after the
 * page's next paint. The canvas is aria-busy until drawn. `draw` is called with the latest request
 * only (a newer one replaces a pending one); a failed load leaves a note after the canvas.
 */
export class LazyChart {
  private pending: ((api: ChartsApi) => void) | undefined;
  private requested = false;

  constructor(private readonly canvasOf: () => HTMLCanvasElement | null) {}

  draw(draw: (api: ChartsApi) => void): void {
    const api = window.modelLabCharts;
    if (api) {
      this.pending = undefined;
      draw(api);
      this.canvasOf()?.removeAttribute('aria-busy');
      return;
    }
    this.pending = draw;
    this.canvasOf()?.setAttribute('aria-busy', 'true');
    if (this.requested) return;
    this.requested = true;
    afterPaint(() => {
      loadCharts().then(
        (loaded) => {
          const pending = this.pending;
          this.pending = undefined;
          pending?.(loaded);
          this.canvasOf()?.removeAttribute('aria-busy');
        },
        (e: unknown) => {
          const canvas = this.canvasOf();
          canvas?.removeAttribute('aria-busy');
          canvas?.after(Object.assign(document.createElement('p'), { className: 'muted chart-error', textContent: `The chart could not be shown: ${e instanceof Error ? e.message : String(e)}.` }));
        },
      );
    });
  }

  /** Drops a drawing that has not happened yet (the chart is hidden now). */
  cancel(): void {
    this.pending = undefined;
    this.canvasOf()?.removeAttribute('aria-busy');
  }
}
