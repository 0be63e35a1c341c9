// The compiled SVM: libsvm's solver, kernel cache, kernels and prediction, written in C
// (src/core/svm/wasm/) and compiled ahead of time to WebAssembly by `npm run build`, in two builds
// (scripts/build.mjs): dist/svm-fma.wasm, whose fused multiply-adds (OpenBLAS's ddot, glibc's exp)
// are relaxed-SIMD madd, and dist/svm.wasm, which emulates them in about 20 operations each. The
// FMA build is used where relaxed madd is the hardware's FMA (x86-64 with FMA3, ARM64), which the
// engine checks on a value whose fused and unfused results differ; elsewhere, or with
// MODEL_LAB_SVM_BUILD=portable, the portable one (exact but for rare double-rounding ties, wasm/fma.h).
// The same loops in JavaScript spent most of a small fit waiting for V8 to optimise them;
// WebAssembly starts at baseline speed, about half the optimised one, and V8 optimises its small
// hot functions within a few calls (wasm/tiering.h). IEEE doubles and float32 rounding are the
// same in both, so the numbers are too.
//
// The module is compiled once per process: worker threads get it from the thread that starts them. Fits and predictions reuse one instance while its memory
// stays small, and let a large one go (the kernel cache can take the whole cacheSizeMB): a new
// instance costs a new WebAssembly memory, and now and then a garbage collection to free the old.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withV8Flags, type ScopedFlag } from './scopedV8Flags';
import { UserError } from '../types';
import { openBlasKernel, type BlasKernel } from './openBlasKernel';

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
  svm_fma(a: number, b: number, c: number): number;
  svm_set_blas_kernel(skylakex: number): void;
}

/** Which build of the compiled SVM runs in this thread. */
export type SvmBuild = 'fma' | 'portable';

const PORTABLE_FILE = 'svm.wasm';
const FMA_FILE = 'svm-fma.wasm';
/** An instance whose memory grew past this is not kept for the next fit or prediction. */
const KEEP_INSTANCE_BYTES = 16 << 20;
/** Code given to env.fail by wasm/heap.h. */
const FAIL_OUT_OF_MEMORY = 1;

/**
 * The folder of the compiled SVM from wherever this code runs: a bundle (dist/engine.js, dist/cli.js,
 * a benchmark's bundle) finds it beside itself; the TypeScript source under tsx (the tests) finds the
 * repository's dist/.
 */
function wasmFolder(): { dir: string; fromSource: boolean } {
  const fromSource = __filename.endsWith('.ts');
  return { dir: fromSource ? join(__dirname, '..', '..', '..', 'dist') : __dirname, fromSource };
}

/** Running from source, a module older than its C sources would test stale code: say so instead. */
function assertFresh(file: string): void {
  const built = statSync(file).mtimeMs;
  const dir = join(__dirname, 'wasm');
  const stale = readdirSync(dir).filter((f) => /\.[ch]$/.test(f) && statSync(join(dir, f)).mtimeMs > built);
  if (stale.length > 0) throw new Error(`${file} is older than ${stale.join(', ')}: run \`npm run build\`.`);
}

/** The compiled SVM and which build it is: what a thread shares with its worker threads. */
export interface CompiledSvm {
  readonly module: WebAssembly.Module;
  readonly build: SvmBuild;
}

let compiled: CompiledSvm | undefined;
/** The instance withSvm reuses (its heap emptied first), when one is kept. */
let idle: SvmExports | undefined;

/**
 * This thread's compiled SVM (compiling it first if need be), to hand to worker threads: V8 shares a
 * module's machine code between the threads of a process, so a worker given it compiles nothing and
 * runs what the other threads have optimised (its JavaScript still starts cold). A second pool of 2
 * threads, 8 models on 4,000 rows: 348–381 → 321–349 ms; a fresh process's first pool: unchanged.
 */
export function compiledSvm(): CompiledSvm {
  compiled ??= compile();
  return compiled;
}

/** Makes a worker thread run the module its pool's thread compiled (compiledSvm()) instead of compiling its own. */
export function useCompiledSvm(shared: CompiledSvm): void {
  compiled = shared;
}

function compile(): CompiledSvm {
  const { dir, fromSource } = wasmFolder();
  if (process.env['MODEL_LAB_SVM_BUILD'] !== 'portable') {
    const fma = fmaModule(join(dir, FMA_FILE), fromSource);
    if (fma) return { module: fma, build: 'fma' };
  }
  const portable = join(dir, PORTABLE_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(portable);
  } catch {
    throw new Error(`Model Lab's compiled SVM ${portable} is missing: run \`npm run build\` (it needs clang-16 and lld-16, see scripts/install.sh).`);
  }
  if (fromSource) assertFresh(portable);
  return { module: withV8Flags(budgetFlags(), () => new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)), build: 'portable' };
}

