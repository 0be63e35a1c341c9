/*
 * a*b + c with one rounding, emulated: WebAssembly has no fused multiply-add, and both places that
 * need one (OpenBLAS's ddot kernel and glibc's exp, built for x86-64 with FMA) must round like the
 * hardware instruction. Error-free transforms (Veltkamp split, two-sum); exact except in rare
 * double-rounding ties, where the last bit may differ.
 */
#ifndef SVM_FMA_H
#define SVM_FMA_H

#define VELTKAMP_SPLIT 134217729.0 /* 2^27 + 1 */

#ifdef SVM_NATIVE_FMA
/*
 * The build for machines whose WebAssembly runs relaxed_madd as the hardware's fused multiply-add
 * (x86-64 with FMA3, every ARM64): the engine loads it only after checking that it fuses
 * (svmEngine.ts), so these are exact.
 */
#include <wasm_simd128.h>

typedef double svm_f64x2 __attribute__((__vector_size__(16)));

static inline v128_t fma_f64x2(v128_t a, v128_t b, v128_t c) {
  return (v128_t)__builtin_wasm_relaxed_madd_f64x2((svm_f64x2)a, (svm_f64x2)b, (svm_f64x2)c);
}

static inline double fma_emulated(double a, double b, double c) {
  return wasm_f64x2_extract_lane(fma_f64x2(wasm_f64x2_splat(a), wasm_f64x2_splat(b), wasm_f64x2_splat(c)), 0);
}

static inline double fma_square_emulated(double a, double c) {
  return fma_emulated(a, a, c);
}
#else

static inline double fma_emulated(double a, double b, double c) {
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
 * fma_emulated(a, a, c), splitting a once: the same operations on the same values (ah * al and
 * al * ah are one product), so the same bits, with four operations fewer.
 */
static inline double fma_square_emulated(double a, double c) {
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
