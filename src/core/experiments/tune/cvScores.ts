// How GridSearchCV's _format_results turns fold scores into mean_test_score, std_test_score and
// rank_test_score: np.average over the folds (numpy's summation order), the population std around
// that mean, and scipy's rankdata(-mean, method="min") with failed candidates (nan) ranked last.
import { numpySum } from '../../preprocessing/numpySum';
import { minOf } from '../../extremes';

/** np.average(scores) and sqrt(np.average((scores - mean) ** 2)); NaN when a score is NaN. */
export function meanAndStd(scores: readonly number[]): { mean: number; std: number } {
  const n = scores.length;
  const mean = numpySum(scores) / n;
  const squares = scores.map((s) => {
    const d = s - mean;
    return d * d; // numpy's ** 2 on floats is a plain square
  });
  return { mean, std: Math.sqrt(numpySum(squares) / n) };
}

/**
 * rank_test_score: 1 for the highest mean, equal means share the lowest rank, NaN means (failed
 * fits) are ranked as if just below the lowest finite mean; all NaN ranks everything 1.
 */
export function rankScores(means: readonly number[]): number[] {
  const finite = means.filter((m) => !Number.isNaN(m));
  if (finite.length === 0) return means.map(() => 1);
  const floor = minOf(finite) - 1;
  const keys = means.map((m) => (Number.isNaN(m) ? floor : m));
  // rankdata(-x, "min"): 1 + how many candidates score strictly higher.
  const sorted = [...keys].sort((a, b) => b - a);
  return keys.map((k) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] > k) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  });
}

/** best_index_: the first candidate ranked 1 (rank_test_score.argmin()). */
export function bestIndex(ranks: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < ranks.length; i++) if (ranks[i] < ranks[best]) best = i;
  return best;
}
