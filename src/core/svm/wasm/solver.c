#include <wasm_simd128.h>
#include "solver.h"
#include "heap.h"
#include "tiering.h"

#define TAU 1e-12
#define INF __builtin_inf()
#define LOWER_BOUND 0
#define UPPER_BOUND 1
#define FREE 2

struct solver {
  int l;
  int active_size;
  struct svc_q *q;
  int8_t *y;
  /* The same per position in the form the two-lane loops load: y as a double, and all-ones masks
   * for the index sets of WSS3 (in_up: alpha_t may grow along y_t; in_low: it may shrink). */
  double *y_double;
  int64_t *in_up;
  int64_t *in_low;
  double *g;
  uint8_t *status;
  double *alpha;
  double *qd;
  double *c;
  double *p;
  int *active_set;
  double *g_bar;
  double eps;
  int unshrink;
};

static void update_alpha_status(struct solver *s, int i) {
  if (s->alpha[i] >= s->c[i]) s->status[i] = UPPER_BOUND;
  else if (s->alpha[i] <= 0) s->status[i] = LOWER_BOUND;
  else s->status[i] = FREE;
  int up = s->y[i] == 1 ? s->status[i] != UPPER_BOUND : s->status[i] != LOWER_BOUND;
  int low = s->y[i] == 1 ? s->status[i] != LOWER_BOUND : s->status[i] != UPPER_BOUND;
  s->in_up[i] = up ? -1 : 0;
  s->in_low[i] = low ? -1 : 0;
}

#define SWAP(type, a, i, j) do { type t_ = (a)[i]; (a)[i] = (a)[j]; (a)[j] = t_; } while (0)

static void swap_index(struct solver *s, int i, int j) {
  svc_q_swap_index(s->q, i, j);
  SWAP(int8_t, s->y, i, j);
  SWAP(double, s->y_double, i, j);
  SWAP(int64_t, s->in_up, i, j);
  SWAP(int64_t, s->in_low, i, j);
  SWAP(double, s->g, i, j);
  SWAP(uint8_t, s->status, i, j);
  SWAP(double, s->alpha, i, j);
  SWAP(double, s->p, i, j);
  SWAP(int, s->active_set, i, j);
  SWAP(double, s->g_bar, i, j);
  SWAP(double, s->c, i, j);
}

/* The vector loops run two positions at a time; each lane does the scalar operations in the
 * scalar order, so every value has its scalar bits. */

/** Two float32 Q entries as doubles. */
static inline v128_t load_q2(const float *q) {
  return wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(q));
}

/** dst[k] += a * q[k] for k in [from, to). */
static HOT void axpy(double *dst, double a, const float *q, int from, int to) {
  int k = from;
  v128_t va = wasm_f64x2_splat(a);
  for (; k + 1 < to; k += 2) wasm_v128_store(dst + k, wasm_f64x2_add(wasm_v128_load(dst + k), wasm_f64x2_mul(va, load_q2(q + k))));
  for (; k < to; k++) dst[k] += a * q[k];
}

/** g[k] += qi[k] * d_ai + qj[k] * d_aj for k < n (the gradient update after each step). */
static HOT void update_gradient(double *g, const float *qi, double d_ai, const float *qj, double d_aj, int n) {
  int k = 0;
  v128_t vi = wasm_f64x2_splat(d_ai), vj = wasm_f64x2_splat(d_aj);
  for (; k + 1 < n; k += 2) {
    v128_t step = wasm_f64x2_add(wasm_f64x2_mul(load_q2(qi + k), vi), wasm_f64x2_mul(load_q2(qj + k), vj));
    wasm_v128_store(g + k, wasm_f64x2_add(wasm_v128_load(g + k), step));
  }
  for (; k < n; k++) g[k] += qi[k] * d_ai + qj[k] * d_aj;
}

/** g + the sum over free j < n of alpha[j] * qi[j], in index order. */
static HOT double add_free_terms(double g, const double *alpha, const float *qi, const uint8_t *status, int n) {
  for (int j = 0; j < n; j++) if (status[j] == FREE) g += alpha[j] * qi[j];
  return g;
}

