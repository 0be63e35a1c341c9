// Hostile .joblib files built opcode by opcode: each one tries to make the pickle reader hold,
// copy or do far more than its size justifies (issue 18, item 4). Shared by the bomb tests and
// the child process that runs them under a small heap (pickleBombRunner.ts).
import { deflateSync } from 'node:zlib';

/** A tiny pickle assembler (protocol 4 opcodes). */
export class PickleWriter {
  private readonly parts: Buffer[] = [];
  op(...bytes: number[]): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }
  raw(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  proto(): this {
    return this.op(0x80, 4);
  }
  str(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return b.length < 256 ? this.op(0x8c, b.length).raw(b) : this.op(0x58).raw(u32(b.length)).raw(b);
  }
  int(n: number): this {
    return this.op(0x4a).raw(i32(n)); // BININT
  }
  /** LONG1 with 8 bytes: integers beyond 32 bits. */
  long(n: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(n);
    return this.op(0x8a, 8).raw(b);
  }
  global(module: string, name: string): this {
    return this.op(0x63).raw(Buffer.from(`${module}\n${name}\n`, 'latin1'));
  }
  none(): this { return this.op(0x4e); }
  mark(): this { return this.op(0x28); }
  tuple(): this { return this.op(0x74); }
  stop(): this { return this.op(0x2e); }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function i32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
}
function u64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}

/** `count` copies of one opcode after a prefix, closed by `suffix` (a buffer of that size is built once). */
function flood(prefix: Buffer, opcode: number, count: number, suffix: Buffer = Buffer.from([0x2e])): Buffer {
  const b = Buffer.alloc(prefix.length + count + suffix.length, opcode);
  prefix.copy(b, 0);
  suffix.copy(b, prefix.length + count);
  return b;
}

/** numpy dtype('<TYPE') rebuilt as joblib pickles it: dtype(spelled, False, True) + BUILD of its state. */
function dtype(w: PickleWriter, spelled: string, endian: string): PickleWriter {
  w.global('numpy', 'dtype').mark().str(spelled).op(0x89).op(0x88).tuple().op(0x52); // REDUCE
  return w.mark().int(3).str(endian).none().none().none().int(-1).int(-1).int(0).tuple().op(0x62); // BUILD
}

/** A joblib NumpyArrayWrapper header declaring `shape` (numbers or bigints), followed by `data`. */
export function arrayWrapper(shape: readonly (number | bigint)[], spelled: string, data: Buffer): Buffer {
  const w = new PickleWriter().proto().global('joblib.numpy_pickle', 'NumpyArrayWrapper').op(0x29).op(0x81); // EMPTY_TUPLE, NEWOBJ
  w.op(0x7d).mark(); // EMPTY_DICT, MARK
  w.str('subclass').global('numpy', 'ndarray');
  w.str('shape').mark();
  for (const d of shape) {
    if (typeof d === 'bigint') w.long(d);
    else w.int(d);
  }
  w.tuple();
  w.str('order').str('C');
  w.str('dtype');
  dtype(w, spelled, spelled.startsWith('b') ? '|' : '<');
  w.str('allow_mmap').op(0x89);
  w.op(0x75).op(0x62); // SETITEMS, BUILD → the array's bytes follow
  return Buffer.concat([w.bytes(), data, Buffer.from([0x2e])]);
}

export interface Bomb {
  readonly name: string;
  /** What the reader must say (the UserError's reason). */
  readonly reason: RegExp;
  /** The file's bytes (built lazily: some are large before compression). */
  readonly build: () => Buffer;
}

const PROTO_NONE = new PickleWriter().proto().none().bytes();

