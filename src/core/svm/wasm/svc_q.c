#include "svc_q.h"
#include "glibc_exp.h"
#include "heap.h"
#include "tiering.h"
#include "fma.h"

#ifdef SVM_NATIVE_FMA
#define SVM_PAIRED_FMA 1
#else
#define SVM_PAIRED_FMA 0
#endif

/** libsvm's kernel_function(i, j) on solver positions. */
static HOT double kernel_at(const struct svc_q *q, int i, int j) {
  int d = q->d;
  double dot = row_dot(q->xp + (size_t)i * d, q->xp + (size_t)j * d, d);
  if (q->spec.kind == KERNEL_RBF) return glibc_exp(-q->spec.gamma * (q->x_square[i] + q->x_square[j] - 2 * dot));
  return kernel_from_dot(&q->spec, dot);
}

/**
 * K(x_i, x_i). For rbf that is exp(-gamma ((|x_i|^2 + |x_i|^2) - 2 x_i.x_i)) with x_i.x_i the same
 * row_dot as |x_i|^2: the difference is exactly 0, and exp(-0) = 1, unless 2 |x_i|^2 overflows.
 * So it costs no exp per position (and V8 no optimising of kernel_at for it).
 */
static double self_kernel(const struct svc_q *q, int i) {
  if (q->spec.kind == KERNEL_RBF) {
    double twice = q->x_square[i] + q->x_square[i];
    if (twice - twice == 0) return 1.0;
  }
  return kernel_at(q, i, i);
}

/** Position i holds training row rows[i]: its copy, its features by position, its squared norm; and Q's diagonal. */
static HOT void place_rows(struct svc_q *q, const double *x, const int *rows) {
  int d = q->d, l = q->l;
  for (int i = 0; i < l; i++) {
    double *xi = q->xp + (size_t)i * d;
    __builtin_memcpy(xi, x + (size_t)rows[i] * d, sizeof(double) * d);
    if (q->x_by_feature) for (int c = 0; c < d; c++) q->x_by_feature[(size_t)c * l + i] = xi[c];
    if (q->x_square) q->x_square[i] = row_dot(xi, xi, d);
  }
  for (int i = 0; i < l; i++) q->qd[i] = self_kernel(q, i);
}

ONCE struct svc_q *svc_q_new(const double *x, int d, const int *rows, const int8_t *y, int l,
                        const struct kernel_spec *spec, double cache_bytes, const struct within_class *within, const int *local) {
  struct svc_q *q = heap_alloc(sizeof *q);
  q->l = l;
  q->d = d;
  q->spec = *spec;
  q->xp = heap_alloc(sizeof(double) * (uint64_t)l * d);
  q->x_by_feature = spec->kind == KERNEL_RBF && d < BLAS_MIN_WIDTH ? heap_alloc(sizeof(double) * (uint64_t)l * d) : 0;
  q->x_square = spec->kind == KERNEL_RBF ? heap_alloc(sizeof(double) * (uint64_t)l) : 0;
  q->y = heap_alloc((uint64_t)l);
  __builtin_memcpy(q->y, y, (size_t)l);
  q->cache = cache_new(l, cache_bytes);
  q->qd = heap_alloc(sizeof(double) * (uint64_t)l);
  q->within = within;
  q->local = 0;
  if (within) {
    q->local = heap_alloc(sizeof(int) * (uint64_t)l);
    __builtin_memcpy(q->local, local, sizeof(int) * (size_t)l);
  }
  place_rows(q, x, rows);
  return q;
}

/* The column fills. Each is a small function of its own (see tiering.h): V8 optimises a small
 * function sooner and compiles it faster. */

/** Entries [start, end) of an rbf column on narrow rows, end - start even: two entries at a time,
 * each lane doing the scalar operations of fill_rbf in the scalar order. */
