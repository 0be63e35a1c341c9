// "Did you mean …?" for a column name, an option or a command: the closest name by edit distance,
// ignoring case, if close enough.

/**
 * Edits that turn `a` into `b`: a letter inserted, removed or replaced, or two neighbours swapped
 * ("trian" → "train" is one edit: the commonest typo; optimal string alignment distance).
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate nearest to wanted, or undefined when none is plausibly a typo of it. */
export function closestName(wanted: string, candidates: readonly string[]): string | undefined {
  const w = wanted.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // A third of the name (at least 1, at most 3 edits) still reads as a typo; more is another column.
  const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}
