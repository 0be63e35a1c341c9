// The two hot loops of an RBF SVC on narrow rows (d < 16): columns of the training matrix Q and
// kernel rows for prediction, with glibc's exp (glibcExp.ts) inlined so that no result is boxed.
// Same operations in the same order as kernel.ts/svcQ.ts, so the same bits.
//
// Training stores Q as float32 (libsvm's Qfloat), so there the last step of exp runs unfused and
// the result is kept only when every double within one ulp of it rounds to the same float32; the
// exact (fused) value is within one ulp, so the stored float32 is provably the same. Otherwise
// (about 1 entry in 10^8) the exact exp decides.
//
// makeRbfKernels is SELF-CONTAINED (no free variables but JavaScript globals): kernelWorker.ts
// sends its source text to a worker thread, so both threads run this very code.
import { TAIL, HEAD, HEAD_HI, HEAD_LO, POW2 } from './glibcExp';

export interface ExpTables {
  TAIL: Float64Array;
  HEAD: Float64Array;
  HEAD_HI: Float64Array;
  HEAD_LO: Float64Array;
  POW2: Float64Array;
}

export interface RbfKernels {
  /** Same bits as glibcExp.ts's glibcExp (checked by the tests). */
  exp(x: number): number;
  /**
   * Entries [start, len) of column i of Q = y_i y_j exp(-gamma (|x_i|^2 + |x_j|^2 - 2 x_i.x_j)) into out.
   * xp holds the rows in solver-position order (row j at j*d), xs their squared norms.
   */
  fillColumn(out: Float32Array, start: number, len: number, i: number,
    xp: Float64Array, d: number, xs: Float64Array, y: Int8Array, negGamma: number): void;
  /** kvalue[s] = exp(-gamma |x - sv_s|^2) for every support vector (libsvm's k_function, exact double). */
  kernelRow(x: Float64Array, off: number, sv: Float64Array, nSv: number, d: number, negGamma: number, kvalue: Float64Array): void;
  /**
   * libsvm's pairwise decision values for one row from its kernel values (written at dec[at..]) and
   * the voted class: the first class with the most votes.
   */
  voteRow(kvalue: Float64Array, nClasses: number, start: Int32Array, nSupport: Int32Array, coef: Float64Array[],
    rho: Float64Array, dec: Float64Array, at: number, votes: Int32Array): number;
}

