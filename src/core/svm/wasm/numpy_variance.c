/*
 * np.var of a whole C-ordered matrix (ddof=0), as scikit-learn's gamma='scale' takes it: numpy sums
 * a contiguous run pairwise (runs < 8 plainly, <= 128 with 8 accumulators, longer runs split in
 * halves rounded down to a multiple of 8), first the values for the mean, then the squared
 * deviations. Its reduction hands the loop at most one buffer (NPY_BUFSIZE, 8,192 values) at a time,
 * so a longer matrix is summed pairwise per 8,192 values and those sums added in order. The same
 * order gives the same bits.
 */
#include "heap.h"

/** numpy's pairwise_sum for float64. */
static double pairwise_sum(const double *a, int n) {
  if (n < 8) {
    double res = 0.0;
    for (int i = 0; i < n; i++) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
    int i = 8, end = n - n % 8;
    for (; i < end; i += 8) {
      r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
      r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
    }
    double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[i];
    return res;
  }
  int n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

/** numpy's np.add.reduce of a contiguous float64 run: pairwise within each buffer, buffers in order. */
#define NPY_BUFSIZE 8192
static double reduce_sum(const double *a, int n) {
  double res = pairwise_sum(a, n < NPY_BUFSIZE ? n : NPY_BUFSIZE);
  for (int i = NPY_BUFSIZE; i < n; i += NPY_BUFSIZE) res += pairwise_sum(a + i, n - i < NPY_BUFSIZE ? n - i : NPY_BUFSIZE);
  return res;
}

__attribute__((export_name("numpy_variance"))) double numpy_variance(const double *x, int count) {
  size_t mark = heap_mark();
  double mean = reduce_sum(x, count) / count;
  double *sq = heap_alloc(sizeof(double) * (uint64_t)(count > 0 ? count : 1));
  for (int i = 0; i < count; i++) {
    double d = x[i] - mean;
    sq[i] = d * d;
  }
  double var = reduce_sum(sq, count) / count;
  heap_release(mark);
  return var;
}
