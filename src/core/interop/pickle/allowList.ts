// The only module-level names a .joblib (or pickled .pkl) file may mention. Every other name is refused by
// name before anything is built — a pickle can only do harm through the globals it calls.

export type AllowedGlobal =
  | 'StandardScaler'
  | 'SVC'
  | 'Pipeline'
  | 'NumpyArrayWrapper'
  | 'ndarray'
  | 'dtype'
  | 'scalar'
  | 'reconstruct'
  | 'frombuffer'
  | 'codecs.encode'
  | 'bytes';

const ALLOWED = new Map<string, AllowedGlobal>([
  ['sklearn.preprocessing._data.StandardScaler', 'StandardScaler'],
  ['sklearn.svm._classes.SVC', 'SVC'],
  ['sklearn.pipeline.Pipeline', 'Pipeline'],
  ['joblib.numpy_pickle.NumpyArrayWrapper', 'NumpyArrayWrapper'],
  ['numpy.ndarray', 'ndarray'],
  ['numpy.dtype', 'dtype'],
  // numpy 2 renamed numpy.core to numpy._core; both spell the same two helpers.
  ['numpy.core.multiarray.scalar', 'scalar'],
  ['numpy._core.multiarray.scalar', 'scalar'],
  ['numpy.core.multiarray._reconstruct', 'reconstruct'],
  ['numpy._core.multiarray._reconstruct', 'reconstruct'],
  // pickle protocol 5 (pickle.dump's default from Python 3.14) spells an array as _frombuffer(bytes, dtype, shape, order).
  ['numpy.core.numeric._frombuffer', 'frombuffer'],
  ['numpy._core.numeric._frombuffer', 'frombuffer'],
  // Protocol-2 pickles (joblib's object arrays) spell bytes as _codecs.encode(str, 'latin1').
  ['_codecs.encode', 'codecs.encode'],
  // ...and empty bytes (an empty array's data, e.g. SVC._probA) as bytes(): __builtin__ with
  // pickle's fix_imports (the default), builtins without. Only the call without arguments is accepted.
  ['__builtin__.bytes', 'bytes'],
  ['builtins.bytes', 'bytes'],
]);

export const ALLOWED_SUMMARY = 'StandardScaler, SVC, Pipeline and numpy arrays';

export function lookupAllowedGlobal(module: string, name: string): AllowedGlobal | undefined {
  return ALLOWED.get(`${module}.${name}`);
}

/** Why a name is refused, phrased for the user. */
export function refusalReason(module: string, name: string): string {
  const q = `"${module}.${name}"`;
  if (module === 'sklearn.model_selection._search') {
    // A fitted search holds the model it chose: saving that one is the way in.
    return `it holds ${q}, a search, not a model — save the model it chose, joblib.dump(search.best_estimator_, "model.joblib") (refit=True), and import that`;
  }
  if (module === 'sklearn' || module.startsWith('sklearn.')) {
    return `it holds ${q}, a scikit-learn object Model Lab cannot import (supported: ${ALLOWED_SUMMARY})`;
  }
  if (module === 'sklearn.externals.joblib' || module.startsWith('sklearn.externals')) {
    return `it was written by a very old scikit-learn (${q}); re-save it with scikit-learn 1.2`;
  }
  return `it asks to call ${q}, which is not on Model Lab's allow-list (${ALLOWED_SUMMARY}); nothing in the file was run`;
}
