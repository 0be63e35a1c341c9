/*
 * a*b + c with one rounding: both places that need it (OpenBLAS's ddot kernel and glibc's exp, built
 * for x86-64 with FMA) must round like the hardware instruction. WebAssembly's only fused
 * multiply-add is relaxed SIMD's madd, which a runtime may run unfused; so two builds:
 *   SVM_NATIVE_FMA (dist/svm-fma.wasm): madd, loaded only where the engine checked that it fuses;
 *   otherwise (dist/svm.wasm): emulated with error-free transforms (Veltkamp split, two-sum), exact
 *   except in rare double-rounding ties, where the last bit may differ.
 */
#ifndef SVM_FMA_H
#define SVM_FMA_H

#define VELTKAMP_SPLIT 134217729.0 /* 2^27 + 1 */

#ifdef SVM_NATIVE_FMA
/* Where relaxed madd is the hardware's FMA (x86-64 with FMA3, every ARM64): exact. */
#include <wasm_simd128.h>

typedef double svm_f64x2 __attribute__((__vector_size__(16)));

static inline v128_t fma_f64x2(v128_t a, v128_t b, v128_t c) {
  return (v128_t)__builtin_wasm_relaxed_madd_f64x2((svm_f64x2)a, (svm_f64x2)b, (svm_f64x2)c);
}

static inline double fused_madd(double a, double b, double c) {
  return wasm_f64x2_extract_lane(fma_f64x2(wasm_f64x2_splat(a), wasm_f64x2_splat(b), wasm_f64x2_splat(c)), 0);
}

static inline double fused_square_add(double a, double c) {
  return fused_madd(a, a, c);
}
#else

static inline double fused_madd(double a, double b, double c) {
  double p = a * b;
  if (p == 0.0 || p - p != 0.0) return p + c; /* zero, infinite or NaN product */
  double t = VELTKAMP_SPLIT * a;
  double ah = t - (t - a);
  double al = a - ah;
  t = VELTKAMP_SPLIT * b;
  double bh = t - (t - b);
  double bl = b - bh;
  double e = (((ah * bh - p) + ah * bl) + al * bh) + al * bl;
  double s = p + c;
  double bb = s - p;
  double err = (p - (s - bb)) + (c - bb);
  return s + (err + e);
}

/**
 * fused_madd(a, a, c), splitting a once: the same operations on the same values (ah * al and
 * al * ah are one product), so the same bits, with four operations fewer.
 */
static inline double fused_square_add(double a, double c) {
  double p = a * a;
  if (p == 0.0 || p - p != 0.0) return p + c;
  double t = VELTKAMP_SPLIT * a;
  double ah = t - (t - a);
  double al = a - ah;
  double cross = ah * al;
  double e = (((ah * ah - p) + cross) + cross) + al * al;
  double s = p + c;
  double bb = s - p;
  double err = (p - (s - bb)) + (c - bb);
  return s + (err + e);
}

#endif /* SVM_NATIVE_FMA */

#endif
