// The compiled SVM: libsvm's solver, kernel cache, kernels and prediction, written in C
// (src/core/svm/wasm/) and compiled ahead of time to WebAssembly by `npm run build` (dist/svm.wasm).
// The same loops in JavaScript spent most of a small fit waiting for V8 to optimise them;
// WebAssembly starts at baseline speed, about half the optimised one, and V8 optimises its small
// hot functions within a few calls (wasm/tiering.h). IEEE doubles and float32 rounding are the
// same in both, so the numbers are too.
//
// The module is compiled once per thread. Fits and predictions reuse one instance while its memory
// stays small, and let a large one go (the kernel cache can take the whole cacheSizeMB): a new
// instance costs a new WebAssembly memory, and now and then a garbage collection to free the old.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../types';

/** Same numbering as enum kernel_kind in wasm/kernel.h. */
export const enum KernelKind { Linear = 0, Poly = 1, Rbf = 2, Sigmoid = 3 }

export interface KernelSpec {
  readonly kind: KernelKind;
  readonly gamma: number;
  readonly coef0: number;
  readonly degree: number;
}

/** The module's exports (pointers are byte offsets into memory). See the C sources for each. */
export interface SvmExports {
  readonly memory: WebAssembly.Memory;
  svm_reset(): void;
  svm_alloc(bytes: number): number;
  svm_train(
    x: number, n: number, d: number, y: number, k: number, kernel: number, gamma: number, coef0: number, degree: number,
    c: number, classWeight: number, tol: number, shrinking: number, maxIter: number, cacheBytes: number,
  ): number;
  svm_predict(
    x: number, n: number, d: number, sv: number, nSv: number, k: number, nSupport: number, coef: number, rho: number,
    kernel: number, gamma: number, coef0: number, degree: number, dec: number, vote: number,
  ): void;
  numpy_variance(x: number, count: number): number;
  glibc_exp(x: number): number;
  glibc_exp_float32(x: number): number;
  blas_dot(a: number, b: number, n: number): number;
  powi(base: number, times: number): number;
  cache_new(l: number, sizeBytes: number): number;
  cache_get_data(cache: number, index: number, len: number): number;
  cache_column(cache: number, index: number): number;
  cache_swap_index(cache: number, i: number, j: number): void;
}

const WASM_FILE = 'svm.wasm';
/** An instance whose memory grew past this is not kept for the next fit or prediction. */
const KEEP_INSTANCE_BYTES = 16 << 20;
/** Code given to env.fail by wasm/heap.h. */
const FAIL_OUT_OF_MEMORY = 1;

/**
 * dist/svm.wasm from wherever this code runs: a bundle (dist/engine.js, dist/cli.js, a benchmark's
 * bundle) finds it beside itself; the TypeScript source under tsx (the tests) finds the repository's dist/.
 */
function wasmFile(): { file: string; fromSource: boolean } {
  const fromSource = __filename.endsWith('.ts');
  return { file: fromSource ? join(__dirname, '..', '..', '..', 'dist', WASM_FILE) : join(__dirname, WASM_FILE), fromSource };
}

/** Running from source, a module older than its C sources would test stale code: say so instead. */
function assertFresh(file: string): void {
  const built = statSync(file).mtimeMs;
  const dir = join(__dirname, 'wasm');
  const stale = readdirSync(dir).filter((f) => /\.[ch]$/.test(f) && statSync(join(dir, f)).mtimeMs > built);
  if (stale.length > 0) throw new Error(`${file} is older than ${stale.join(', ')}: run \`npm run build\`.`);
}

let compiled: WebAssembly.Module | undefined;

function compile(): WebAssembly.Module {
  const { file, fromSource } = wasmFile();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new Error(`Model Lab's compiled SVM ${file} is missing: run \`npm run build\` (it needs clang and lld, see scripts/install.sh).`);
  }
  if (fromSource) assertFresh(file);
  return new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
}

const imports = {
  env: {
    tanh: Math.tanh,
    fail: (code: number): never => {
      if (code === FAIL_OUT_OF_MEMORY) {
        throw new UserError('SVC ran out of memory (the solver can use at most 4 GB): lower cacheSizeMB or train on fewer rows.');
      }
      throw new Error(`the compiled SVM failed with code ${code}`);
    },
  },
};

/**
 * A fresh instance of the compiled SVM (the module is compiled on first use). Throws when
 * dist/svm.wasm is missing, or, running from source, older than its C sources.
 */
export function svmInstance(): SvmExports {
  compiled ??= compile();
  return new WebAssembly.Instance(compiled, imports).exports as unknown as SvmExports;
}

let idle: SvmExports | undefined;

/**
 * Runs `use` with an instance whose heap is empty: the one kept from the last call when there is
 * one (a nested call gets a fresh one), kept again afterwards unless its memory grew large.
 * Pointers into it are valid only inside `use`. Throws what svmInstance and `use` throw.
 */
export function withSvm<T>(use: (w: SvmExports) => T): T {
  const w = idle ?? svmInstance();
  idle = undefined;
  w.svm_reset();
  try {
    return use(w);
  } finally {
    if (w.memory.buffer.byteLength <= KEEP_INSTANCE_BYTES) idle = w;
  }
}

/** The instance's memory is 32-bit addressed. */
const MAX_MEMORY_BYTES = 2 ** 32;

/** svm_alloc for a byte count from JavaScript, which could pass the 32-bit size an export takes. */
export function alloc(w: SvmExports, bytes: number): number {
  if (bytes >= MAX_MEMORY_BYTES) imports.env.fail(FAIL_OUT_OF_MEMORY);
  return w.svm_alloc(Math.max(bytes, 1));
}

/** Copies doubles into the instance's memory; returns their address. */
export function putF64(w: SvmExports, a: Float64Array): number {
  const at = alloc(w, a.byteLength);
  new Float64Array(w.memory.buffer, at, a.length).set(a);
  return at;
}

/** Copies 32-bit integers into the instance's memory; returns their address. */
export function putI32(w: SvmExports, a: Int32Array): number {
  const at = alloc(w, a.byteLength);
  new Int32Array(w.memory.buffer, at, a.length).set(a);
  return at;
}
