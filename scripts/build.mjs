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
// WebAssembly with clang 16's wasm32 target (Debian packages clang-16 and lld-16; no libc). Strict
// IEEE arithmetic (no contraction, no fast-math) keeps libsvm's numbers; bulk memory turns memcpy and
// memset into single instructions; SIMD is written out by hand where it pays. -O2 rather than -O3:
// the same speed once optimised, and less code for V8 to compile in every new process. Two builds:
// dist/svm.wasm emulates the fused multiply-adds of OpenBLAS and glibc (about 20 operations each),
// dist/svm-fma.wasm has them as relaxed-SIMD madd, which is the hardware's FMA on x86-64 with FMA3 and
// on ARM64; the engine loads it where it checks out fused (svmEngine.ts), the other one elsewhere.
// clang 14 (Debian's default) emits a draft encoding of relaxed SIMD that no runtime accepts.
const SVM_WASM_SOURCES = 'src/core/svm/wasm';
const SVM_WASM_BUILDS = [
  { out: 'dist/svm.wasm', flags: [] },
  { out: 'dist/svm-fma.wasm', flags: ['-mrelaxed-simd', '-DSVM_NATIVE_FMA'] },
];

/** clang-16 (what scripts/install.sh installs), else a `clang` of version 16 or later. */
function clangCommand() {
  for (const command of ['clang-16', 'clang']) {
    const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
    const major = Number(/clang version (\d+)/.exec(r.stdout ?? '')?.[1]);
    if (r.status === 0 && major >= 16) return command;
  }
  throw new Error('the SVM needs clang 16 or later to compile to WebAssembly: scripts/install.sh installs clang-16 and lld-16');
}
const SVM_WASM_FLAGS = [
  '--target=wasm32', '-O2', '-flto', '-ffreestanding', '-nostdlib', '-ffp-contract=off', '-mbulk-memory', '-msimd128',
  '-Wall', '-Wextra', '-Werror', '-Wl,--no-entry', '-Wl,--lto-O2',
];

function buildSvmWasm() {
  const sources = readdirSync(SVM_WASM_SOURCES).filter((f) => f.endsWith('.c')).sort().map((f) => join(SVM_WASM_SOURCES, f));
  mkdirSync('dist', { recursive: true });
  const clang = clangCommand();
  for (const { out, flags } of SVM_WASM_BUILDS) {
    const started = Date.now();
    const r = spawnSync(clang, [...SVM_WASM_FLAGS, ...flags, '-o', out, ...sources], { stdio: 'inherit' });
    if (r.error) throw new Error(`${clang} could not run (${r.error.message}): scripts/install.sh installs clang-16 and lld-16`);
    if (r.status !== 0) throw new Error(`${clang} failed to build ${out}`);
    console.log(`  ${out} built by ${clang} in ${Date.now() - started}ms`);
  }
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
