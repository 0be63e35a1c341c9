// Small composable checks for what crosses a webview boundary (both directions are untrusted on the
// other side's behalf): each check is a predicate on an unknown value; `shape` checks every field of
// an object and, with `exact`, that there are no others.

export type Check = (v: unknown) => boolean;

/** Longest array any message may hold (rows, points, ids); more is refused, not truncated. */
export const MAX_ITEMS = 1_000_000;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const isString: Check = (v) => typeof v === 'string';
export const isBoolean: Check = (v) => typeof v === 'boolean';
/** A finite number (JSON cannot carry NaN or Infinity anyway). */
export const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
export const isInteger: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);
export const isFraction: Check = (v) => isNumber(v) && (v as number) >= 0 && (v as number) <= 1;

export function optional(check: Check): Check {
  return (v) => v === undefined || check(v);
}

export function oneOf(...values: readonly unknown[]): Check {
  return (v) => values.includes(v);
}

export function either(...checks: readonly Check[]): Check {
  return (v) => checks.some((c) => c(v));
}

export function stringOf(maxLength: number, minLength = 0): Check {
  return (v) => typeof v === 'string' && v.length >= minLength && v.length <= maxLength;
}

export function arrayOf(check: Check, maxItems = MAX_ITEMS): Check {
  return (v) => Array.isArray(v) && v.length <= maxItems && v.every(check);
}

export function tupleOf(...checks: readonly Check[]): Check {
  return (v) => Array.isArray(v) && v.length === checks.length && checks.every((c, i) => c(v[i]));
}

/** An object whose listed fields pass their checks; `exact`: and no other fields. */
export function shape(fields: Readonly<Record<string, Check>>, exact = false): Check {
  const keys = Object.keys(fields);
  return (v) => isRecord(v) && keys.every((k) => fields[k]!(v[k])) && (!exact || Object.keys(v).every((k) => keys.includes(k)));
}

/** A list of unique non-empty ids (model folder URIs), or undefined when it is not one. */
export function idList(v: unknown, maxItems = 10_000, maxLength = 4096): string[] | undefined {
  return arrayOf(stringOf(maxLength, 1), maxItems)(v) ? [...new Set(v as string[])] : undefined;
}
