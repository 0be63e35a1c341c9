// The dot product exactly as scikit-learn 1.2.1's libsvm gets it: through BLAS `ddot`
// (OpenBLAS 0.3.21, Haswell/Zen kernel). Runs shorter than 16 are summed one by one
// without fused multiply-add; every full block of 16 goes through 16 FMA accumulators
// that are then folded pairwise. Reproducing this order is what makes kernel values,
// and so the solver's path, bit-identical on wide data (wine, digits).

/** fma(a, b, c) = a*b + c with one rounding (error-free transforms; exact except in rare double-rounding ties). */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || p === 0) return p + c;
  // Veltkamp split to get the exact product error e (p + e = a*b).
  const SPLIT = 134217729; // 2^27 + 1
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  // Two-sum of p and c.
  const s = p + c;
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  return s + (err + e);
}

const acc = new Float64Array(16);

/** OpenBLAS ddot over a[aOff..aOff+n) and b[bOff..bOff+n) with unit strides. */
export function blasDot(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let dot = 0;
  const n1 = n & -16;
  if (n1 > 0) {
    acc.fill(0);
    for (let i = 0; i < n1; i += 16) {
      for (let k = 0; k < 16; k++) acc[k] = fma(a[aOff + i + k], b[bOff + i + k], acc[k]);
    }
    // Fold each 4-lane register to 2 lanes, then registers pairwise, then the 2 lanes.
    const r0 = acc[0] + acc[2], r1 = acc[1] + acc[3];
    const s0 = acc[4] + acc[6], s1 = acc[5] + acc[7];
    const t0 = acc[8] + acc[10], t1 = acc[9] + acc[11];
    const u0 = acc[12] + acc[14], u1 = acc[13] + acc[15];
    const v0 = (r0 + s0) + (t0 + u0);
    const v1 = (r1 + s1) + (t1 + u1);
    dot = v0 + v1;
  }
  for (let i = n1; i < n; i++) dot += b[bOff + i] * a[aOff + i];
  return dot;
}
