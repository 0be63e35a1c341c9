// The value lists of sweeps and searches ("0.1, 1, 10", "scale, auto", "2022,2023"): split on commas,
// each item checked, empty items and repeats refused with the option, the item and an example.
import { parseDecimal } from '../text/decimalNumber';
import type { Gamma } from '../svm/svc';
import { UserError } from '../types';

/**
 * Splits "a, b, c" into trimmed items, refusing empty items and repeats. `what` names the option
 * in messages (e.g. "--C"); `parseItem` turns one item into a value or returns an error text.
 */
export function parseList<T>(text: string, what: string, parseItem: (item: string) => T | { error: string }, key: (v: T) => string = String): T[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.length === 1 && items[0] === '') throw new UserError(`${what} is empty — give one value or a comma-separated list such as ${examples(what)}`);
  const out: T[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const where = items.length > 1 ? `${what} item ${i + 1} of "${text}"` : `${what} "${text}"`;
    if (item === '') throw new UserError(`${where} is empty — separate values with single commas, e.g. ${examples(what)}`);
    const v = parseItem(item);
    if (typeof v === 'object' && v !== null && 'error' in (v as object)) throw new UserError(`${where}: "${item}" ${(v as { error: string }).error}`);
    const k = key(v as T);
    if (seen.has(k)) throw new UserError(`${what} lists ${item} twice (items ${seen.get(k)! + 1} and ${i + 1}) — each value once`);
    seen.set(k, i);
    out.push(v as T);
  });
  return out;
}

function examples(what: string): string {
  if (/gamma/i.test(what)) return '"scale, auto, 0.1"';
  if (/seed/i.test(what)) return '"2022,2023"';
  return '"0.1, 1, 10"';
}

/** C values: numbers > 0, e.g. "0.1, 1, 10". */
export function parseCList(text: string, what = '--C'): number[] {
  return parseList(text, what, (item) => {
    const v = parseDecimal(item);
    if (v === undefined) return { error: 'is not a number — C must be a number > 0' };
    if (!(v > 0)) return { error: 'must be > 0 (C is the SVC regularization strength)' };
    return v;
  });
}

/** gamma values: "scale", "auto" or numbers ≥ 0, e.g. "scale, auto, 0.1". */
export function parseGammaList(text: string, what = '--gamma'): Gamma[] {
  return parseList<Gamma>(text, what, (item) => {
    if (item === 'scale' || item === 'auto') return item;
    const v = parseDecimal(item);
    if (v === undefined) return { error: 'is neither "scale", "auto" nor a number' };
    if (v < 0) return { error: 'must be >= 0 (or "scale" / "auto")' };
    return v;
  });
}

/** Seeds (random_state): whole numbers 0 … 4294967295, e.g. "2022,2023". */
export function parseSeedList(text: string, what = '--seed'): number[] {
  return parseList(text, what, (item) => {
    const v = Number(item);
    if (!/^\+?\d+$/.test(item) || !Number.isSafeInteger(v) || v > 4294967295) return { error: 'must be a whole number from 0 to 4294967295' };
    return v;
  });
}
