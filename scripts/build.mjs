// Bundles every entry point of scripts/buildTargets.mjs with esbuild: the extension and its lazily
// loaded engine (CommonJS for VS Code's extension host), the CLI (CommonJS with a shebang), the worker
// threads' program and the webview pages with their charts (browser IIFE).
import { build, context } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, watch as watchFolder } from 'node:fs';
import { join } from 'node:path';
import { BUILD_TARGETS, esbuildOptions } from './buildTargets.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'linked',
};

// What is bundled lives in scripts/buildTargets.mjs (the benchmark rebuilds the same list minified).
const targets = BUILD_TARGETS.filter((t) => existsSync(t.entryPoints[0])).map((t) => ({ ...common, ...esbuildOptions(t) }));

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
