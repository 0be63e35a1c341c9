// One unit of a cross-validated search: fit the whole pipeline (a fresh StandardScaler, then SVC) on
// one fold's training rows and score accuracy on its test rows — GridSearchCV's _fit_and_score. A pure
// function of its inputs with a small JSON-able result, so it runs the same in this thread, a worker
// thread or another process (tune-unit).
import type { Label, Matrix } from '../../types';
import { isUserError } from '../../types';
import { Pipeline } from '../../pipeline';
import { fitWork } from '../../parallel/longWork';
import { accuracyCounts } from '../../metrics';
import type { SearchParams } from '../../artifacts/searchRecord';
import type { FoldIndices } from './stratifiedKFold';

/** The rows cross-validated: the training part of train_test_split. */
export interface CvData {
  readonly X: Matrix;
  readonly y: readonly Label[];
}

/** Which candidate on which fold; index = candidate × folds + fold (GridSearchCV's order). */
export interface CvUnit {
  readonly candidate: number;
  readonly fold: number;
  readonly params: SearchParams;
}

/** A scored fold, or a fit that failed (scikit-learn scores it nan and warns). */
export type CvUnitResult =
  | { readonly candidate: number; readonly fold: number; readonly correct: number; readonly total: number }
  | { readonly candidate: number; readonly fold: number; readonly error: string };

function pick<T>(rows: readonly T[], indices: readonly number[]): T[] {
  const out = new Array<T>(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = rows[indices[i]];
  return out;
}

/**
 * Fits candidate `unit.params` on `fold.train` and counts correct predictions on `fold.test`. A
 * refusal of the fit (e.g. a training fold holding a single class) is returned as `error`; any other
 * exception is a bug and is thrown.
 */
export function runCvUnit(data: CvData, fold: FoldIndices, unit: CvUnit, cacheSizeMB?: number): CvUnitResult {
  const { candidate, fold: f, params } = unit;
  const pipeline = Pipeline.withParams({
    kernel: params.kernel, C: params.C, gamma: params.gamma, degree: params.degree, coef0: params.coef0,
    ...(cacheSizeMB !== undefined ? { cacheSizeMB } : {}),
  });
  return fitWork(fold.train.length, () => {
    try {
      pipeline.fit(pick(data.X, fold.train), pick(data.y, fold.train));
    } catch (e) {
      if (isUserError(e)) return { candidate, fold: f, error: e.message };
      throw e;
    }
    const { correct, total } = accuracyCounts(pick(data.y, fold.test), pipeline.predict(pick(data.X, fold.test)));
    return { candidate, fold: f, correct, total };
  });
}

/** The unit's accuracy (correct / total, as accuracy_score), NaN for a failed fit. */
export function unitScore(r: CvUnitResult): number {
  return 'error' in r ? NaN : r.correct / r.total;
}
