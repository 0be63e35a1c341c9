// The Compare filter, one parser for the page and the CLI's `compare --filter`. A filter is words
// and conditions separated by spaces, all of which a row must satisfy:
//   - a word matches when some cell contains it (case-insensitive): "scale", "damaged", "best";
//   - `param=value` in the notation legends and progress messages use: C=10, gamma=scale,
//     kernel=rbf, seed=2023, data=iris (also !=);
//   - comparisons on numbers: valid>=0.9, train<1, cv>=95% (=, !=, <, <=, >, >=). Accuracies take a
//     fraction (0.9) or a percentage (90% or a bare 90, since an accuracy is never above 1); with
//     = and != a percentage compares the value as the table shows it, to the digits typed
//     (valid=96.67%); <, <=, > and >= are exact thresholds (valid>=94% keeps out 93.92 %).
//   - data=iris matches a data file by its name without extension too (iris.csv, iris.csv.gz).
// A condition that cannot mean anything (an unknown column, a word where a number is needed) is a
// problem reported with the fix, and left out of the filtering.
import { closestName } from '../text/closestName';
import { dataFileStem } from '../text/dataFileStem';
import { COLUMN_ALIASES, COMPARISON_COLUMNS, cellText, columnNamed, comparisonColumn, type ComparisonColumnKey, type ComparisonRow } from './comparison';

export type FilterOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** What a condition is about: a column, or `data` (the data source or its path). */
export type FilterKey = ComparisonColumnKey | 'data';

export interface FilterCondition {
  /** The term as typed, e.g. "valid>=0.9". */
  readonly term: string;
  readonly key: FilterKey;
  readonly op: FilterOperator;
  /** A number, or lower-case text. */
  readonly value: number | string;
  /** Percent input: compare the row's value × 100 rounded to this many decimals. */
  readonly percentDecimals?: number;
}

export interface RowFilter {
  readonly words: string[];
  readonly conditions: FilterCondition[];
  /** One line per term that was left out, saying why and what to type instead. */
  readonly problems: string[];
}

/** What the filter understands, for a placeholder, a tooltip or --help. */
export const FILTER_SYNTAX = 'words match any cell; C=10, gamma=scale, kernel=rbf, seed=2023, data=iris match a parameter; valid>=0.9, train<1, cv>=95% compare numbers (= != < <= > >=)';

/** Columns holding a fraction (0 … 1) that may be typed as a percentage. */
const FRACTIONS: ReadonlySet<FilterKey> = new Set(['validAccuracy', 'trainAccuracy', 'cvMean', 'cvStd']);

const TERM = /^([A-Za-z][A-Za-z0-9_]*)(<=|>=|!=|=|<|>)(.*)$/;
const NUMBER = /^[+-]?(?:\d+(?:\.(\d*))?|\.(\d+))(?:e[+-]?\d+)?$/i;

function keyOf(name: string): FilterKey | undefined {
  // "data" matches the data source or its path; every other name is a column's (columnNamed).
  return name.toLowerCase() === 'data' ? 'data' : columnNamed(name)?.key;
}

function knownNames(): string[] {
  return ['data', ...Object.keys(COLUMN_ALIASES), ...COMPARISON_COLUMNS.map((c) => c.key)];
}

/** Reads a number as typed: its value and how many decimals were written. */
function readNumber(text: string): { value: number; decimals: number } | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? { value, decimals: (m[1] ?? m[2] ?? '').length } : undefined;
}

/** One `key op value` term, or why it cannot be one. */
function condition(term: string, name: string, op: FilterOperator, raw: string): FilterCondition | string {
  const key = keyOf(name);
  if (key === undefined) {
    const near = closestName(name, knownNames());
    return `"${term}": no column "${name}"${near ? ` — did you mean ${near}${op}${raw}?` : ` — use one of C, gamma, kernel, seed, data, valid, train, cv, rows, name, status`}`;
  }
  if (raw === '') return `"${term}": nothing after ${op} — e.g. ${name}${op}${key === 'kernel' ? 'rbf' : '10'}`;
  const ordering = op !== '=' && op !== '!=';
  const column = key === 'data' ? undefined : comparisonColumn(key);
  if (FRACTIONS.has(key)) {
    const percent = raw.endsWith('%');
    const n = readNumber(percent ? raw.slice(0, -1) : raw);
    if (!n) return `"${term}": ${name} needs a number — e.g. ${name}${op}0.9 or ${name}${op}90%`;
    // An accuracy is never above 1: a bare 90 means 90 %.
    return percent || n.value > 1 ? { term, key, op, value: n.value, percentDecimals: n.decimals } : { term, key, op, value: n.value };
  }
  const n = readNumber(raw);
  if (column?.kind === 'number' && key !== 'gamma' && !n) return `"${term}": ${name} needs a number — e.g. ${name}${op}10`;
  if (n && (column?.kind === 'number')) return { term, key, op, value: n.value };
  // Text (and gamma's "scale"/"auto"): equality only, except ISO times, which order as text.
  if (ordering && column?.kind !== 'time') return `"${term}": ${op} needs a number, and ${name} is text here — use = or !=, e.g. ${name}=${raw}`;
  return { term, key, op, value: raw.toLowerCase() };
}

