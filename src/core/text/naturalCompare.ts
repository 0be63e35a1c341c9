// Names compared as people read them: "model-2" before "model-10", case and accents aside.

let collator: Intl.Collator | undefined;

/**
 * Compares two texts in natural order (numbers by value, ignoring case). The collator is made on
 * first use: making the first one costs ~5 ms, which neither activation nor a page's first paint
 * should pay before anything is sorted.
 */
export function naturalCompare(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b);
}
