// Loads dist/core.js (built from coreBundle.ts) the first time a command, the tree or the panel
// needs the engine. Activation stays in the low milliseconds; the ~250 KB engine is read once.
import type * as CoreBundle from './coreBundle';

export type Core = typeof CoreBundle;

let core: Core | undefined;

export function loadCore(): Core {
  // A plain require of a sibling file: esbuild leaves it alone (marked external in scripts/build.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('./core.js') as Core;
  return core;
}
