// Cancellation, one way everywhere: an aborted run throws an Error named 'AbortError' (a
// DOMException, as fetch and node's own APIs throw), and one predicate recognises it.

/** The error a cancelled run throws: the signal's reason when it is an Error, else an AbortError. */
export function abortError(signal?: AbortSignal, message = 'The operation was aborted'): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(message, 'AbortError');
}

/** Throws abortError(signal) when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** True for a cancellation from any bundle or API (DOMException AbortError, node's ABORT_ERR). */
export function isAbortError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: unknown }).code === 'ABORT_ERR');
}
