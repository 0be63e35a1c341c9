/*
 * e^x as glibc 2.36 computes it on x86-64 with FMA (the libm scikit-learn's libsvm calls). The
 * algorithm and constants are Szabolcs Nagy's table-driven exp from Arm's optimized-routines
 * (math/exp.c, math/exp_data.c; Copyright (c) 2018 Arm Limited; MIT OR Apache-2.0 WITH
 * LLVM-exception), which glibc adopted as sysdeps/ieee754/dbl-64/e_exp.c. glibc's FMA build fuses
 * `scale + scale * tmp`; reproducing that (fma.h) gives glibc's bits. V8's Math.exp differs in the
 * last bit for about 1 argument in 10, which would show in decision values.
 *
 * The two-lane main path is inline so that the kernel loops call nothing (see tiering.h); one
 * argument at a time, and arguments that need glibc's special cases, go through functions. What the FMA build fuses was found against
 * glibc itself (test/core/svm/numerics.test.ts): the main path (|x| < 512) and the overflow side
 * of its specialcase fuse `scale + scale * tmp`; the underflow side shares `scale * tmp` between
 * two sums, so it rounds it once and fuses nothing.
 */
#ifndef SVM_GLIBC_EXP_H
#define SVM_GLIBC_EXP_H

#include <stdint.h>
#include <wasm_simd128.h>
#include "fma.h"

/* 2^(i/128) ~= GLIBC_EXP_HEAD[i] * (1 + GLIBC_EXP_TAIL[i]) (exp_data.c's table, as doubles). */
extern const double GLIBC_EXP_TAIL[128];
extern const double GLIBC_EXP_HEAD[128];

#define GLIBC_EXP_INV_LN2_N (1.4426950408889634 * 128)
#define GLIBC_EXP_NEG_LN2_HI_N (-0.005415212348111709)
#define GLIBC_EXP_NEG_LN2_LO_N (-1.2864023111638346e-14)
#define GLIBC_EXP_SHIFT 6755399441055744.0 /* 0x1.8p52: adding it rounds to an integer */
#define GLIBC_EXP_C2 0.49999999999996786
#define GLIBC_EXP_C3 0.16666666666665886
#define GLIBC_EXP_C4 0.0416666808410674
#define GLIBC_EXP_C5 0.008333335853059549
/* glibc's main path takes TINY <= |x| < MAIN (|x| < TINY gives 1 + x; |x| >= MAIN, its specialcase). */
#define GLIBC_EXP_MAIN 512.0
#define GLIBC_EXP_TINY 5.551115123125783e-17 /* 2^-54 */

/** glibc's exp(x), bit for bit (one argument; the loops use glibc_exp_f64x2). */
double glibc_exp(double x);

/** (float)glibc_exp(x) by the path of glibc_exp_float32_f64x2. */
float glibc_exp_float32(double x);

/** glibc_exp for the arguments outside the main path: tiny, |x| >= 512, or not finite. */
double glibc_exp_special(double x);

/* The main path, two arguments at a time (lanes of an f64x2; a scalar goes through lane 0). Both
 * lanes must have TINY <= |x| < MAIN. Every lane operation is the IEEE operation of the scalar
 * code, so each lane gets the scalar bits. */

/** x = k ln2/128 + r: tmp with e^x ~= HEAD[k % 128] 2^(k/128) (1 + tmp), head = HEAD[k % 128], scale = 2^(k/128 rounded down). */
static inline v128_t glibc_exp_reduce_f64x2(v128_t x, v128_t *head, v128_t *scale) {
  v128_t kd = wasm_f64x2_add(wasm_f64x2_mul(wasm_f64x2_splat(GLIBC_EXP_INV_LN2_N), x), wasm_f64x2_splat(GLIBC_EXP_SHIFT));
  kd = wasm_f64x2_sub(kd, wasm_f64x2_splat(GLIBC_EXP_SHIFT));
  v128_t r = wasm_f64x2_add(wasm_f64x2_add(x, wasm_f64x2_mul(kd, wasm_f64x2_splat(GLIBC_EXP_NEG_LN2_HI_N))),
                            wasm_f64x2_mul(kd, wasm_f64x2_splat(GLIBC_EXP_NEG_LN2_LO_N)));
  v128_t k = wasm_i32x4_trunc_sat_f64x2_zero(kd); /* |k| < 2^18 */
  int i0 = wasm_i32x4_extract_lane(k, 0) & 127, i1 = wasm_i32x4_extract_lane(k, 1) & 127;
  *head = wasm_f64x2_make(GLIBC_EXP_HEAD[i0], GLIBC_EXP_HEAD[i1]);
  /* 2^(k >> 7) built from its exponent bits. */
  v128_t e = wasm_i64x2_shr(wasm_i64x2_extend_low_i32x4(k), 7);
  *scale = wasm_i64x2_shl(wasm_i64x2_add(e, wasm_i64x2_splat(1023)), 52);
  v128_t tail = wasm_f64x2_make(GLIBC_EXP_TAIL[i0], GLIBC_EXP_TAIL[i1]);
  v128_t r2 = wasm_f64x2_mul(r, r);
  v128_t c23 = wasm_f64x2_add(wasm_f64x2_splat(GLIBC_EXP_C2), wasm_f64x2_mul(r, wasm_f64x2_splat(GLIBC_EXP_C3)));
  v128_t c45 = wasm_f64x2_add(wasm_f64x2_splat(GLIBC_EXP_C4), wasm_f64x2_mul(r, wasm_f64x2_splat(GLIBC_EXP_C5)));
  return wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_add(tail, r), wasm_f64x2_mul(r2, c23)), wasm_f64x2_mul(wasm_f64x2_mul(r2, r2), c45));
}

