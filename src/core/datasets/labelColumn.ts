// The target column typed as pandas.read_csv (pandas 1.5, C parser) types it, so that the classes are
// the ones scikit-learn sees in the course's code: all integers → int64 (0 and 0.0 are then one float
// class 0.0), all numbers → float64, all true/false → bool, anything else → text. Values scikit-learn
// would refuse as labels (missing, infinite, fractional) are refused here, naming the line.
import type { Label } from '../types';
import { UserError, lineError, remedyError, type UserErrorDetail } from '../types';
import type { LabelType } from '../labels';

/** pandas 1.5's default na_values: a field spelled exactly like one of these is a missing value. */
const PANDAS_NA = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL',
  'NaN', 'n/a', 'nan', 'null',
]);

/** The remedy for a missing value when training: `fix` the row, or leave out every such row at once (--dropna). */
export function dropnaRemedy(fix: string): NonNullable<UserErrorDetail['remedy']> {
  return { option: 'dropna', text: `${fix}, or leave out every row with a missing value with {option} (as pandas' dropna())`, proposed: true };
}

/** True for a field pandas reads as a missing value (NaN) with its default na_values. */
export function isPandasMissing(raw: string): boolean {
  return PANDAS_NA.has(raw);
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** pandas reads these (any case, no surrounding spaces) as ±infinity. */
const INFINITY = /^[+-]?(inf|infinity)$/i;
/** pandas' default true_values/false_values, matched without regard to case and without spaces. */
const BOOLEAN = /^(true|false)$/i;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** scikit-learn's type_of_target casts float labels to int64: past ±2^63 that cast fails. */
const FLOAT_CLASS_LIMIT = 2 ** 63;

export interface LabelColumn {
  readonly y: Label[];
  readonly labelType: LabelType;
}

export interface LabelColumnSource {
  /** Name used in messages (the file's base name). */
  readonly file: string;
  readonly target: string;
  /** 1-based line of each value. */
  readonly lines: readonly number[];
  /** The type a saved model records for this column: the labels must have it (text is taken as is). */
  readonly recorded?: LabelType;
  /** Training a CSV: a missing label's message offers --dropna (dropnaRemedy). */
  readonly offerDropna?: boolean;
}

/**
 * Refuses an empty label and, unless the column is known to be text (a saved model's labelType
 * 'str'), a value pandas reads as missing (NA, nan, …): scikit-learn cannot train on NaN labels.
 */
export function checkLabelPresent(raw: string, line: number, src: Omit<LabelColumnSource, 'lines'>): void {
  const missing = (what: string, fix: string) => {
    if (!src.offerDropna || !PANDAS_NA.has(raw)) return lineError(src.file, line, src.target, `${what} — ${fix}`);
    const located = lineError(src.file, line, src.target, what);
    return remedyError(located.message, dropnaRemedy(fix), located.detail);
  };
  if (raw.trim() === '') throw missing('the label is empty', 'fill it in or remove the row');
  if (src.recorded !== 'str' && PANDAS_NA.has(raw)) throw missing(`the label ${JSON.stringify(raw)} is a missing value to pandas`, 'fill in the class or remove the row');
}

/**
 * Types the raw fields of a target column as pandas does and returns the labels. Throws a UserError
 * naming the line for a value that cannot be a class: missing, an integer JavaScript cannot hold
 * exactly, an infinite or fractional number (scikit-learn: "Unknown label type: 'continuous'").
 */
export function typeLabelColumn(raw: readonly string[], src: LabelColumnSource): LabelColumn {
  raw.forEach((r, i) => checkLabelPresent(r, src.lines[i], src));
  const trimmed: string[] = raw.map((r) => r.trim());
  // A model saved before labels were typed holds text classes for what pandas reads as numbers.
  if (src.recorded === 'str') return { y: trimmed, labelType: 'str' };
  const typed = inferLabelColumn(raw, trimmed, src);
  const recorded = src.recorded;
  if (recorded === undefined || recorded === typed.labelType) return typed;
  if (recorded === 'float' && typed.labelType === 'int') return { y: typed.y, labelType: 'float' };
  throw new UserError(`${src.file}, column "${src.target}": pandas reads these labels as ${typed.labelType} values, but model.json records labelType "${recorded}" — the data does not belong to this model`);
}

function inferLabelColumn(raw: readonly string[], trimmed: string[], src: LabelColumnSource): LabelColumn {
  if (trimmed.every((t) => INTEGER.test(t))) {
    const ints = integerColumn(trimmed, src);
    if (ints) return { y: ints, labelType: 'int' };
  } else if (raw.every((r, i) => INFINITY.test(r) || (DECIMAL.test(trimmed[i]) && Number.isFinite(Number(trimmed[i]))))) {
    return { y: floatColumn(trimmed, src), labelType: 'float' };
  } else if (raw.every((r) => BOOLEAN.test(r))) {
    return { y: raw.map((r) => (r.toLowerCase() === 'true' ? 'True' : 'False')), labelType: 'bool' };
  }
  return { y: trimmed, labelType: 'str' };
}

/** Digits that always fit a double exactly (10^15 < 2^53): no 64-bit range question arises. */
const SHORT_INTEGER_CHARS = 15;

/** int64 (or uint64) as pandas types it; undefined when pandas keeps the column as text (beyond 64 bits). */
function integerColumn(trimmed: readonly string[], src: LabelColumnSource): number[] | undefined {
  if (trimmed.every((t) => t.length <= SHORT_INTEGER_CHARS)) return trimmed.map((t) => Number(t) || 0); // '-0' is the class 0
  const big = trimmed.map((t) => BigInt(t));
  const negative = big.some((v) => v < 0n);
  const fits = big.every((v) => v >= INT64_MIN && (v <= INT64_MAX || (!negative && v <= UINT64_MAX)));
  if (!fits) return undefined;
  return big.map((v, i) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) {
      throw lineError(src.file, src.lines[i]!, src.target, `the label ${trimmed[i]} is too large for an integer label — use smaller codes or text labels`);
    }
    return n || 0;
  });
}

function floatColumn(trimmed: readonly string[], src: LabelColumnSource): number[] {
  return trimmed.map((t, i) => {
    const v = INFINITY.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
    if (!Number.isFinite(v)) throw lineError(src.file, src.lines[i]!, src.target, `the label ${t} is not a finite number — scikit-learn cannot use it as a class; fix or remove the row`);
    if (!Number.isInteger(v) || Math.abs(v) >= FLOAT_CLASS_LIMIT) {
      throw lineError(src.file, src.lines[i]!, src.target, `the label ${t} is not a whole number, so scikit-learn takes the column for continuous values, not classes — use whole numbers or text labels`);
    }
    return v === 0 ? 0 : v; // -0.0 and 0.0 are one class
  });
}