static ONCE void reconstruct_gradient(struct solver *s) {
  int l = s->l, as = s->active_size;
  if (as == l) return;
  int nr_free = 0;
  for (int j = as; j < l; j++) s->g[j] = s->g_bar[j] + s->p[j];
  for (int j = 0; j < as; j++) if (s->status[j] == FREE) nr_free++;
  if ((double)nr_free * l > 2.0 * as * (l - as)) {
    for (int i = as; i < l; i++) s->g[i] = add_free_terms(s->g[i], s->alpha, svc_q_get(s->q, i, as), s->status, as);
  } else {
    for (int i = 0; i < as; i++) {
      if (s->status[i] == FREE) axpy(s->g, s->alpha[i], svc_q_get(s->q, i, l), as, l);
    }
  }
}

/*
 * WSS3's two scans. Each keeps, per lane, the best value so far and the last position reaching it
 * (libsvm replaces on ties: >= for the maximum, <= for the minimum); the lanes are then merged
 * (the better value, on ties the later position) and an odd last position is scanned on its own,
 * which is the scalar scan's result.
 */

/** Merges lane results: returns the position (value into *best) of the larger value, on ties the later. */
static int merge_max(v128_t value, v128_t at, double *best) {
  double v0 = wasm_f64x2_extract_lane(value, 0), v1 = wasm_f64x2_extract_lane(value, 1);
  int i0 = (int)wasm_i64x2_extract_lane(at, 0), i1 = (int)wasm_i64x2_extract_lane(at, 1);
  int take1 = v1 > v0 || (v1 == v0 && i1 > i0);
  *best = take1 ? v1 : v0;
  return take1 ? i1 : i0;
}

/** argmax over in_up of -y_t G_t: WSS3's first index, or -1; its value into *gmax. */
static HOT int max_violating(const struct solver *s, int n, double *gmax) {
  v128_t best = wasm_f64x2_splat(-INF), at = wasm_i64x2_splat(-1), t2 = wasm_i64x2_make(0, 1), two = wasm_i64x2_splat(2);
  int t = 0;
  for (; t + 1 < n; t += 2) {
    v128_t v = wasm_f64x2_neg(wasm_f64x2_mul(wasm_v128_load(s->y_double + t), wasm_v128_load(s->g + t)));
    v128_t take = wasm_v128_and(wasm_v128_load(s->in_up + t), wasm_f64x2_ge(v, best));
    best = wasm_v128_bitselect(v, best, take);
    at = wasm_v128_bitselect(t2, at, take);
    t2 = wasm_i64x2_add(t2, two);
  }
  int i = merge_max(best, at, gmax);
  if (t < n && s->in_up[t] && -(s->y_double[t] * s->g[t]) >= *gmax) {
    *gmax = -(s->y_double[t] * s->g[t]);
    i = t;
  }
  return i;
}

/**
 * WSS3's second index for the first index i with value gmax: argmin over in_low with
 * gmax + y_t G_t > 0 of -(gmax + y_t G_t)^2 / quad_t, or -1; the largest y_t G_t over in_low into *gmax2.
 */
