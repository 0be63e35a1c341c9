// A pickle writer that emits what CPython's picklers emit for the same values, as joblib uses them:
// protocol 4 as the pure-Python pickle._Pickler writes it (joblib's NumpyPickler), protocol 2 as the C
// pickler writes it (pickle.dump of an object array). The same opcodes, the same memo (MEMOIZE or
// BINPUT after every str, bytes, tuple, list, dict, class and object; BINGET when the same one comes
// again), the same batches of 1000 items and, for protocol 4, the same framing (frames of up to
// 64 KiB; FRAME headers only for frames of 4 bytes or more). Writing a pickle runs nothing.
import {
  PyBytesOut, PyCustomOut, PyDictOut, PyFloatOut, PyGlobalOut, PyIntOut, PyListOut, PyReduceOut, PyTupleOut,
  type PyOut,
} from './pickleOut';

export type PickleProtocol = 2 | 4;

const OP = {
  PROTO: 0x80, FRAME: 0x95, STOP: 0x2e, MARK: 0x28, NONE: 0x4e, NEWTRUE: 0x88, NEWFALSE: 0x89,
  BININT: 0x4a, BININT1: 0x4b, BININT2: 0x4d, LONG1: 0x8a, LONG4: 0x8b, BINFLOAT: 0x47,
  SHORT_BINUNICODE: 0x8c, BINUNICODE: 0x58, BINUNICODE8: 0x8d, SHORT_BINBYTES: 0x43, BINBYTES: 0x42, BINBYTES8: 0x8e,
  EMPTY_TUPLE: 0x29, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87, TUPLE: 0x74, EMPTY_LIST: 0x5d, APPEND: 0x61, APPENDS: 0x65,
  EMPTY_DICT: 0x7d, SETITEM: 0x73, SETITEMS: 0x75, GLOBAL: 0x63, STACK_GLOBAL: 0x93, REDUCE: 0x52, BUILD: 0x62, NEWOBJ: 0x81,
  MEMOIZE: 0x94, BINPUT: 0x71, LONG_BINPUT: 0x72, BINGET: 0x68, LONG_BINGET: 0x6a,
} as const;

/** pickle's _FRAME_SIZE_TARGET and _FRAME_SIZE_MIN. */
const FRAME_SIZE_TARGET = 64 * 1024;
const FRAME_SIZE_MIN = 4;
/** pickle's _BATCHSIZE: items per APPENDS / SETITEMS. */
const BATCH_SIZE = 1000;
const MAX_U8 = 0xff;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

const utf8 = new TextEncoder();

/** A growable byte buffer. */
class ByteSink {
  private buf = new Uint8Array(1024);
  length = 0;

