// A pool of worker threads running pure tasks: a job is a handler name, a context every task shares
// and a list of tasks, sent to each worker once; every thread takes the next task from the job's
// shared queue (poolMessages.ts) as soon as it is free, and the results come back in task order
// whatever the number of threads. Two ways to end a job early: `signal` terminates every worker at
// once (the tasks write nothing, so nothing is left half-done; the next job starts fresh workers),
// `stop` closes the queue and lets the running tasks finish (the workers stay up). Either way every
// task that finished was reported through onDone first, so the caller keeps what finished. The
// workers run a bundled entry file (e.g. dist/poolWorker.js) — never code built from strings.
//
// A pool made with `thisThread` (the CLI's --jobs N) counts the calling thread as one of its N: it
// starts N - 1 workers and takes tasks from the queue itself between them. A process that exits after
// the job gains twice: its own thread works from the first moment instead of waiting ~30 ms for a
// worker to start and then warming one up, and it holds the job's input once less. While it runs a
// task it cannot answer a worker; since the workers take their tasks themselves, none waits for it
// (when the pool handed tasks out, a worker done with its share idled until the calling thread
// finished its own). Not for the extension host, whose thread must stay free.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { UserError } from '../types';
import { compiledSvm } from '../svm/svmEngine';
import { abortError } from '../abort';
import { closeTaskQueue, handlerOf, newTaskQueue, takeTask, type FromWorker, type TaskHandler, type ToWorker } from './poolMessages';
import { nextTurn } from '../nextTurn';

export interface PoolEvents<R> {
  /** Cancels: every worker is terminated at once and run() rejects with the abort error. */
  readonly signal?: AbortSignal;
  /**
   * Stops cooperatively: no thread takes a further task; once the running ones have finished, run()
   * resolves with the finished tasks' results at their indices (the others are absent).
   */
  readonly stop?: AbortSignal;
  /** Task `index` started, in a worker (reported when its message arrives) or in the calling thread. */
  onStart?(index: number): void;
  /**
   * Task `index` finished. Workers go on meanwhile; a calling thread that works too waits for the
   * promise returned (e.g. the model's save) before its next task, or its saves would lag behind
   * its fits by several tasks (each step of a save needs a turn of its event loop).
   */
  onDone?(result: R, index: number): void | Promise<unknown>;
  /** A task reported progress (handlers that call `report`). */
  onProgress?(index: number, step: string, fraction?: number): void;
}

interface Slot {
  readonly worker: Worker;
  /** Removes this job's listeners from the worker. */
  detach?: () => void;
}

export interface PoolOptions {
  /** The calling thread runs tasks too, with these handlers (the workers' table, taskHandlers.ts). */
  readonly thisThread?: Readonly<Record<string, TaskHandler>>;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private nextJob = 1;
  /** The job running now (settled when it ends): a job waits for the one before it. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Worker threads at most: `size`, less the calling thread when it works too. */
  private readonly maxWorkers: number;

