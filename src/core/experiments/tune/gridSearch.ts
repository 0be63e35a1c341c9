// GridSearchCV's bookkeeping around the units: the plan (candidates in ParameterGrid order, the
// StratifiedKFold folds, one unit per candidate × fold, candidate outermost) and the summary of the
// units' results as cv_results_ would hold it (fold scores, mean, std, rank, best_index_).
import type { Label } from '../../types';
import { UserError, remedyError } from '../../types';
import { encodeLabels, sortedUniqueLabels } from '../../labels';
import type { ManifestSearch, SearchCandidate, SearchGrid, SearchParams } from '../../artifacts/searchRecord';
import { candidateCount, checkGridLists, expandParameterGrid, MAX_FITS_WITHOUT_CONFIRMATION } from './parameterGrid';
import { checkFoldCount, stratifiedKFold, type FoldIndices } from './stratifiedKFold';
import { unitScore, type CvUnit, type CvUnitResult } from './cvUnit';
import { bestIndex, meanAndStd, rankScores } from './cvScores';
import { minOf } from '../../extremes';

/**
 * A refusal that the user may overrule (the CLI's --yes): more than MAX_FITS_WITHOUT_CONFIRMATION fits,
 * or folds where a class has fewer rows than K (scikit-learn only warns). A UserError by name, so every
 * bundle shows it as one; `needsConfirmation` and `question` let a UI ask and run again with `confirmed`.
 */
export class ConfirmationNeeded extends UserError {
  readonly needsConfirmation = true;
  constructor(message: string, readonly question: string) {
    super(message);
  }
}

/** A refusal lists the class counts when there are at most this many classes. */
const MAX_CLASSES_NAMED = 8;

export interface SearchPlan {
  readonly grid: SearchGrid;
  readonly nSplits: number;
  readonly candidates: SearchParams[];
  readonly folds: FoldIndices[];
  /** candidate × nSplits + fold → unit. */
  readonly units: CvUnit[];
  /** Per class (first appearance order) its rows in the training part. */
  readonly classCounts: number[];
  /** scikit-learn's warning that a class has fewer rows than folds. */
  readonly warning?: string;
}

export interface SearchSummary {
  readonly record: ManifestSearch;
  readonly best: SearchCandidate;
  /** FitFailedWarning's first line when some (not all) fits failed. */
  readonly failureWarning?: string;
}

/**
 * Refuses a grid before any data is read: K < 2 (scikit-learn's message), an empty list, or more
 * than MAX_FITS_WITHOUT_CONFIRMATION fits unless `confirmed`. Returns the number of fits.
 */
export function checkSearchSize(grid: SearchGrid, nSplits: number, confirmed: boolean): number {
  try {
    checkFoldCount(nSplits);
  } catch (e) {
    if (e instanceof UserError) {
      throw remedyError(e.message, { option: 'cv', text: 'give {option} a whole number of at least 2 (5 is scikit-learn\'s default)', settingText: 'choose at least 2 folds (5 is scikit-learn\'s default)' });
    }
    throw e;
  }
  checkGridLists(grid);
  const fits = candidateCount(grid) * nSplits;
  if (fits > MAX_FITS_WITHOUT_CONFIRMATION && !confirmed) {
    throw new ConfirmationNeeded(
      `the grid has ${candidateCount(grid)} candidates × ${nSplits} folds = ${fits} fits (more than ${MAX_FITS_WITHOUT_CONFIRMATION}) — shorten the lists, or add --yes to run them all`,
      `Run all ${fits} fits (${candidateCount(grid)} candidates × ${nSplits} folds)?`,
    );
  }
  return fits;
}

/**
 * The search over `grid` with StratifiedKFold(nSplits) on the training labels. Throws a UserError with
 * scikit-learn's message and the fix when the folds are impossible, then (unless `confirmed`) a
 * ConfirmationNeeded for more than MAX_FITS_WITHOUT_CONFIRMATION fits or for a class with fewer rows
 * than folds, which scikit-learn only warns about.
 */
