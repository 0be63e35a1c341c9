// Python values to be written as a pickle. JavaScript cannot tell 1 from 1.0, so ints and floats
// are explicit; strings, booleans and null stand for str, bool and None. Objects are written once
// and referenced afterwards (the pickle memo), as Python's pickler does for one and the same object:
// share an instance to share the object.
import type { PickleWriter } from './pickleWriter';

export class PyIntOut {
  constructor(readonly value: number | bigint) {}
}

export class PyFloatOut {
  constructor(readonly value: number) {}
}

export class PyBytesOut {
  constructor(readonly bytes: Uint8Array) {}
}

export class PyTupleOut {
  constructor(readonly items: readonly PyOut[]) {}
}

export class PyListOut {
  constructor(readonly items: readonly PyOut[]) {}
}

/** A dict, in insertion order (as Python keeps it). */
export class PyDictOut {
  constructor(readonly entries: readonly (readonly [PyOut, PyOut])[]) {}
}

/** A module-level name: a class or a function. */
export class PyGlobalOut {
  constructor(readonly module: string, readonly name: string) {}
}

/** fn(*args), then `__setstate__(state)` (BUILD) when a state is given: what __reduce__ returns. */
export class PyReduceOut {
  constructor(readonly fn: PyGlobalOut, readonly args: PyTupleOut, readonly state?: PyOut) {}
}

/** cls.__new__(cls) then BUILD with the state: a plain instance, as protocol 2+ pickles objects. */
export class PyObjectOut {
  constructor(readonly cls: PyGlobalOut, readonly state: PyOut) {}
}

/** A value that writes itself (joblib's arrays: a wrapper object, then raw bytes outside the pickle). */
export class PyCustomOut {
  constructor(readonly write: (w: PickleWriter) => void) {}
}

export type PyOut =
  | null
  | boolean
  | string
  | PyIntOut
  | PyFloatOut
  | PyBytesOut
  | PyTupleOut
  | PyListOut
  | PyDictOut
  | PyGlobalOut
  | PyReduceOut
  | PyObjectOut
  | PyCustomOut;

export const pyInt = (v: number | bigint): PyIntOut => {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError(`pyInt: ${v} is not a safe integer`);
  return new PyIntOut(v);
};
export const pyFloat = (v: number): PyFloatOut => new PyFloatOut(v);
export const pyTuple = (...items: PyOut[]): PyTupleOut => new PyTupleOut(items);
export const pyList = (items: readonly PyOut[]): PyListOut => new PyListOut(items);
export const pyDict = (entries: readonly (readonly [PyOut, PyOut])[]): PyDictOut => new PyDictOut(entries);
/** A str-keyed dict (an object's __dict__) from [name, value] pairs. */
export const pyAttrs = (entries: readonly (readonly [string, PyOut])[]): PyDictOut => new PyDictOut(entries);
export const pyGlobal = (module: string, name: string): PyGlobalOut => new PyGlobalOut(module, name);