/** Every bomb; the DUP bomb is the issue's own (249 KB of zlib, 250 M DUPs after None). */
export const BOMBS: readonly Bomb[] = [
  {
    name: 'issue-18 DUP bomb: zlib, None then 250,000,000 DUP',
    reason: /more than 1048576 values on its stack/,
    build: () => deflateSync(flood(PROTO_NONE, 0x32, 250_000_000), { level: 9 }),
  },
  {
    name: 'DUP flood, uncompressed (2,000,000 DUP)',
    reason: /more than 1048576 values on its stack/,
    build: () => flood(PROTO_NONE, 0x32, 2_000_000),
  },
  {
    name: 'MARK flood (10,000,000 MARK, zlib)',
    reason: /nested more than 100 levels deep/,
    build: () => deflateSync(flood(new PickleWriter().proto().bytes(), 0x28, 10_000_000)),
  },
  {
    name: 'BINUNICODE claiming 4 GB',
    reason: /a string declares 4294967295 bytes but only \d+ remain/,
    build: () => new PickleWriter().proto().op(0x58).raw(u32(0xffffffff)).raw(Buffer.from('abc')).stop().bytes(),
  },
  {
    name: 'BINUNICODE8 claiming 2^63 bytes',
    reason: /a string declares 9223372036854775808 bytes/,
    build: () => new PickleWriter().proto().op(0x8d).raw(u64(1n << 63n)).stop().bytes(),
  },
  {
    name: 'BINBYTES claiming 4 GB',
    reason: /a bytes object declares 4294967295 bytes/,
    build: () => new PickleWriter().proto().op(0x42).raw(u32(0xffffffff)).stop().bytes(),
  },
  {
    name: 'BINBYTES8 / BYTEARRAY8 claiming 2^64-1 bytes',
    reason: /a bytes object declares 18446744073709551615 bytes/,
    build: () => new PickleWriter().proto().op(0x96).raw(u64((1n << 64n) - 1n)).stop().bytes(),
  },
  {
    name: 'FRAME claiming 2^62 bytes',
    reason: /a frame declares 4611686018427387904 bytes/,
    build: () => new PickleWriter().proto().op(0x95).raw(u64(1n << 62n)).stop().bytes(),
  },
  {
    name: 'memo growth: None, then 3,000,000 MEMOIZE (zlib)',
    reason: /more than 1048576 memo entries/,
    build: () => deflateSync(flood(PROTO_NONE, 0x94, 3_000_000)),
  },
  {
    name: 'memo growth: 2,000,000 LONG_BINPUT with distinct indices',
    reason: /more than 1048576 memo entries/,
    build: () => {
      const b = Buffer.alloc(3 + 5 * 2_000_000 + 1);
      PROTO_NONE.copy(b);
      for (let i = 0; i < 2_000_000; i++) {
        b[3 + 5 * i] = 0x72;
        b.writeUInt32LE(i, 4 + 5 * i);
      }
      b[b.length - 1] = 0x2e;
      return deflateSync(b);
    },
  },
  {
    name: 'memo amplification: one list appended to itself through BINGET 1,000,000 times',
    reason: /nested more than 100 levels deep/,
    build: () => {
      const head = new PickleWriter().proto().op(0x5d).op(0x71, 0).bytes(); // EMPTY_LIST, BINPUT 0
      const step = Buffer.from([0x68, 0, 0x61]); // BINGET 0, APPEND
      return deflateSync(Buffer.concat([head, ...Array.from({ length: 1_000_000 }, () => step), Buffer.from([0x2e])]));
    },
  },
  {
    name: 'values flood: one list, 20,000,000 APPEND of None (zlib)',
    reason: /more than 16777216 values in all/,
    build: () => {
      const head = new PickleWriter().proto().op(0x5d).bytes();
      const b = Buffer.alloc(head.length + 2 * 20_000_000 + 1);
      head.copy(b);
      for (let i = head.length; i < b.length - 1; i += 2) { b[i] = 0x4e; b[i + 1] = 0x61; }
      b[b.length - 1] = 0x2e;
      return deflateSync(b);
    },
  },
  {
    name: 'deep nesting: None wrapped in 1,000,000 TUPLE1',
    reason: /nested more than 100 levels deep/,
    build: () => flood(PROTO_NONE, 0x85, 1_000_000),
  },
  {
    name: 'latin-1 amplification: a 1 MB string encoded 1,000 times through _codecs.encode',
    reason: /would make the reader copy more than \d+ bytes/,
    build: () => {
      const w = new PickleWriter().proto().global('_codecs', 'encode').op(0x71, 0).str('x'.repeat(1 << 20)).op(0x71, 1).str('latin1').op(0x71, 2).op(0x30, 0x30, 0x30);
      const call = new PickleWriter().op(0x68, 0).op(0x68, 1).op(0x68, 2).op(0x86).op(0x52).bytes(); // GET fn, GET text, GET enc, TUPLE2, REDUCE
      w.op(0x5d); // a list keeps every result alive
      for (let i = 0; i < 1000; i++) w.raw(call).op(0x61);
      return deflateSync(w.stop().bytes());
    },
  },
  {
    name: 'NumpyArrayWrapper declaring 2^40 float64 elements',
    reason: /a numpy array declares the dimension 1099511627776/,
    build: () => arrayWrapper([1n << 40n], 'f8', Buffer.alloc(64)),
  },
  {
    name: 'NumpyArrayWrapper declaring shape (0, 10^15)',
    reason: /a numpy array declares the dimension 1000000000000000/,
    build: () => arrayWrapper([0, 10n ** 15n], 'f8', Buffer.alloc(0)),
  },
  {
    name: 'NumpyArrayWrapper declaring 65536 x 65536 float64 with 1 KB of data',
    reason: /more than the file can hold/,
    build: () => arrayWrapper([65536, 65536], 'f8', Buffer.alloc(1024)),
  },
  {
    name: 'NumpyArrayWrapper with 200,000,000 real bool elements (zlib, 200 MB of zeros)',
    reason: /a numpy array declares the dimension 200000000/,
    build: () => deflateSync(arrayWrapper([200_000_000], 'b1', Buffer.alloc(200_000_000)), { level: 9 }),
  },
  {
    name: 'NumpyArrayWrapper with 25,000,000 real float64 elements (zlib, 200 MB of zeros)',
    reason: /a numpy array would make the file hold more than 16777216 values/,
    build: () => deflateSync(arrayWrapper([5000, 5000], 'f8', Buffer.alloc(200_000_000)), { level: 9 }),
  },
];
