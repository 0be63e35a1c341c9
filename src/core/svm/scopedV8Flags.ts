// V8 flags set only while the SVM's module compiles, then put back.
// Node checks the code it has cached for its own JavaScript (node:crypto, node:worker_threads, and
// everything a worker thread loads to start) against a hash of V8's flags: with any flag changed,
// that cache is refused and the code compiled again. A worker thread of the pool took ~50 ms to
// start instead of ~28 ms while a flag stayed changed (node bench/workerStart.mjs), and in the
// extension host every extension's later loads paid too. A compiled module keeps what the flags gave
// it: relaxed SIMD for its functions that V8 compiles later, at their first call, and the tiering
// budget.
import { setFlagsFromString } from 'node:v8';

/** A flag to set, and how to write it back to what it was. */
export interface ScopedFlag {
  readonly set: string;
  readonly restore: string;
}

/** Runs `use` with `flags` set, then writes each back (also when `use` throws). */
export function withV8Flags<T>(flags: readonly ScopedFlag[], use: () => T): T {
  if (flags.length === 0) return use();
  for (const f of flags) setFlagsFromString(f.set);
  try {
    return use();
  } finally {
    for (const f of flags) setFlagsFromString(f.restore);
  }
}
