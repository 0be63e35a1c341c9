// What tune reports (model-lab tune --json, and the data of VS Code's Tune results view): the
// candidates as cv_results_ holds them, the best one, and the refitted model with its accuracies.
import type { SearchParams } from '../../artifacts/searchRecord';
import type { SearchOutcome, TuneResult } from './tune';

export interface TuneReportCandidate {
  readonly params: SearchParams;
  /** split{i}_test_score; null where the fit failed (scikit-learn's nan). */
  readonly foldScores: (number | null)[];
  readonly meanScore: number | null;
  readonly stdScore: number | null;
  readonly rank: number;
}

/** The search's part of the report: what a refit that failed leaves. */
export interface SearchReport {
  readonly cv: number;
  /** In GridSearchCV's candidate order. */
  readonly candidates: TuneReportCandidate[];
  readonly best: { readonly params: SearchParams; readonly meanScore: number | null };
}

export interface TuneReport extends SearchReport {
  /** Absolute path of the refitted model's folder. */
  readonly model: string;
  readonly trainAccuracy: number;
  readonly validAccuracy: number;
}

const params = (p: SearchParams): SearchParams => ({ kernel: p.kernel, C: p.C, gamma: p.gamma, degree: p.degree, coef0: p.coef0 });

/** The candidates and the best of a scored search (plain JSON, no NaN). */
export function searchReport(r: SearchOutcome): SearchReport {
  return {
    cv: r.search.cv.nSplits,
    candidates: r.search.candidates.map((c) => ({ params: params(c.params), foldScores: c.foldScores, meanScore: c.meanScore, stdScore: c.stdScore, rank: c.rank })),
    best: { params: params(r.best.params), meanScore: r.best.meanScore },
  };
}

/** The report of a finished search, with exactly the names (plain JSON, no NaN). */
export function tuneReport(r: TuneResult): TuneReport {
  return {
    ...searchReport(r),
    model: r.model.modelDir,
    trainAccuracy: r.model.train.accuracy,
    validAccuracy: r.model.valid.accuracy,
  };
}
