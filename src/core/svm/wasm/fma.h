/*
 * a*b + c with one rounding, emulated: WebAssembly has no fused multiply-add, and both places that
 * need one (OpenBLAS's ddot kernel and glibc's exp, built for x86-64 with FMA) must round like the
 * hardware instruction. Error-free transforms (Veltkamp split, two-sum); exact except in rare
 * double-rounding ties, where the last bit may differ.
 */
#ifndef SVM_FMA_H
#define SVM_FMA_H

#define VELTKAMP_SPLIT 134217729.0 /* 2^27 + 1 */

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

#endif
