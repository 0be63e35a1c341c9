// Class order as scikit-learn sees it: np.unique sorts numbers numerically and strings by
// code point (JavaScript's default sort compares UTF-16 units, which differs past U+FFFF).
import type { Label } from './types';
import { UserError } from './types';
import { pythonFloat } from './text/pythonFloat';
import { BIDI_CONTROL_CLASS } from './text/visibleControls';

/** One label as a Map/Set key: 1 and "1" (a number and a text label) stay apart. */
export function labelKey(label: Label): string {
  return `${typeof label}:${String(label)}`;
}

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
  for (const v of y) seen.set(labelKey(v), v);
  return [...seen.values()].sort(compareLabels);
}

/** Encodes labels as indices into `classes`; throws on a label outside them. */
export function encodeLabels(y: readonly Label[], classes: readonly Label[]): Int32Array {
  const index = new Map<string, number>();
  classes.forEach((c, i) => index.set(labelKey(c), i));
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(typeof y[i] + ':' + String(y[i]));
    if (k === undefined) throw new UserError(`Unknown label ${JSON.stringify(y[i])}.`);
    out[i] = k;
  }
  return out;
}

/**
 * How pandas types a target column, and so how scikit-learn holds the classes: int64, float64,
 * bool, or text (object). In Model Lab a float class is a number (1.0 is 1), a bool class is the
 * text 'True' or 'False'; this tag keeps what the number or text stands for.
 */
export type LabelType = 'int' | 'float' | 'str' | 'bool';

export const LABEL_TYPES: readonly LabelType[] = ['int', 'float', 'str', 'bool'];

/** A label as Python prints it: `1.0` for a float class, `1` for an int, the text itself otherwise. */
export function pythonLabel(label: Label, type: LabelType): string {
  if (typeof label === 'number') return type === 'float' ? pythonFloat(label) : String(label);
  return label;
}

/** A label inside a message: numbers and booleans as Python prints them, text quoted. */
export function labelInMessage(label: Label, type: LabelType): string {
  return typeof label === 'string' && type === 'str' ? JSON.stringify(label) : pythonLabel(label, type);
}

/** The label type of classes saved before labelType was recorded: integers or text (all Model Lab knew). */
export function inferLabelType(classes: readonly Label[]): LabelType {
  return classes.every((c) => typeof c === 'number') ? 'int' : 'str';
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote; controls escaped. */
function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const named: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', [quote]: `\\${quote}` };
  const body = s.replace(REPR_ESCAPED, (c) => named[c] ?? (c === "'" || c === '"' ? c : pythonEscape(c)));
  return quote + body + quote;
}

const REPR_ESCAPED = new RegExp(`[\\\\\\n\\r\\t'"\\u0000-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`, 'g');

/** A character Python's repr escapes by its code: \x1b, \x9b, \u202e. */
function pythonEscape(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Characters that must not reach a line as they are: line breaks and tabs (they would split the row
 * or its columns), other C0 controls, DEL and C1 controls (a terminal runs ESC ] 52 … as a command)
 * and bidi controls (they draw the name, and the columns after it, backwards).
 */
const NOT_ON_A_LINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`);

/**
 * A label (or class name) on a line of its own, as predict prints one per row: as Python prints it,
 * unless it holds a control character (a line break, a tab, ESC, a bidi override), then its repr —
 * where Python too escapes each: 'a\nb', 'ok\x1b]0;…', 'spoof\u202etxt'.
 */
export function oneLineLabel(text: string): string {
  return NOT_ON_A_LINE.test(text) ? pythonStrRepr(text) : text;
}

/** A list of classes as Python prints it: [0, 1, 2], [1.0, 2.0], [False, True], ['setosa', 'virginica']. */
export function pythonLabelList(labels: readonly Label[], type: LabelType): string {
  return `[${labels.map((l) => (type === 'str' && typeof l === 'string' ? pythonStrRepr(l) : pythonLabel(l, type))).join(', ')}]`;
}
