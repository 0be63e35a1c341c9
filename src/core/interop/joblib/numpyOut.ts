// numpy values as numpy pickles them: dtype(descr, False, True) with its __setstate__ tuple,
// numpy.core.multiarray.scalar(dtype, bytes) for scalars, and the raw element bytes of an array.
// Only the dtypes a fitted StandardScaler / SVC holds are needed.
import { PyBytesOut, PyReduceOut, pyGlobal, pyInt, pyTuple } from '../pickle/pickleOut';

export type NumpyDType = 'float64' | 'int64' | 'int32' | 'bool' | 'object';

interface DTypeInfo {
  /** What dtype.__reduce__ passes to numpy.dtype: kind and size. */
  readonly descr: string;
  readonly byteOrder: '<' | '|';
  readonly itemsize: number;
  /** dtype.flags (NPY_OBJECT's are 63: refcounted, item-get/set, list-pickle, …). */
  readonly flags: number;
}

const DTYPES: Record<NumpyDType, DTypeInfo> = {
  float64: { descr: 'f8', byteOrder: '<', itemsize: 8, flags: 0 },
  int64: { descr: 'i8', byteOrder: '<', itemsize: 8, flags: 0 },
  int32: { descr: 'i4', byteOrder: '<', itemsize: 4, flags: 0 },
  bool: { descr: 'b1', byteOrder: '|', itemsize: 1, flags: 0 },
  object: { descr: 'O8', byteOrder: '|', itemsize: 8, flags: 63 },
};

/** numpy.dtype's __setstate__ version. */
const DTYPE_STATE_VERSION = 3;

export const NUMPY_NDARRAY = pyGlobal('numpy', 'ndarray');
const NUMPY_DTYPE = pyGlobal('numpy', 'dtype');
const NUMPY_SCALAR = pyGlobal('numpy.core.multiarray', 'scalar');

/** One object per dtype, as numpy has: a second use in the same pickle is a memo reference. */
const DTYPE_OBJECTS = new Map<NumpyDType, PyReduceOut>(
  (Object.keys(DTYPES) as NumpyDType[]).map((name) => {
    const d = DTYPES[name];
    const state = pyTuple(pyInt(DTYPE_STATE_VERSION), d.byteOrder, null, null, null, pyInt(-1), pyInt(-1), pyInt(d.flags));
    return [name, new PyReduceOut(NUMPY_DTYPE, pyTuple(d.descr, false, true), state)];
  }),
);

/** The pickled numpy.dtype object. */
export function dtypeOut(dtype: NumpyDType): PyReduceOut {
  return DTYPE_OBJECTS.get(dtype)!;
}

/** A numpy array to write: elements in C order. Object arrays hold str (classes_, feature_names_in_). */
export type NumpyArrayOut =
  | { readonly dtype: 'float64' | 'int64' | 'int32'; readonly shape: readonly number[]; readonly data: ArrayLike<number> }
  | { readonly dtype: 'bool'; readonly shape: readonly number[]; readonly data: readonly boolean[] }
  | { readonly dtype: 'object'; readonly shape: readonly number[]; readonly data: readonly string[] };

/** The little-endian element bytes of a numeric or bool array (what ndarray.tobytes('C') gives). */
export function elementBytes(a: Exclude<NumpyArrayOut, { dtype: 'object' }>): Uint8Array {
  const size = DTYPES[a.dtype].itemsize;
  const out = new Uint8Array(a.data.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < a.data.length; i++) {
    const v = a.data[i]!;
    switch (a.dtype) {
      case 'float64': view.setFloat64(i * size, v as number, true); break;
      case 'int64': view.setBigInt64(i * size, BigInt(v as number), true); break;
      case 'int32': view.setInt32(i * size, v as number, true); break;
      case 'bool': view.setUint8(i, v ? 1 : 0); break;
    }
  }
  return out;
}

/** A numpy scalar (np.float64(x), np.int64(n)): scalar(dtype, its bytes). */
export function numpyScalar(dtype: 'float64' | 'int64', value: number): PyReduceOut {
  return new PyReduceOut(NUMPY_SCALAR, pyTuple(dtypeOut(dtype), new PyBytesOut(elementBytes({ dtype, shape: [], data: [value] }))));
}
