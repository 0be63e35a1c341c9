// joblib.dump without compression, as joblib 1.2 writes it: a protocol-4 pickle in which every numpy
// array is a joblib.numpy_pickle.NumpyArrayWrapper object, the frame is committed, and then — outside
// the pickle — one byte of padding length, that many 0xFF bytes (data aligned to 16 bytes in the
// file) and the raw elements; object arrays follow as a nested protocol-2 pickle instead.
import { PickleWriter } from '../pickle/pickleWriter';
import { PyCustomOut, PyBytesOut, PyObjectOut, PyReduceOut, pyAttrs, pyGlobal, pyInt, pyList, pyTuple, type PyOut } from '../pickle/pickleOut';
import { NUMPY_NDARRAY, dtypeOut, elementBytes, type NumpyArrayOut } from './numpyOut';

/** joblib.numpy_pickle.NUMPY_ARRAY_ALIGNMENT_BYTES. */
export const NUMPY_ARRAY_ALIGNMENT_BYTES = 16;
/** The padding bytes joblib writes before aligned array data. */
const PADDING_BYTE = 0xff;
/** numpy's ndarray.__reduce__ state version. */
const NDARRAY_STATE_VERSION = 1;
/** The protocol joblib uses for the nested pickle of an object array. */
const OBJECT_ARRAY_PROTOCOL = 2;
/** joblib.dump's default: pickle.DEFAULT_PROTOCOL of Python 3.8+. */
export const JOBLIB_PROTOCOL = 4;

const ARRAY_WRAPPER = pyGlobal('joblib.numpy_pickle', 'NumpyArrayWrapper');
const RECONSTRUCT = pyGlobal('numpy.core.multiarray', '_reconstruct');

/** ndarray.__reduce__ of an object array, pickled on its own with protocol 2 (joblib's write_array). */
function objectArrayPickle(a: Extract<NumpyArrayOut, { dtype: 'object' }>): Uint8Array {
  const array = new PyReduceOut(
    RECONSTRUCT,
    pyTuple(NUMPY_NDARRAY, pyTuple(pyInt(0)), new PyBytesOut(new Uint8Array([0x62]))), // (ndarray, (0,), b'b')
    pyTuple(pyInt(NDARRAY_STATE_VERSION), pyTuple(...a.shape.map((n) => pyInt(n))), dtypeOut('object'), false, pyList(a.data)),
  );
  return new PickleWriter(OBJECT_ARRAY_PROTOCOL).dump(array);
}

/** A numpy array as NumpyPickler.save writes it: the wrapper, then the data after the committed frame. */
export function joblibArray(a: NumpyArrayOut): PyCustomOut {
  return new PyCustomOut((w) => {
    const isObject = a.dtype === 'object';
    w.save(new PyObjectOut(ARRAY_WRAPPER, pyAttrs([
      ['subclass', NUMPY_NDARRAY],
      ['shape', pyTuple(...a.shape.map((n) => pyInt(n)))],
      ['order', 'C'],
      ['dtype', dtypeOut(a.dtype)],
      ['allow_mmap', !isObject],
      ['numpy_array_alignment_bytes', pyInt(NUMPY_ARRAY_ALIGNMENT_BYTES)],
    ])));
    w.commitFrame(true);
    if (a.dtype === 'object') {
      w.writeRaw(objectArrayPickle(a));
      return;
    }
    const padding = NUMPY_ARRAY_ALIGNMENT_BYTES - ((w.position + 1) % NUMPY_ARRAY_ALIGNMENT_BYTES);
    w.writeRaw([padding]);
    w.writeRaw(new Array<number>(padding).fill(PADDING_BYTE));
    w.writeRaw(elementBytes(a));
  });
}

/** The bytes joblib.dump(value, path) writes (no compression). */
export function writeJoblib(value: PyOut): Uint8Array {
  return new PickleWriter(JOBLIB_PROTOCOL).dump(value);
}
