// numpy's float64 summation order, which decides the last bit of every mean and variance.
// np.add.reduce over a contiguous run starts from 0 and adds pairwise_sum of each buffer-sized
// block (8192 elements) in turn; pairwise_sum (loops_utils.h.src) sums runs < 8 plainly, runs
// <= 128 with 8 interleaved accumulators, and splits longer runs at a multiple of 8.

const PW_BLOCKSIZE = 128;
/** numpy's default ufunc buffer size: a reduction hands the inner loop at most this many elements. */
export const NUMPY_BUFSIZE = 8192;

/** A strided view: element i is data[offset + i * stride]. */
export function pairwiseSum(data: ArrayLike<number>, offset: number, n: number, stride: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += data[offset + i * stride]!;
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = data[offset]!;
    let r1 = data[offset + stride]!;
    let r2 = data[offset + 2 * stride]!;
    let r3 = data[offset + 3 * stride]!;
    let r4 = data[offset + 4 * stride]!;
    let r5 = data[offset + 5 * stride]!;
    let r6 = data[offset + 6 * stride]!;
    let r7 = data[offset + 7 * stride]!;
    let i = 8;
    const end = n - (n % 8);
    for (; i < end; i += 8) {
      const p = offset + i * stride;
      r0 += data[p]!;
      r1 += data[p + stride]!;
      r2 += data[p + 2 * stride]!;
      r3 += data[p + 3 * stride]!;
      r4 += data[p + 4 * stride]!;
      r5 += data[p + 5 * stride]!;
      r6 += data[p + 6 * stride]!;
      r7 += data[p + 7 * stride]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += data[offset + i * stride]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(data, offset, n2, stride) + pairwiseSum(data, offset + n2 * stride, n - n2, stride);
}

/** np.sum of a contiguous (or strided) 1-d float64 run, as numpy's add.reduce orders it. */
export function numpySum(data: ArrayLike<number>, offset = 0, n = data.length - offset, stride = 1): number {
  let acc = 0;
  for (let start = 0; start < n; start += NUMPY_BUFSIZE) {
    acc += pairwiseSum(data, offset + start * stride, Math.min(NUMPY_BUFSIZE, n - start), stride);
  }
  return acc;
}
