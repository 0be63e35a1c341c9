/*
 * SMO solver ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, class Solver and
 * solve_c_svc): Fan, Chen & Lin (JMLR 6, 2005) second-order working-set selection (WSS3), shrinking
 * with one unshrink, gradient reconstruction, and scikit-learn's max_iter stop.
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 *
 *   min 0.5 a^T Q a + p^T a   subject to  y^T a = 0,  0 <= a_i <= C_i
 */
import type { SvcQ } from './svcQ';
import { FREE, LOWER_BOUND, UPPER_BOUND, addFreeTerms, axpy, maxViolating, minObjective, updateGradient } from './smoLoops';

const INF = Infinity;
const TAU = 1e-12;

export interface SolveResult {
  /** alpha_i * y_i in the caller's order (libsvm's f.alpha for C-SVC). */
  alpha: Float64Array;
  rho: number;
  obj: number;
  nIter: number;
  timedOut: boolean;
}

/** libsvm's solve_c_svc: alpha starts at 0, p = -1, C_i = Cp for y=+1 and Cn for y=-1. */
export function solveCSvc(Q: SvcQ, y: Int8Array, Cp: number, Cn: number, eps: number, shrinking: boolean, maxIter: number): SolveResult {
  const l = y.length;
  const p = new Float64Array(l).fill(-1);
  const C = new Float64Array(l);
  for (let i = 0; i < l; i++) C[i] = y[i] > 0 ? 1 * Cp : 1 * Cn;
  const s = new Solver(l, Q, p, y, new Float64Array(l), C, eps, shrinking, maxIter);
  const r = s.solve();
  for (let i = 0; i < l; i++) r.alpha[i] *= y[i];
  return r;
}

class Solver {
  private activeSize: number;
  private readonly y: Int8Array;
  private readonly G: Float64Array;
  private readonly status: Uint8Array;
  private readonly alpha: Float64Array;
  private readonly QD: Float64Array;
  private readonly C: Float64Array;
  private readonly p: Float64Array;
  private readonly activeSet: Int32Array;
  private readonly Gbar: Float64Array;
  private unshrink = false;
  private readonly gmax2 = new Float64Array(1);

  constructor(
    private readonly l: number,
    private readonly Q: SvcQ,
    p: Float64Array, y: Int8Array, alpha: Float64Array, C: Float64Array,
    private readonly eps: number,
    private readonly shrinking: boolean,
    private readonly maxIter: number,
  ) {
    this.QD = Q.QD;
    this.p = p.slice();
    this.y = y.slice();
    this.alpha = alpha.slice();
    this.C = C.slice();
    this.status = new Uint8Array(l);
    for (let i = 0; i < l; i++) this.updateAlphaStatus(i);
    this.activeSet = new Int32Array(l);
    for (let i = 0; i < l; i++) this.activeSet[i] = i;
    this.activeSize = l;
    this.G = new Float64Array(l);
    this.Gbar = new Float64Array(l);
  }

  private updateAlphaStatus(i: number): void {
    if (this.alpha[i] >= this.C[i]) this.status[i] = UPPER_BOUND;
    else if (this.alpha[i] <= 0) this.status[i] = LOWER_BOUND;
    else this.status[i] = FREE;
  }

  private swapIndex(i: number, j: number): void {
    this.Q.swapIndex(i, j);
    swapI8(this.y, i, j);
    swapF(this.G, i, j);
    swapU8(this.status, i, j);
    swapF(this.alpha, i, j);
    swapF(this.p, i, j);
    const t = this.activeSet[i]; this.activeSet[i] = this.activeSet[j]; this.activeSet[j] = t;
    swapF(this.Gbar, i, j);
    swapF(this.C, i, j);
  }

