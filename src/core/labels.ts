// Class order as scikit-learn sees it: np.unique sorts numbers numerically and strings by
// code point (JavaScript's default sort compares UTF-16 units, which differs past U+FFFF).
import type { Label } from './types';
import { UserError } from './types';

export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') {
    const ia = a[Symbol.iterator]();
    const ib = b[Symbol.iterator]();
    for (;;) {
      const x = ia.next();
      const y = ib.next();
      if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
      const cx = x.value.codePointAt(0)!;
      const cy = y.value.codePointAt(0)!;
      if (cx !== cy) return cx - cy;
    }
  }
  throw new UserError('Labels mix numbers and strings; use one kind of label per target column.');
}

/** Distinct labels in scikit-learn's class order (np.unique). */
export function sortedUniqueLabels(y: readonly Label[]): Label[] {
  const seen = new Map<string, Label>();
  for (const v of y) seen.set(typeof v + ':' + String(v), v);
  return [...seen.values()].sort(compareLabels);
}

/** Encodes labels as indices into `classes`; throws on a label outside them. */
export function encodeLabels(y: readonly Label[], classes: readonly Label[]): Int32Array {
  const index = new Map<string, number>();
  classes.forEach((c, i) => index.set(typeof c + ':' + String(c), i));
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(typeof y[i] + ':' + String(y[i]));
    if (k === undefined) throw new UserError(`Unknown label ${JSON.stringify(y[i])}.`);
    out[i] = k;
  }
  return out;
}
