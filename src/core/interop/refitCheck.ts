// Whether fitting StandardScaler + SVC with an imported model's own parameters on the training part
// of the split it is recorded with gives that model again — what a Python script exported from it
// does. Files fitted that way give it: the same support vectors, and coefficients equal up to the last
// bits (a scaler fitted on a NumPy array sums its columns in another order than one fitted on a
// DataFrame, as the course and the script do). Files fitted on another split, other rows or with
// sample weights give another model, which the import and the script then say.
// The refit runs where `fitter` says (the extension: a worker thread, as every fit it makes).
import type { Label, SplitSize } from '../types';
import { isUserError } from '../types';
import type { Pipeline } from '../pipeline';
import type { StandardScalerJSON } from '../preprocessing/standardScaler';
import type { SVCJSON } from '../svm/svc';
import type { AccuracyCount } from '../usecases/contracts';
import { fitInThisThread, type ModelFitter } from '../experiments/sweepRunner';
import type { SweepContext } from '../experiments/sweepUnit';

export interface RefitOutcome {
  /** The refit is the model: the same support vectors and classes, the same numbers but for their last bits. */
  readonly same: boolean;
  /** The refit model's accuracies on the split (absent when it could not be fitted). */
  readonly train?: AccuracyCount;
  readonly valid?: AccuracyCount;
}

/** The split the model is recorded with: train_test_split's random_state and train size. */
export interface RecordedSplit {
  readonly seed: number;
  readonly trainSize: SplitSize;
}

/**
 * Fits StandardScaler + SVC with `model`'s parameters on the training part of `split` (made again
 * from the seed and train size, as train_test_split does) on `fitter` (default: this thread), and
 * compares. Rejects with the abort error when `signal` aborts.
 */
export async function refitOnSplit(
  model: Pipeline, X: readonly number[][], y: readonly Label[], split: RecordedSplit, control: { readonly fitter?: ModelFitter; readonly signal?: AbortSignal } = {},
): Promise<RefitOutcome> {
  const scaler = model.scaler.toJSON();
  const params = model.svc.toJSON().params;
  const context: SweepContext = {
    X, y, label: 'the data', kernel: params.kernel, degree: params.degree, coef0: params.coef0, cacheSizeMB: params.cacheSizeMB,
    trainSize: split.trainSize, svcParams: params, scaler: { withMean: scaler.withMean, withStd: scaler.withStd },
  };
  let result;
  try {
    result = await (control.fitter ?? fitInThisThread)(context, { C: params.C, gamma: params.gamma, seed: split.seed }, control.signal ? { signal: control.signal } : {});
  } catch (e) {
    // Parameters or rows the fit refuses: no model.
    if (isUserError(e)) return { same: false };
    throw e;
  }
  if (!result.ok) return { same: false };
  const [[, refitScaler], [, refitSvc]] = result.pipeline.steps;
  return { same: sameFit(refitScaler, refitSvc, model), train: result.train, valid: result.valid };
}

/** Equal but for rounding: |a - b| <= 1e-9 · max(1, |a|, |b|), element for element. */
function close(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(b[i]!)));
}

function sameFit(s1: StandardScalerJSON, v1: SVCJSON, model: Pipeline): boolean {
  const [s2, v2] = [model.scaler.toJSON(), model.svc.toJSON()];
  return s1.nSamplesSeen === s2.nSamplesSeen && close(s1.mean, s2.mean) && close(s1.scale, s2.scale)
    && JSON.stringify(v1.classes) === JSON.stringify(v2.classes)
    && JSON.stringify(v1.support) === JSON.stringify(v2.support) && JSON.stringify(v1.nSupport) === JSON.stringify(v2.nSupport)
    && close(v1.rawDualCoef.flat(), v2.rawDualCoef.flat()) && close(v1.rawIntercept, v2.rawIntercept);
}
