// scikit-learn's SVC (C-SVC through its bundled libsvm) with the same numbers: fit groups classes
// in sorted order, trains one-vs-one with a faithful port of libsvm's SMO, and exposes the fitted
// attributes under scikit-learn's names (public dual_coef_/intercept_ are sign-flipped for 2 classes).
import type { Label, Matrix } from '../types';
import { UserError } from '../types';
import { encodeLabels, sortedUniqueLabels } from '../labels';
import { KernelKind, type KernelSpec } from './svmEngine';
import { trainOvo } from './ovo';
import { ovrDecision, predictValues } from './predict';
import { encodeNumeric, numericClasses } from './numericLabels';
import { checkParams, fittedToJSON, fittedFromJSON, toFlat, type FittedSVC } from './svcJson';

export type Kernel = 'rbf' | 'linear' | 'poly' | 'sigmoid';
export type Gamma = 'scale' | 'auto' | number;

export interface SVCParams {
  kernel: Kernel;
  C: number;
  gamma: Gamma;
  degree: number;
  coef0: number;
  tol: number;
  shrinking: boolean;
  /** -1 = no limit (scikit-learn's default). */
  maxIter: number;
  /** null, 'balanced', or weight per class label (keys are String(label)). */
  classWeight: null | 'balanced' | Record<string, number>;
  /** Kernel cache bound in MB (scikit-learn's cache_size, default 200). */
  cacheSizeMB: number;
  decisionFunctionShape: 'ovr' | 'ovo';
  breakTies: boolean;
}

export const DEFAULT_SVC_PARAMS: SVCParams = {
  kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, tol: 1e-3, shrinking: true,
  maxIter: -1, classWeight: null, cacheSizeMB: 200, decisionFunctionShape: 'ovr', breakTies: false,
};

export interface SVCJSON {
  kind: 'SVC';
  params: SVCParams;
  classes: Label[];
  /** The gamma value actually used (scikit-learn's _gamma). */
  gammaValue: number;
  nFeatures: number;
  support: number[];
  supportVectors: number[][];
  nSupport: number[];
  /** libsvm's raw dual coefficients (scikit-learn's _dual_coef_), (nClasses-1) x nSV. */
  rawDualCoef: number[][];
  /**
   * [row, column] of each −0.0 in rawDualCoef, which JSON writes as 0 (scikit-learn's _dual_coef_
   * keeps libsvm's signed zeros). Absent in classifier.json files saved before Model Lab 0.2: their
   * zeros get the sign of svm_train's coefficient layout (svcJson.ts).
   */
  rawDualCoefNegativeZeros?: number[][];
  /** libsvm's raw intercepts (scikit-learn's _intercept_ = -rho), one per class pair. */
  rawIntercept: number[];
  classWeight: number[];
  fitStatus: number;
  nIter: number[];
}

const KERNEL_KIND: Record<Kernel, KernelKind> = {
  linear: KernelKind.Linear, poly: KernelKind.Poly, rbf: KernelKind.Rbf, sigmoid: KernelKind.Sigmoid,
};

/** scikit-learn's compute_class_weight for the sorted classes and encoded targets. */
export function computeClassWeight(cw: SVCParams['classWeight'], classes: readonly Label[], y: Int32Array): Float64Array {
  const k = classes.length;
  const w = new Float64Array(k).fill(1);
  if (cw === null) return w;
  if (cw === 'balanced') {
    const count = new Float64Array(k);
    for (let i = 0; i < y.length; i++) count[y[i]]++;
    for (let c = 0; c < k; c++) w[c] = y.length / (k * count[c]);
    return w;
  }
  const missing: string[] = [];
  let matched = 0;
  classes.forEach((c, i) => {
    const key = String(c);
    if (Object.prototype.hasOwnProperty.call(cw, key)) { w[i] = cw[key]; matched++; } else missing.push(key);
  });
  const nKeys = Object.keys(cw).length;
  if (missing.length > 0 && matched !== nKeys) {
    throw new UserError(`SVC classWeight: the classes ${JSON.stringify(missing)} are not in classWeight, and some of its keys are not classes of the target.`);
  }
  return w;
}

export class SVC {
  readonly params: SVCParams;
  private state: FittedSVC | null = null;

  constructor(params: Partial<SVCParams> = {}) {
    this.params = { ...DEFAULT_SVC_PARAMS, ...params };
  }

  fit(X: Matrix, y: readonly Label[]): this {
    checkParams(this.params);
    const { flat, d } = toFlat(X, 'X');
    if (y.length !== X.length) throw new UserError(`SVC fit: X has ${X.length} rows but y has ${y.length} labels.`);
    if (X.length === 0) throw new UserError('SVC fit: the training set is empty.');
    const classes = numericClasses(y) ?? sortedUniqueLabels(y);
    if (classes.length < 2) {
      throw new UserError(`SVC fit: the number of classes has to be greater than one; got ${classes.length} class.`);
    }
    const yIdx = encodeNumeric(y, classes) ?? encodeLabels(y, classes);
    const classWeight = computeClassWeight(this.params.classWeight, classes, yIdx);
    const { kernel, gamma: gammaSetting, coef0, degree } = this.params;
    const model = trainOvo({ x: flat, d, y: yIdx, nClasses: classes.length }, {
      kernel: KERNEL_KIND[kernel], gamma: gammaSetting, coef0, degree, C: this.params.C, classWeight, tol: this.params.tol, shrinking: this.params.shrinking,
      maxIter: this.params.maxIter, cacheBytes: Math.trunc(this.params.cacheSizeMB * (1 << 20)),
    });
    const nSv = model.support.length;
    const sv = new Float64Array(nSv * d);
    for (let s = 0; s < nSv; s++) sv.set(flat.subarray(model.support[s] * d, model.support[s] * d + d), s * d);
    const rawIntercept = new Float64Array(model.rho.length);
    // libsvm_helper's copy_intercept: -rho, but 0 rather than -0.
    for (let p = 0; p < model.rho.length; p++) rawIntercept[p] = model.rho[p] !== 0 ? -model.rho[p] : 0;
    this.state = {
      classes, gamma: model.gamma, d, support: model.support, sv, nSupport: model.nSupport, dualCoef: model.dualCoef,
      rawIntercept, classWeight, fitStatus: model.fitStatus, nIter: model.nIter,
    };
    return this;
  }