  /**
   * `workerFile`: the bundled worker entry (it calls serveTasks). `size`: the number of threads that
   * run tasks (with `thisThread`, the calling thread is one of them). Throws a UserError when the file
   * is missing (an unbuilt checkout) or the size is not 1 … 256.
   */
  constructor(private readonly workerFile: string, readonly size: number, private readonly options: PoolOptions = {}) {
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_THREADS) throw new UserError(`a worker pool needs 1 to ${MAX_THREADS} threads, got ${size}`);
    this.maxWorkers = options.thisThread ? size - 1 : size;
    if (!existsSync(workerFile)) {
      throw new UserError(`${workerFile}: the worker threads' program is missing — build Model Lab (npm run build) or run with --jobs 1`);
    }
  }

  /**
   * Runs `tasks` with the worker-side handler `handler`, at most `size` at a time, and resolves their
   * results in task order. Rejects with the abort error when `events.signal` aborts (every worker is
   * terminated), and with a task's error (name and message kept) or a worker's crash otherwise.
   * When `events.stop` aborts, resolves early (after the running tasks) with the finished ones only.
   * Jobs run one after another: a job given while another runs (two commands of one window sharing
   * the pool) starts when that one ends; cancelling it meanwhile rejects at once.
   */
  run<T, R>(handler: string, context: unknown, tasks: readonly T[], events: PoolEvents<R> = {}): Promise<R[]> {
    const { signal } = events;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const mine = this.queue.then(() => this.runNow(handler, context, tasks, events));
    this.queue = mine.then(() => undefined, () => undefined);
    if (!signal) return mine;
    return new Promise<R[]>((resolve, reject) => {
      const onAbort = () => reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      void mine.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private runNow<T, R>(handler: string, context: unknown, tasks: readonly T[], events: PoolEvents<R>): Promise<R[]> {
    if (events.signal?.aborted) return Promise.reject(abortError(events.signal));
    if (tasks.length === 0 || events.stop?.aborted) return Promise.resolve(new Array<R>(tasks.length));
    const job = this.nextJob++;
    const results = new Array<R>(tasks.length);
    const taskQueue = newTaskQueue();
    let done = 0;
    /** Tasks taken from the queue by any thread, once it is closed (stop); until then every task counts. */
    let taken = tasks.length;
    const own = this.options.thisThread;
    return new Promise<R[]>((resolve, reject) => {
      let settled = false;
      const finish = (error: unknown) => {
        if (settled) return;
        settled = true;
        events.signal?.removeEventListener('abort', onAbort);
        events.stop?.removeEventListener('abort', onStop);
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
      const onStop = () => {
        taken = closeTaskQueue(taskQueue, tasks.length);
        if (done === taken) finish(undefined);
      };
      events.stop?.addEventListener('abort', onStop, { once: true });

      /** What onDone returned and the calling thread has not waited for yet. */
      let unsettled: Promise<unknown>[] = [];
      /** Task `index` finished with `result` (in a worker or in this thread). */
      const complete = (index: number, result: R) => {
        results[index] = result;
        done++;
        const after = events.onDone?.(result, index);
        if (own && after instanceof Promise) unsettled.push(after);
        if (done === taken) finish(undefined);
      };

      // With the calling thread working, one task alone never starts a worker.
      const wanted = Math.min(this.maxWorkers, own ? tasks.length - 1 : tasks.length);
      // Every kind of task fits or predicts with the SVM: the workers run this thread's compiled
      // module (workerData.svm, poolWorker.ts) rather than compiling and warming up their own.
      while (this.slots.length < wanted) this.slots.push({ worker: this.newWorker() });
      for (const s of this.slots.slice(0, wanted)) {
        const onMessage = (m: FromWorker) => {
          if (settled || m.job !== job) return;
          if (m.kind === 'started') {
            events.onStart?.(m.index);
          } else if (m.kind === 'progress') {
            events.onProgress?.(m.index, m.step, m.fraction);
          } else if (m.kind === 'failed') {
            const e = m.name === 'UserError' ? new UserError(m.message) : new Error(m.message);
            if (m.name !== 'UserError') e.name = m.name;
            finish(e);
          } else {
            complete(m.index, m.result as R);
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
        s.worker.postMessage({ kind: 'job', job, handler, context, tasks, queue: taskQueue.buffer as SharedArrayBuffer } satisfies ToWorker);
      }
      if (!own) return;
      // The calling thread's share: one task per turn of the event loop, so that the workers'
      // results, a cancel and a stop are seen between two of its tasks.
      const run = handlerOf(own, handler);
      void (async () => {
        for (;;) {
          const waitFor = unsettled;
          unsettled = [];
          await Promise.allSettled(waitFor);
          await nextTurn();
          if (settled) return;
          const index = takeTask(taskQueue, tasks.length);
          if (index === undefined) return;
          events.onStart?.(index);
          let result: R;
          try {
            if (run === undefined) throw new Error(`this thread has no handler for tasks of kind "${handler}"`);
            // A worker's result arrives structured-cloned: so does this one, to be the same data.
            result = structuredClone(await run(context, tasks[index], (step, fraction) => events.onProgress?.(index, step, fraction))) as R;
          } catch (e) {
            return finish(e instanceof Error ? e : new Error(String(e)));
          }
          if (settled) return;
          complete(index, result);
        }
      })();
    });
  }

  /**
   * Starts the workers a job of `tasks` tasks would use, ahead of it (while a wizard asks, or the data
   * is read): the job then finds them running instead of waiting ~40 ms for each. Idle, they keep no
   * process alive.
   */
  startWorkers(tasks = this.size): void {
    const wanted = Math.min(this.maxWorkers, tasks);
    while (this.slots.length < wanted) {
      const worker = this.newWorker();
      worker.unref();
      this.slots.push({ worker });
    }
  }

  private newWorker(): Worker {
    return new Worker(this.workerFile, { ...WORKER_OPTIONS, workerData: { svm: compiledSvm() } });
  }

  /** Closes the pool once the jobs given so far have ended (a pool replaced by one of another size). */
  async closeWhenIdle(): Promise<void> {
    await this.queue;
    await this.close();
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

/**
 * A worker's young generation (V8's nursery for new objects): 4 MB instead of V8's default. The
 * tasks' heavy memory is the SVM's WebAssembly memory; on the JS heap a worker mostly makes
 * short-lived copies (the job's rows as they arrive, results on their way out), which the default
 * nursery let pile up before collecting. Peak RSS of a sweep on 2 threads (bench/entries/
 * sweepInProcess.ts, 3 runs each): 4,000 rows 112–113 → 105–106 MB, 20,000 rows 304–311 →
 * 286–294 MB; tune 12 × 5 on 5,000 rows 115 → 106 MB; no slower.
 */
const WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 4 } };
