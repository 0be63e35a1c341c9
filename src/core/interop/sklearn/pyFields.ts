// Typed access to the attributes of an unpickled scikit-learn object, each refusal naming the
// file, the estimator and the attribute.
import { UserError } from '../../types';
import type { Label } from '../../types';
import type { LabelType } from '../../labels';
import { NdArray, PyDict, PyObject, describeValue, type PyValue } from '../pickle/pickleValues';

export class PyFields {
  constructor(readonly obj: PyObject, readonly fileLabel: string) {}

  fail(field: string, problem: string): never {
    throw new UserError(`${this.fileLabel}: ${this.obj.cls.name} attribute "${field}" ${problem}.`);
  }

  has(field: string): boolean {
    return this.obj.attrs.has(field);
  }

  raw(field: string): PyValue {
    if (!this.obj.attrs.has(field)) this.fail(field, 'is missing (the file may come from another scikit-learn version, or the model was never fitted)');
    return this.obj.attrs.get(field)!;
  }

  bool(field: string): boolean {
    const v = this.raw(field);
    if (typeof v !== 'boolean') this.fail(field, `is a ${describeValue(v)}, expected True/False`);
    return v;
  }

  number(field: string): number {
    const v = this.raw(field);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, `is ${describeValue(v)}, expected a finite number`);
    return v;
  }

  int(field: string): number {
    const v = this.number(field);
    if (!Number.isInteger(v)) this.fail(field, `is ${v}, expected a whole number`);
    return v;
  }

  string(field: string): string {
    const v = this.raw(field);
    if (typeof v !== 'string') this.fail(field, `is a ${describeValue(v)}, expected a str`);
    return v;
  }

  array(field: string, dims: number): NdArray {
    const v = this.raw(field);
    if (!(v instanceof NdArray) || v.dtype === null) return this.fail(field, `is a ${describeValue(v)}, expected a numpy array`);
    if (v.shape.length !== dims) this.fail(field, `has shape ${JSON.stringify(v.shape)}, expected ${dims} dimension(s)`);
    return v;
  }

  floatVector(field: string, length?: number): number[] {
    const a = this.array(field, 1);
    if (length !== undefined && a.shape[0] !== length) this.fail(field, `has ${a.shape[0]} values, expected ${length}`);
    return a.data.map((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(field, `holds a non-finite or non-number value at index ${i}`);
      return x;
    });
  }

  intVector(field: string, length?: number): number[] {
    const out = this.floatVector(field, length);
    out.forEach((x, i) => { if (!Number.isInteger(x)) this.fail(field, `holds ${x} at index ${i}, expected whole numbers`); });
    return out;
  }

  floatMatrix(field: string, cols?: number): number[][] {
    const a = this.array(field, 2);
    const [r, c] = a.shape as [number, number];
    if (cols !== undefined && c !== cols) this.fail(field, `has ${c} columns, expected ${cols}`);
    const flat = this.floatVectorOf(a, field);
    const rows: number[][] = [];
    for (let i = 0; i < r; i++) rows.push(flat.slice(i * c, i * c + c));
    return rows;
  }

  private floatVectorOf(a: NdArray, field: string): number[] {
    return a.data.map((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(field, `holds a non-finite or non-number value at flat index ${i}`);
      return x;
    });
  }

  /**
   * classes_ and how they are typed: int, float and bool arrays by their dtype, text arrays as str;
   * an object array by its elements (Python ints, floats, bools or str, not mixed).
   */
  labels(field: string): { labels: Label[]; labelType: LabelType } {
    const a = this.array(field, 1);
    const kind = a.dtype!.kind;
    const out = a.data.map((x, i): Label => {
      if (typeof x === 'string') return x;
      if (typeof x === 'boolean') return x ? 'True' : 'False';
      if (typeof x === 'number' && Number.isFinite(x)) return x;
      return this.fail(field, `holds a ${typeof x === 'object' ? describeValue(x as PyValue) : typeof x} at index ${i}; only int, float, bool and str labels are supported`);
    });
    const kinds = new Set(a.data.map((x) => typeof x));
    if (kinds.size > 1) this.fail(field, 'mixes numbers, booleans and strings');
    const labelType: LabelType = kind === 'f' ? 'float' : kind === 'i' || kind === 'u' ? 'int' : kind === 'b' || kinds.has('boolean') ? 'bool'
      : kinds.has('number') ? (out.every((x) => Number.isInteger(x)) ? 'int' : 'float') : 'str';
    return { labels: out, labelType };
  }

  /** feature_names_in_ when the model was fitted on a DataFrame, else null. */
  optionalStrings(field: string): string[] | null {
    if (!this.has(field)) return null;
    const a = this.array(field, 1);
    return a.data.map((x, i) => (typeof x === 'string' ? x : this.fail(field, `holds a non-str value at index ${i}`)));
  }

  dict(field: string): PyDict {
    const v = this.raw(field);
    if (!(v instanceof PyDict)) return this.fail(field, `is a ${describeValue(v)}, expected a dict`);
    return v;
  }
}
