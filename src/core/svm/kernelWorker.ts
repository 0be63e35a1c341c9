// A second thread for the RBF kernel loops: it computes chunks of training-matrix columns and blocks of
// prediction rows while the main thread does the same. Work is claimed chunk by chunk through a
// shared counter, and the main thread NEVER waits for the worker: whatever the worker has not
// finished when the main thread runs out of chunks, the main thread computes itself. So results
// are the same values whether the worker helps, is slow, is still starting, or is missing — only
// the time changes. Both threads run the same code (rbfKernels.ts), which makes late or duplicate
// writes of a value harmless: they write the same bits.
//
// The worker is created from source text (eval), so it needs no file of its own next to the
// bundles (dist/cli.js, dist/core.js) or under tsx. It is unref'd: it never keeps a process alive.
// MODEL_LAB_SVM_THREADS=1 (or setSvmThreads(1)) keeps everything on the calling thread.
import { Worker } from 'node:worker_threads';
import { EXP_TABLES, makeRbfKernels, rbfKernels } from './rbfKernels';

// Slots of the shared control array.
const SEQ = 0;
const OP = 1;
const NEXT = 2;
const NCHUNKS = 3;
const JOB = 4;
const COL_I = 5;
const COL_START = 6;
const COL_LEN = 7;
const CHUNK = 8;
// Slot 9: set to 1 by the worker once it runs.
const CTRL_LEN = 10;
const OP_COLUMN = 1;
const OP_PREDICT = 2;

/**
 * Column entries per chunk, and the shortest sub-problem worth a second thread (starting one costs
 * the calling thread ~10 ms and the machine ~50 ms of CPU; below this size it never paid off here).
 */
let COLUMN_CHUNK = 512;
let MIN_PARALLEL_PROBLEM = 4096;
let MIN_PARALLEL_COLUMN = 1024;
/** Prediction rows per block; the least kernel work (rows x support vectors) worth sharing with a running worker, or worth starting one for. */
let PREDICT_BLOCK = 16;
let MIN_PARALLEL_PREDICT = 200_000;
let MIN_PREDICT_TO_START = 10_000_000;

interface ColumnProblem {
  kind: 'problem';
  id: number;
  xp: Float64Array;
  xs: Float64Array;
  y: Int8Array;
  d: number;
  negGamma: number;
  scratch: Float32Array;
  done: Int32Array;
}

interface PredictJob extends RbfPredictInput {
  kind: 'predict';
  id: number;
  dec: Float64Array;
  winner: Int32Array;
  done: Int32Array;
  block: number;
}

/** The worker's loop. SELF-CONTAINED: its source text runs in the worker (see workerSource). */
function workerMain(
  makeKernels: typeof makeRbfKernels, tables: typeof EXP_TABLES, ctrl: Int32Array,
  wt: { parentPort: unknown; receiveMessageOnPort(port: unknown): { message: unknown } | undefined },
): void {
  const K = makeKernels(tables);
  let problem: ColumnProblem | null = null;
  let job: PredictJob | null = null;
  let kvalue = new Float64Array(0);
  let votes = new Int32Array(0);
  let seen = 0; // a job posted while the worker was starting is joined at once
  Atomics.store(ctrl, 9, 1);
  for (;;) {
    Atomics.wait(ctrl, 0, seen);
    const seq = Atomics.load(ctrl, 0);
    seen = seq;
    for (let m = wt.receiveMessageOnPort(wt.parentPort); m !== undefined; m = wt.receiveMessageOnPort(wt.parentPort)) {
      const msg = m.message as ColumnProblem | PredictJob | { kind: 'exit' };
      if (msg.kind === 'exit') return;
      if (msg.kind === 'problem') problem = msg;
      else job = msg;
    }
    const op = Atomics.load(ctrl, 1);
    const id = Atomics.load(ctrl, 4);
    if (op === 1 && problem !== null && problem.id === id) {
      const p = problem;
      const i = ctrl[5], start = ctrl[6], len = ctrl[7], n = ctrl[3], ch = ctrl[8];
      for (let c = Atomics.add(ctrl, 2, 1); c < n && Atomics.load(ctrl, 0) === seq; c = Atomics.add(ctrl, 2, 1)) {
        const a = start + c * ch;
        K.fillColumn(p.scratch, a, Math.min(len, a + ch), i, p.xp, p.d, p.xs, p.y, p.negGamma);
        Atomics.store(p.done, c, seq);
      }
    } else if (op === 2 && job !== null && job.id === id) {
      const q = job;
      if (kvalue.length < q.nSv) kvalue = new Float64Array(q.nSv);
      if (votes.length < q.nClasses) votes = new Int32Array(q.nClasses);
      const nPairs = (q.nClasses * (q.nClasses - 1)) / 2;
      const n = ctrl[3];
      for (let c = Atomics.add(ctrl, 2, 1); c < n && Atomics.load(ctrl, 0) === seq; c = Atomics.add(ctrl, 2, 1)) {
        const to = Math.min(q.n, (c + 1) * q.block);
        for (let r = c * q.block; r < to; r++) {
          K.kernelRow(q.x, r * q.d, q.sv, q.nSv, q.d, q.negGamma, kvalue);
          q.winner[r] = K.voteRow(kvalue, q.nClasses, q.start, q.nSupport, q.coef, q.rho, q.dec, r * nPairs, votes);
        }
        Atomics.store(q.done, c, seq);
      }
    }
  }
}

