// One-vs-one C-SVC training (libsvm's svm_train, in wasm/train.c): classes grouped in sorted label
// order, one sub-problem per pair (i < j) with class i as +1, coefficients in libsvm's layout.
import type { Gamma } from './svc';
import { resolveGamma } from './gamma';
import { type KernelKind, putF64, putI32, withSvm } from './svmEngine';

export interface OvoProblem {
  /** Row-major training matrix, n x d. */
  x: Float64Array;
  d: number;
  /** Class index (0..nClasses-1, in sorted label order) of each row. */
  y: Int32Array;
  nClasses: number;
}

export interface OvoOptions {
  kernel: KernelKind;
  /** The setting; the value used comes back in OvoModel.gamma. */
  gamma: Gamma;
  coef0: number;
  degree: number;
  C: number;
  /** Weight per class index (scikit-learn's class_weight_); C_i = C * weight_i. */
  classWeight: Float64Array;
  tol: number;
  shrinking: boolean;
  maxIter: number;
  cacheBytes: number;
}

export interface OvoModel {
  /** The gamma value used (scikit-learn's _gamma). */
  gamma: number;
  /** Training-row indices of the support vectors, grouped by class (scikit-learn's support_). */
  support: Int32Array;
  nSupport: Int32Array;
  /** (nClasses-1) rows of nSV coefficients (scikit-learn's _dual_coef_). */
  dualCoef: Float64Array[];
  /** libsvm's rho per pair; scikit-learn's _intercept_ is -rho. */
  rho: Float64Array;
  nIter: Int32Array;
  /** 1 when some pair stopped at max_iter (scikit-learn's fit_status_). */
  fitStatus: number;
}

/** Words of wasm/train.c's struct train_result. */
const RESULT_WORDS = 7;

/** Trains the one-vs-one model; throws a UserError for a bad gamma or when the solver runs out of memory. */
export function trainOvo(prob: OvoProblem, opt: OvoOptions): OvoModel {
  return withSvm((w) => {
    const n = prob.y.length;
    const k = prob.nClasses;
    const x = putF64(w, prob.x);
    const gamma = resolveGamma(opt.gamma, () => w.numpy_variance(x, prob.x.length), prob.d);
    const at = w.svm_train(
      x, n, prob.d, putI32(w, prob.y), k, opt.kernel, gamma, opt.coef0, opt.degree,
      opt.C, putF64(w, opt.classWeight), opt.tol, opt.shrinking ? 1 : 0, opt.maxIter, opt.cacheBytes,
    );
    const buffer = w.memory.buffer;
    const [totalSv, fitStatus, support, nSupport, dualCoef, rho, nIter] = new Int32Array(buffer, at, RESULT_WORDS);
    const nPairs = (k * (k - 1)) / 2;
    const coef = new Float64Array(buffer, dualCoef, (k - 1) * totalSv);
    return {
      gamma,
      support: new Int32Array(buffer, support, totalSv).slice(),
      nSupport: new Int32Array(buffer, nSupport, k).slice(),
      dualCoef: Array.from({ length: k - 1 }, (_, c) => coef.slice(c * totalSv, (c + 1) * totalSv)),
      rho: new Float64Array(buffer, rho, nPairs).slice(),
      nIter: new Int32Array(buffer, nIter, nPairs).slice(),
      fitStatus,
    };
  });
}
