// The inert values a pickle turns into here. Nothing is ever called: allowed classes become
// PyObject records, numpy arrays become NdArray, everything else is plain data.
import type { AllowedGlobal } from './allowList';

export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyBytes
  | PyTuple
  | PyList
  | PyDict
  | PySet
  | PyGlobal
  | PyObject
  | NdArray
  | DType;

export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
}

/** Containers remember how deeply they nest, so that absurd nesting is refused while reading. */
export function depthOf(v: PyValue): number {
  return v instanceof PyTuple || v instanceof PyList || v instanceof PyDict || v instanceof PySet ? v.depth : 0;
}

function maxDepth(items: readonly PyValue[]): number {
  let d = 0;
  for (const x of items) d = Math.max(d, depthOf(x));
  return d + 1;
}

export class PyTuple {
  readonly depth: number;
  constructor(readonly items: readonly PyValue[]) {
    this.depth = maxDepth(items);
  }
}

export class PyList {
  depth: number;
  constructor(readonly items: PyValue[]) {
    this.depth = maxDepth(items);
  }
}

/** Keys are restricted to str/int/bool/None, which covers every dict scikit-learn pickles. */
export type PyDictKey = string | number | boolean | null;

export class PyDict {
  depth = 1;
  readonly entries = new Map<PyDictKey, PyValue>();
}

export class PySet {
  depth: number;
  constructor(readonly items: PyValue[], readonly frozen: boolean) {
    this.depth = maxDepth(items);
  }
}

/** A module-level name that passed the allow-list. */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string, readonly allowed: AllowedGlobal) {}
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/** An instance of an allowed class, with its __dict__ (set once by BUILD). */
export class PyObject {
  readonly attrs = new Map<string, PyValue>();
  built = false;
  constructor(readonly cls: PyGlobal) {}
}

/** numpy dtype: kind letter, item size in bytes, byte order. */
export class DType {
  built = false;
  constructor(
    readonly kind: 'f' | 'i' | 'u' | 'b' | 'U' | 'O',
    public itemsize: number,
    public byteOrder: '<' | '>' | '|' | '=',
    readonly spelled: string,
  ) {}
  get description(): string {
    return `${this.byteOrder}${this.kind}${this.itemsize}`;
  }
}

export type ArrayElement = number | bigint | boolean | string | PyValue;

/** A numpy array, elements flattened in C order. */
export class NdArray {
  built = false;
  constructor(
    public dtype: DType | null,
    public shape: number[],
    public data: ArrayElement[],
  ) {}
}

/** The MARK sentinel on the unpickler stack. */
export const MARK: unique symbol = Symbol('MARK');
export type StackItem = PyValue | typeof MARK;

export function describeValue(v: PyValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'None';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'str';
  if (v instanceof PyBytes) return 'bytes';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyList) return 'list';
  if (v instanceof PyDict) return 'dict';
  if (v instanceof PySet) return 'set';
  if (v instanceof PyGlobal) return v.qualifiedName;
  if (v instanceof PyObject) return `${v.cls.name} object`;
  if (v instanceof NdArray) return `numpy array (${v.dtype?.description ?? '?'}, shape ${JSON.stringify(v.shape)})`;
  return 'numpy dtype';
}
