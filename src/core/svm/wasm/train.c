/*
 * One-vs-one training ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, svm_train
 * and svm_group_classes): classes grouped in sorted label order, one sub-problem per pair (i < j)
 * with class i as +1, support vectors gathered in grouped order, coefficients in libsvm's layout.
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt in the folder above.
 */
#include <stdint.h>
#include "heap.h"
#include "solver.h"
#include "tiering.h"

/* Read by svmEngine.ts as seven 32-bit words. */
struct train_result {
  int total_sv;
  int fit_status;
  /** Training-row indices of the support vectors, grouped by class (scikit-learn's support_). */
  int *support;
  int *n_support;
  /** (k-1) rows of total_sv coefficients (scikit-learn's _dual_coef_). */
  double *dual_coef;
  /** libsvm's rho per pair; scikit-learn's _intercept_ is -rho. */
  double *rho;
  int *n_iter;
};

/** svm_group_classes: count and start per class, and the rows grouped by class in a stable order. */
static HOT void group_classes(const int *y, int n, int k, int *count, int *start, int *perm) {
  for (int i = 0; i < n; i++) count[y[i]]++;
  for (int cl = 1; cl < k; cl++) start[cl] = start[cl - 1] + count[cl - 1];
  int *fill = heap_alloc(sizeof(int) * (uint64_t)k);
  for (int cl = 0; cl < k; cl++) fill[cl] = start[cl];
  for (int i = 0; i < n; i++) perm[fill[y[i]]++] = i;
}

/** The sub-problem of classes i (+1) and j (-1): training rows and labels per position. */
static HOT void pair_rows(const int *perm, int si, int ci, int sj, int cj, int *rows, int8_t *y, int *local) {
  for (int t = 0; t < ci; t++) { rows[t] = perm[si + t]; y[t] = 1; local[t] = t; }
  for (int t = 0; t < cj; t++) { rows[ci + t] = perm[sj + t]; y[ci + t] = -1; local[ci + t] = t; }
}

/** Marks the grouped rows from `from` whose coefficient is not zero. */
static HOT void mark_nonzero(const double *alpha, int count, uint8_t *nonzero) {
  for (int t = 0; t < count; t++) if (__builtin_fabs(alpha[t]) > 0) nonzero[t] = 1;
}

/** Support vectors per class and their training rows, in grouped order. */
static HOT int gather_support(const uint8_t *nonzero, const int *perm, int n, int k, const int *count, const int *start,
                              int *n_support, int *support) {
  int total = 0;
  for (int cl = 0; cl < k; cl++) {
    for (int t = 0; t < count[cl]; t++) if (nonzero[start[cl] + t]) n_support[cl]++;
    total += n_support[cl];
  }
  if (support) for (int i = 0, q = 0; i < n; i++) if (nonzero[i]) support[q++] = perm[i];
  return total;
}

/** The coefficients of one class's support vectors in a pair's solution, into row `coef` from position q. */
static HOT void gather_coef(const double *alpha, const uint8_t *nonzero, int count, double *coef, int q) {
  for (int t = 0; t < count; t++) if (nonzero[t]) coef[q++] = alpha[t];
}

/** At most this much memory holds the shared same-class kernel values (svc_q.h); more classes × rows share nothing. */
#define WITHIN_CLASS_BYTES (32u << 20)

/**
 * The same-class kernel blocks (svc_q.h), NaN-filled, one per class; 0 when sharing does not pay:
 * two classes (each in one sub-problem only), narrow rows (a value costs about what a lookup does),
 * or more than WITHIN_CLASS_BYTES of them.
 */
static ONCE float **share_within_class(int d, int k, const int *count) {
  if (k < 3 || d < BLAS_MIN_WIDTH) return 0;
  uint64_t total = 0;
  for (int cl = 0; cl < k; cl++) total += (uint64_t)count[cl] * (uint64_t)count[cl];
  if (total * sizeof(float) > WITHIN_CLASS_BYTES) return 0;
  float **blocks = heap_alloc(sizeof(float *) * (uint64_t)k);
  for (int cl = 0; cl < k; cl++) {
    uint64_t bytes = sizeof(float) * (uint64_t)count[cl] * (uint64_t)count[cl];
    blocks[cl] = heap_alloc(bytes > 0 ? bytes : sizeof(float));
    __builtin_memset(blocks[cl], 0xff, (size_t)bytes); /* all bits set: a NaN, "not computed" */
  }
  return blocks;
}

