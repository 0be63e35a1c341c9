// CONTRACT STUB — replaced by the real implementation.
import type { Label, Matrix } from '../types';

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
  /** libsvm's raw intercepts (scikit-learn's _intercept_ = -rho), one per class pair. */
  rawIntercept: number[];
  classWeight: number[];
  fitStatus: number;
  nIter: number[];
}

export class SVC {
  readonly params: SVCParams;
  constructor(params: Partial<SVCParams> = {}) {
    this.params = { ...DEFAULT_SVC_PARAMS, ...params };
  }
  fit(_X: Matrix, _y: readonly Label[]): this { throw new Error('not implemented'); }
  predict(_X: Matrix): Label[] { throw new Error('not implemented'); }
  /** Shape per params.decisionFunctionShape unless given: ovo = nPairs columns, ovr = nClasses (binary: one column). */
  decisionFunction(_X: Matrix, _shape?: 'ovr' | 'ovo'): number[][] { throw new Error('not implemented'); }
  get classes(): Label[] { throw new Error('not implemented'); }
  get support(): number[] { throw new Error('not implemented'); }
  get supportVectors(): number[][] { throw new Error('not implemented'); }
  get nSupport(): number[] { throw new Error('not implemented'); }
  /** scikit-learn's public dual_coef_ (sign flipped for two classes). */
  get dualCoef(): number[][] { throw new Error('not implemented'); }
  /** scikit-learn's public intercept_ (sign flipped for two classes). */
  get intercept(): number[] { throw new Error('not implemented'); }
  get gammaValue(): number { throw new Error('not implemented'); }
  get nFeatures(): number { throw new Error('not implemented'); }
  toJSON(): SVCJSON { throw new Error('not implemented'); }
  /** Rejects anything that is not an SVCJSON consistent with itself. */
  static fromJSON(_json: unknown): SVC { throw new Error('not implemented'); }
}
