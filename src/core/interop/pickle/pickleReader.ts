// A pickle virtual machine that never executes anything: it understands the binary opcodes
// of protocols 2–5, resolves globals only through the allow-list, and hands REDUCE/BUILD of
// allowed names to hooks that build inert values. Work, values held and bytes copied are bounded
// by the ByteCursor's budgets, and the stack and the memo by fixed limits, each checked before
// anything grows: a DUP flood, a memo flood or a length claim ends in a UserError, never in a
// fatal engine error.
import { lookupAllowedGlobal, refusalReason } from './allowList';
import { ByteCursor, decodeUtf8 } from './byteCursor';
import {
  MARK, PyBytes, PyDict, PyGlobal, PyList, PyObject, PySet, PyTuple, depthOf, describeValue,
  type PyDictKey, type PyValue, type StackItem,
} from './pickleValues';

/** What the joblib layer adds: how allowed callables and BUILD on allowed values behave. */
export interface PickleHooks {
  /** fn(*args) for an allowed callable. */
  reduce(fn: PyGlobal, args: PyTuple, cursor: ByteCursor): PyValue;
  /** obj.__setstate__(state); returns what replaces obj on the stack (joblib swaps in the array). */
  build(target: PyValue, state: PyValue, cursor: ByteCursor, readNested: () => PyValue): PyValue;
}

export const MAX_MARK_DEPTH = 100;
/** Values on the stack at once: scikit-learn pickles batch containers by 1,000 items. */
export const MAX_STACK = 1 << 20;
/** Memo entries per pickle: one per object or string a real model file shares. */
export const MAX_MEMO = 1 << 20;
/** Containers inside containers; scikit-learn objects nest a handful of levels. */
export const MAX_DEPTH = 100;
const MAX_LONG_BYTES = 1024;
const MAX_NESTED_PICKLES = 4;

