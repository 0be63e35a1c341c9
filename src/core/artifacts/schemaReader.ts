// Reads typed fields out of parsed JSON by dotted path, throwing 'field "a.b": ...' on the first mismatch.
import { fieldMismatch, shortJson } from '../text/shortJson';
import type { Label } from '../types';

export class SchemaReader {
  constructor(private readonly root: unknown) {
    if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new Error('expected a JSON object at the top level');
  }

  any(path: string): unknown {
    let v: unknown = this.root;
    for (const key of path.split('.')) {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, key)) {
        throw new Error(`field "${path}" is missing`);
      }
      v = (v as Record<string, unknown>)[key];
    }
    return v;
  }

  /** Whether a field is present (a missing parent counts as absent). */
  has(path: string): boolean {
    try {
      this.any(path);
      return true;
    } catch {
      return false;
    }
  }

  private fail(path: string, expected: string, v: unknown): never {
    // JSON.stringify shows Infinity (from a literal such as 1e999) as null: name it instead.
    const found = typeof v === 'number' && !Number.isFinite(v) ? `${v} (a number too large for a double)` : shortJson(v);
    throw new Error(fieldMismatch(path, expected, v, found));
  }

  string(path: string): string {
    const v = this.any(path);
    if (typeof v !== 'string' || v === '') this.fail(path, 'a non-empty string', v);
    return v;
  }

  boolean(path: string): boolean {
    const v = this.any(path);
    if (typeof v !== 'boolean') this.fail(path, 'true or false', v);
    return v;
  }

  number(path: string, min = -Infinity, max = Infinity): number {
    const v = this.any(path);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) this.fail(path, `a finite number${min > -Infinity ? ` in [${min}, ${max}]` : ''}`, v);
    return v;
  }

  integer(path: string, min = -Infinity, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.any(path);
    if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) this.fail(path, `an integer${min > -Infinity ? ` >= ${min}` : ''}`, v);
    return v as number;
  }

  oneOf<T extends string | boolean>(path: string, options: readonly T[]): T {
    const v = this.any(path);
    if (!options.includes(v as T)) this.fail(path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, v);
    return v as T;
  }

  object(path: string): Record<string, unknown> {
    const v = this.any(path);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'an object', v);
    return v as Record<string, unknown>;
  }

  stringArray(path: string, minLength: number): string[] {
    const v = this.any(path);
    if (!Array.isArray(v) || v.length < minLength || !v.every((s) => typeof s === 'string')) this.fail(path, `a list of at least ${minLength} strings`, v);
    return v as string[];
  }

  labelArray(path: string, minLength: number): Label[] {
    const v = this.any(path);
    const ok = Array.isArray(v) && v.length >= minLength &&
      (v.every((s) => typeof s === 'string') || v.every((s) => typeof s === 'number' && Number.isFinite(s)));
    if (!ok) this.fail(path, `a list of at least ${minLength} labels (all numbers or all strings)`, v);
    return v as Label[];
  }

  sha256(path: string, value: unknown = this.any(path)): string {
    if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) this.fail(path, 'a sha256 as 64 lowercase hex digits', value);
    return value;
  }

  isoTime(path: string): string {
    const v = this.string(path);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v) || Number.isNaN(Date.parse(v))) this.fail(path, 'an ISO 8601 UTC time', v);
    return v;
  }
}

/** First non-finite number in a parsed JSON value ('1e999' parses to Infinity), as a path like "supportVectors[3][1]". */
export function findNonFinite(v: unknown, path = ''): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : path || '(top level)';
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findNonFinite(v[i], `${path}[${i}]`);
      if (p) return p;
    }
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const p = findNonFinite(x, path ? `${path}.${k}` : k);
      if (p) return p;
    }
  }
  return undefined;
}