export function planSearch(yTrain: readonly Label[], grid: SearchGrid, nSplits: number, confirmed: boolean, label = 'the data'): SearchPlan {
  checkSearchSize(grid, nSplits, true);
  let split;
  try {
    split = stratifiedKFold(yTrain, nSplits);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw remedyError(`${e.message} — the training part of ${label} has ${yTrain.length} rows${classCountsText(yTrain)}`, {
      option: 'cv', text: 'use a smaller {option}', settingText: 'choose fewer folds',
    }, {}, ': ');
  }
  // Folds the data cannot give are refused before asking whether to run many fits (a yes would be wasted).
  checkSearchSize(grid, nSplits, confirmed);
  if (split.warning !== undefined && !confirmed) {
    const smallest = minOf(split.classCounts);
    const fix = smallest >= 2 ? `use --cv ${smallest} or fewer` : 'add rows of that class (one row cannot be in a test fold and a training fold at once)';
    // scikit-learn's words first (what Python would print), then which class of which data.
    const which = `in the training part of ${label}, ${classesBelow(yTrain, nSplits)}`;
    throw new ConfirmationNeeded(
      `${split.warning} — ${which}; ${fix}, or add --yes to run anyway as scikit-learn does (folds without that class)`,
      `${split.warning} (${which}.) Run anyway, as scikit-learn does (some folds without that class)?`,
    );
  }
  const candidates = expandParameterGrid(grid);
  const units: CvUnit[] = [];
  candidates.forEach((params, candidate) => {
    for (let fold = 0; fold < nSplits; fold++) units.push({ candidate, fold, params });
  });
  return {
    grid, nSplits, candidates, folds: split.folds, units, classCounts: split.classCounts,
    ...(split.warning !== undefined ? { warning: split.warning } : {}),
  };
}

/** The classes of `y` in class order, with how many rows each has. */
function rowsPerClass(y: readonly Label[]): { readonly label: Label; readonly rows: number }[] {
  const classes = sortedUniqueLabels(y);
  const counts = new Array<number>(classes.length).fill(0);
  for (const k of encodeLabels(y, classes)) counts[k]++;
  return classes.map((label, k) => ({ label, rows: counts[k]! }));
}

/** 'class "c" has 1 row' — the classes with fewer rows than folds, fewest first (three named at most). */
function classesBelow(y: readonly Label[], nSplits: number): string {
  const small = rowsPerClass(y).filter((x) => x.rows < nSplits).sort((a, b) => a.rows - b.rows);
  const named = small.slice(0, 3).map((x) => `"${String(x.label)}" has ${x.rows} row${x.rows === 1 ? '' : 's'}`);
  const more = small.length > 3 ? ` (and ${small.length - 3} more)` : '';
  return `class ${named.join(', class ')}${more}`;
}

/** " (per class 0: 39, 1: 40, 2: 41)" in class order; empty for more than a few classes. */
function classCountsText(y: readonly Label[]): string {
  const perClass = rowsPerClass(y);
  if (perClass.length > MAX_CLASSES_NAMED) return '';
  return ` (per class ${perClass.map((x) => `${String(x.label)}: ${x.rows}`).join(', ')})`;
}

/**
 * cv_results_ from the units' results (one per unit, any order). Throws a UserError when a unit is
 * missing or when every fit failed (scikit-learn's "All the N fits failed.").
 */
export function summarizeSearch(plan: SearchPlan, results: readonly CvUnitResult[]): SearchSummary {
  const K = plan.nSplits;
  const byUnit = new Array<CvUnitResult | undefined>(plan.units.length);
  for (const r of results) byUnit[r.candidate * K + r.fold] = r;
  const missing = byUnit.findIndex((r) => r === undefined);
  if (missing >= 0 || byUnit.length !== plan.units.length) throw new UserError(`the result of unit ${missing} (candidate ${Math.floor(missing / K) + 1}, fold ${(missing % K) + 1}) is missing`);
  const all = byUnit as CvUnitResult[];
  const failed = all.filter((r) => 'error' in r) as { error: string }[];
  if (failed.length === all.length) {
    throw new UserError(`All the ${all.length} fits failed — the first one: ${failed[0].error}`);
  }
  const scores = plan.candidates.map((_, c) => all.slice(c * K, c * K + K).map(unitScore));
  const stats = scores.map(meanAndStd);
  const ranks = rankScores(stats.map((s) => s.mean));
  const nul = (x: number) => (Number.isNaN(x) ? null : x);
  const candidates: SearchCandidate[] = plan.candidates.map((params, c) => ({
    params,
    foldScores: scores[c].map(nul),
    meanScore: nul(stats[c].mean),
    stdScore: nul(stats[c].std),
    rank: ranks[c],
  }));
  const best = bestIndex(ranks);
  const record: ManifestSearch = {
    method: 'GridSearchCV', cv: { method: 'StratifiedKFold', nSplits: K, shuffle: false }, scoring: 'accuracy',
    grid: plan.grid, candidates, bestIndex: best,
  };
  return {
    record, best: candidates[best],
    ...(failed.length > 0 ? { failureWarning: `${failed.length} fits failed out of a total of ${all.length}. The score on these train-test partitions for these parameters will be set to nan. (${failed[0].error})` } : {}),
  };
}
