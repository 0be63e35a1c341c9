// numpy's legacy RandomState (np.random.RandomState(seed)): MT19937 seeded with the classic
// init_genrand, which is what scikit-learn's check_random_state(int) builds. Only the draws
// the project needs are here; each consumes the 32-bit stream exactly as numpy 1.24 does.
import { UserError } from '../types';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
export const MAX_SEED = 0xffffffff;

/** Throws a UserError unless `seed` is an integer numpy accepts (0..2^32-1). */
export function checkSeed(seed: number, what = 'random seed'): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new UserError(`The ${what} must be a whole number between 0 and 2**32 - 1 (4294967295); got ${seed}.`);
  }
  return seed;
}

export class RandomState {
  private readonly key = new Uint32Array(N);
  private pos = N;

  constructor(seed: number) {
    checkSeed(seed);
    // init_genrand: key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i, modulo 2^32.
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.key[i] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = N;
  }

  private generate(): void {
    const k = this.key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (k[i]! & UPPER_MASK) | (k[i + 1]! & LOWER_MASK);
      k[i] = k[i + M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      const y = (k[i]! & UPPER_MASK) | (k[i + 1]! & LOWER_MASK);
      k[i] = k[i + M - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (k[N - 1]! & UPPER_MASK) | (k[0]! & LOWER_MASK);
    k[N - 1] = k[M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** Next raw 32-bit output (genrand_int32), as an unsigned number. */
  nextUint32(): number {
    if (this.pos === N) this.generate();
    let y = this.key[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random_sample(): a double in [0, 1) from two outputs (27 + 26 bits), as numpy does. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * Integer in [0, max] by masked rejection sampling (numpy's random_interval): mask the 32-bit
   * output with the smallest all-ones mask covering max, redraw while it exceeds max.
   */
  interval(max: number): number {
    if (max === 0) return 0;
    if (!Number.isInteger(max) || max < 0 || max > MAX_SEED) {
      throw new RangeError(`interval bound out of range: ${max}`);
    }
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** In-place shuffle as RandomState.shuffle does on a 1-d array (Fisher-Yates from the end). */
  shuffle(items: number[] | Int32Array | Float64Array | Uint32Array): void {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
  }

  /** permutation(n): a shuffled arange(n). */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new RangeError(`permutation size out of range: ${n}`);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }
}
