/*
 * SMO solver ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, class Solver and
 * solve_c_svc): Fan, Chen & Lin (JMLR 6, 2005) second-order working-set selection (WSS3), shrinking
 * with one unshrink, gradient reconstruction, and scikit-learn's max_iter stop.
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt in the folder above.
 *
 *   min 0.5 a^T Q a + p^T a   subject to  y^T a = 0,  0 <= a_i <= C_i
 */
#ifndef SVM_SOLVER_H
#define SVM_SOLVER_H

#include <stdint.h>
#include "svc_q.h"

struct solve_result {
  double rho;
  int n_iter;
  int timed_out;
};

/**
 * libsvm's solve_c_svc: alpha starts at 0, p = -1, C_i = cp for y=+1 and cn for y=-1. Writes
 * alpha_i * y_i in the caller's order into alpha_out (libsvm's f.alpha for C-SVC).
 */
struct solve_result solve_c_svc(struct svc_q *q, const int8_t *y, double cp, double cn, double eps,
                                int shrinking, int max_iter, double *alpha_out);

#endif