/**
 * Trains a C-SVC on x (n rows of d features, row-major) with class indices y (0..k-1, sorted
 * label order); C_i = c * class_weight[class]. Returns the model, allocated in this instance.
 */
__attribute__((export_name("svm_train"))) ONCE struct train_result *svm_train(
    const double *x, int n, int d, const int *y, int k, int kernel, double gamma, double coef0, int degree,
    double c, const double *class_weight, double tol, int shrinking, int max_iter, double cache_bytes) {
  struct kernel_spec spec = { kernel, gamma, coef0, degree };
  int *count = heap_calloc(sizeof(int) * (uint64_t)k);
  int *start = heap_calloc(sizeof(int) * (uint64_t)k);
  int *perm = heap_alloc(sizeof(int) * (uint64_t)n);
  group_classes(y, n, k, count, start, perm);

  int n_pairs = k * (k - 1) / 2;
  uint8_t *nonzero = heap_calloc((uint64_t)n);
  double **alphas = heap_alloc(sizeof(double *) * (uint64_t)n_pairs);
  struct train_result *out = heap_calloc(sizeof *out);
  out->rho = heap_alloc(sizeof(double) * (uint64_t)n_pairs);
  out->n_iter = heap_alloc(sizeof(int) * (uint64_t)n_pairs);
  float **blocks = share_within_class(d, k, count);
  int p = 0;
  for (int i = 0; i < k; i++) {
    for (int j = i + 1; j < k; j++) {
      int si = start[i], sj = start[j], ci = count[i], cj = count[j], l = ci + cj;
      alphas[p] = heap_alloc(sizeof(double) * (uint64_t)l);
      /* Everything else of this pair goes back to the heap when it is solved. */
      size_t mark = heap_mark();
      int *rows = heap_alloc(sizeof(int) * (uint64_t)l);
      int8_t *sub_y = heap_alloc((uint64_t)l);
      int *local = heap_alloc(sizeof(int) * (uint64_t)l);
      pair_rows(perm, si, ci, sj, cj, rows, sub_y, local);
      struct within_class within = { { blocks ? blocks[i] : 0, blocks ? blocks[j] : 0 }, { ci, cj } };
      struct svc_q *q = svc_q_new(x, d, rows, sub_y, l, &spec, cache_bytes, blocks ? &within : 0, local);
      struct solve_result r = solve_c_svc(q, sub_y, c * class_weight[i], c * class_weight[j], tol, shrinking, max_iter, alphas[p]);
      heap_release(mark);
      if (r.timed_out) out->fit_status = 1;
      mark_nonzero(alphas[p], ci, nonzero + si);
      mark_nonzero(alphas[p] + ci, cj, nonzero + sj);
      out->rho[p] = r.rho;
      out->n_iter[p] = r.n_iter;
      p++;
    }
  }

  out->n_support = heap_calloc(sizeof(int) * (uint64_t)k);
  int total_sv = gather_support(nonzero, perm, n, k, count, start, out->n_support, 0);
  out->total_sv = total_sv;
  out->support = heap_calloc(sizeof(int) * (uint64_t)(total_sv > 0 ? total_sv : 1));
  __builtin_memset(out->n_support, 0, sizeof(int) * k);
  gather_support(nonzero, perm, n, k, count, start, out->n_support, out->support);
  int *nz_start = heap_calloc(sizeof(int) * (uint64_t)k);
  for (int cl = 1; cl < k; cl++) nz_start[cl] = nz_start[cl - 1] + out->n_support[cl - 1];
  out->dual_coef = heap_calloc(sizeof(double) * (uint64_t)(k - 1) * (total_sv > 0 ? total_sv : 1));
  p = 0;
  for (int i = 0; i < k; i++) {
    for (int j = i + 1; j < k; j++) {
      gather_coef(alphas[p], nonzero + start[i], count[i], out->dual_coef + (size_t)(j - 1) * total_sv, nz_start[i]);
      gather_coef(alphas[p] + count[i], nonzero + start[j], count[j], out->dual_coef + (size_t)i * total_sv, nz_start[j]);
      p++;
    }
  }
  return out;
}
