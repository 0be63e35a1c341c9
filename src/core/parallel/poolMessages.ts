// The messages between a WorkerPool (workerPool.ts) and the workers it starts (workerHost.ts). Tasks
// and results are structured-cloned, so they must be plain data: no functions, no class instances.

/** Pool → worker. */
export type ToWorker = {
  /**
   * Job `job`: its input every task shares (e.g. the training rows) and all its tasks, sent once per
   * worker. The worker takes tasks itself from `queue` (takeTask) until none is left, so it never
   * waits for the pool's thread to hand it one.
   */
  readonly kind: 'job';
  readonly job: number;
  readonly handler: string;
  readonly context: unknown;
  readonly tasks: readonly unknown[];
  readonly queue: SharedArrayBuffer;
};

/** Worker → pool. */
export type FromWorker =
  /** The worker took task `index` from the queue and runs it now. */
  | { readonly kind: 'started'; readonly job: number; readonly index: number }
  | { readonly kind: 'result'; readonly job: number; readonly index: number; readonly result: unknown }
  /** Optional progress inside a long task ("Fitting", 0.3). */
  | { readonly kind: 'progress'; readonly job: number; readonly index: number; readonly step: string; readonly fraction?: number }
  /** The task threw: its error's name and message (a UserError keeps its name). */
  | { readonly kind: 'failed'; readonly job: number; readonly index: number; readonly name: string; readonly message: string };

/** Runs one task inside a worker; `report` sends optional progress. May be async. */
export type TaskHandler = (context: unknown, task: unknown, report: (step: string, fraction?: number) => void) => unknown;

/** The handler of task kind `name` in `table`, or undefined (a table is a plain object: no inherited keys count). */
export function handlerOf(table: Readonly<Record<string, TaskHandler>>, name: string): TaskHandler | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** A job's queue: the index of the next task to take, shared by every thread that runs the job's tasks. */
export function newTaskQueue(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** Takes the next task of the queue for the calling thread: its index, or undefined when none is left of `count`. */
export function takeTask(queue: Int32Array, count: number): number | undefined {
  const index = Atomics.add(queue, 0, 1);
  return index < count ? index : undefined;
}

/** A closed queue's index: past any job's tasks, and far from overflowing as threads still take. */
const CLOSED = 1 << 30;

/** Closes the queue: no thread takes another task. Returns how many had been taken (each will report). */
export function closeTaskQueue(queue: Int32Array, count: number): number {
  return Math.min(Atomics.exchange(queue, 0, CLOSED), count);
}