/**
 * V8 optimises one of a module's functions once it has run a budget of code (Node 20: 1,800,000
 * "bytes executed"), on background threads, and the optimised code serves the next call, never the
 * running one. In a process that fits once or a few times and exits, that came too late and cost:
 * a 1,000-row fit sent 8 functions to TurboFan (2 with this budget), whose compiles took the cores
 * the fit ran on (2 here; Node's V8 has 4 threads for them). V8 reads the budget when it compiles
 * a module, so it is set just for that (scopedV8Flags.ts); worker threads run that module. The
 * benchmark's fresh-process entry, fit + predict, medians of alternating runs, Node 20's budget →
 * this one: 150 and 1,000 rows (21 runs each) 11.8 → 10.4 and 27.6 → 19.1 ms, 5,000 rows (11)
 * 110 → 91 ms, digits (7) 229 → 187 ms, 20,000 rows (5) 970 → 952 ms;
 * `tune` 12 × 5 on 5,000 rows and a sweep of 8 on 4,000 rows, whole process, --jobs 1 and 2: within
 * the noise of 7 runs. A budget of 100,000,000 was no better at 1,000 rows and lost at 5,000 in 2 of
 * 3 series; 1,000,000,000 lost 25 % there.
 */
const SHORT_PROCESS_TIERING_BUDGET = 30_000_000;

/** V8's own budget (Node 20, 22), which the flag is put back to. */
const V8_TIERING_BUDGET = 1_800_000;

/** SHORT_PROCESS_TIERING_BUDGET once compileForShortProcess was called (and the user gave node none). */
let shortProcessBudget: number | undefined;

/**
 * For a process that runs a few fits and exits (the model-lab command): the module, compiled at the
 * first fit, gets SHORT_PROCESS_TIERING_BUDGET. Not for the extension host, which lives on: there
 * V8's early optimising serves every later fit. A --wasm-tiering-budget the user gave node stays
 * theirs (NODE_OPTIONS cannot carry it). Call before the first fit.
 */
export function compileForShortProcess(): void {
  if (process.execArgv.some((a) => /^--wasm[-_]tiering[-_]budget\b/.test(a))) return;
  shortProcessBudget = SHORT_PROCESS_TIERING_BUDGET;
}

/** The flag that compiles the module with the short process's budget, if this is one. */
function budgetFlags(): ScopedFlag[] {
  const budget = shortProcessBudget;
  return budget === undefined ? [] : [{ set: `--wasm-tiering-budget=${budget}`, restore: `--wasm-tiering-budget=${V8_TIERING_BUDGET}` }];
}

/** The FMA build, when it is there, compiles, and its madd fuses here; otherwise undefined. */
function fmaModule(file: string, fromSource: boolean): WebAssembly.Module | undefined {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = readFileSync(file) as Uint8Array<ArrayBuffer>;
  } catch {
    return undefined; // an optimisation only: a folder without it runs the portable build
  }
  if (fromSource) assertFresh(file);
  // Node 20's V8 has relaxed SIMD (part of WebAssembly 3.0) behind this flag; later ones have it on.
  // Asked of a module of 56 bytes: the module itself failing first cost a fresh process ~1.1 ms.
  const relaxed: ScopedFlag[] = WebAssembly.validate(RELAXED_MADD) ? [] : [{ set: '--experimental-wasm-relaxed-simd', restore: '--no-experimental-wasm-relaxed-simd' }];
  const module = withV8Flags([...relaxed, ...budgetFlags()], () => compileOrUndefined(bytes));
  if (!module) return undefined;
  const probe = new WebAssembly.Instance(module, imports).exports as unknown as SvmExports;
  // (1 + 2^-30)(1 - 2^-30) - 1 is -2^-60 fused; the product alone rounds to 1, so unfused gives 0.
  return probe.svm_fma(1 + 2 ** -30, 1 - 2 ** -30, -1) === -(2 ** -60) ? module : undefined;
}

/** (func (param f64 f64 f64) (result f64) f64x2.relaxed_madd of three splats, lane 0): compiles where relaxed SIMD is on. */
export const RELAXED_MADD = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7c, 0x7c, 0x7c, 0x01, 0x7c, // type: (f64 f64 f64) -> f64
  0x03, 0x02, 0x01, 0x00, // function 0 has type 0
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f"
  0x0a, 0x16, 0x01, 0x14, 0x00, // code: one body of 20 bytes, no locals
  0x20, 0x00, 0xfd, 0x14, 0x20, 0x01, 0xfd, 0x14, 0x20, 0x02, 0xfd, 0x14, // local.get i; f64x2.splat (× 3)
  0xfd, 0x87, 0x02, 0xfd, 0x21, 0x00, 0x0b, // f64x2.relaxed_madd; f64x2.extract_lane 0; end
]);

function compileOrUndefined(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | undefined {
  try {
    return new WebAssembly.Module(bytes);
  } catch {
    return undefined;
  }
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
export function svmInstance(kernel: BlasKernel = blasKernel()): SvmExports {
  compiled ??= compile();
  const w = new WebAssembly.Instance(compiled.module, imports).exports as unknown as SvmExports;
  w.svm_set_blas_kernel(kernel === 'skylakex' ? 1 : 0);
  return w;
}

let kernelOfThisMachine: BlasKernel | undefined;

/** The ddot kernel scikit-learn's OpenBLAS uses here (openBlasKernel.ts), found once per thread. */
export function blasKernel(): BlasKernel {
  kernelOfThisMachine ??= openBlasKernel();
  return kernelOfThisMachine;
}

/** Which build this thread runs (compiling it first if need be). */
export function svmBuild(): SvmBuild {
  compiled ??= compile();
  return compiled.build;
}

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
