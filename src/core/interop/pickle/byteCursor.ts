// Reads a byte buffer front to back on behalf of the pickle reader and joblib's raw array
// blocks. Every read checks the remaining length first, so a declared size can never make
// us allocate more than the input holds. Three budgets, all fixed by the input's size and
// checked BEFORE anything is allocated, make a fatal engine error impossible for any input:
// `charge` bounds the work (time), `retain` the values held in containers and arrays, and
// `allocate` the bytes copied out of the input (a 249 KB file must not fill the heap).
import { UserError } from '../../types';

/** Work units allowed per input byte (plus a fixed allowance): generous for real files, fatal for loops. */
const WORK_PER_BYTE = 64;
const WORK_BASE = 1_000_000;
/**
 * Values one file may hold in all its containers, arrays and memo together: 16 M, e.g. an SVC with
 * 200,000 support vectors of 80 features. Far below what the JavaScript engine can hold.
 */
export const MAX_VALUES = 1 << 24;
/** Bytes one file may make the reader copy (strings, bytes, latin-1 encodes): twice its size plus 16 MiB. */
const ALLOC_PER_BYTE = 2;
const ALLOC_BASE = 16 * 1024 * 1024;

export class ByteCursor {
  pos = 0;
  private work = 0;
  private values = 0;
  private allocated = 0;
  private readonly workLimit: number;
  private readonly allocLimit: number;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array, readonly fileLabel: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.workLimit = WORK_BASE + WORK_PER_BYTE * bytes.length;
    this.allocLimit = ALLOC_BASE + ALLOC_PER_BYTE * bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  fail(message: string, at = this.pos): never {
    throw new UserError(`${this.fileLabel}: byte ${at}: ${message}`);
  }

  /** Counts work; throws once a file has cost far more than its size justifies. */
  charge(units: number): void {
    this.work += units;
    if (this.work > this.workLimit) this.fail('the file makes the reader do far more work than its size justifies; refusing it');
  }

  /** Counts values about to be held (container items, array elements); throws before the budget is exceeded. */
  retain(n: number, what: string): void {
    if (n > MAX_VALUES - this.values) {
      this.fail(`${what} would make the file hold more than ${MAX_VALUES} values in all (no StandardScaler/SVC model is that large); refusing it`);
    }
    this.values += n;
  }

  /** Counts bytes about to be copied out of the input; throws before the budget is exceeded. */
  allocate(n: number, what: string): void {
    if (n > this.allocLimit - this.allocated) {
      this.fail(`${what} would make the reader copy more than ${this.allocLimit} bytes for a ${this.bytes.length}-byte pickle; refusing it`);
    }
    this.allocated += n;
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) {
      this.fail(`the file ends early: ${what} needs ${n} more bytes but only ${this.remaining} remain (truncated or damaged file)`);
    }
  }

  /** Checks a size declared inside the file against what is left, before anything is allocated. */
  checkDeclared(n: number | bigint, what: string): number {
    if (typeof n === 'bigint' ? n > BigInt(this.remaining) : n > this.remaining) {
      this.fail(`${what} declares ${n} bytes but only ${this.remaining} remain in the file (damaged or hostile file)`);
    }
    return Number(n);
  }

  u8(): number {
    this.need(1, 'a byte');
    return this.bytes[this.pos++]!;
  }

  u16(): number {
    this.need(2, 'a 2-byte number');
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4, 'a 4-byte number');
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i32(): number {
    this.need(4, 'a 4-byte number');
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u64(): bigint {
    this.need(8, 'an 8-byte number');
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  f64be(): number {
    this.need(8, 'a float');
    const v = this.view.getFloat64(this.pos, false);
    this.pos += 8;
    return v;
  }

  /** A view (no copy) of the next n bytes. */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    this.charge(n / 16);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Bytes up to (not including) the next '\n', for the text GLOBAL opcode; lines are short. */
  line(what: string, maxLength = 256): string {
    const start = this.pos;
    const stop = Math.min(this.bytes.length, start + maxLength + 1);
    for (let i = start; i < stop; i++) {
      if (this.bytes[i] === 0x0a) {
        this.pos = i + 1;
        return latin1(this.bytes.subarray(start, i));
      }
    }
    if (stop === this.bytes.length) this.need(stop - start + 1, what);
    return this.fail(`${what} is longer than ${maxLength} characters`);
  }
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

const utf8 = new TextDecoder('utf-8');
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
