#include "blas_dot.h"
#include "fma.h"

#define BLOCK 16

/* OpenBLAS's ddot kernel folds its 16 accumulators: each 4-lane register to 2 lanes, then the
 * registers pairwise, then the 2 lanes. */
static inline double fold_accumulators(const double acc[BLOCK]) {
  double r0 = acc[0] + acc[2], r1 = acc[1] + acc[3];
  double s0 = acc[4] + acc[6], s1 = acc[5] + acc[7];
  double t0 = acc[8] + acc[10], t1 = acc[9] + acc[11];
  double u0 = acc[12] + acc[14], u1 = acc[13] + acc[15];
  return ((r0 + s0) + (t0 + u0)) + ((r1 + s1) + (t1 + u1));
}

/* Each entry keeps its own block loop: one loop for both (a flag choosing the FMA) halved
 * blas_dot's speed, clang no longer vectorising it. */
__attribute__((export_name("blas_dot"))) double blas_dot(const double *a, const double *b, int n) {
  double dot = 0.0;
  int n1 = n & -BLOCK;
  if (n1 > 0) {
    double acc[BLOCK] = { 0 };
#ifdef SVM_NATIVE_FMA
    /* Lanes 2j and 2j + 1 of the 16 accumulators in register j. */
    v128_t v[BLOCK / 2];
    for (int j = 0; j < BLOCK / 2; j++) v[j] = wasm_f64x2_splat(0.0);
    for (int i = 0; i < n1; i += BLOCK) {
      for (int j = 0; j < BLOCK / 2; j++) v[j] = fma_f64x2(wasm_v128_load(a + i + 2 * j), wasm_v128_load(b + i + 2 * j), v[j]);
    }
    for (int j = 0; j < BLOCK / 2; j++) wasm_v128_store(acc + 2 * j, v[j]);
#else
    for (int i = 0; i < n1; i += BLOCK) {
      for (int k = 0; k < BLOCK; k++) acc[k] = fused_madd(a[i + k], b[i + k], acc[k]);
    }
#endif
    dot = fold_accumulators(acc);
  }
  for (int i = n1; i < n; i++) dot += b[i] * a[i];
  return dot;
}

/* blas_dot(a, a, n), step for step, with each element split once. */
__attribute__((export_name("blas_sumsq"))) double blas_sumsq(const double *a, int n) {
#ifdef SVM_NATIVE_FMA
  return blas_dot(a, a, n); /* nothing to split */
#else
  double dot = 0.0;
  int n1 = n & -BLOCK;
  if (n1 > 0) {
    double acc[BLOCK] = { 0 };
    for (int i = 0; i < n1; i += BLOCK) {
      for (int k = 0; k < BLOCK; k++) acc[k] = fused_square_add(a[i + k], acc[k]);
    }
    dot = fold_accumulators(acc);
  }
  for (int i = n1; i < n; i++) dot += a[i] * a[i];
  return dot;
#endif
}