/** Parses a filter (see the file comment). Never throws: what it cannot read is in `problems`. */
export function parseRowFilter(text: string): RowFilter {
  // "C = 10" and "C=10" are the same condition.
  const terms = text.replace(/\s*(<=|>=|!=|=|<|>)\s*/g, '$1').split(/\s+/).filter((t) => t !== '');
  const words: string[] = [];
  const conditions: FilterCondition[] = [];
  const problems: string[] = [];
  for (const term of terms) {
    const m = TERM.exec(term);
    if (!m) {
      words.push(term.toLowerCase());
      continue;
    }
    const parsed = condition(term, m[1]!, m[2] as FilterOperator, m[3]!);
    if (typeof parsed === 'string') problems.push(parsed);
    else conditions.push(parsed);
  }
  return { words, conditions, problems };
}

function compare(a: number | string, op: FilterOperator, b: number | string): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

/** Whether a row satisfies one condition; a row without the value satisfies none. */
export function matchesCondition(row: ComparisonRow, c: FilterCondition): boolean {
  if (c.key === 'data') {
    const file = row.dataPath?.split(/[\\/]/).pop();
    const stem = file === undefined ? undefined : dataFileStem(file);
    const names = [row.dataSource, row.dataPath, file, stem].filter((v): v is string => v !== undefined).map((v) => v.toLowerCase());
    if (names.length === 0) return false;
    return c.op === '=' ? names.includes(c.value as string) : !names.includes(c.value as string);
  }
  const used = comparisonColumn(c.key)?.usedWhen; // gamma of a linear model: no value (the kernel ignores it)
  const v = used && !used(row) ? undefined : row[c.key];
  if (v === undefined || typeof v === 'boolean') return false;
  if (typeof c.value === 'number') {
    if (typeof v !== 'number') return c.op === '!='; // gamma "scale" is not 0.1
    if (c.percentDecimals === undefined) return compare(v, c.op, c.value);
    // "=" means the value as shown; a threshold is exact (rounded, 93.92 % passed valid>=94%).
    if (c.op !== '=' && c.op !== '!=') return compare(v, c.op, c.value / 100);
    const shown = Number((v * 100).toFixed(c.percentDecimals));
    return compare(shown, c.op, c.value);
  }
  const text = String(v).toLowerCase();
  if (comparisonColumn(c.key)?.kind === 'time') {
    // An ISO time compares as text; "=" matches a prefix (created=2026-11-27).
    if (c.op === '=' || c.op === '!=') return text.startsWith(c.value) === (c.op === '=');
    return compare(text.slice(0, c.value.length), c.op, c.value);
  }
  return compare(text, c.op, c.value);
}

function rowText(row: ComparisonRow): string {
  return [...COMPARISON_COLUMNS.map((c) => cellText(row, c.key)), row.error ?? '', row.best ? 'best' : '', row.dataDiffers ? 'data-differs' : ''].join('\n').toLowerCase();
}

/**
 * The rows that satisfy every word and condition of the filter (a text is parsed first with
 * parseRowFilter; its problems are ignored here — show them with parseRowFilter). An empty filter
 * keeps every row.
 */
export function filterRows<T extends ComparisonRow>(rows: readonly T[], filter: string | RowFilter): T[] {
  const f = typeof filter === 'string' ? parseRowFilter(filter) : filter;
  if (f.words.length === 0 && f.conditions.length === 0) return [...rows];
  return rows.filter((row) => {
    if (!f.conditions.every((c) => matchesCondition(row, c))) return false;
    if (f.words.length === 0) return true;
    const text = rowText(row);
    return f.words.every((w) => text.includes(w));
  });
}
