/*
 * Decision values and votes ported from scikit-learn's libsvm (svm_predict_values, dense path).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt in the folder above.
 */
#include "heap.h"
#include "kernel.h"
#include "tiering.h"

/* One row's work in small functions of their own (see tiering.h). */

/**
 * kvalue[s] for every support vector: rbf on narrow rows, two support vectors at a time, each lane
 * doing predict_kernel's operations in its order. The support vectors are stored by feature, their
 * count padded to even (stride), so an odd count computes one spare value past the last.
 */
static HOT void rbf_kernel_row(const double *x, const double *sv_by_feature, int stride, int d, double neg_gamma, double *kvalue) {
  v128_t g = wasm_f64x2_splat(neg_gamma);
  for (int s = 0; s < stride; s += 2) {
    v128_t sum = wasm_f64x2_splat(0.0);
    for (int c = 0; c < d; c++) {
      v128_t t = wasm_f64x2_sub(wasm_f64x2_splat(x[c]), wasm_v128_load(sv_by_feature + (size_t)c * stride + s));
      sum = wasm_f64x2_add(sum, wasm_f64x2_mul(t, t));
    }
    wasm_v128_store(kvalue + s, glibc_exp_f64x2(wasm_f64x2_mul(g, sum)));
  }
}

/** kvalue[s] for every support vector, any kernel. */
static HOT void kernel_row(const struct kernel_spec *spec, const double *x, const double *sv, int n_sv, int d,
                           double *scratch, double *kvalue) {
  for (int s = 0; s < n_sv; s++) kvalue[s] = predict_kernel(spec, x, sv + (size_t)s * d, d, scratch);
}

/** libsvm's pairwise decision values for one row (into dec[0..)) from its kernel values; returns
 * the voted class, the first with the most votes. */
static HOT int vote_row(const double *kvalue, int k, const int *start, const int *n_support, const double *coef,
                        int n_sv, const double *rho, double *dec, int *votes) {
  for (int c = 0; c < k; c++) votes[c] = 0;
  int p = 0;
  for (int i = 0; i < k; i++) {
    for (int j = i + 1; j < k; j++) {
      int si = start[i], sj = start[j];
      const double *coef1 = coef + (size_t)(j - 1) * n_sv, *coef2 = coef + (size_t)i * n_sv;
      double sum = 0;
      for (int t = si; t < si + n_support[i]; t++) sum += coef1[t] * kvalue[t];
      for (int t = sj; t < sj + n_support[j]; t++) sum += coef2[t] * kvalue[t];
      sum -= rho[p];
      dec[p] = sum;
      if (sum > 0) ++votes[i];
      else ++votes[j];
      p++;
    }
  }
  int best = 0;
  for (int c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
  return best;
}

/**
 * Decision values (n rows of k(k-1)/2 pairs, row-major, into dec) and the voted class index per
 * row (first class with the most votes, into vote) for the rows of x (n x d) against the model:
 * support vectors sv (n_sv x d) grouped by class (n_support), coefficients coef ((k-1) x n_sv)
 * and rho per pair.
 */
__attribute__((export_name("svm_predict"))) void svm_predict(
    const double *x, int n, int d, const double *sv, int n_sv, int k, const int *n_support,
    const double *coef, const double *rho, int kernel, double gamma, double coef0, int degree,
    double *dec, int *vote) {
  struct kernel_spec spec = { kernel, gamma, coef0, degree };
  int n_pairs = k * (k - 1) / 2;
  int *start = heap_calloc(sizeof(int) * (uint64_t)k);
  for (int c = 1; c < k; c++) start[c] = start[c - 1] + n_support[c - 1];
  int stride = (n_sv + 1) & ~1;
  double *kvalue = heap_alloc(sizeof(double) * (uint64_t)(stride > 0 ? stride : 1));
  double *scratch = heap_alloc(sizeof(double) * (uint64_t)(d > 0 ? d : 1));
  int *votes = heap_alloc(sizeof(int) * (uint64_t)k);
  /* rbf on narrow rows: the support vectors by feature (feature c of vector s at c * stride + s). */
  double *sv_by_feature = 0;
  if (kernel == KERNEL_RBF && d < BLAS_MIN_WIDTH && n_sv > 0) {
    sv_by_feature = heap_calloc(sizeof(double) * (uint64_t)d * stride);
    for (int s = 0; s < n_sv; s++) for (int c = 0; c < d; c++) sv_by_feature[(size_t)c * stride + s] = sv[(size_t)s * d + c];
  }
  for (int r = 0; r < n; r++) {
    const double *row = x + (size_t)r * d;
    if (sv_by_feature) rbf_kernel_row(row, sv_by_feature, stride, d, -gamma, kvalue);
    else kernel_row(&spec, row, sv, n_sv, d, scratch, kvalue);
    vote[r] = vote_row(kvalue, k, start, n_support, coef, n_sv, rho, dec + (size_t)r * n_pairs, votes);
  }
}
