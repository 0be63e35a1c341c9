// Work that holds this thread: a fit of many rows runs in WebAssembly without returning to the
// event loop, so nothing this thread's host does on an event (the CLI's graceful Ctrl-C) can happen
// until it ends — seconds to hours. The host may want to know (the CLI lets Ctrl-C end the process
// during it); by default, and on worker threads, nothing is done.

/** Training rows from which a fit counts as long work (a fit of 2,000 rows takes tens of ms, more with a large C). */
export const LONG_FIT_ROWS = 2_000;

let hook: (() => () => void) | undefined;

/** Sets what to do around long work on this thread: called before it, and the function it returns after it. */
export function onLongWork(around: (() => () => void) | undefined): void {
  hook = around;
}

/** Runs `work`, a fit (and its scoring) on `trainRows` rows, in this thread, telling the host when it is long. */
export function fitWork<T>(trainRows: number, work: () => T): T {
  if (hook === undefined || trainRows < LONG_FIT_ROWS) return work();
  const done = hook();
  try {
    return work();
  } finally {
    done();
  }
}
