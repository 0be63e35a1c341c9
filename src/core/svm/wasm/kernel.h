/*
 * Kernel functions ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, dense path).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt in the folder above.
 *
 * Operation order follows libsvm exactly: training uses ||xi||^2 + ||xj||^2 - 2 xi.xj for rbf,
 * prediction uses ||x - sv||^2; dot products go through OpenBLAS's ddot order (blas_dot.c) from
 * 16 features on, and are summed in order below that (what the Haswell kernel does there; the
 * SkylakeX kernel fuses them, so with it every dot product goes through blas_dot).
 */
#ifndef SVM_KERNEL_H
#define SVM_KERNEL_H

#include "blas_dot.h"
#include "glibc_exp.h"

/* Same numbering as KernelKind in svmEngine.ts. */
enum kernel_kind { KERNEL_LINEAR = 0, KERNEL_POLY = 1, KERNEL_RBF = 2, KERNEL_SIGMOID = 3 };

/* Rows this wide or wider go through blas_dot. */
#define BLAS_MIN_WIDTH 16

struct kernel_spec {
  int kind;
  double gamma;
  double coef0;
  int degree;
};

/** tanh from JavaScript (Math.tanh, V8's fdlibm port): within one ulp of glibc's, as the sigmoid kernel always was here. */
__attribute__((import_module("env"), import_name("tanh"))) double js_tanh(double x);

/** libsvm's powi: exponentiation by squaring (not pow, whose rounding differs). */
double powi(double base, int times);

/** Dot product of two rows of d features, in libsvm's order. */
static inline double row_dot(const double *x, const double *y, int d) {
  if (d >= BLAS_MIN_WIDTH || blas_skylakex) return blas_dot(x, y, d);
  double s = 0.0;
  for (int k = 0; k < d; k++) s += y[k] * x[k];
  return s;
}

/** The kernel's outer function of a dot product (linear, poly, sigmoid). */
double kernel_from_dot(const struct kernel_spec *spec, double dot);

/** libsvm's k_function(x, sv): the prediction-time kernel between a sample and a support vector. */
static inline double predict_kernel(const struct kernel_spec *spec, const double *x, const double *sv, int d, double *scratch) {
  if (spec->kind != KERNEL_RBF) return kernel_from_dot(spec, row_dot(x, sv, d));
  double sum;
  if (d >= BLAS_MIN_WIDTH || blas_skylakex) {
    for (int k = 0; k < d; k++) scratch[k] = x[k] - sv[k];
    sum = blas_sumsq(scratch, d);
  } else {
    sum = 0.0;
    for (int k = 0; k < d; k++) {
      double t = x[k] - sv[k];
      sum += t * t;
    }
  }
  return glibc_exp(-spec->gamma * sum);
}

#endif