function workerSource(): string {
  return [
    '"use strict";',
    "const wt = require('node:worker_threads');",
    `const main = (${workerMain.toString()});`,
    `const kernels = (${makeRbfKernels.toString()});`,
    // Transpilers that keep function names (tsx, esbuild keepNames) call a helper inside functions,
    // under a name that minifying changes: define whatever is missing as identity and start again.
    'for (let attempt = 0; attempt < 8; attempt++) {',
    '  try { main(kernels, wt.workerData.tables, wt.workerData.ctrl, wt); break; } catch (e) {',
    '    const m = e instanceof ReferenceError ? /^(\\S+) is not defined$/.exec(e.message) : null;',
    '    if (!m) throw e;',
    '    globalThis[m[1]] = function (f) { return f; };',
    '  }',
    '}',
  ].join('\n');
}

let threads = process.env.MODEL_LAB_SVM_THREADS === '1' ? 1 : 2;
let worker: Worker | null = null;
let ctrl: Int32Array | null = null;
let nextId = 1;
/** Chunks and blocks the worker computed (tests read it; it decides nothing). */
let workerShare = 0;
/** Tests only: the main thread lets the worker claim first (bounded wait), so the worker's path runs for sure. */
let handoffForTests = false;

export function kernelWorkerShare(): number {
  return workerShare;
}

/** Tests only: also share small problems in small pieces, so fixture-sized fits go through the worker. */
export function setWorkerHandoffForTests(on: boolean): void {
  handoffForTests = on;
  COLUMN_CHUNK = on ? 16 : 512;
  MIN_PARALLEL_PROBLEM = on ? 32 : 4096;
  MIN_PARALLEL_COLUMN = on ? 32 : 1024;
  PREDICT_BLOCK = on ? 2 : 16;
  MIN_PARALLEL_PREDICT = on ? 1 : 200_000;
  MIN_PREDICT_TO_START = on ? 1 : 10_000_000;
}