  private reconstructGradient(): void {
    const { l, G, Gbar, p, status, alpha } = this;
    const as = this.activeSize;
    if (as === l) return;
    let nrFree = 0;
    for (let j = as; j < l; j++) G[j] = Gbar[j] + p[j];
    for (let j = 0; j < as; j++) if (status[j] === FREE) nrFree++;
    if (nrFree * l > 2 * as * (l - as)) {
      for (let i = as; i < l; i++) G[i] = addFreeTerms(G[i], alpha, this.Q.getQ(i, as), status, as);
    } else {
      for (let i = 0; i < as; i++) {
        if (status[i] === FREE) axpy(G, alpha[i], this.Q.getQ(i, l), as, l);
      }
    }
  }

  solve(): SolveResult {
    const { l, G, Gbar, p, alpha, status, C, y, QD } = this;
    for (let i = 0; i < l; i++) { G[i] = p[i]; Gbar[i] = 0; }
    for (let i = 0; i < l; i++) {
      if (status[i] !== LOWER_BOUND) {
        const Qi = this.Q.getQ(i, l);
        axpy(G, alpha[i], Qi, 0, l);
        if (status[i] === UPPER_BOUND) axpy(Gbar, C[i], Qi, 0, l);
      }
    }

    let iter = 0;
    let timedOut = false;
    let counter = Math.min(l, 1000) + 1;
    const ws = new Int32Array(2);
    for (;;) {
      if (this.maxIter !== -1 && iter >= this.maxIter) {
        timedOut = true;
        break;
      }
      if (--counter === 0) {
        counter = Math.min(l, 1000);
        if (this.shrinking) this.doShrinking();
      }
      if (this.selectWorkingSet(ws) !== 0) {
        this.reconstructGradient();
        this.activeSize = l;
        if (this.selectWorkingSet(ws) !== 0) break;
        else counter = 1;
      }
      ++iter;
      const i = ws[0], j = ws[1];
      const as = this.activeSize;
      let Qi = this.Q.getQ(i, as);
      let Qj = this.Q.getQ(j, as);
      const Ci = C[i], Cj = C[j];
      const oldAi = alpha[i], oldAj = alpha[j];

      if (y[i] !== y[j]) {
        let quad = QD[i] + QD[j] + 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (-G[i] - G[j]) / quad;
        const diff = alpha[i] - alpha[j];
        alpha[i] += delta;
        alpha[j] += delta;
        if (diff > 0) {
          if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = diff; }
        } else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = -diff; }
        if (diff > Ci - Cj) {
          if (alpha[i] > Ci) { alpha[i] = Ci; alpha[j] = Ci - diff; }
        } else if (alpha[j] > Cj) { alpha[j] = Cj; alpha[i] = Cj + diff; }
      } else {
        let quad = QD[i] + QD[j] - 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (G[i] - G[j]) / quad;
        const sum = alpha[i] + alpha[j];
        alpha[i] -= delta;
        alpha[j] += delta;
        if (sum > Ci) {
          if (alpha[i] > Ci) { alpha[i] = Ci; alpha[j] = sum - Ci; }
        } else if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = sum; }
        if (sum > Cj) {
          if (alpha[j] > Cj) { alpha[j] = Cj; alpha[i] = sum - Cj; }
        } else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = sum; }
      }

      const dAi = alpha[i] - oldAi;
      const dAj = alpha[j] - oldAj;
      updateGradient(G, Qi, dAi, Qj, dAj, as);

      const ui = status[i] === UPPER_BOUND;
      const uj = status[j] === UPPER_BOUND;
      this.updateAlphaStatus(i);
      this.updateAlphaStatus(j);
      if (ui !== (status[i] === UPPER_BOUND)) {
        Qi = this.Q.getQ(i, l);
        axpy(Gbar, ui ? -Ci : Ci, Qi, 0, l);
      }
      if (uj !== (status[j] === UPPER_BOUND)) {
        Qj = this.Q.getQ(j, l);
        axpy(Gbar, uj ? -Cj : Cj, Qj, 0, l);
      }
    }

    const rho = this.calculateRho();
    let v = 0;
    for (let i = 0; i < l; i++) v += alpha[i] * (G[i] + p[i]);
    const out = new Float64Array(l);
    for (let i = 0; i < l; i++) out[this.activeSet[i]] = alpha[i];
    return { alpha: out, rho, obj: v / 2, nIter: iter, timedOut };
  }

  /** Returns 1 when optimal; otherwise writes i, j into ws and returns 0. */
  private selectWorkingSet(ws: Int32Array): number {
    const { y, G, status, QD } = this;
    const as = this.activeSize;
    const i = maxViolating(y, G, status, as);
    const Gmax = i === -1 ? -INF : y[i] === 1 ? -G[i] : G[i];
    const Qi = i !== -1 ? this.Q.getQ(i, as) : null;
    const QDi = i !== -1 ? QD[i] : 0;
    const yi2 = i !== -1 ? 2.0 * y[i] : 0;
    const j = minObjective(y, G, status, QD, Qi, Gmax, QDi, yi2, as, this.gmax2);
    if (Gmax + this.gmax2[0] < this.eps || j === -1) return 1;
    ws[0] = i;
    ws[1] = j;
    return 0;
  }

  private beShrunk(i: number, Gmax1: number, Gmax2: number): boolean {
    const st = this.status[i];
    if (st === UPPER_BOUND) return this.y[i] === 1 ? -this.G[i] > Gmax1 : -this.G[i] > Gmax2;
    if (st === LOWER_BOUND) return this.y[i] === 1 ? this.G[i] > Gmax2 : this.G[i] > Gmax1;
    return false;
  }

  private doShrinking(): void {
    const { y, G, status } = this;
    let Gmax1 = -INF, Gmax2 = -INF;
    for (let i = 0; i < this.activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] !== UPPER_BOUND && -G[i] >= Gmax1) Gmax1 = -G[i];
        if (status[i] !== LOWER_BOUND && G[i] >= Gmax2) Gmax2 = G[i];
      } else {
        if (status[i] !== UPPER_BOUND && -G[i] >= Gmax2) Gmax2 = -G[i];
        if (status[i] !== LOWER_BOUND && G[i] >= Gmax1) Gmax1 = G[i];
      }
    }
    if (!this.unshrink && Gmax1 + Gmax2 <= this.eps * 10) {
      this.unshrink = true;
      this.reconstructGradient();
      this.activeSize = this.l;
    }
    for (let i = 0; i < this.activeSize; i++) {
      if (this.beShrunk(i, Gmax1, Gmax2)) {
        this.activeSize--;
        while (this.activeSize > i) {
          if (!this.beShrunk(this.activeSize, Gmax1, Gmax2)) {
            this.swapIndex(i, this.activeSize);
            break;
          }
          this.activeSize--;
        }
      }
    }
  }

  private calculateRho(): number {
    const { y, G, status } = this;
    let nrFree = 0;
    let ub = INF, lb = -INF, sumFree = 0;
    for (let i = 0; i < this.activeSize; i++) {
      const yG = y[i] * G[i];
      if (status[i] === UPPER_BOUND) {
        if (y[i] === -1) ub = ub < yG ? ub : yG;
        else lb = lb > yG ? lb : yG;
      } else if (status[i] === LOWER_BOUND) {
        if (y[i] === 1) ub = ub < yG ? ub : yG;
        else lb = lb > yG ? lb : yG;
      } else {
        ++nrFree;
        sumFree += yG;
      }
    }
    return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
  }
}

function swapF(a: Float64Array, i: number, j: number): void { const t = a[i]; a[i] = a[j]; a[j] = t; }
function swapI8(a: Int8Array, i: number, j: number): void { const t = a[i]; a[i] = a[j]; a[j] = t; }
function swapU8(a: Uint8Array, i: number, j: number): void { const t = a[i]; a[i] = a[j]; a[j] = t; }
