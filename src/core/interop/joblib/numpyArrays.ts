// numpy's pickled pieces rebuilt as inert data: dtype(...) + its BUILD state, scalar(dtype,
// bytes), _reconstruct + BUILD (protocol-2 arrays), and raw element bytes decoded by dtype.
import { MAX_VALUES, type ByteCursor } from '../pickle/byteCursor';
import { DType, NdArray, PyBytes, PyTuple, describeValue, type ArrayElement, type PyValue } from '../pickle/pickleValues';

/** numpy.dtype('f8', False, True): the spelling has the kind and size, BUILD adds the byte order. */
export function makeDType(args: PyTuple, cursor: ByteCursor): DType {
  const spelled = args.items[0];
  if (typeof spelled !== 'string') return cursor.fail(`numpy.dtype is called with a ${describeValue(spelled)}`);
  const m = /^([<>|=]?)([fiubUO])(\d{1,4})$/.exec(spelled);
  if (!m) return cursor.fail(`numpy dtype '${spelled}' is not supported (only float, int, bool, str and object arrays)`);
  const kind = m[2] as DType['kind'];
  const size = Number(m[3]);
  const order = (m[1] || (size === 1 || kind === 'O' ? '|' : '<')) as DType['byteOrder'];
  const ok =
    (kind === 'f' && (size === 4 || size === 8)) ||
    ((kind === 'i' || kind === 'u') && [1, 2, 4, 8].includes(size)) ||
    (kind === 'b' && size === 1) ||
    (kind === 'O' && (size === 4 || size === 8)) ||
    (kind === 'U' && size >= 0);
  if (!ok) return cursor.fail(`numpy dtype '${spelled}' is not supported`);
  // 'U10' counts characters; numpy stores 4 bytes (UTF-32) per character.
  return new DType(kind, kind === 'U' ? size * 4 : size, order, spelled);
}

/** dtype.__setstate__((version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])). */
export function buildDType(dtype: DType, state: PyValue, cursor: ByteCursor): DType {
  if (dtype.built) return cursor.fail('a numpy dtype is built twice');
  dtype.built = true;
  if (!(state instanceof PyTuple) || state.items.length < 8) return cursor.fail(`numpy dtype state is a ${describeValue(state)}`);
  const [, endian, subarray, names, fields, elsize] = state.items;
  if (subarray !== null || names !== null || fields !== null) {
    return cursor.fail('structured or sub-array numpy dtypes are not supported');
  }
  if (endian !== '<' && endian !== '>' && endian !== '|' && endian !== '=') return cursor.fail(`numpy dtype byte order ${String(endian)} is not valid`);
  dtype.byteOrder = endian;
  if (dtype.kind === 'U' && typeof elsize === 'number' && elsize > 0) {
    if (elsize % 4 !== 0 || elsize > 1 << 20) return cursor.fail(`numpy str dtype with ${elsize}-byte items is not valid`);
    dtype.itemsize = elsize;
  }
  return dtype;
}

/** numpy.core.multiarray.scalar(dtype, bytes) → one number/bool/str (object dtype: the value itself). */
export function makeScalar(args: PyTuple, cursor: ByteCursor): PyValue {
  const [dtype, payload] = args.items;
  if (!(dtype instanceof DType)) return cursor.fail(`numpy scalar with a ${describeValue(dtype)} instead of a dtype`);
  if (dtype.kind === 'O') return payload ?? null;
  if (!(payload instanceof PyBytes) || payload.bytes.length !== dtype.itemsize) {
    return cursor.fail(`numpy ${dtype.description} scalar does not hold ${dtype.itemsize} bytes`);
  }
  return decodeElements(dtype, payload.bytes, 1, cursor)[0] as PyValue;
}

/** Decodes `count` elements of a numeric or str dtype (little- or big-endian). */
export function decodeElements(dtype: DType, bytes: Uint8Array, count: number, cursor: ByteCursor): ArrayElement[] {
  if (bytes.length !== count * dtype.itemsize) return cursor.fail(`numpy array data has ${bytes.length} bytes, expected ${count * dtype.itemsize}`);
  cursor.charge(count);
  cursor.retain(count, 'a numpy array'); // before `new Array(count)`
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = dtype.byteOrder !== '>';
  const n = dtype.itemsize;
  const out: ArrayElement[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * n;
    switch (dtype.kind) {
      case 'f': out[i] = n === 8 ? view.getFloat64(o, le) : view.getFloat32(o, le); break;
      case 'b': out[i] = view.getUint8(o) !== 0; break;
      case 'i': out[i] = n === 1 ? view.getInt8(o) : n === 2 ? view.getInt16(o, le) : n === 4 ? view.getInt32(o, le) : safe(view.getBigInt64(o, le)); break;
      case 'u': out[i] = n === 1 ? view.getUint8(o) : n === 2 ? view.getUint16(o, le) : n === 4 ? view.getUint32(o, le) : safe(view.getBigUint64(o, le)); break;
      case 'U': out[i] = utf32(view, o, n, le, cursor); break;
      default: return cursor.fail('object arrays cannot be read as raw bytes');
    }
  }
  return out;
}

