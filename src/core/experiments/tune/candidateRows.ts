// A search's candidates as rows of the comparison table (one per candidate, its CV scores in the
// cvMean/cvStd/cvRank columns), so the Tune results view sorts them with sortRows and plots them
// with metricSeries(rows, 'cvMean', …) — the same rules as Compare Models, not a second copy.
import type { ManifestSearch } from '../../artifacts/searchRecord';
import type { ComparisonRow } from '../comparison';

/** "candidate 3": the name of cv_results_'s row 2 in tables, tooltips and chart notes (1-based). */
export function candidateName(index: number): string {
  return `candidate ${index + 1}`;
}

/**
 * One row per candidate in GridSearchCV's order: its params, mean (undefined where every fit
 * failed), std, rank, and `best` on best_index_. Pure; never throws.
 */
export function candidateRows(search: Pick<ManifestSearch, 'candidates' | 'bestIndex'>): ComparisonRow[] {
  return search.candidates.map((c, i) => ({
    name: candidateName(i),
    dir: '',
    status: 'ok',
    kernel: c.params.kernel,
    C: c.params.C,
    gamma: c.params.gamma,
    degree: c.params.degree,
    coef0: c.params.coef0,
    ...(c.meanScore !== null ? { cvMean: c.meanScore } : {}),
    ...(c.stdScore !== null ? { cvStd: c.stdScore } : {}),
    cvRank: c.rank,
    best: i === search.bestIndex,
  }));
}
