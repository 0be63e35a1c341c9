// Python source text for the values a script passes to scikit-learn: the same typed values the joblib
// export stores (pickleOut.ts), so the script and the files cannot disagree on 1 versus 1.0.
import { pythonFloat } from '../../text/pythonFloat';
import { PyDictOut, PyFloatOut, PyIntOut, PyListOut, PyTupleOut, type PyOut } from '../pickle/pickleOut';

/** A str literal: JSON's escapes (\" \\ \n \uXXXX) are all valid in Python source. */
export function pythonString(s: string): string {
  return JSON.stringify(s);
}

/** The Python literal of a value (None, True, 1, 1.0, "text", [..], (..,), {k: v}). */
export function pythonLiteral(v: PyOut): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return pythonString(v);
  if (v instanceof PyIntOut) return String(v.value);
  if (v instanceof PyFloatOut) return pythonFloat(v.value);
  if (v instanceof PyListOut) return `[${v.items.map(pythonLiteral).join(', ')}]`;
  if (v instanceof PyTupleOut) return v.items.length === 1 ? `(${pythonLiteral(v.items[0]!)},)` : `(${v.items.map(pythonLiteral).join(', ')})`;
  if (v instanceof PyDictOut) return `{${v.entries.map(([k, x]) => `${pythonLiteral(k)}: ${pythonLiteral(x)}`).join(', ')}}`;
  throw new Error(`pythonLiteral: no literal for ${v.constructor.name}`);
}