function safe(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function utf32(view: DataView, offset: number, size: number, le: boolean, cursor: ByteCursor): string {
  let s = '';
  for (let k = 0; k < size; k += 4) {
    const cp = view.getUint32(offset + k, le);
    if (cp === 0) break; // numpy pads short strings with NULs
    if (cp > 0x10ffff) return cursor.fail(`a numpy str element holds an invalid character code ${cp}`);
    s += String.fromCodePoint(cp);
  }
  return s;
}

/**
 * The dimensions of a shape, refusing negative, non-integer, larger-than-input or absurd ones
 * (even next to a zero dimension, a claim like 10^15 columns is refused: later code sizes arrays by it).
 */
export function elementCount(shape: PyValue, limit: number, cursor: ByteCursor): number[] {
  if (!(shape instanceof PyTuple)) return cursor.fail(`a numpy shape is a ${describeValue(shape)}`);
  if (shape.items.length > 32) return cursor.fail('a numpy array has more than 32 dimensions');
  const dims: number[] = [];
  let count = 1;
  for (const d of shape.items) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > MAX_VALUES) {
      return cursor.fail(`a numpy array declares the dimension ${String(d)}; refusing it`);
    }
    dims.push(d);
    count *= d;
    if (count > limit) return cursor.fail(`a numpy array declares ${shape.items.map(String).join(' x ')} elements, more than the file can hold (damaged or hostile file)`);
  }
  return dims;
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Reorders Fortran-order (column-major) elements into C order. */
export function fortranToC(data: ArrayElement[], dims: readonly number[]): ArrayElement[] {
  if (dims.length < 2) return data;
  const n = data.length;
  const out: ArrayElement[] = new Array(n);
  const idx = new Array(dims.length).fill(0);
  for (let c = 0; c < n; c++) {
    // c walks C order; compute the Fortran offset of the same multi-index.
    let f = 0;
    let stride = 1;
    for (let k = 0; k < dims.length; k++) {
      f += idx[k] * stride;
      stride *= dims[k]!;
    }
    out[c] = data[f]!;
    for (let k = dims.length - 1; k >= 0; k--) {
      if (++idx[k] < dims[k]!) break;
      idx[k] = 0;
    }
  }
  return out;
}

/** ndarray.__setstate__((version, shape, dtype, is_fortran, data)) after _reconstruct. */
export function buildReconstructed(array: NdArray, state: PyValue, cursor: ByteCursor): NdArray {
  if (array.built) return cursor.fail('a numpy array is built twice');
  array.built = true;
  if (!(state instanceof PyTuple) || (state.items.length !== 5 && state.items.length !== 4)) {
    return cursor.fail(`numpy array state is a ${describeValue(state)}`);
  }
  const [shape, dtype, fortran, raw] = state.items.length === 5 ? state.items.slice(1) : state.items;
  if (!(dtype instanceof DType)) return cursor.fail('numpy array state has no dtype');
  const limit = raw instanceof PyBytes ? raw.bytes.length : raw instanceof Object && 'items' in raw ? (raw as { items: unknown[] }).items.length : 0;
  const dims = elementCount(shape ?? null, Math.max(limit, 1), cursor);
  const count = product(dims);
  let data: ArrayElement[];
  if (dtype.kind === 'O') {
    if (!(raw !== null && typeof raw === 'object' && 'items' in raw && Array.isArray((raw as { items: unknown }).items))) {
      return cursor.fail('numpy object array data is not a list');
    }
    const items = (raw as { items: PyValue[] }).items;
    if (items.length !== count) return cursor.fail(`numpy object array holds ${items.length} items, expected ${count}`);
    cursor.retain(count, 'a numpy object array');
    data = [...items];
  } else {
    if (!(raw instanceof PyBytes)) return cursor.fail('numpy array data is not bytes');
    data = decodeElements(dtype, raw.bytes, count, cursor);
  }
  array.dtype = dtype;
  array.shape = dims;
  array.data = fortran === true ? fortranToC(data, dims) : data;
  return array;
}
