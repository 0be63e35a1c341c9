// Whether fitting StandardScaler + SVC with an imported model's own parameters on the training part
// of the split it is recorded with gives that model again — what a Python script exported from it
// does. Files fitted that way give it: the same support vectors, and coefficients equal up to the last
// bits (a scaler fitted on a NumPy array sums its columns in another order than one fitted on a
// DataFrame, as the course and the script do). Files fitted on another split, other rows or with
// sample weights give another model, which the import and the script then say.
import type { Label, Matrix } from '../types';
import { isUserError } from '../types';
import { Pipeline } from '../pipeline';
import { StandardScaler } from '../preprocessing/standardScaler';
import { SVC } from '../svm/svc';
import type { AccuracyCount } from '../usecases/contracts';
import { accuracyCount, take } from '../usecases/steps';

export interface RefitOutcome {
  /** The refit is the model: the same support vectors and classes, the same numbers but for their last bits. */
  readonly same: boolean;
  /** The refit model's accuracies on the split (absent when it could not be fitted). */
  readonly train?: AccuracyCount;
  readonly valid?: AccuracyCount;
}

export function refitOnSplit(model: Pipeline, X: Matrix, y: readonly Label[], split: { readonly train: readonly number[]; readonly test: readonly number[] }): RefitOutcome {
  const scaler = model.scaler.toJSON();
  const refit = new Pipeline(new StandardScaler({ withMean: scaler.withMean, withStd: scaler.withStd }), new SVC(model.svc.toJSON().params));
  const XTrain = take(X, split.train);
  const yTrain = take(y, split.train);
  try {
    refit.fit(XTrain, yTrain);
  } catch (e) {
    if (isUserError(e)) return { same: false };
    throw e;
  }
  return {
    same: sameFit(refit, model),
    train: accuracyCount(yTrain, refit.predict(XTrain)),
    valid: accuracyCount(take(y, split.test), refit.predict(take(X, split.test))),
  };
}

/** Equal but for rounding: |a - b| <= 1e-9 · max(1, |a|, |b|), element for element. */
function close(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(b[i]!)));
}

function sameFit(refit: Pipeline, model: Pipeline): boolean {
  const [s1, s2] = [refit.scaler.toJSON(), model.scaler.toJSON()];
  const [v1, v2] = [refit.svc.toJSON(), model.svc.toJSON()];
  return s1.nSamplesSeen === s2.nSamplesSeen && close(s1.mean, s2.mean) && close(s1.scale, s2.scale)
    && JSON.stringify(v1.classes) === JSON.stringify(v2.classes)
    && JSON.stringify(v1.support) === JSON.stringify(v2.support) && JSON.stringify(v1.nSupport) === JSON.stringify(v2.nSupport)
    && close(v1.rawDualCoef.flat(), v2.rawDualCoef.flat()) && close(v1.rawIntercept, v2.rawIntercept);
}