  private spec(gamma: number): KernelSpec {
    return { kind: KERNEL_KIND[this.params.kernel], gamma, coef0: this.params.coef0, degree: this.params.degree };
  }

  private fitted(): FittedSVC {
    if (!this.state) throw new UserError('This SVC is not fitted yet: call fit() or load a saved model first.');
    return this.state;
  }

  /** libsvm's raw pairwise decision values (n x nPairs) and vote winners. */
  private raw(X: Matrix): { dec: Float64Array; vote: Int32Array; n: number } {
    const s = this.fitted();
    const { flat } = toFlat(X, 'X', s.d);
    const rho = s.rawIntercept.map((v) => -v);
    const r = predictValues({
      spec: this.spec(s.gamma), d: s.d, nClasses: s.classes.length, sv: s.sv, nSupport: s.nSupport,
      dualCoef: s.dualCoef, rho,
    }, flat, X.length);
    return { ...r, n: X.length };
  }

  predict(X: Matrix): Label[] {
    const s = this.fitted();
    const k = s.classes.length;
    if (this.params.breakTies && this.params.decisionFunctionShape === 'ovo') {
      throw new UserError("SVC breakTies must be false when decisionFunctionShape is 'ovo'.");
    }
    if (this.params.breakTies && this.params.decisionFunctionShape === 'ovr' && k > 2) {
      return this.decisionFunction(X, 'ovr').map((row) => {
        let best = 0;
        for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
        return s.classes[best];
      });
    }
    const { vote } = this.raw(X);
    return Array.from(vote, (c) => s.classes[c]);
  }

  /** Shape per params.decisionFunctionShape unless given: ovo = nPairs columns, ovr = nClasses (binary: one column). */
  decisionFunction(X: Matrix, shape?: 'ovr' | 'ovo'): number[][] {
    const s = this.fitted();
    const k = s.classes.length;
    const { dec, n } = this.raw(X);
    const nPairs = (k * (k - 1)) / 2;
    if (k === 2) return Array.from(dec, (v) => [-v]);
    const useShape = shape ?? this.params.decisionFunctionShape;
    if (useShape === 'ovr') {
      const o = ovrDecision(dec, n, k);
      return rows(o, n, k);
    }
    return rows(dec, n, nPairs);
  }

  get classes(): Label[] { return [...this.fitted().classes]; }
  get support(): number[] { return Array.from(this.fitted().support); }
  get supportVectors(): number[][] { const s = this.fitted(); return rows(s.sv, s.support.length, s.d); }
  get nSupport(): number[] { return Array.from(this.fitted().nSupport); }
  /** scikit-learn's public dual_coef_ (sign flipped for two classes). */
  get dualCoef(): number[][] {
    const s = this.fitted();
    const flip = s.classes.length === 2;
    return s.dualCoef.map((r) => Array.from(r, (v) => (flip ? -v : v)));
  }
  /** scikit-learn's public intercept_ (sign flipped for two classes). */
  get intercept(): number[] {
    const s = this.fitted();
    const flip = s.classes.length === 2;
    return Array.from(s.rawIntercept, (v) => (flip ? -v : v));
  }
  /** libsvm's raw coefficients (scikit-learn's _dual_coef_). */
  get rawDualCoef(): number[][] { return this.fitted().dualCoef.map((r) => Array.from(r)); }
  /** libsvm's raw intercepts (scikit-learn's _intercept_). */
  get rawIntercept(): number[] { return Array.from(this.fitted().rawIntercept); }
  get gammaValue(): number { return this.fitted().gamma; }
  get nFeatures(): number { return this.fitted().d; }
  get fitStatus(): number { return this.fitted().fitStatus; }
  get nIter(): number[] { return Array.from(this.fitted().nIter); }
  get classWeight(): number[] { return Array.from(this.fitted().classWeight); }

  toJSON(): SVCJSON {
    return fittedToJSON(this.params, this.fitted());
  }

  /** Rejects anything that is not an SVCJSON consistent with itself. */
  static fromJSON(json: unknown): SVC {
    const { params, state } = fittedFromJSON(json);
    const m = new SVC(params);
    m.state = state;
    return m;
  }
}

function rows(a: Float64Array, n: number, w: number): number[][] {
  const out: number[][] = new Array(n);
  for (let r = 0; r < n; r++) out[r] = Array.from(a.subarray(r * w, r * w + w));
  return out;
}
