// model.json's optional "search" field: the whole cross-validated grid search (model-lab tune) that
// chose a model's parameters — GridSearchCV's cv_results_ under Model Lab's names. Validated when
// read like every other field; docs/artifact-format.md describes it.
import { fieldMismatch } from '../text/shortJson';
import type { Gamma, Kernel, SVCParams } from '../svm/svc';

/** The SVC parameters a grid search varies, in the order Model Lab writes them. */
export type SearchParams = Pick<SVCParams, 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0'>;

/** One grid point: its score on every fold (null: the fit failed, scikit-learn's nan), mean, std and rank. */
export interface SearchCandidate {
  readonly params: SearchParams;
  readonly foldScores: (number | null)[];
  readonly meanScore: number | null;
  readonly stdScore: number | null;
  readonly rank: number;
}

/** The value lists searched (GridSearchCV's param_grid without the "svc__" prefixes). */
export interface SearchGrid {
  readonly kernel: readonly Kernel[];
  readonly C: readonly number[];
  readonly gamma: readonly Gamma[];
  readonly degree: readonly number[];
  readonly coef0: readonly number[];
}

export interface ManifestSearch {
  readonly method: 'GridSearchCV';
  readonly cv: { readonly method: 'StratifiedKFold'; readonly nSplits: number; readonly shuffle: false };
  readonly scoring: 'accuracy';
  readonly grid: SearchGrid;
  /** In GridSearchCV's candidate order (ParameterGrid: keys sorted by name, the last varying fastest). */
  readonly candidates: SearchCandidate[];
  /** best_index_: the first candidate ranked 1; the saved model was refitted with its params. */
  readonly bestIndex: number;
}

const KERNELS: readonly Kernel[] = ['rbf', 'linear', 'poly', 'sigmoid'];

function fail(path: string, what: string, found: unknown): never {
  throw new Error(fieldMismatch(path, what, found));
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  return v as Record<string, unknown>;
}

function list(v: unknown, path: string, minLength: number): unknown[] {
  if (!Array.isArray(v) || v.length < minLength) fail(path, `a list of at least ${minLength} value${minLength === 1 ? '' : 's'}`, v);
  return v as unknown[];
}

function integer(v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) fail(path, `an integer from ${min} to ${max}`, v);
  return v as number;
}

function finite(v: unknown, path: string, check: (x: number) => boolean = () => true, what = 'a finite number'): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) fail(path, what, v);
  return v;
}

function score(v: unknown, path: string): number | null {
  return v === null ? null : finite(v, path, (x) => x >= 0, 'a number >= 0 or null');
}

function kernel(v: unknown, path: string): Kernel {
  if (!KERNELS.includes(v as Kernel)) fail(path, `one of ${KERNELS.join(', ')}`, v);
  return v as Kernel;
}

function gamma(v: unknown, path: string): Gamma {
  if (v === 'scale' || v === 'auto') return v;
  return finite(v, path, (x) => x >= 0, '"scale", "auto" or a number >= 0');
}

/** Validates one candidate's params (as written in model.json or a tune task); throws Error('field "path…": …'). */
export function readSearchParams(v: unknown, path: string): SearchParams {
  const o = object(v, path);
  return {
    kernel: kernel(o.kernel, `${path}.kernel`),
    C: finite(o.C, `${path}.C`, (x) => x > 0, 'a number > 0'),
    gamma: gamma(o.gamma, `${path}.gamma`),
    degree: integer(o.degree, `${path}.degree`, 0),
    coef0: finite(o.coef0, `${path}.coef0`),
  };
}

/** Validates the grid's value lists (as written in model.json or a tune task); throws Error('field "path…": …'). */
export function readSearchGrid(v: unknown, path: string): SearchGrid {
  const g = object(v, path);
  return {
    kernel: list(g.kernel, `${path}.kernel`, 1).map((x, i) => kernel(x, `${path}.kernel[${i}]`)),
    C: list(g.C, `${path}.C`, 1).map((x, i) => finite(x, `${path}.C[${i}]`, (y) => y > 0, 'a number > 0')),
    gamma: list(g.gamma, `${path}.gamma`, 1).map((x, i) => gamma(x, `${path}.gamma[${i}]`)),
    degree: list(g.degree, `${path}.degree`, 1).map((x, i) => integer(x, `${path}.degree[${i}]`, 0)),
    coef0: list(g.coef0, `${path}.coef0`, 1).map((x, i) => finite(x, `${path}.coef0[${i}]`)),
  };
}

/** True when two parameter sets are the same SVC settings. */
export function sameSearchParams(a: SearchParams, b: SearchParams): boolean {
  return a.kernel === b.kernel && a.C === b.C && a.gamma === b.gamma && a.degree === b.degree && a.coef0 === b.coef0;
}

/**
 * Validates a parsed "search" field against the model's own SVC parameters (the refit used the best
 * candidate's). Throws Error('field "search.…": …') on the first problem.
 */
export function parseSearchRecord(json: unknown, svc: Partial<SearchParams>): ManifestSearch {
  const o = object(json, 'search');
  if (o.method !== 'GridSearchCV') fail('search.method', '"GridSearchCV"', o.method);
  if (o.scoring !== 'accuracy') fail('search.scoring', '"accuracy"', o.scoring);
  const cv = object(o.cv, 'search.cv');
  if (cv.method !== 'StratifiedKFold') fail('search.cv.method', '"StratifiedKFold"', cv.method);
  if (cv.shuffle !== false) fail('search.cv.shuffle', 'false', cv.shuffle);
  const nSplits = integer(cv.nSplits, 'search.cv.nSplits', 2);
  const grid = readSearchGrid(o.grid, 'search.grid');
  const expected = grid.kernel.length * grid.C.length * grid.gamma.length * grid.degree.length * grid.coef0.length;
  const raw = list(o.candidates, 'search.candidates', 1);
  if (raw.length !== expected) fail('search.candidates', `${expected} candidates (the product of the grid's lists)`, `${raw.length} candidates`);
  const candidates = raw.map((c, i): SearchCandidate => {
    const path = `search.candidates[${i}]`;
    const co = object(c, path);
    const folds = list(co.foldScores, `${path}.foldScores`, nSplits);
    if (folds.length !== nSplits) fail(`${path}.foldScores`, `${nSplits} scores (cv.nSplits)`, `${folds.length} scores`);
    return {
      params: readSearchParams(co.params, `${path}.params`),
      foldScores: folds.map((s, f) => score(s, `${path}.foldScores[${f}]`)),
      meanScore: score(co.meanScore, `${path}.meanScore`),
      stdScore: score(co.stdScore, `${path}.stdScore`),
      rank: integer(co.rank, `${path}.rank`, 1, raw.length),
    };
  });
  const bestIndex = integer(o.bestIndex, 'search.bestIndex', 0, candidates.length - 1);
  const best = candidates[bestIndex];
  if (best.rank !== 1 || candidates.findIndex((c) => c.rank === 1) !== bestIndex) {
    fail('search.bestIndex', 'the first candidate ranked 1', bestIndex);
  }
  const own = { kernel: svc.kernel, C: svc.C, gamma: svc.gamma, degree: svc.degree, coef0: svc.coef0 } as SearchParams;
  if (!sameSearchParams(best.params, own)) {
    throw new Error(`field "search.bestIndex": candidate ${bestIndex}'s params ${JSON.stringify(best.params)} are not the model's own (params.svc)`);
  }
  return { method: 'GridSearchCV', cv: { method: 'StratifiedKFold', nSplits, shuffle: false }, scoring: 'accuracy', grid, candidates, bestIndex };
}