static HOT void fill_rbf_pairs(const struct svc_q *q, float *out, int start, int end, int i) {
  int d = q->d, l = q->l, yi = q->y[i];
  const double *xi = q->xp + (size_t)i * d, *xf = q->x_by_feature;
  v128_t neg_gamma = wasm_f64x2_splat(-q->spec.gamma), xsi = wasm_f64x2_splat(q->x_square[i]), two = wasm_f64x2_splat(2);
  for (int j = start; j < end; j += 2) {
    v128_t dot = wasm_f64x2_splat(0.0);
#ifdef SVM_NATIVE_FMA
    if (blas_skylakex) {
      for (int k = 0; k < d; k++) dot = fma_f64x2(wasm_v128_load(xf + (size_t)k * l + j), wasm_f64x2_splat(xi[k]), dot);
    } else
#endif
    for (int k = 0; k < d; k++) dot = wasm_f64x2_add(dot, wasm_f64x2_mul(wasm_v128_load(xf + (size_t)k * l + j), wasm_f64x2_splat(xi[k])));
    v128_t arg = wasm_f64x2_mul(neg_gamma, wasm_f64x2_sub(wasm_f64x2_add(xsi, wasm_v128_load(q->x_square + j)), wasm_f64x2_mul(two, dot)));
    v128_t sign = wasm_f32x4_make((float)(yi * q->y[j]), (float)(yi * q->y[j + 1]), 0, 0);
    wasm_v128_store64_lane(out + j, wasm_f32x4_mul(glibc_exp_float32_f64x2(arg), sign), 0);
  }
}

/** K(x_i, x_j) of two positions, as the column stores it: rounded straight to float32 for rbf. */
static inline float kernel_value(const struct svc_q *q, int i, int j) {
  if (q->spec.kind != KERNEL_RBF) return (float)kernel_at(q, i, j);
  int d = q->d;
  double dot = row_dot(q->xp + (size_t)i * d, q->xp + (size_t)j * d, d);
  return (float)glibc_exp_float32(-q->spec.gamma * (q->x_square[i] + q->x_square[j] - 2 * dot));
}

/** Entries [start, end) of a column: y_i y_j K(x_i, x_j) as float32 (libsvm's Qfloat). */
static HOT void fill_column(const struct svc_q *q, float *out, int start, int end, int i) {
  int yi = q->y[i];
  for (int j = start; j < end; j++) out[j] = (float)((double)(yi * q->y[j]) * (double)kernel_value(q, i, j));
}

/**
 * The same with the shared same-class values (y_i y_j = 1 there): looked up, or computed and kept
 * for the other sub-problems of that class.
 */
static HOT void fill_column_shared(const struct svc_q *q, float *out, int start, int end, int i) {
  int yi = q->y[i], side = yi > 0 ? 0 : 1, n = q->within->n[side];
  float *row = q->within->block[side] + (size_t)q->local[i] * n;
  for (int j = start; j < end; j++) {
    if (q->y[j] != yi) {
      out[j] = -kernel_value(q, i, j);
      continue;
    }
    float v = row[q->local[j]];
    if (v != v) {
      v = kernel_value(q, i, j);
      row[q->local[j]] = v;
      q->within->block[side][(size_t)q->local[j] * n + q->local[i]] = v;
    }
    out[j] = v;
  }
}

float *svc_q_get(struct svc_q *q, int i, int len) {
  int start = cache_get_data(q->cache, i, len);
  float *data = q->cache->data[i];
  if (start < len) {
    if (q->within) {
      fill_column_shared(q, data, start, len, i);
    } else {
      // The portable build has no paired fused multiply-add: with the SkylakeX kernel, one by one.
      int paired = q->x_by_feature && (SVM_PAIRED_FMA || !blas_skylakex) ? start + ((len - start) & ~1) : start;
      if (paired > start) fill_rbf_pairs(q, data, start, paired, i);
      if (paired < len) fill_column(q, data, paired, len, i);
    }
  }
  return data;
}

void svc_q_swap_index(struct svc_q *q, int i, int j) {
  cache_swap_index(q->cache, i, j);
  int d = q->d;
  double *a = q->xp + (size_t)i * d, *b = q->xp + (size_t)j * d;
  for (int k = 0; k < d; k++) { double v = a[k]; a[k] = b[k]; b[k] = v; }
  if (q->x_by_feature) {
    for (int k = 0; k < d; k++) {
      double *f = q->x_by_feature + (size_t)k * q->l;
      double v = f[i]; f[i] = f[j]; f[j] = v;
    }
  }
  if (q->x_square) { double s = q->x_square[i]; q->x_square[i] = q->x_square[j]; q->x_square[j] = s; }
  int8_t t = q->y[i]; q->y[i] = q->y[j]; q->y[j] = t;
  if (q->local) { int w = q->local[i]; q->local[i] = q->local[j]; q->local[j] = w; }
  double u = q->qd[i]; q->qd[i] = q->qd[j]; q->qd[j] = u;
}
