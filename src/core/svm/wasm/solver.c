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
}

#define SWAP(type, a, i, j) do { type t_ = (a)[i]; (a)[i] = (a)[j]; (a)[j] = t_; } while (0)

static void swap_index(struct solver *s, int i, int j) {
  svc_q_swap_index(s->q, i, j);
  SWAP(int8_t, s->y, i, j);
  SWAP(double, s->g, i, j);
  SWAP(uint8_t, s->status, i, j);
  SWAP(double, s->alpha, i, j);
  SWAP(double, s->p, i, j);
  SWAP(int, s->active_set, i, j);
  SWAP(double, s->g_bar, i, j);
  SWAP(double, s->c, i, j);
}

/** dst[k] += a * q[k] for k in [from, to). */
static HOT void axpy(double *dst, double a, const float *q, int from, int to) {
  for (int k = from; k < to; k++) dst[k] += a * q[k];
}

/** g[k] += qi[k] * d_ai + qj[k] * d_aj for k < n (the gradient update after each step). */
static HOT void update_gradient(double *g, const float *qi, double d_ai, const float *qj, double d_aj, int n) {
  for (int k = 0; k < n; k++) g[k] += qi[k] * d_ai + qj[k] * d_aj;
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

/** Returns 1 when optimal; otherwise writes the working set into ws and returns 0. */
static HOT int select_working_set(struct solver *s, int ws[2]) {
  const int8_t *y = s->y;
  const double *g = s->g, *qd = s->qd;
  const uint8_t *status = s->status;
  int as = s->active_size;
  double gmax = -INF;
  int i = -1;
  for (int t = 0; t < as; t++) {
    if (y[t] == 1) {
      if (status[t] != UPPER_BOUND && -g[t] >= gmax) { gmax = -g[t]; i = t; }
    } else if (status[t] != LOWER_BOUND && g[t] >= gmax) { gmax = g[t]; i = t; }
  }
  const float *qi = i != -1 ? svc_q_get(s->q, i, as) : 0;
  double qdi = i != -1 ? qd[i] : 0;
  double yi2 = i != -1 ? 2.0 * y[i] : 0;
  double gmax2 = -INF, obj_diff_min = INF;
  int j_min = -1;
  for (int j = 0; j < as; j++) {
    if (y[j] == 1) {
      if (status[j] != LOWER_BOUND) {
        double grad_diff = gmax + g[j];
        if (g[j] >= gmax2) gmax2 = g[j];
        if (grad_diff > 0) {
          double quad = qdi + qd[j] - yi2 * qi[j];
          double obj_diff = quad > 0 ? -(grad_diff * grad_diff) / quad : -(grad_diff * grad_diff) / TAU;
          if (obj_diff <= obj_diff_min) { j_min = j; obj_diff_min = obj_diff; }
        }
      }
    } else if (status[j] != UPPER_BOUND) {
      double grad_diff = gmax - g[j];
      if (-g[j] >= gmax2) gmax2 = -g[j];
      if (grad_diff > 0) {
        double quad = qdi + qd[j] + yi2 * qi[j];
        double obj_diff = quad > 0 ? -(grad_diff * grad_diff) / quad : -(grad_diff * grad_diff) / TAU;
        if (obj_diff <= obj_diff_min) { j_min = j; obj_diff_min = obj_diff; }
      }
    }
  }
  if (gmax + gmax2 < s->eps || j_min == -1) return 1;
  ws[0] = i;
  ws[1] = j_min;
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

static ONCE struct solve_result solve(struct solver *s, int shrinking, int max_iter, double *alpha_out) {
  int l = s->l;
  double *g = s->g, *g_bar = s->g_bar, *alpha = s->alpha, *c = s->c;
  uint8_t *status = s->status;
  for (int i = 0; i < l; i++) { g[i] = s->p[i]; g_bar[i] = 0; }
  for (int i = 0; i < l; i++) {
    if (status[i] != LOWER_BOUND) {
      const float *qi = svc_q_get(s->q, i, l);
      axpy(g, alpha[i], qi, 0, l);
      if (status[i] == UPPER_BOUND) axpy(g_bar, c[i], qi, 0, l);
    }
  }

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
    int i = ws[0], j = ws[1];
    int as = s->active_size;
    const float *qi = svc_q_get(s->q, i, as);
    const float *qj = svc_q_get(s->q, j, as);
    double ci = c[i], cj = c[j];
    double old_ai = alpha[i], old_aj = alpha[j];
    update_pair(s, i, j, qi, ci, cj);

    double d_ai = alpha[i] - old_ai, d_aj = alpha[j] - old_aj;
    update_gradient(g, qi, d_ai, qj, d_aj, as);

    int ui = status[i] == UPPER_BOUND, uj = status[j] == UPPER_BOUND;
    update_alpha_status(s, i);
    update_alpha_status(s, j);
    if (ui != (status[i] == UPPER_BOUND)) axpy(g_bar, ui ? -ci : ci, svc_q_get(s->q, i, l), 0, l);
    if (uj != (status[j] == UPPER_BOUND)) axpy(g_bar, uj ? -cj : cj, svc_q_get(s->q, j, l), 0, l);
  }

  struct solve_result r = { calculate_rho(s), iter, timed_out };
  for (int i = 0; i < l; i++) alpha_out[s->active_set[i]] = alpha[i];
  return r;
}

struct solve_result solve_c_svc(struct svc_q *q, const int8_t *y, double cp, double cn, double eps,
                                int shrinking, int max_iter, double *alpha_out) {
  int l = q->l;
  struct solver s = { 0 };
  s.l = l;
  s.active_size = l;
  s.q = q;
  s.qd = q->qd;
  s.eps = eps;
  s.y = svm_alloc((size_t)l);
  __builtin_memcpy(s.y, y, (size_t)l);
  s.p = svm_alloc(sizeof(double) * l);
  s.c = svm_alloc(sizeof(double) * l);
  s.alpha = svm_calloc(sizeof(double) * l);
  s.status = svm_alloc((size_t)l);
  s.active_set = svm_alloc(sizeof(int) * l);
  s.g = svm_alloc(sizeof(double) * l);
  s.g_bar = svm_alloc(sizeof(double) * l);
  for (int i = 0; i < l; i++) {
    s.p[i] = -1;
    s.c[i] = y[i] > 0 ? cp : cn;
    s.active_set[i] = i;
    update_alpha_status(&s, i);
  }
  struct solve_result r = solve(&s, shrinking, max_iter, alpha_out);
  for (int i = 0; i < l; i++) alpha_out[i] *= y[i];
  return r;
}