export function makeRbfKernels(tables: ExpTables): RbfKernels {
  const TAIL = tables.TAIL, HEAD = tables.HEAD, HEAD_HI = tables.HEAD_HI, HEAD_LO = tables.HEAD_LO, POW2 = tables.POW2;
  const INV_LN2_N = 1.4426950408889634 * 128;
  const NEG_LN2_HI_N = -0.005415212348111709;
  const NEG_LN2_LO_N = -1.2864023111638346e-14;
  const SHIFT = 6755399441055744.0;
  const C2 = 0.49999999999996786, C3 = 0.16666666666665886, C4 = 0.0416666808410674, C5 = 0.008333335853059549;
  const SPLIT = 134217729;
  /** Arguments in (EXP_LO, EXP_HI) take glibc's main path; (EXP_HI, -EXP_HI) its tiny-argument one. */
  const EXP_LO = -708;
  const EXP_HI = -5.551115123125783e-17;
  const DOWN = 1 - 2 ** -52;
  const UP = 1 + 2 ** -52;

  function exp(x: number): number {
    if (!(x > -708 && x < 709)) {
      if (x !== x) return x;
      if (x >= 709) return x > 709.782712893384 ? Infinity : Math.exp(x);
      if (x <= -745.1332191019412) return 0;
      return Math.exp(x);
    }
    if (Math.abs(x) < 5.551115123125783e-17) return 1.0 + x;
    return expMain(x);
  }

  /** glibc's main path, fma(scale, tmp, scale) emulated exactly as glibcExp.ts does. */
  function expMain(x: number): number {
    let kd = INV_LN2_N * x + SHIFT;
    kd -= SHIFT;
    const r = x + kd * NEG_LN2_HI_N + kd * NEG_LN2_LO_N;
    const k = kd | 0;
    const idx = k & 127;
    const r2 = r * r;
    const tmp = TAIL[idx] + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
    const h = HEAD[idx];
    const p = h * tmp;
    const t = SPLIT * tmp;
    const th = t - (t - tmp);
    const tl = tmp - th;
    const hh = HEAD_HI[idx], hl = HEAD_LO[idx];
    const e = ((hh * th - p) + hh * tl + hl * th) + hl * tl;
    const s = h + p;
    const err = p - (s - h);
    return (s + (err + e)) * POW2[(k >> 7) + 1100];
  }

  function expDouble(x: number): number {
    if (x > EXP_LO && x < EXP_HI) return expMain(x);
    return x > EXP_HI && x < -EXP_HI ? 1.0 + x : exp(x);
  }

  function expFloat32(x: number): number {
    if (x > EXP_LO && x < EXP_HI) {
      let kd = INV_LN2_N * x + SHIFT;
      kd -= SHIFT;
      const r = x + kd * NEG_LN2_HI_N + kd * NEG_LN2_LO_N;
      const k = kd | 0;
      const idx = k & 127;
      const r2 = r * r;
      const tmp = TAIL[idx] + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
      const h = HEAD[idx];
      const v = (h + h * tmp) * POW2[(k >> 7) + 1100];
      const lo = Math.fround(v * DOWN);
      if (lo === Math.fround(v * UP)) return lo;
      return Math.fround(expMain(x));
    }
    return Math.fround(x > EXP_HI && x < -EXP_HI ? 1.0 + x : exp(x));
  }

  function fillColumn(out: Float32Array, start: number, len: number, i: number,
    xp: Float64Array, d: number, xs: Float64Array, y: Int8Array, negGamma: number): void {
    const oi = i * d;
    const xsi = xs[i];
    const yi = y[i];
    for (let j = start, oj = start * d; j < len; j++, oj += d) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += xp[oj + k] * xp[oi + k];
      out[j] = yi * y[j] * expFloat32(negGamma * (xsi + xs[j] - 2 * dot));
    }
  }

  function kernelRow(x: Float64Array, off: number, sv: Float64Array, nSv: number, d: number, negGamma: number, kvalue: Float64Array): void {
    for (let s = 0, so = 0; s < nSv; s++, so += d) {
      let sum = 0;
      for (let c = 0; c < d; c++) {
        const t = x[off + c] - sv[so + c];
        sum += t * t;
      }
      kvalue[s] = expDouble(negGamma * sum);
    }
  }

  function weightedSum(sum: number, coef: Float64Array, kvalue: Float64Array, from: number, to: number): number {
    for (let t = from; t < to; t++) sum += coef[t] * kvalue[t];
    return sum;
  }

  function voteRow(kvalue: Float64Array, nClasses: number, start: Int32Array, nSupport: Int32Array, coef: Float64Array[],
    rho: Float64Array, dec: Float64Array, at: number, votes: Int32Array): number {
    votes.fill(0);
    let p = 0;
    for (let i = 0; i < nClasses; i++) {
      for (let j = i + 1; j < nClasses; j++) {
        const si = start[i], sj = start[j];
        let sum = weightedSum(0, coef[j - 1], kvalue, si, si + nSupport[i]);
        sum = weightedSum(sum, coef[i], kvalue, sj, sj + nSupport[j]);
        sum -= rho[p];
        dec[at + p] = sum;
        if (sum > 0) ++votes[i];
        else ++votes[j];
        p++;
      }
    }
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (votes[c] > votes[best]) best = c;
    return best;
  }

  return { exp, fillColumn, kernelRow, voteRow };
}

export const EXP_TABLES: ExpTables = { TAIL, HEAD, HEAD_HI, HEAD_LO, POW2 };

/** The main thread's instance. */
export const rbfKernels: RbfKernels = makeRbfKernels(EXP_TABLES);
