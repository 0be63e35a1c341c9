// The vector loops of the SMO solver (solver.ts), each a small function of typed arrays only. V8
// optimises a small hot function within a few calls; the same loops inside the big solve() ran
// unoptimised (and boxed a number per step) until on-stack replacement caught up, which on a
// fresh process was most of the time of a fit at a few thousand rows.
const TAU = 1e-12;
export const LOWER_BOUND = 0;
export const UPPER_BOUND = 1;
export const FREE = 2;

/** dst[k] += a * q[k] for k in [from, to). (dst[k] -= c * q[k] is the same as a = -c, bit for bit.) */
export function axpy(dst: Float64Array, a: number, q: Float32Array, from: number, to: number): void {
  for (let k = from; k < to; k++) dst[k] += a * q[k];
}

/** G[k] += Qi[k] * dAi + Qj[k] * dAj for k < n (the gradient update after each step). */
export function updateGradient(G: Float64Array, Qi: Float32Array, dAi: number, Qj: Float32Array, dAj: number, n: number): void {
  for (let k = 0; k < n; k++) G[k] += Qi[k] * dAi + Qj[k] * dAj;
}

/** g + sum over free j < n of alpha[j] * Qi[j], in index order. */
export function addFreeTerms(g: number, alpha: Float64Array, Qi: Float32Array, status: Uint8Array, n: number): number {
  for (let j = 0; j < n; j++) if (status[j] === FREE) g += alpha[j] * Qi[j];
  return g;
}

/** WSS3's first index: argmax over the active set of -y_t G_t among movable t (last one on ties ≥). */
export function maxViolating(y: Int8Array, G: Float64Array, status: Uint8Array, n: number): number {
  let Gmax = -Infinity;
  let idx = -1;
  for (let t = 0; t < n; t++) {
    if (y[t] === 1) {
      if (status[t] !== UPPER_BOUND && -G[t] >= Gmax) { Gmax = -G[t]; idx = t; }
    } else if (status[t] !== LOWER_BOUND && G[t] >= Gmax) { Gmax = G[t]; idx = t; }
  }
  return idx;
}

/**
 * WSS3's second index for first index i (may be -1, then Qi is unused): returns j or -1 and writes
 * Gmax2 into out[0].
 */
export function minObjective(
  y: Int8Array, G: Float64Array, status: Uint8Array, QD: Float64Array, Qi: Float32Array | null,
  Gmax: number, QDi: number, yi2: number, n: number, out: Float64Array,
): number {
  let Gmax2 = -Infinity;
  let GminIdx = -1;
  let objDiffMin = Infinity;
  for (let j = 0; j < n; j++) {
    if (y[j] === 1) {
      if (status[j] !== LOWER_BOUND) {
        const gradDiff = Gmax + G[j];
        if (G[j] >= Gmax2) Gmax2 = G[j];
        if (gradDiff > 0) {
          const quad = QDi + QD[j] - yi2 * Qi![j];
          const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
          if (objDiff <= objDiffMin) { GminIdx = j; objDiffMin = objDiff; }
        }
      }
    } else if (status[j] !== UPPER_BOUND) {
      const gradDiff = Gmax - G[j];
      if (-G[j] >= Gmax2) Gmax2 = -G[j];
      if (gradDiff > 0) {
        const quad = QDi + QD[j] + yi2 * Qi![j];
        const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
        if (objDiff <= objDiffMin) { GminIdx = j; objDiffMin = objDiff; }
      }
    }
  }
  out[0] = Gmax2;
  return GminIdx;
}