/**
 * fma(head, tmp, head) * scale: fused_madd (fma.h) specialised to c = a, where |head| >= |head * tmp|
 * makes the fast two-sum exact and a zero product changes nothing; same bits.
 */
static inline v128_t glibc_exp_fused_f64x2(v128_t h, v128_t tmp, v128_t scale) {
#ifdef SVM_NATIVE_FMA
  return wasm_f64x2_mul(fma_f64x2(h, tmp, h), scale);
#else
  v128_t split = wasm_f64x2_splat(VELTKAMP_SPLIT);
  v128_t p = wasm_f64x2_mul(h, tmp);
  v128_t t = wasm_f64x2_mul(split, h);
  v128_t hh = wasm_f64x2_sub(t, wasm_f64x2_sub(t, h));
  v128_t hl = wasm_f64x2_sub(h, hh);
  t = wasm_f64x2_mul(split, tmp);
  v128_t th = wasm_f64x2_sub(t, wasm_f64x2_sub(t, tmp));
  v128_t tl = wasm_f64x2_sub(tmp, th);
  v128_t e = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_sub(wasm_f64x2_mul(hh, th), p), wasm_f64x2_mul(hh, tl)),
                                           wasm_f64x2_mul(hl, th)), wasm_f64x2_mul(hl, tl));
  v128_t s = wasm_f64x2_add(h, p);
  v128_t err = wasm_f64x2_sub(p, wasm_f64x2_sub(s, h));
  return wasm_f64x2_mul(wasm_f64x2_add(s, wasm_f64x2_add(err, e)), scale);
#endif
}

static inline v128_t glibc_exp_main_f64x2(v128_t x) {
  v128_t head, scale;
  v128_t tmp = glibc_exp_reduce_f64x2(x, &head, &scale);
  return glibc_exp_fused_f64x2(head, tmp, scale);
}

/** Both lanes on the main path. */
static inline int glibc_exp_main_lanes(v128_t x) {
  v128_t a = wasm_f64x2_abs(x);
  v128_t in = wasm_v128_and(wasm_f64x2_lt(a, wasm_f64x2_splat(GLIBC_EXP_MAIN)), wasm_f64x2_ge(a, wasm_f64x2_splat(GLIBC_EXP_TINY)));
  return wasm_i64x2_bitmask(in) == 3;
}

/* The rare ways out of the two-lane loops, out of line so that the loops stay small. */

/** glibc_exp of each lane, one at a time (a lane is off the main path). */
v128_t glibc_exp_lanes(v128_t x);

/** (float)glibc_exp of each lane into f32 lanes 0 and 1, one at a time (a lane is off the main path). */
v128_t glibc_exp_float32_lanes(v128_t x);

/** The fused result of the main path, rounded to float32 (the unfused one could not decide). */
v128_t glibc_exp_float32_fused(v128_t head, v128_t tmp, v128_t scale);

/** glibc_exp of both lanes. */
static inline v128_t glibc_exp_f64x2(v128_t x) {
  if (glibc_exp_main_lanes(x)) return glibc_exp_main_f64x2(x);
  return glibc_exp_lanes(x);
}

/**
 * (float)glibc_exp of both lanes (into f32 lanes 0 and 1), the values libsvm stores in its float32
 * kernel cache, mostly without the emulated FMA: the unfused result is kept when every double
 * within one ulp of it rounds to the same float32 (the exact result is within one ulp, so it
 * rounds to that float32 too); otherwise (about 1 argument in 10^8) the fused one decides.
 */
static inline v128_t glibc_exp_float32_f64x2(v128_t x) {
  if (!glibc_exp_main_lanes(x)) return glibc_exp_float32_lanes(x);
  v128_t head, scale;
  v128_t tmp = glibc_exp_reduce_f64x2(x, &head, &scale);
  v128_t v = wasm_f64x2_mul(wasm_f64x2_add(head, wasm_f64x2_mul(head, tmp)), scale);
  v128_t lo = wasm_f32x4_demote_f64x2_zero(wasm_f64x2_mul(v, wasm_f64x2_splat(1.0 - 0x1p-52)));
  v128_t hi = wasm_f32x4_demote_f64x2_zero(wasm_f64x2_mul(v, wasm_f64x2_splat(1.0 + 0x1p-52)));
  if (wasm_i32x4_bitmask(wasm_f32x4_eq(lo, hi)) == 0xf) return lo;
  return glibc_exp_float32_fused(head, tmp, scale);
}

#endif