  push(bytes: Uint8Array | readonly number[]): void {
    const n = bytes.length;
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(bytes, this.length);
    this.length += n;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function u32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function u64le(n: number): number[] {
  return [...u32le(n % 2 ** 32), ...u32le(Math.floor(n / 2 ** 32))];
}

/** pickle.encode_long: two's complement, little-endian, as few bytes as Python uses. */
function encodeLong(x: bigint): Uint8Array {
  if (x === 0n) return new Uint8Array(0);
  const bits = (x < 0n ? -x - 1n : x).toString(2).length; // like int.bit_length() of x (or ~x)
  let n = (bits >> 3) + 1;
  const out = new Uint8Array(n);
  let v = BigInt.asUintN(n * 8, x);
  for (let i = 0; i < n; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (x < 0n && n > 1 && out[n - 1] === 0xff && (out[n - 2]! & 0x80) !== 0) n--;
  return out.subarray(0, n);
}

export class PickleWriter {
  private readonly out = new ByteSink();
  /** The protocol-4 frame being filled; null when not framing. */
  private frame: ByteSink | null = null;
  private readonly objectMemo = new Map<object, number>();
  private readonly keyMemo = new Map<string, number>();
  private memoSize = 0;

  constructor(readonly protocol: PickleProtocol) {}

  /** Bytes written to the output so far (committed frames and raw data): the file position. */
  get position(): number {
    return this.out.length;
  }

  /** pickle.dump: PROTO, the value, STOP, with framing for protocol 4. Returns every byte written. */
  dump(value: PyOut): Uint8Array {
    this.out.push([OP.PROTO, this.protocol]);
    if (this.protocol >= 4) this.frame = new ByteSink();
    this.save(value);
    this.write([OP.STOP]);
    if (this.frame) {
      if (this.frame.length > 0) this.commitFrame(true);
      this.frame = null;
    }
    return this.out.bytes();
  }

  /** Ends the current frame when it is full, or always when forced (joblib, before raw array data). */
  commitFrame(force: boolean): void {
    const f = this.frame;
    if (!f || (f.length < FRAME_SIZE_TARGET && !force)) return;
    if (f.length >= FRAME_SIZE_MIN) this.out.push([OP.FRAME, ...u64le(f.length)]);
    this.out.push(f.bytes());
    this.frame = new ByteSink();
  }

  /** Bytes outside the pickle opcodes (joblib's array data); the current frame must be committed. */
  writeRaw(bytes: Uint8Array | readonly number[]): void {
    if (this.frame && this.frame.length > 0) throw new Error('PickleWriter.writeRaw: commit the frame first');
    this.out.push(bytes);
  }

  private write(bytes: Uint8Array | readonly number[]): void {
    (this.frame ?? this.out).push(bytes);
  }

  /** A large str/bytes payload goes straight to the output, after the current frame (write_large_bytes). */
  private writeLarge(header: readonly number[], payload: Uint8Array): void {
    if (this.frame) this.commitFrame(true);
    this.out.push(header);
    this.out.push(payload);
  }

  private memoize(key: { object: object } | { key: string }): void {
    const index = this.memoSize++;
    if ('object' in key) this.objectMemo.set(key.object, index);
    else this.keyMemo.set(key.key, index);
    if (this.protocol >= 4) this.write([OP.MEMOIZE]);
    else this.write(index <= MAX_U8 ? [OP.BINPUT, index] : [OP.LONG_BINPUT, ...u32le(index)]);
  }

  /** Writes a memo reference when the value was written before; true if it did. */
  private recall(index: number | undefined): boolean {
    if (index === undefined) return false;
    this.write(index <= MAX_U8 ? [OP.BINGET, index] : [OP.LONG_BINGET, ...u32le(index)]);
    return true;
  }

  /** Pickler.save: one value, memoized as CPython memoizes it. */
  save(v: PyOut): void {
    if (this.frame) this.commitFrame(false);
    if (v === null) return this.write([OP.NONE]);
    if (typeof v === 'boolean') return this.write([v ? OP.NEWTRUE : OP.NEWFALSE]);
    if (typeof v === 'string') return this.saveStr(v);
    if (v instanceof PyIntOut) return this.saveInt(v.value);
    if (v instanceof PyFloatOut) {
      const b = new Uint8Array(9);
      b[0] = OP.BINFLOAT;
      new DataView(b.buffer).setFloat64(1, v.value, false);
      return this.write(b);
    }
    if (v instanceof PyGlobalOut) return this.saveGlobal(v);
    if (v instanceof PyCustomOut) return v.write(this);
    if (this.recall(this.objectMemo.get(v))) return;
    if (v instanceof PyBytesOut) return this.saveBytes(v);
    if (v instanceof PyTupleOut) return this.saveTuple(v);
    if (v instanceof PyListOut) {
      this.write([OP.EMPTY_LIST]);
      this.memoize({ object: v });
      return this.batch(v.items.map((x) => [x]), OP.APPEND, OP.APPENDS);
    }
    if (v instanceof PyDictOut) {
      this.write([OP.EMPTY_DICT]);
      this.memoize({ object: v });
      return this.batch(v.entries, OP.SETITEM, OP.SETITEMS);
    }
    if (v instanceof PyReduceOut) {
      this.save(v.fn);
      this.save(v.args);
      this.write([OP.REDUCE]);
      this.memoize({ object: v });
      if (v.state !== undefined) {
        this.save(v.state);
        this.write([OP.BUILD]);
      }
      return;
    }
    // PyObjectOut: copyreg.__newobj__ → NEWOBJ with no arguments, then BUILD.
    this.save(v.cls);
    this.write([OP.EMPTY_TUPLE, OP.NEWOBJ]);
    this.memoize({ object: v });
    this.save(v.state);
    this.write([OP.BUILD]);
  }

  /**
   * Items of a list or dict in batches of 1000 (MARK … APPENDS / SETITEMS). pickle._Pickler writes a
   * batch of one without MARK (APPEND / SETITEM); the C pickler does so only for a container of one,
   * and ends a dict of a multiple of 1000 items with an empty batch.
   */
  private batch(groups: readonly (readonly PyOut[])[], one: number, many: number): void {
    const cPickler = this.protocol < 4;
    if (groups.length === 0) return;
    const trailingEmpty = cPickler && one === OP.SETITEM && groups.length % BATCH_SIZE === 0;
    for (let start = 0; start < groups.length || (trailingEmpty && start === groups.length); start += BATCH_SIZE) {
      const chunk = groups.slice(start, start + BATCH_SIZE);
      const marked = cPickler ? groups.length > 1 : chunk.length > 1;
      if (marked) this.write([OP.MARK]);
      for (const g of chunk) for (const x of g) this.save(x);
      this.write([marked ? many : one]);
    }
  }

  private saveStr(s: string): void {
    // Equal strings are one object in every pickle written here (interned names and constants).
    if (this.recall(this.keyMemo.get(`s:${s}`))) return;
    const bytes = utf8.encode(s);
    const n = bytes.length;
    if (this.protocol >= 4 && n <= MAX_U8) this.write([OP.SHORT_BINUNICODE, n, ...bytes]);
    else if (this.protocol >= 4 && n > MAX_U32) this.writeLarge([OP.BINUNICODE8, ...u64le(n)], bytes);
    else if (this.protocol >= 4 && n >= FRAME_SIZE_TARGET) this.writeLarge([OP.BINUNICODE, ...u32le(n)], bytes);
    else {
      this.write([OP.BINUNICODE, ...u32le(n)]);
      this.write(bytes);
    }
    this.memoize({ key: `s:${s}` });
  }

  private saveBytes(v: PyBytesOut): void {
    const n = v.bytes.length;
    if (this.protocol < 3) {
      // Protocol 2 has no bytes opcode: bytes() or _codecs.encode(latin-1 text, 'latin1'), as CPython
      // writes them (with fix_imports, builtins is spelled __builtin__ for Python 2).
      let text = '';
      for (const b of v.bytes) text += String.fromCharCode(b);
      if (n === 0) {
        this.save(new PyGlobalOut('__builtin__', 'bytes'));
        this.save(new PyTupleOut([]));
      } else {
        this.save(new PyGlobalOut('_codecs', 'encode'));
        this.save(new PyTupleOut([text, 'latin1']));
      }
      this.write([OP.REDUCE]);
    } else if (n <= MAX_U8) {
      this.write([OP.SHORT_BINBYTES, n]);
      this.write(v.bytes);
    } else if (n >= FRAME_SIZE_TARGET) {
      this.writeLarge(n > MAX_U32 ? [OP.BINBYTES8, ...u64le(n)] : [OP.BINBYTES, ...u32le(n)], v.bytes);
    } else {
      this.write([OP.BINBYTES, ...u32le(n)]);
      this.write(v.bytes);
    }
    this.memoize({ object: v });
  }

  private saveTuple(v: PyTupleOut): void {
    const n = v.items.length;
    if (n === 0) return this.write([OP.EMPTY_TUPLE]);
    if (n <= 3) {
      for (const x of v.items) this.save(x);
      this.write([[OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][n - 1]!]);
    } else {
      this.write([OP.MARK]);
      for (const x of v.items) this.save(x);
      this.write([OP.TUPLE]);
    }
    this.memoize({ object: v });
  }

  private saveGlobal(g: PyGlobalOut): void {
    // A class or function is one object however often it is named: memoized by its qualified name.
    const key = `g:${g.module}\n${g.name}`;
    if (this.recall(this.keyMemo.get(key))) return;
    if (this.protocol >= 4) {
      this.save(g.module);
      this.save(g.name);
      this.write([OP.STACK_GLOBAL]);
    } else {
      this.write([OP.GLOBAL, ...utf8.encode(`${g.module}\n${g.name}\n`)]);
    }
    this.memoize({ key });
  }

  private saveInt(value: number | bigint): void {
    const x = BigInt(value);
    if (x >= 0n && x <= BigInt(MAX_U8)) return this.write([OP.BININT1, Number(x)]);
    if (x >= 0n && x <= BigInt(MAX_U16)) return this.write([OP.BININT2, Number(x) & 0xff, Number(x) >> 8]);
    if (x >= BigInt(INT32_MIN) && x <= BigInt(INT32_MAX)) return this.write([OP.BININT, ...u32le(Number(x) >>> 0)]);
    const encoded = encodeLong(x);
    if (encoded.length <= MAX_U8) this.write([OP.LONG1, encoded.length]);
    else this.write([OP.LONG4, ...u32le(encoded.length)]);
    this.write(encoded);
  }
}
