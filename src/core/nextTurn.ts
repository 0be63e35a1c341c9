// One turn of the event loop: long work in the calling thread awaits it between its steps, so that
// I/O, messages from worker threads, a cancel and (in the extension host) other extensions get their turn.

/** Resolves after the event loop has run once more (its I/O and timers first). */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
