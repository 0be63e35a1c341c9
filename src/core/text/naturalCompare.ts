// Names compared as people read them: "model-2" before "model-10", and a run of digits with a
// decimal point as the decimal it is ("C0.01" < "C0.1" < "C0.11" < "C0.2"), case and accents aside.
// The one name order of Model Lab: Compare's table (and its CSV), the Saved Models view's Sort by
// Name and `model-lab compare` all sort with it (pages reach it through src/protocol).

let collator: Intl.Collator | undefined;

/** A run of digits, with its decimals: "0.01" → { int: '0', frac: '01' }. */
interface NumberPart {
  readonly int: string;
  readonly frac: string;
}

const NUMBER = /(\d+)(?:\.(\d+))?/g;

function parts(s: string): (string | NumberPart)[] {
  const out: (string | NumberPart)[] = [];
  let at = 0;
  for (const m of s.matchAll(NUMBER)) {
    if (m.index > at) out.push(s.slice(at, m.index));
    out.push({ int: m[1]!.replace(/^0+(?=\d)/, ''), frac: (m[2] ?? '').replace(/0+$/, '') });
    at = m.index + m[0].length;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}

/** Exact, for any length: by the whole part's digits, then the decimals' (no float rounding). */
function compareNumbers(a: NumberPart, b: NumberPart): number {
  if (a.int.length !== b.int.length) return a.int.length - b.int.length;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  return a.frac === b.frac ? 0 : a.frac < b.frac ? -1 : 1;
}

/**
 * Compares two texts in natural order: numbers (with their decimals) by value and before words,
 * the words ignoring case and accents; texts equal so far are ordered by case, then by code point,
 * so that the order is total. The collator is made on first use: making the first one costs ~5 ms,
 * which neither activation nor a page's first paint should pay before anything is sorted.
 */
export function naturalCompare(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { sensitivity: 'base' });
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const byPart = typeof x === 'string'
      ? (typeof y === 'string' ? collator.compare(x, y) : 1)
      : (typeof y === 'string' ? -1 : compareNumbers(x, y));
    if (byPart !== 0) return byPart;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a === b ? 0 : a.localeCompare(b, 'en') || (a < b ? -1 : 1);
}
