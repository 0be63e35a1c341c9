// The extension's second half (dist/onDemand.js, built from onDemandBundle.ts), loaded on first use:
// activation runs before anything else in the extension host may, and compiling the whole extension
// then cost it about as much as the Saved Models view's own code (minified: 126 KB against 62 KB).
import type * as OnDemandBundle from './onDemandBundle';

export type OnDemand = typeof OnDemandBundle;

let loaded: OnDemand | undefined;

/** The command handlers and pages, loaded once on first use. */
export function onDemand(): OnDemand {
  // A plain require of a sibling bundle: esbuild leaves it alone (external in scripts/buildTargets.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./onDemand.js') as OnDemand;
  return loaded;
}
