// The bundles Model Lab is made of: one list that scripts/build.mjs builds and the benchmark
// (bench/lib/productionBuild.mjs) rebuilds minified, so both always build the same things.
// Each entry is an esbuild configuration without the settings that depend on the kind of build
// (minify, source maps, log level): build.mjs adds those.

/** Node bundles run by VS Code's extension host or by node (CommonJS). */
const node = { platform: 'node', format: 'cjs', target: 'node20' };
/**
 * One copy of VS Code's API object in the extension bundle. esbuild turns each file's
 * `import * as vscode from 'vscode'` into its own copy of the (CommonJS) API object: a getter for
 * each of its ~300 names, so 32 files made ~9,600 getters while the extension loaded (5–14 ms of
 * its activation, measured in code-server). Every import of 'vscode' is resolved to one small
 * module that re-exports it; only that module requires the real one.
 */
const VSCODE_API_MODULE = 'vscode-api';
export const oneVscodeApi = {
  name: 'one-vscode-api',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === VSCODE_API_MODULE ? { path: 'vscode', external: true } : { path: VSCODE_API_MODULE, namespace: VSCODE_API_MODULE });
    build.onLoad({ filter: /.*/, namespace: VSCODE_API_MODULE }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

/** Webview pages (a browser IIFE each). */
const page = { platform: 'browser', format: 'iife', target: 'es2022' };

export const BUILD_TARGETS = [
  {
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    // engine.js is the lazily loaded heavy half of the core (src/extension/engine.ts), onDemand.js the
    // commands and pages that activation does not need (src/extension/onDemand.ts).
    external: ['pg-native', './engine.js', './onDemand.js'],
    plugins: [oneVscodeApi],
    shipped: true,
  },
  {
    ...node,
    entryPoints: ['src/extension/onDemandBundle.ts'],
    outfile: 'dist/onDemand.js',
    external: ['pg-native', './engine.js', './onDemand.js'],
    plugins: [oneVscodeApi],
    shipped: true,
  },
  { ...node, entryPoints: ['src/extension/engineBundle.ts'], outfile: 'dist/engine.js', external: ['pg-native'], shipped: true },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['pg-native'], banner: { js: '#!/usr/bin/env node' }, shipped: false },
  // The program of the worker threads (src/core/parallel/workerPool.ts), beside cli.js and engine.js:
  // the CLI's --jobs N and the extension's sweeps run on it.
  { ...node, entryPoints: ['src/core/parallel/poolWorker.ts'], outfile: 'dist/poolWorker.js', external: ['pg-native'], shipped: true },
  { ...page, entryPoints: ['webview/resultsPage.ts'], outfile: 'dist/resultsPage.js', shipped: true },
  { ...page, entryPoints: ['webview/comparePage.ts'], outfile: 'dist/comparePage.js', shipped: true },
  { ...page, entryPoints: ['webview/tunePage.ts'], outfile: 'dist/tunePage.js', shipped: true },
  // The charts of every page (Chart.js), loaded by a page once its text is painted (webview/chartLoader.ts).
  { ...page, entryPoints: ['webview/charts.ts'], outfile: 'dist/charts.js', shipped: true },
];

/** The esbuild options of a target (without the `shipped` flag, which is ours). */
export function esbuildOptions(target) {
  const { shipped: _shipped, ...options } = target;
  return options;
}
