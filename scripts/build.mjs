// Bundles every entry point with esbuild: the extension and its lazily loaded engine (CommonJS for
// VS Code's extension host), the CLI (CommonJS with a shebang) and the webview pages (browser IIFE).
import { build, context } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, watch as watchFolder } from 'node:fs';
import { join } from 'node:path';

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
    // engine.js is the lazily loaded heavy half of the core (src/extension/engine.ts).
    external: ['vscode', 'pg-native', './engine.js'],
  },
  {
    ...common,
    entryPoints: ['src/extension/engineBundle.ts'],
    outfile: 'dist/engine.js',
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
    entryPoints: ['webview/resultsPage.ts'],
    outfile: 'dist/resultsPage.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['webview/comparePage.ts'],
    outfile: 'dist/comparePage.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['webview/tunePage.ts'],
    outfile: 'dist/tunePage.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((t) => existsSync(t.entryPoints[0]));

// The SVM's solver, kernels and prediction (src/core/svm/wasm/*.c) compiled ahead of time to
// WebAssembly with clang's wasm32 target (Debian packages clang and lld; no libc). Strict IEEE
// arithmetic (no contraction, no fast-math) keeps libsvm's numbers; bulk memory turns memcpy and
// memset into single instructions; SIMD is written out by hand where it pays. -O2 rather than -O3:
// the same speed once optimised, and less code for V8 to compile in every new process. The engine
// loads dist/svm.wasm beside its bundle (svmEngine.ts).
const SVM_WASM_SOURCES = 'src/core/svm/wasm';
const SVM_WASM_OUT = 'dist/svm.wasm';
const SVM_WASM_FLAGS = [
  '--target=wasm32', '-O2', '-flto', '-ffreestanding', '-nostdlib', '-ffp-contract=off', '-mbulk-memory', '-msimd128',
  '-Wall', '-Wextra', '-Werror', '-Wl,--no-entry', '-Wl,--lto-O2',
];

function buildSvmWasm() {
  const sources = readdirSync(SVM_WASM_SOURCES).filter((f) => f.endsWith('.c')).sort().map((f) => join(SVM_WASM_SOURCES, f));
  mkdirSync('dist', { recursive: true });
  const started = Date.now();
  const r = spawnSync('clang', [...SVM_WASM_FLAGS, '-o', SVM_WASM_OUT, ...sources], { stdio: 'inherit' });
  if (r.error) throw new Error(`clang could not run (${r.error.message}): scripts/install.sh installs clang and lld`);
  if (r.status !== 0) throw new Error(`clang failed to build ${SVM_WASM_OUT}`);
  console.log(`  ${SVM_WASM_OUT} built by clang in ${Date.now() - started}ms`);
}

if (watch) {
  buildSvmWasm();
  watchFolder(SVM_WASM_SOURCES, () => {
    try {
      buildSvmWasm();
    } catch (e) {
      console.error(e.message);
    }
  });
  for (const t of targets) (await context(t)).watch();
} else {
  buildSvmWasm();
  await Promise.all(targets.map((t) => build(t)));
}
