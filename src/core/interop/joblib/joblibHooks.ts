// What joblib's NumpyUnpickler adds to plain unpickling: after BUILD of a NumpyArrayWrapper,
// the array's bytes follow in the stream (after an alignment padding), or, for object arrays,
// a nested protocol-2 pickle. Also the numpy callables on the allow-list.
import type { ByteCursor } from '../pickle/byteCursor';
import type { PickleHooks } from '../pickle/pickleReader';
import { DType, NdArray, PyBytes, PyDict, PyGlobal, PyObject, PyTuple, describeValue, type PyValue } from '../pickle/pickleValues';
import { buildDType, buildReconstructed, decodeElements, elementCount, fortranToC, makeDType, makeScalar, product } from './numpyArrays';

export const joblibHooks: PickleHooks = {
  reduce(fn: PyGlobal, args: PyTuple, cursor: ByteCursor): PyValue {
    switch (fn.allowed) {
      case 'dtype': return makeDType(args, cursor);
      case 'scalar': return makeScalar(args, cursor);
      case 'reconstruct': {
        if (!(args.items[0] instanceof PyGlobal) || args.items[0].allowed !== 'ndarray') {
          return cursor.fail('numpy _reconstruct is asked for something other than numpy.ndarray');
        }
        return new NdArray(null, [], []);
      }
      case 'frombuffer': return arrayFromBuffer(args, cursor);
      case 'codecs.encode': {
        const [text, encoding] = args.items;
        if (typeof text !== 'string' || encoding !== 'latin1') return cursor.fail('_codecs.encode is only accepted as encode(str, "latin1")');
        cursor.charge(text.length);
        cursor.allocate(text.length, '_codecs.encode'); // one string encoded again and again must not fill memory
        const out = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c > 255) return cursor.fail('_codecs.encode: a character is outside latin-1');
          out[i] = c;
        }
        return new PyBytes(out);
      }
      case 'bytes':
        // Protocol 2 spells b"" as bytes(); bytes(n), bytes(str, encoding) and the like are refused.
        if (args.items.length !== 0) return cursor.fail(`${fn.qualifiedName} is only accepted without arguments (empty bytes)`);
        return new PyBytes(new Uint8Array(0));
      default:
        return cursor.fail(`${fn.qualifiedName} cannot be called this way`);
    }
  },

  build(target: PyValue, state: PyValue, cursor: ByteCursor, readNested: () => PyValue): PyValue {
    if (target instanceof DType) return buildDType(target, state, cursor);
    if (target instanceof NdArray) return buildReconstructed(target, state, cursor);
    if (!(target instanceof PyObject)) return cursor.fail(`cannot set the state of a ${describeValue(target)}`);
    if (target.built) return cursor.fail(`a ${target.cls.name} is built twice`);
    target.built = true;
    if (!(state instanceof PyDict)) return cursor.fail(`the state of a ${target.cls.name} is a ${describeValue(state)}, not a dict`);
    cursor.charge(state.entries.size);
    for (const [k, v] of state.entries) {
      if (typeof k !== 'string') return cursor.fail(`a ${target.cls.name} attribute name is not a string`);
      target.attrs.set(k, v);
    }
    return target.cls.allowed === 'NumpyArrayWrapper' ? readWrappedArray(target, cursor, readNested) : target;
  },
};

/**
 * numpy's _frombuffer(buffer, dtype, shape, order), as pickle protocol 5 writes a contiguous array
 * (pickle.dump, not joblib.dump): the buffer's bytes are exactly the array's elements.
 */
function arrayFromBuffer(args: PyTuple, cursor: ByteCursor): NdArray {
  const [buffer, dtype, shape, order] = args.items;
  if (!(buffer instanceof PyBytes)) return cursor.fail(`numpy _frombuffer is given a ${describeValue(buffer)} instead of bytes`);
  if (!(dtype instanceof DType) || dtype.kind === 'O') return cursor.fail(`numpy _frombuffer is given ${describeValue(dtype)} instead of a numeric or text dtype`);
  if (order !== 'C' && order !== 'F') return cursor.fail(`numpy _frombuffer is given the order ${String(order)}`);
  const dims = elementCount(shape ?? null, Math.floor(buffer.bytes.length / Math.max(dtype.itemsize, 1)), cursor);
  const count = product(dims);
  if (count * dtype.itemsize !== buffer.bytes.length) {
    return cursor.fail(`numpy _frombuffer: ${buffer.bytes.length} bytes do not make a ${dims.join(' x ')} array of ${dtype.description}`);
  }
  const data = decodeElements(dtype, buffer.bytes, count, cursor);
  const array = new NdArray(dtype, dims, order === 'F' ? fortranToC(data, dims) : data);
  array.built = true;
  return array;
}

/** joblib.numpy_pickle.NumpyArrayWrapper.read_array, without numpy. */
function readWrappedArray(wrapper: PyObject, cursor: ByteCursor, readNested: () => PyValue): NdArray {
  const at = cursor.pos;
  const subclass = wrapper.attrs.get('subclass');
  if (!(subclass instanceof PyGlobal) || subclass.allowed !== 'ndarray') {
    return cursor.fail(`a joblib array wrapper holds ${describeValue(subclass)} instead of numpy.ndarray`, at);
  }
  const dtype = wrapper.attrs.get('dtype');
  if (!(dtype instanceof DType)) return cursor.fail('a joblib array wrapper has no dtype', at);
  const order = wrapper.attrs.get('order');
  if (order !== 'C' && order !== 'F') return cursor.fail(`a joblib array wrapper has order ${String(order)}`, at);
  const shape = wrapper.attrs.get('shape') ?? null;
  if (dtype.kind === 'O') {
    const nested = readNested();
    if (!(nested instanceof NdArray) || nested.dtype?.kind !== 'O') return cursor.fail('a joblib object array does not hold a numpy object array', at);
    const dims = elementCount(shape, nested.data.length || 1, cursor);
    if (product(dims) !== nested.data.length) return cursor.fail('a joblib object array does not match its declared shape', at);
    return nested;
  }
  // joblib >= 1.2 aligns array data: one byte gives the padding length, then that many 0xFF.
  if (wrapper.attrs.has('numpy_array_alignment_bytes')) {
    const pad = cursor.u8();
    cursor.take(pad, 'array alignment padding');
  }
  const itemsize = Math.max(dtype.itemsize, 1);
  const dims = elementCount(shape, Math.floor(cursor.remaining / itemsize), cursor);
  const count = product(dims);
  const bytes = cursor.take(count * dtype.itemsize, 'numpy array data');
  const data = decodeElements(dtype, bytes, count, cursor);
  const array = new NdArray(dtype, dims, order === 'F' ? fortranToC(data, dims) : data);
  array.built = true;
  return array;
}