export function readPickle(cursor: ByteCursor, hooks: PickleHooks, nestingLevel = 0): PyValue {
  if (nestingLevel > MAX_NESTED_PICKLES) cursor.fail(`pickles are nested more than ${MAX_NESTED_PICKLES} deep; refusing the file`);
  const stack: StackItem[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PyValue>();
  const readNested = (): PyValue => readPickle(cursor, hooks, nestingLevel + 1);

  const pop = (at: number): PyValue => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1]!)) {
      return cursor.fail('malformed pickle: the stack is empty where a value was expected', at);
    }
    const v = stack.pop()!;
    return v as PyValue;
  };
  const top = (at: number): PyValue => {
    const v = pop(at);
    stack.push(v);
    return v;
  };
  const popMark = (at: number): PyValue[] => {
    const m = marks.pop();
    if (m === undefined) return cursor.fail('malformed pickle: no MARK to pop to', at);
    cursor.charge(stack.length - m);
    const items = stack.splice(m) as PyValue[];
    if (stack[stack.length - 1] !== MARK) return cursor.fail('malformed pickle: MARK lost', at);
    stack.pop();
    return items;
  };
  const push = (v: PyValue): void => {
    cursor.charge(1);
    if (stack.length >= MAX_STACK) cursor.fail(`the pickle puts more than ${MAX_STACK} values on its stack (a DUP or value flood); refusing it`);
    if (depthOf(v) > MAX_DEPTH) cursor.fail(`the data is nested more than ${MAX_DEPTH} levels deep; refusing it`);
    stack.push(v);
  };
  const deepen = (container: PyList | PyDict | PySet, items: readonly PyValue[]): void => {
    for (const x of items) container.depth = Math.max(container.depth, depthOf(x) + 1);
    if (container.depth > MAX_DEPTH) cursor.fail(`the data is nested more than ${MAX_DEPTH} levels deep; refusing it`);
  };
  const memoGet = (i: number, at: number): PyValue => {
    if (!memo.has(i)) return cursor.fail(`malformed pickle: memo entry ${i} was never stored`, at);
    return memo.get(i)!;
  };
  const memoPut = (i: number, at: number): void => {
    if (memo.size >= MAX_MEMO && !memo.has(i)) cursor.fail(`the pickle stores more than ${MAX_MEMO} memo entries; refusing it`, at);
    memo.set(i, top(at));
  };
  const global = (module: string, name: string, at: number): PyGlobal => {
    const allowed = lookupAllowedGlobal(module, name);
    if (!allowed) return cursor.fail(`refusing to load: ${refusalReason(module, name)}`, at);
    return new PyGlobal(module, name, allowed);
  };
  const str = (n: number | bigint): string => {
    const len = cursor.checkDeclared(n, 'a string');
    cursor.charge(len);
    cursor.allocate(2 * len, 'a string'); // a JavaScript string takes up to 2 bytes per character
    return decodeUtf8(cursor.take(len, 'a string'));
  };
  const bytes = (n: number | bigint): PyBytes => {
    const len = cursor.checkDeclared(n, 'a bytes object');
    cursor.charge(len);
    cursor.allocate(len, 'a bytes object');
    return new PyBytes(cursor.take(len, 'a bytes object').slice());
  };
  const dictKey = (k: PyValue, at: number): PyDictKey => {
    if (k === null || typeof k === 'string' || typeof k === 'boolean' || typeof k === 'number') return k;
    return cursor.fail(`a dict key is a ${describeValue(k)}; only str/int keys are supported`, at);
  };
  const setItems = (d: PyValue, items: PyValue[], at: number): void => {
    if (!(d instanceof PyDict)) cursor.fail(`SETITEMS on a ${describeValue(d)}`, at);
    if (items.length % 2 !== 0) cursor.fail('malformed pickle: odd number of dict items', at);
    cursor.retain(items.length / 2, 'a dict');
    for (let i = 0; i < items.length; i += 2) d.entries.set(dictKey(items[i]!, at), items[i + 1]!);
    deepen(d, items);
  };
  const appendItems = (l: PyValue, items: PyValue[], at: number): void => {
    if (!(l instanceof PyList)) return cursor.fail(`APPEND on a ${describeValue(l)}`, at);
    cursor.retain(items.length, 'a list');
    for (const x of items) l.items.push(x); // not push(...items): a long batch would overflow the call stack
    deepen(l, items);
  };
  /** The items of a new tuple, list or set, counted against the values budget. */
  const held = (items: PyValue[], what: string): PyValue[] => {
    cursor.retain(items.length, what);
    return items;
  };
  const newObject = (cls: PyValue, args: PyValue, at: number): PyObject => {
    if (!(cls instanceof PyGlobal) || !['StandardScaler', 'SVC', 'Pipeline', 'NumpyArrayWrapper'].includes(cls.allowed)) {
      return cursor.fail(`cannot create an instance of ${describeValue(cls)}`, at);
    }
    if (!(args instanceof PyTuple) || args.items.length !== 0) cursor.fail(`${cls.name} is created with unexpected arguments`, at);
    return new PyObject(cls);
  };

  for (;;) {
    const at = cursor.pos;
    const op = cursor.u8();
    cursor.charge(1);
    switch (op) {
      case 0x80: { // PROTO
        const v = cursor.u8();
        if (v < 2 || v > 5) cursor.fail(`pickle protocol ${v} is not supported (joblib writes 2–5)`, at);
        break;
      }
      case 0x95: { // FRAME: the opcodes are read linearly anyway; only the size is checked.
        cursor.checkDeclared(cursor.u64(), 'a frame');
        break;
      }
      case 0x2e: { // STOP
        const result = pop(at);
        if (marks.length > 0 || stack.length !== 0) cursor.fail('malformed pickle: values left on the stack at STOP', at);
        return result;
      }
      case 0x28: // MARK
        if (marks.length >= MAX_MARK_DEPTH) cursor.fail(`the data is nested more than ${MAX_MARK_DEPTH} levels deep; refusing it`, at);
        marks.push(stack.length + 1);
        stack.push(MARK);
        break;
      case 0x30: pop(at); break; // POP
      case 0x31: popMark(at); break; // POP_MARK
      case 0x32: push(top(at)); break; // DUP
      case 0x4e: push(null); break; // NONE
      case 0x88: push(true); break; // NEWTRUE
      case 0x89: push(false); break; // NEWFALSE
      case 0x4a: push(cursor.i32()); break; // BININT
      case 0x4b: push(cursor.u8()); break; // BININT1
      case 0x4d: push(cursor.u16()); break; // BININT2
      case 0x8a: push(readLong(cursor, cursor.u8())); break; // LONG1
      case 0x8b: { // LONG4
        const n = cursor.i32();
        if (n < 0 || n > MAX_LONG_BYTES) cursor.fail(`an integer declares ${n} bytes; at most ${MAX_LONG_BYTES} are accepted`, at);
        push(readLong(cursor, n));
        break;
      }
      case 0x47: push(cursor.f64be()); break; // BINFLOAT
      case 0x8c: push(str(cursor.u8())); break; // SHORT_BINUNICODE
      case 0x58: push(str(cursor.u32())); break; // BINUNICODE
      case 0x8d: push(str(cursor.u64())); break; // BINUNICODE8
      case 0x43: push(bytes(cursor.u8())); break; // SHORT_BINBYTES
      case 0x42: push(bytes(cursor.u32())); break; // BINBYTES
      case 0x8e: push(bytes(cursor.u64())); break; // BINBYTES8
      case 0x96: push(bytes(cursor.u64())); break; // BYTEARRAY8
      case 0x55: push(bytes(cursor.u8())); break; // SHORT_BINSTRING (Python 2 str, read as bytes)
      case 0x54: { // BINSTRING
        const n = cursor.i32();
        if (n < 0) cursor.fail('a string declares a negative length', at);
        push(bytes(n));
        break;
      }
      case 0x29: push(new PyTuple([])); break; // EMPTY_TUPLE
      case 0x85: push(new PyTuple([pop(at)])); break; // TUPLE1
      case 0x86: { const b = pop(at); const a = pop(at); push(new PyTuple([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(at); const b = pop(at); const a = pop(at); push(new PyTuple([a, b, c])); break; } // TUPLE3
      case 0x74: push(new PyTuple(held(popMark(at), 'a tuple'))); break; // TUPLE
      case 0x5d: push(new PyList([])); break; // EMPTY_LIST
      case 0x6c: push(new PyList(held(popMark(at), 'a list'))); break; // LIST
      case 0x61: { const v = pop(at); appendItems(top(at), [v], at); break; } // APPEND
      case 0x65: { const items = popMark(at); appendItems(top(at), items, at); break; } // APPENDS
      case 0x7d: push(new PyDict()); break; // EMPTY_DICT
      case 0x64: { const d = new PyDict(); setItems(d, popMark(at), at); push(d); break; } // DICT
      case 0x73: { const v = pop(at); const k = pop(at); setItems(top(at), [k, v], at); break; } // SETITEM
      case 0x75: { const items = popMark(at); setItems(top(at), items, at); break; } // SETITEMS
      case 0x8f: push(new PySet([], false)); break; // EMPTY_SET
      case 0x90: { // ADDITEMS
        const items = popMark(at);
        const s = top(at);
        if (!(s instanceof PySet) || s.frozen) cursor.fail(`ADDITEMS on a ${describeValue(s)}`, at);
        for (const x of held(items, 'a set')) s.items.push(x);
        deepen(s, items);
        break;
      }
      case 0x91: push(new PySet(held(popMark(at), 'a frozenset'), true)); break; // FROZENSET
      case 0x94: memoPut(memo.size, at); break; // MEMOIZE
      case 0x71: memoPut(cursor.u8(), at); break; // BINPUT
      case 0x72: memoPut(cursor.u32(), at); break; // LONG_BINPUT
      case 0x68: push(memoGet(cursor.u8(), at)); break; // BINGET
      case 0x6a: push(memoGet(cursor.u32(), at)); break; // LONG_BINGET
      case 0x63: { // GLOBAL (text: "module\nname\n")
        const module = cursor.line('a module name');
        const name = cursor.line('a global name');
        push(global(module, name, at));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop(at);
        const module = pop(at);
        if (typeof module !== 'string' || typeof name !== 'string') cursor.fail('STACK_GLOBAL needs two strings', at);
        push(global(module, name, at));
        break;
      }
      case 0x81: { const args = pop(at); const cls = pop(at); push(newObject(cls, args, at)); break; } // NEWOBJ
      case 0x92: { // NEWOBJ_EX
        const kwargs = pop(at);
        const args = pop(at);
        const cls = pop(at);
        if (!(kwargs instanceof PyDict) || kwargs.entries.size !== 0) cursor.fail('NEWOBJ_EX with keyword arguments is not supported', at);
        push(newObject(cls, args, at));
        break;
      }
      case 0x52: { // REDUCE
        const args = pop(at);
        const fn = pop(at);
        if (!(fn instanceof PyGlobal)) cursor.fail(`cannot call a ${describeValue(fn)}`, at);
        if (!(args instanceof PyTuple)) cursor.fail(`${fn.qualifiedName} is called with a ${describeValue(args)} instead of a tuple`, at);
        push(hooks.reduce(fn, args, cursor));
        break;
      }
      case 0x62: { // BUILD
        const state = pop(at);
        const target = pop(at);
        push(hooks.build(target, state, cursor, readNested));
        break;
      }
      case 0x50: // PERSID
      case 0x51: // BINPERSID
        return cursor.fail('refusing to load: the pickle uses a persistent id (a reference to data outside the file), which Model Lab never resolves', at);
      case 0x82: case 0x83: case 0x84: // EXT1/2/4
        return cursor.fail('refusing to load: the pickle uses the copyreg extension registry, which Model Lab does not support', at);
      case 0x97: case 0x98: // NEXT_BUFFER, READONLY_BUFFER
        return cursor.fail('refusing to load: the pickle uses out-of-band buffers (protocol 5), which a file cannot carry', at);
      case 0x69: case 0x6f: // INST, OBJ
      case 0x46: case 0x49: case 0x4c: case 0x53: case 0x56: // FLOAT, INT, LONG, STRING, UNICODE (text)
      case 0x67: case 0x70: // GET, PUT (text)
        return cursor.fail(`pickle opcode 0x${op.toString(16)} belongs to the text protocols 0 and 1, which Model Lab does not read; re-save the model with joblib.dump(model, path)`, at);
      default:
        return cursor.fail(`unknown pickle opcode 0x${op.toString(16).padStart(2, '0')}; the file is damaged or not a pickle`, at);
    }
  }
}

/** Little-endian two's complement integer of n bytes (LONG1/LONG4). */
function readLong(cursor: ByteCursor, n: number): number | bigint {
  const b = cursor.take(n, 'an integer');
  cursor.charge(n);
  if (n === 0) return 0;
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  if (b[n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
