// The messages between a WorkerPool (workerPool.ts) and the workers it starts (workerHost.ts). Tasks
// and results are structured-cloned, so they must be plain data: no functions, no class instances.

/** Pool → worker. */
export type ToWorker =
  /**
   * The input every task of job `job` shares (e.g. the training rows), sent once per worker per job.
   * `claims`: one Int32 per task, shared with the pool, when the calling thread may take back a task
   * handed ahead to a worker (claimTask).
   */
  | { readonly kind: 'context'; readonly job: number; readonly handler: string; readonly context: unknown; readonly claims?: SharedArrayBuffer }
  /** Task `index` of job `job`; the worker answers with 'result' or 'failed', or 'skipped' when the calling thread claimed it first. */
  | { readonly kind: 'task'; readonly job: number; readonly index: number; readonly task: unknown };

/** Worker → pool. */
export type FromWorker =
  | { readonly kind: 'result'; readonly job: number; readonly index: number; readonly result: unknown }
  /** Optional progress inside a long task ("Fitting", 0.3). */
  | { readonly kind: 'progress'; readonly job: number; readonly index: number; readonly step: string; readonly fraction?: number }
  /** The task threw: its error's name and message (a UserError keeps its name). */
  | { readonly kind: 'failed'; readonly job: number; readonly index: number; readonly name: string; readonly message: string }
  /** The task was not run here: the calling thread had claimed it (it runs it itself). */
  | { readonly kind: 'skipped'; readonly job: number; readonly index: number };

/** Runs one task inside a worker; `report` sends optional progress. May be async. */
export type TaskHandler = (context: unknown, task: unknown, report: (step: string, fraction?: number) => void) => unknown;

/** The handler of task kind `name` in `table`, or undefined (a table is a plain object: no inherited keys count). */
export function handlerOf(table: Readonly<Record<string, TaskHandler>>, name: string): TaskHandler | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/**
 * Claims task `index` for the thread that calls this, once: true for the first thread to ask (it runs
 * the task), false for every later one (the task is someone else's). Without `claims` (a job nothing
 * is taken back from) every task is its receiver's.
 */
export function claimTask(claims: Int32Array | undefined, index: number): boolean {
  return claims === undefined || Atomics.compareExchange(claims, index, 0, 1) === 0;
}