static HOT int min_objective(const struct solver *s, int n, const float *qi, double gmax, double qdi, double yi2, double *gmax2) {
  v128_t top = wasm_f64x2_splat(-INF), obj_min = wasm_f64x2_splat(INF), at = wasm_i64x2_splat(-1);
  v128_t t2 = wasm_i64x2_make(0, 1), two = wasm_i64x2_splat(2), zero = wasm_f64x2_splat(0.0), tau = wasm_f64x2_splat(TAU);
  v128_t v_gmax = wasm_f64x2_splat(gmax), v_qdi = wasm_f64x2_splat(qdi), v_yi2 = wasm_f64x2_splat(yi2);
  int t = 0;
  for (; t + 1 < n; t += 2) {
    v128_t yd = wasm_v128_load(s->y_double + t);
    v128_t in_low = wasm_v128_load(s->in_low + t);
    v128_t w = wasm_f64x2_mul(yd, wasm_v128_load(s->g + t)); /* G for y = +1, -G for y = -1 */
    top = wasm_v128_bitselect(w, top, wasm_v128_and(in_low, wasm_f64x2_ge(w, top)));
    v128_t grad_diff = wasm_f64x2_add(v_gmax, w);
    /* qdi + QD - yi2 Q_i for y = +1, + yi2 Q_i for y = -1; a - b is a + (-b) to the bit. */
    v128_t quad = wasm_f64x2_add(wasm_f64x2_add(v_qdi, wasm_v128_load(s->qd + t)),
                                 wasm_f64x2_neg(wasm_f64x2_mul(yd, wasm_f64x2_mul(v_yi2, load_q2(qi + t)))));
    quad = wasm_v128_bitselect(quad, tau, wasm_f64x2_gt(quad, zero));
    v128_t obj = wasm_f64x2_div(wasm_f64x2_neg(wasm_f64x2_mul(grad_diff, grad_diff)), quad);
    v128_t take = wasm_v128_and(wasm_v128_and(in_low, wasm_f64x2_gt(grad_diff, zero)), wasm_f64x2_le(obj, obj_min));
    obj_min = wasm_v128_bitselect(obj, obj_min, take);
    at = wasm_v128_bitselect(t2, at, take);
    t2 = wasm_i64x2_add(t2, two);
  }
  /* The largest value is only compared with (gmax + gmax2 < eps), where the sign of a zero cannot matter. */
  double top0 = wasm_f64x2_extract_lane(top, 0), top1 = wasm_f64x2_extract_lane(top, 1);
  *gmax2 = top1 > top0 ? top1 : top0;
  /* The smaller objective, on ties the later position. */
  double o0 = wasm_f64x2_extract_lane(obj_min, 0), o1 = wasm_f64x2_extract_lane(obj_min, 1);
  int j0 = (int)wasm_i64x2_extract_lane(at, 0), j1 = (int)wasm_i64x2_extract_lane(at, 1);
  int take1 = o1 < o0 || (o1 == o0 && j1 > j0);
  double best = take1 ? o1 : o0;
  int j = take1 ? j1 : j0;
  if (t < n && s->in_low[t]) {
    double w = s->y_double[t] * s->g[t];
    if (w >= *gmax2) *gmax2 = w;
    double grad_diff = gmax + w;
    if (grad_diff > 0) {
      double quad = (qdi + s->qd[t]) + -(s->y_double[t] * (yi2 * qi[t]));
      double obj = -(grad_diff * grad_diff) / (quad > 0 ? quad : TAU);
      if (obj <= best) j = t;
    }
  }
  return j;
}

/** Returns 1 when optimal; otherwise writes the working set into ws and returns 0. */
static int select_working_set(struct solver *s, int ws[2]) {
  int as = s->active_size;
  double gmax, gmax2;
  int i = max_violating(s, as, &gmax);
  /* Without a first index there is no second one either: optimal. */
  if (i == -1) return 1;
  const float *qi = svc_q_get(s->q, i, as);
  int j = min_objective(s, as, qi, gmax, s->qd[i], 2.0 * s->y[i], &gmax2);
  if (gmax + gmax2 < s->eps || j == -1) return 1;
  ws[0] = i;
  ws[1] = j;
  return 0;
}

static int be_shrunk(const struct solver *s, int i, double gmax1, double gmax2) {
  int st = s->status[i];
  if (st == UPPER_BOUND) return s->y[i] == 1 ? -s->g[i] > gmax1 : -s->g[i] > gmax2;
  if (st == LOWER_BOUND) return s->y[i] == 1 ? s->g[i] > gmax2 : s->g[i] > gmax1;
  return 0;
}

