// Shared value types of the core. Rows are samples, columns are features.

/** A class label as it appears in the data: scikit-learn keeps ints as ints and strings as strings. */
export type Label = number | string;

/** A dense matrix, one array per row (sample). */
export type Matrix = readonly (readonly number[])[];

/** How a split size is meant: scikit-learn treats 0.8 (float) and 120 (int) differently; JS cannot tell 1 from 1.0. */
export type SplitSize = { readonly kind: 'fraction'; readonly value: number } | { readonly kind: 'count'; readonly value: number };

/** An error whose message is meant for the user as is (no stack trace shown). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * True for a UserError from any bundle: the extension and its lazily loaded engine (dist/engine.js)
 * each carry their own copy of the class, so `instanceof` alone is not enough.
 */
export function isUserError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'UserError';
}
