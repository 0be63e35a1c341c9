/*
 * The dot product exactly as scikit-learn 1.2.1's libsvm gets it: through BLAS `ddot`
 * (OpenBLAS 0.3.21, Haswell/Zen kernel; the SkylakeX one: blas_skylakex below). Runs shorter
 * than 16 are summed one by one without fused multiply-add; every full block of 16 goes through 16 FMA accumulators that are then folded
 * pairwise. Reproducing this order is what makes kernel values, and so the solver's path,
 * bit-identical on wide data (wine, digits).
 */
#ifndef SVM_BLAS_DOT_H
#define SVM_BLAS_DOT_H

/*
 * Non-zero: OpenBLAS's SkylakeX kernel instead, which OpenBLAS picks on processors with AVX-512
 * (Skylake-X, Cooper Lake, Sapphire Rapids, AMD Zen 4): its blocks fold differently and its tail,
 * every run shorter than 16 included, is fused. Set by svm_set_blas_kernel (svmEngine.ts).
 */
extern int blas_skylakex;

/** OpenBLAS ddot of a[0..n) and b[0..n) with unit strides. */
__attribute__((noinline)) double blas_dot(const double *a, const double *b, int n);

/** blas_dot(a, a, n), with each element split once (prediction's ||x - sv||^2 on wide rows). */
__attribute__((noinline)) double blas_sumsq(const double *a, int n);

#endif