static HOT void do_shrinking(struct solver *s) {
  const int8_t *y = s->y;
  const double *g = s->g;
  const uint8_t *status = s->status;
  double gmax1 = -INF, gmax2 = -INF;
  for (int i = 0; i < s->active_size; i++) {
    if (y[i] == 1) {
      if (status[i] != UPPER_BOUND && -g[i] >= gmax1) gmax1 = -g[i];
      if (status[i] != LOWER_BOUND && g[i] >= gmax2) gmax2 = g[i];
    } else {
      if (status[i] != UPPER_BOUND && -g[i] >= gmax2) gmax2 = -g[i];
      if (status[i] != LOWER_BOUND && g[i] >= gmax1) gmax1 = g[i];
    }
  }
  if (!s->unshrink && gmax1 + gmax2 <= s->eps * 10) {
    s->unshrink = 1;
    reconstruct_gradient(s);
    s->active_size = s->l;
  }
  for (int i = 0; i < s->active_size; i++) {
    if (be_shrunk(s, i, gmax1, gmax2)) {
      s->active_size--;
      while (s->active_size > i) {
        if (!be_shrunk(s, s->active_size, gmax1, gmax2)) {
          swap_index(s, i, s->active_size);
          break;
        }
        s->active_size--;
      }
    }
  }
}

static ONCE double calculate_rho(const struct solver *s) {
  int nr_free = 0;
  double ub = INF, lb = -INF, sum_free = 0;
  for (int i = 0; i < s->active_size; i++) {
    double yg = s->y[i] * s->g[i];
    if (s->status[i] == UPPER_BOUND) {
      if (s->y[i] == -1) ub = ub < yg ? ub : yg;
      else lb = lb > yg ? lb : yg;
    } else if (s->status[i] == LOWER_BOUND) {
      if (s->y[i] == 1) ub = ub < yg ? ub : yg;
      else lb = lb > yg ? lb : yg;
    } else {
      ++nr_free;
      sum_free += yg;
    }
  }
  return nr_free > 0 ? sum_free / nr_free : (ub + lb) / 2;
}

/** One SMO step on the working set (i, j): the two-variable sub-problem clipped to its box. */
static void update_pair(struct solver *s, int i, int j, const float *qi, double ci, double cj) {
  double *alpha = s->alpha;
  const double *g = s->g, *qd = s->qd;
  if (s->y[i] != s->y[j]) {
    double quad = qd[i] + qd[j] + 2 * qi[j];
    if (quad <= 0) quad = TAU;
    double delta = (-g[i] - g[j]) / quad;
    double diff = alpha[i] - alpha[j];
    alpha[i] += delta;
    alpha[j] += delta;
    if (diff > 0) {
      if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = diff; }
    } else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = -diff; }
    if (diff > ci - cj) {
      if (alpha[i] > ci) { alpha[i] = ci; alpha[j] = ci - diff; }
    } else if (alpha[j] > cj) { alpha[j] = cj; alpha[i] = cj + diff; }
  } else {
    double quad = qd[i] + qd[j] - 2 * qi[j];
    if (quad <= 0) quad = TAU;
    double delta = (g[i] - g[j]) / quad;
    double sum = alpha[i] + alpha[j];
    alpha[i] -= delta;
    alpha[j] += delta;
    if (sum > ci) {
      if (alpha[i] > ci) { alpha[i] = ci; alpha[j] = sum - ci; }
    } else if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = sum; }
    if (sum > cj) {
      if (alpha[j] > cj) { alpha[j] = cj; alpha[i] = sum - cj; }
    } else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = sum; }
  }
}

/** G = p + Q alpha and G_bar = sum of C_i Q_i over the alphas at their upper bound. */
static HOT void init_gradient(struct solver *s) {
  int l = s->l;
  for (int i = 0; i < l; i++) { s->g[i] = s->p[i]; s->g_bar[i] = 0; }
  for (int i = 0; i < l; i++) {
    if (s->status[i] != LOWER_BOUND) {
      const float *qi = svc_q_get(s->q, i, l);
      axpy(s->g, s->alpha[i], qi, 0, l);
      if (s->status[i] == UPPER_BOUND) axpy(s->g_bar, s->c[i], qi, 0, l);
    }
  }
}

/** out[active_set[i]] = alpha[i]: the solution back in the caller's order. */
static HOT void unshuffle(double *out, const double *alpha, const int *active_set, int l) {
  for (int i = 0; i < l; i++) out[active_set[i]] = alpha[i];
}

