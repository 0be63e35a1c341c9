// Bundles the three entry points with esbuild: the extension (CommonJS for VS Code's
// extension host), the CLI (CommonJS with a shebang) and the webview (browser IIFE).
import { build, context } from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'linked',
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // core.js is the lazily loaded engine (src/extension/lazyCore.ts), a bundle of its own.
    external: ['vscode', 'pg-native', './core.js'],
  },
  {
    ...common,
    entryPoints: ['src/extension/coreBundle.ts'],
    outfile: 'dist/core.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['pg-native'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['pg-native'],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The program of the worker threads of --jobs N (src/core/parallel/workerPool.ts), beside cli.js.
    ...common,
    entryPoints: ['src/core/parallel/poolWorker.ts'],
    outfile: 'dist/poolWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['pg-native'],
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['webview/compare.ts'],
    outfile: 'dist/compare.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((t) => existsSync(t.entryPoints[0]));

if (watch) {
  for (const t of targets) (await context(t)).watch();
} else {
  await Promise.all(targets.map((t) => build(t)));
}