/** Starts the worker if needed; resolves true once it runs (false when single-threaded or it fails). */
export async function startKernelWorker(timeoutMs = 20_000): Promise<boolean> {
  const c = ensureWorker();
  const deadline = Date.now() + timeoutMs;
  while (c !== null && ctrl === c && Atomics.load(c, 9) !== 1 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return c !== null && ctrl === c && Atomics.load(c, 9) === 1;
}

/** Tests only: spin until the worker has claimed a piece of job n (bounded). */
function handoff(c: Int32Array): void {
  if (!handoffForTests) return;
  const deadline = Date.now() + 10_000;
  while (Atomics.load(c, NEXT) === 0) {
    if (Date.now() > deadline) { handoffForTests = false; return; } // the worker is gone: let the test fail fast
  }
}

/** 1 = never use a second thread; 2 (default) = use one when the work is large enough. */
export function setSvmThreads(n: 1 | 2): void {
  threads = n;
  if (n === 1) stopKernelWorker();
}

/** Stops the worker thread (a later large fit or prediction starts a new one). */
export function stopKernelWorker(): void {
  if (worker) {
    worker.postMessage({ kind: 'exit' });
    if (ctrl) { Atomics.add(ctrl, SEQ, 1); Atomics.notify(ctrl, SEQ); }
    void worker.terminate();
  }
  worker = null;
  ctrl = null;
}

/** The shared control array of a running (or starting) worker, or null when single-threaded. */
function ensureWorker(): Int32Array | null {
  if (threads < 2) return null;
  if (worker && ctrl) return ctrl;
  try {
    const c = new Int32Array(new SharedArrayBuffer(CTRL_LEN * 4));
    const w = new Worker(workerSource(), { eval: true, workerData: { tables: EXP_TABLES, ctrl: c } });
    w.unref();
    // A worker that fails will fail again: stay single-threaded from then on.
    w.on('error', () => { threads = 1; if (worker === w) { worker = null; ctrl = null; } });
    w.on('exit', () => { if (worker === w) { worker = null; ctrl = null; } });
    worker = w;
    ctrl = c;
    return c;
  } catch {
    threads = 1; // no worker_threads here: stay single-threaded
    return null;
  }
}

function sharedF64(a: Float64Array): Float64Array {
  const s = new Float64Array(new SharedArrayBuffer(a.length * 8));
  s.set(a);
  return s;
}

/** Starts job `id` of kind op with n chunks; returns its sequence number. */
function post(c: Int32Array, op: number, id: number, n: number): number {
  Atomics.store(c, NEXT, 0);
  Atomics.store(c, NCHUNKS, n);
  Atomics.store(c, OP, op);
  Atomics.store(c, JOB, id);
  const seq = Atomics.add(c, SEQ, 1) + 1;
  Atomics.notify(c, SEQ, 1);
  return seq;
}

/**
 * Training-matrix columns for one sub-problem, shared with the worker when worthwhile. The arrays
 * must stay the ones given here (swapped in place by shrinking), so they live in shared memory.
 */
export class ParallelColumns {
  private readonly c: Int32Array | null;
  private readonly p: ColumnProblem | null;
  private mine = new Uint8Array(0);
  private readonly chunk = COLUMN_CHUNK;

  /** Copies xp, xs, y into shared memory when a worker is used; use the returned arrays from then on. */
  constructor(readonly xp: Float64Array, readonly xs: Float64Array, readonly y: Int8Array, readonly d: number, readonly negGamma: number) {
    const l = xs.length;
    this.c = l >= MIN_PARALLEL_PROBLEM ? ensureWorker() : null;
    if (this.c && worker) {
      this.xp = sharedF64(xp);
      this.xs = sharedF64(xs);
      this.y = new Int8Array(new SharedArrayBuffer(l));
      this.y.set(y);
      this.p = {
        kind: 'problem', id: nextId++, xp: this.xp, xs: this.xs, y: this.y, d, negGamma,
        scratch: new Float32Array(new SharedArrayBuffer(l * 4)),
        done: new Int32Array(new SharedArrayBuffer((Math.ceil(l / this.chunk) + 1) * 4)),
      };
      worker.postMessage(this.p);
    } else this.p = null;
  }

  /** Entries [start, len) of column i into out (same values as rbfKernels.fillColumn). */
  fill(out: Float32Array, start: number, len: number, i: number): void {
    const { xp, xs, y, d, negGamma } = this;
    const c = this.c, p = this.p;
    if (c === null || p === null || len - start < MIN_PARALLEL_COLUMN || ctrl !== c) {
      rbfKernels.fillColumn(out, start, len, i, xp, d, xs, y, negGamma);
      return;
    }
    const ch = this.chunk;
    const n = Math.ceil((len - start) / ch);
    Atomics.store(c, COL_I, i);
    Atomics.store(c, COL_START, start);
    Atomics.store(c, COL_LEN, len);
    Atomics.store(c, CHUNK, ch);
    const seq = post(c, OP_COLUMN, p.id, n);
    handoff(c);
    if (this.mine.length < n) this.mine = new Uint8Array(n);
    const mine = this.mine;
    mine.fill(0, 0, n);
    for (let k = Atomics.add(c, NEXT, 1); k < n; k = Atomics.add(c, NEXT, 1)) {
      mine[k] = 1;
      const a = start + k * ch;
      rbfKernels.fillColumn(out, a, Math.min(len, a + ch), i, xp, d, xs, y, negGamma);
    }
    for (let k = 0; k < n; k++) {
      if (mine[k]) continue;
      const a = start + k * ch;
      const b = Math.min(len, a + ch);
      if (Atomics.load(p.done, k) === seq) {
        out.set(p.scratch.subarray(a, b), a);
        workerShare++;
      } else rbfKernels.fillColumn(out, a, b, i, xp, d, xs, y, negGamma);
    }
  }
}

export interface RbfPredictInput {
  x: Float64Array;
  n: number;
  d: number;
  sv: Float64Array;
  nSv: number;
  negGamma: number;
  nClasses: number;
  start: Int32Array;
  nSupport: Int32Array;
  coef: Float64Array[];
  rho: Float64Array;
}

/** RBF decision values and votes for every row, rows shared with the worker when worthwhile. */
export function rbfPredict(m: RbfPredictInput): { dec: Float64Array; vote: Int32Array } {
  const nPairs = (m.nClasses * (m.nClasses - 1)) / 2;
  const work = m.n * m.nSv;
  const c = work >= (worker ? MIN_PARALLEL_PREDICT : MIN_PREDICT_TO_START) ? ensureWorker() : null;
  const w = worker;
  const shared = c !== null && w !== null;
  const dec = shared ? new Float64Array(new SharedArrayBuffer(m.n * nPairs * 8)) : new Float64Array(m.n * nPairs);
  const winner = shared ? new Int32Array(new SharedArrayBuffer(m.n * 4)) : new Int32Array(m.n);
  const kvalue = new Float64Array(m.nSv);
  const votes = new Int32Array(m.nClasses);
  const rows = (from: number, to: number): void => {
    for (let r = from; r < to; r++) {
      rbfKernels.kernelRow(m.x, r * m.d, m.sv, m.nSv, m.d, m.negGamma, kvalue);
      winner[r] = rbfKernels.voteRow(kvalue, m.nClasses, m.start, m.nSupport, m.coef, m.rho, dec, r * nPairs, votes);
    }
  };
  if (!shared) {
    rows(0, m.n);
    return { dec, vote: winner };
  }
  const n = Math.ceil(m.n / PREDICT_BLOCK);
  const job: PredictJob = {
    kind: 'predict', id: nextId++, x: sharedF64(m.x), n: m.n, d: m.d, sv: m.sv, nSv: m.nSv, negGamma: m.negGamma,
    nClasses: m.nClasses, start: m.start, nSupport: m.nSupport, coef: m.coef, rho: m.rho, dec, winner,
    done: new Int32Array(new SharedArrayBuffer(n * 4)), block: PREDICT_BLOCK,
  };
  w.postMessage(job);
  const seq = post(c, OP_PREDICT, job.id, n);
  handoff(c);
  const mine = new Uint8Array(n);
  for (let k = Atomics.add(c, NEXT, 1); k < n; k = Atomics.add(c, NEXT, 1)) {
    mine[k] = 1;
    rows(k * PREDICT_BLOCK, Math.min(m.n, (k + 1) * PREDICT_BLOCK));
  }
  for (let k = 0; k < n; k++) {
    if (mine[k]) continue;
    if (Atomics.load(job.done, k) === seq) workerShare++;
    else rows(k * PREDICT_BLOCK, Math.min(m.n, (k + 1) * PREDICT_BLOCK));
  }
  // Stop the worker's claims on this job before handing the arrays out (late writes would be equal anyway).
  Atomics.store(c, OP, 0);
  return { dec: dec.slice(), vote: winner.slice() };
}