/** One SMO step on the working set (i, j): the new alphas, the gradient, the statuses and G_bar. */
static HOT void smo_step(struct solver *s, int i, int j) {
  int as = s->active_size, l = s->l;
  double *alpha = s->alpha;
  const float *qi = svc_q_get(s->q, i, as);
  const float *qj = svc_q_get(s->q, j, as);
  double ci = s->c[i], cj = s->c[j];
  double old_ai = alpha[i], old_aj = alpha[j];
  update_pair(s, i, j, qi, ci, cj);
  update_gradient(s->g, qi, alpha[i] - old_ai, qj, alpha[j] - old_aj, as);
  int ui = s->status[i] == UPPER_BOUND, uj = s->status[j] == UPPER_BOUND;
  update_alpha_status(s, i);
  update_alpha_status(s, j);
  if (ui != (s->status[i] == UPPER_BOUND)) axpy(s->g_bar, ui ? -ci : ci, svc_q_get(s->q, i, l), 0, l);
  if (uj != (s->status[j] == UPPER_BOUND)) axpy(s->g_bar, uj ? -cj : cj, svc_q_get(s->q, j, l), 0, l);
}

static ONCE struct solve_result solve(struct solver *s, int shrinking, int max_iter, double *alpha_out) {
  int l = s->l;
  init_gradient(s);
  int iter = 0, timed_out = 0;
  int counter = (l < 1000 ? l : 1000) + 1;
  int ws[2];
  for (;;) {
    if (max_iter != -1 && iter >= max_iter) {
      timed_out = 1;
      break;
    }
    if (--counter == 0) {
      counter = l < 1000 ? l : 1000;
      if (shrinking) do_shrinking(s);
    }
    if (select_working_set(s, ws) != 0) {
      reconstruct_gradient(s);
      s->active_size = l;
      if (select_working_set(s, ws) != 0) break;
      else counter = 1;
    }
    ++iter;
    smo_step(s, ws[0], ws[1]);
  }
  struct solve_result r = { calculate_rho(s), iter, timed_out };
  unshuffle(alpha_out, s->alpha, s->active_set, l);
  return r;
}

/** Every position's starting state: alpha = 0, p = -1, C by label, its own active-set index. */
static HOT void init_positions(struct solver *s, const int8_t *y, double cp, double cn) {
  for (int i = 0; i < s->l; i++) {
    s->p[i] = -1;
    s->c[i] = y[i] > 0 ? cp : cn;
    s->y_double[i] = y[i];
    s->active_set[i] = i;
    update_alpha_status(s, i);
  }
}

/** alpha_i * y_i, libsvm's f.alpha for C-SVC. */
static HOT void times_label(double *alpha, const int8_t *y, int l) {
  for (int i = 0; i < l; i++) alpha[i] *= y[i];
}

ONCE struct solve_result solve_c_svc(struct svc_q *q, const int8_t *y, double cp, double cn, double eps,
                                     int shrinking, int max_iter, double *alpha_out) {
  int l = q->l;
  struct solver s = { 0 };
  s.l = l;
  s.active_size = l;
  s.q = q;
  s.qd = q->qd;
  s.eps = eps;
  s.y = heap_alloc((uint64_t)l);
  __builtin_memcpy(s.y, y, (size_t)l);
  s.y_double = heap_alloc(sizeof(double) * (uint64_t)l);
  s.in_up = heap_alloc(sizeof(int64_t) * (uint64_t)l);
  s.in_low = heap_alloc(sizeof(int64_t) * (uint64_t)l);
  s.p = heap_alloc(sizeof(double) * (uint64_t)l);
  s.c = heap_alloc(sizeof(double) * (uint64_t)l);
  s.alpha = heap_calloc(sizeof(double) * (uint64_t)l);
  s.status = heap_alloc((uint64_t)l);
  s.active_set = heap_alloc(sizeof(int) * (uint64_t)l);
  s.g = heap_alloc(sizeof(double) * (uint64_t)l);
  s.g_bar = heap_alloc(sizeof(double) * (uint64_t)l);
  init_positions(&s, y, cp, cn);
  struct solve_result r = solve(&s, shrinking, max_iter, alpha_out);
  times_label(alpha_out, y, l);
  return r;
}
