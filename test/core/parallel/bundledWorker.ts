// The CLI and the worker threads' program bundled as scripts/build.mjs bundles them, side by side in a
// temporary folder with the compiled SVM (dist/cli.js finds dist/poolWorker.js and dist/svm.wasm next to itself): tests of --jobs N do not
// depend on, or race with, other tests' dist/ builds.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

let dir: string | undefined;

function bundle(): string {
  if (dir) return dir;
  const d = mkdtempSync(join(tmpdir(), 'model-lab-parallel-bundle-'));
  process.once('exit', () => rmSync(d, { recursive: true, force: true }));
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', external: ['pg-native'], logLevel: 'error' as const };
  buildSync({ ...common, entryPoints: ['src/cli/main.ts'], outfile: join(d, 'cli.js'), banner: { js: '#!/usr/bin/env node' } });
  buildSync({ ...common, entryPoints: ['src/core/parallel/poolWorker.ts'], outfile: join(d, 'poolWorker.js') });
  buildSync({ ...common, entryPoints: ['test/core/parallel/gatedTaskWorker.ts'], outfile: join(d, 'gatedTaskWorker.js') });
  copyFileSync(join('dist', 'svm.wasm'), join(d, 'svm.wasm')); // both bundles load the compiled SVM from beside themselves
  dir = d;
  return d;
}

/** Path of the bundled worker program (dist/poolWorker.js's twin). */
export function workerFile(): string {
  return join(bundle(), 'poolWorker.js');
}

/** Path of the bundled CLI, with poolWorker.js beside it. */
export function cliFile(): string {
  return join(bundle(), 'cli.js');
}

/** Path of the scheduling tests' worker program (gatedTaskWorker.ts), bundled. */
export function gatedWorkerFile(): string {
  return join(bundle(), 'gatedTaskWorker.js');
}
