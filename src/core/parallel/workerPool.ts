// A pool of worker threads running pure tasks: a job is a handler name, a context every task shares
// (sent to each worker once) and a list of tasks; each idle worker gets the next task, and the results
// come back in task order whatever the number of threads. Cancelling terminates every worker at once
// (the tasks write nothing, so nothing is left half-done); the next job starts fresh workers.
// The workers run a bundled entry file (e.g. dist/poolWorker.js) — never code built from strings.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { UserError } from '../types';
import { abortError } from '../abort';
import type { FromWorker, ToWorker } from './poolMessages';

export interface PoolEvents<R> {
  readonly signal?: AbortSignal;
  /** Task `index` was handed to a worker. */
  onStart?(index: number): void;
  /** Task `index` finished. */
  onDone?(result: R, index: number): void;
  /** A task reported progress (handlers that call `report`). */
  onProgress?(index: number, step: string, fraction?: number): void;
}

interface Slot {
  readonly worker: Worker;
  /** The job whose context this worker holds (-1: none yet). */
  job: number;
  /** Removes this job's listeners from the worker. */
  detach?: () => void;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private nextJob = 1;
  private running = false;

  /**
   * `workerFile`: the bundled worker entry (it calls serveTasks). `size`: the number of threads.
   * Throws a UserError when the file is missing (an unbuilt checkout) or the size is not 1 … 256.
   */
  constructor(private readonly workerFile: string, readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_THREADS) throw new UserError(`a worker pool needs 1 to ${MAX_THREADS} threads, got ${size}`);
    if (!existsSync(workerFile)) {
      throw new UserError(`${workerFile}: the worker threads' program is missing — build Model Lab (npm run build) or run with --jobs 1`);
    }
  }

  /**
   * Runs `tasks` with the worker-side handler `handler`, at most `size` at a time, and resolves their
   * results in task order. Rejects with the abort error when `events.signal` aborts (every worker is
   * terminated), and with a task's error (name and message kept) or a worker's crash otherwise.
   */
  run<T, R>(handler: string, context: unknown, tasks: readonly T[], events: PoolEvents<R> = {}): Promise<R[]> {
    if (this.running) return Promise.reject(new Error('this WorkerPool is already running a job'));
    if (events.signal?.aborted) return Promise.reject(abortError(events.signal));
    if (tasks.length === 0) return Promise.resolve([]);
    this.running = true;
    const job = this.nextJob++;
    const results = new Array<R>(tasks.length);
    let next = 0;
    let done = 0;
    return new Promise<R[]>((resolve, reject) => {
      let settled = false;
      const finish = (error: unknown) => {
        if (settled) return;
        settled = true;
        this.running = false;
        events.signal?.removeEventListener('abort', onAbort);
        for (const s of this.slots) s.detach?.();
        if (error === undefined) {
          for (const s of this.slots) s.worker.unref();
          resolve(results);
        } else {
          this.terminateAll();
          reject(error);
        }
      };
      const onAbort = () => finish(abortError(events.signal!));
      events.signal?.addEventListener('abort', onAbort, { once: true });

      /** Hands the next task (if any) to the worker of slot `s`. */
      const feed = (s: Slot) => {
        if (settled || next >= tasks.length) return;
        const index = next++;
        if (s.job !== job) {
          s.worker.postMessage({ kind: 'context', job, handler, context } satisfies ToWorker);
          s.job = job;
        }
        s.worker.postMessage({ kind: 'task', job, index, task: tasks[index] } satisfies ToWorker);
        events.onStart?.(index);
      };

      const wanted = Math.min(this.size, tasks.length);
      while (this.slots.length < wanted) this.slots.push({ worker: new Worker(this.workerFile), job: -1 });
      for (const s of this.slots) {
        const onMessage = (m: FromWorker) => {
          if (settled || m.job !== job) return;
          if (m.kind === 'progress') {
            events.onProgress?.(m.index, m.step, m.fraction);
          } else if (m.kind === 'failed') {
            const e = m.name === 'UserError' ? new UserError(m.message) : new Error(m.message);
            if (m.name !== 'UserError') e.name = m.name;
            finish(e);
          } else {
            results[m.index] = m.result as R;
            done++;
            events.onDone?.(m.result as R, m.index);
            if (done === tasks.length) finish(undefined);
            else feed(s);
          }
        };
        const onError = (e: Error) => finish(new Error(`a worker thread failed: ${e.message}`));
        const onExit = (code: number) => finish(new Error(`a worker thread stopped (exit code ${code}) before its task finished`));
        s.worker.on('message', onMessage);
        s.worker.on('error', onError);
        s.worker.on('exit', onExit);
        s.detach = () => {
          s.worker.off('message', onMessage);
          s.worker.off('error', onError);
          s.worker.off('exit', onExit);
        };
        // A running job keeps the process alive; an idle pool does not.
        s.worker.ref();
      }
      for (const s of this.slots.slice(0, wanted)) feed(s);
    });
  }

  /** Stops every worker thread; the pool can run again (it starts new ones). */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Number of worker threads currently started. */
  get threads(): number {
    return this.slots.length;
  }

  private terminateAll(): void {
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) void s.worker.terminate();
  }
}

/** More threads than this is a typo, not a machine. */
const MAX_THREADS = 256;
