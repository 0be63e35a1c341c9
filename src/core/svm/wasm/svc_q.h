/*
 * The C-SVC Q matrix (Q_ij = y_i y_j K(x_i, x_j), stored as float32) ported from scikit-learn's
 * libsvm (sklearn/svm/src/libsvm/svm.cpp, classes Kernel and SVC_Q, dense path).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt in the folder above.
 */
#ifndef SVM_SVC_Q_H
#define SVM_SVC_Q_H

#include <stdint.h>
#include "kernel.h"
#include "kernel_cache.h"

/**
 * Kernel values of same-class pairs shared by the one-vs-one sub-problems of a fit: class c takes part
 * in k - 1 of them, and libsvm computes K(x_a, x_b) of two of its rows again in each. On wide rows a
 * value costs 16+ emulated FMAs (blas_dot.c) against one load, so each is computed once: block[s] is
 * the count[s] × count[s] matrix of side s's class (s = 0: y = +1, s = 1: y = -1), class-local
 * indices, NaN where not computed yet. A value is the same whichever sub-problem computes it (the
 * same rows, the same arithmetic, K symmetric bit for bit), so the solver's path is libsvm's.
 */
struct within_class {
  float *block[2];
  int n[2];
};

struct svc_q {
  int l;
  int d;
  struct kernel_spec spec;
  /** Training rows copied in solver-position order (position j at j*d); swapped by shrinking. */
  double *xp;
  /** rbf on narrow rows: the same rows by feature (feature c of position j at c * l + j), for two-lane loads. */
  double *x_by_feature;
  /** Squared norms per position (rbf only). */
  double *x_square;
  int8_t *y;
  double *qd;
  struct kernel_cache *cache;
  /** Shared same-class kernel values, or 0; local[j]: position j's row within its class. */
  const struct within_class *within;
  int *local;
};

/**
 * rows: training-row index of each position; y: +1/-1 per position. within (or 0): the shared
 * same-class values, with local[j] the class-local index of position j (copied).
 */
struct svc_q *svc_q_new(const double *x, int d, const int *rows, const int8_t *y, int l,
                        const struct kernel_spec *spec, double cache_bytes, const struct within_class *within, const int *local);

/** Column i of Q, entries [0, len) valid. */
float *svc_q_get(struct svc_q *q, int i, int len);

void svc_q_swap_index(struct svc_q *q, int i, int j);

#endif
