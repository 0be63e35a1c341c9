// The common case of numeric labels without the string keys of labels.ts (which cost more than a
// small fit). Same results: Map keys treat -0 as 0 and NaN as NaN, exactly like String(v) keys do,
// the last occurrence supplies the label value, and the order is compareLabels' numeric order.
import type { Label } from '../types';
import { compareLabels } from '../labels';

/** sortedUniqueLabels(y) when every label is a number; null otherwise. */
export function numericClasses(y: readonly Label[]): Label[] | null {
  const seen = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number') return null;
    seen.set(v, v);
  }
  return [...seen.values()].sort(compareLabels);
}

/** encodeLabels(y, classes) when labels and classes are all numbers and every label is a class; null otherwise. */
export function encodeNumeric(y: readonly Label[], classes: readonly Label[]): Int32Array | null {
  const index = new Map<number, number>();
  for (let c = 0; c < classes.length; c++) {
    const v = classes[c];
    if (typeof v !== 'number') return null;
    index.set(v, c);
  }
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const k = typeof v === 'number' ? index.get(v) : undefined;
    if (k === undefined) return null;
    out[i] = k;
  }
  return out;
}
