/*
 * The dot product exactly as scikit-learn 1.2.1's libsvm gets it: through BLAS `ddot`
 * (OpenBLAS 0.3.21, Haswell/Zen kernel). Runs shorter than 16 are summed one by one without fused
 * multiply-add; every full block of 16 goes through 16 FMA accumulators that are then folded
 * pairwise. Reproducing this order is what makes kernel values, and so the solver's path,
 * bit-identical on wide data (wine, digits).
 */
#ifndef SVM_BLAS_DOT_H
#define SVM_BLAS_DOT_H

/** OpenBLAS ddot of a[0..n) and b[0..n) with unit strides. */
__attribute__((noinline)) double blas_dot(const double *a, const double *b, int n);

/** blas_dot(a, a, n), with each element split once (prediction's ||x - sv||^2 on wide rows). */
__attribute__((noinline)) double blas_sumsq(const double *a, int n);

#endif
