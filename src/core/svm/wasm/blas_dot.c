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

int blas_skylakex = 0;

__attribute__((export_name("svm_set_blas_kernel"))) void svm_set_blas_kernel(int skylakex) {
  blas_skylakex = skylakex != 0;
}

/* OpenBLAS's SkylakeX ddot: 32-wide blocks into four 8-lane FMA accumulators, each folded to 4
 * lanes (lane l + lane l + 4), then 16-wide blocks into the four 4-lane ones, which are summed in
 * order, then their lanes as (0 + 2) + (1 + 3); the tail is fused too (GCC contracts it when
 * building for AVX-512). Bit-exact against OpenBLAS 0.3.21 on n = 1 … 10,000 (above that OpenBLAS
 * splits the sum across threads). */
static double blas_dot_skylakex(const double *a, const double *b, int n) {
  double dot = 0.0;
  int n1 = n & -BLOCK, i = 0;
  if (n1 > 0) {
#ifdef SVM_NATIVE_FMA
    /* The same in lane pairs: w[q][p] holds lanes 2p, 2p + 1 of accumulator q. */
    v128_t w[4][4], c[4][2];
    for (int q = 0; q < 4; q++) for (int p = 0; p < 4; p++) w[q][p] = wasm_f64x2_splat(0.0);
    int n32 = n1 & -32;
    for (; i < n32; i += 32) {
      for (int q = 0; q < 4; q++) {
        for (int p = 0; p < 4; p++) w[q][p] = fma_f64x2(wasm_v128_load(a + i + 8 * q + 2 * p), wasm_v128_load(b + i + 8 * q + 2 * p), w[q][p]);
      }
    }
    for (int q = 0; q < 4; q++) for (int p = 0; p < 2; p++) c[q][p] = wasm_f64x2_add(w[q][p], w[q][p + 2]);
    for (; i < n1; i += BLOCK) {
      for (int q = 0; q < 4; q++) {
        for (int p = 0; p < 2; p++) c[q][p] = fma_f64x2(wasm_v128_load(a + i + 4 * q + 2 * p), wasm_v128_load(b + i + 4 * q + 2 * p), c[q][p]);
      }
    }
    v128_t v01 = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_add(c[0][0], c[1][0]), c[2][0]), c[3][0]);
    v128_t v23 = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_add(c[0][1], c[1][1]), c[2][1]), c[3][1]);
    v128_t s = wasm_f64x2_add(v01, v23); /* (v0 + v2, v1 + v3) */
    dot = wasm_f64x2_extract_lane(s, 0) + wasm_f64x2_extract_lane(s, 1);
#else
    double wide[4][8] = { { 0 } }, acc[4][4];
    int n32 = n1 & -32;
    for (; i < n32; i += 32) {
      for (int q = 0; q < 4; q++) {
        for (int l = 0; l < 8; l++) wide[q][l] = fused_madd(a[i + 8 * q + l], b[i + 8 * q + l], wide[q][l]);
      }
    }
    for (int q = 0; q < 4; q++) {
      for (int l = 0; l < 4; l++) acc[q][l] = wide[q][l] + wide[q][l + 4];
    }
    for (; i < n1; i += BLOCK) {
      for (int q = 0; q < 4; q++) {
        for (int l = 0; l < 4; l++) acc[q][l] = fused_madd(a[i + 4 * q + l], b[i + 4 * q + l], acc[q][l]);
      }
    }
    double v[4];
    for (int l = 0; l < 4; l++) v[l] = ((acc[0][l] + acc[1][l]) + acc[2][l]) + acc[3][l];
    dot = (v[0] + v[2]) + (v[1] + v[3]);
#endif
  }
  for (i = n1; i < n; i++) dot = fused_madd(b[i], a[i], dot);
  return dot;
}

/* Each entry keeps its own block loop: one loop for both (a flag choosing the FMA) halved
 * blas_dot's speed, clang no longer vectorising it. */
__attribute__((export_name("blas_dot"))) double blas_dot(const double *a, const double *b, int n) {
  if (blas_skylakex) return blas_dot_skylakex(a, b, n);
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
  if (blas_skylakex) return blas_dot_skylakex(a, a, n);
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
