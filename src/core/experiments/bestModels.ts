// The one rule for "best" that every view states and applies (the Compare table's ★, the CLI's *,
// the toast after a sweep): the highest validation accuracy — and when some models were tuned with
// cross-validation, the highest mean CV accuracy among them first (a 30-row validation split ties
// often and is luck; the CV mean is the better estimate), validation accuracy only breaking its ties.
// Models equal on the rule's every criterion tie, and a tie is shown as one: all of them are best.
// Models trained on different data (another CSV, the built-in iris, a table) were validated on other
// rows, so their accuracies say nothing of each other: each data source has its own best (bestByData).
import { maxOf } from '../extremes';

/** What the rule reads of a model (a ComparisonRow has all of it; a sweep result can be mapped to it). */
export interface RankedModel {
  /** Damaged models are never best. */
  readonly status?: 'ok' | 'damaged' | 'changed';
  readonly validAccuracy?: number;
  /** Mean cross-validation accuracy (tuned models only). */
  readonly cvMean?: number;
  /** The data it was trained on ('iris', 'csv', 'postgres'): models are ranked only against models of the same data. */
  readonly dataSource?: string;
  /** … and its path or URL (ignored for the built-in iris). */
  readonly dataPath?: string;
}

/** The rule as the user reads it, without and with tuned models among those compared. */
export const BEST_RULE = {
  validation: 'highest validation accuracy',
  crossValidation: 'highest mean cross-validation accuracy among tuned models, then highest validation accuracy',
} as const;

export interface BestModels<T> {
  /** Every best model, in input order; empty when no model has a validation accuracy. */
  readonly best: T[];
  /** Which criterion decided: the CV mean (some model is tuned) or the validation accuracy. */
  readonly basis: 'crossValidation' | 'validation';
  /** The rule in words (BEST_RULE), for the UI to state. */
  readonly rule: string;
  /** True when more than one model is best. */
  readonly tie: boolean;
}

function usable(m: RankedModel): boolean {
  return (m.status === undefined || m.status === 'ok') && m.validAccuracy !== undefined && Number.isFinite(m.validAccuracy);
}

/**
 * The best models by the one rule (file comment): every model that no other beats, so ties come
 * back together. Pure; never throws. Use `rule` to say what "best" means next to the result.
 */
export function bestModels<T extends RankedModel>(models: readonly T[]): BestModels<T> {
  let candidates = models.filter(usable);
  const tuned = candidates.filter((m) => m.cvMean !== undefined && Number.isFinite(m.cvMean));
  const basis = tuned.length > 0 ? 'crossValidation' : 'validation';
  if (basis === 'crossValidation') {
    const topCv = maxOf(tuned.map((m) => m.cvMean!));
    candidates = tuned.filter((m) => m.cvMean === topCv);
  }
  const topValid = maxOf(candidates.map((m) => m.validAccuracy!));
  const best = candidates.filter((m) => m.validAccuracy === topValid);
  return { best, basis, rule: BEST_RULE[basis], tie: best.length > 1 };
}

/** The best models of one data source, and every model of it. */
export interface BestOfData<T> extends BestModels<T> {
  readonly models: T[];
}

/** Which data a model was trained on, as one key (models without a source share one). */
export function dataKey(m: RankedModel): string {
  return JSON.stringify([m.dataSource ?? '', m.dataSource === 'iris' ? '' : m.dataPath ?? '']);
}

/**
 * The best models of each data source (bestModels within each), in the order the sources first
 * appear; a source whose models all lack a validation accuracy has an empty `best`. Pure.
 */
export function bestByData<T extends RankedModel>(models: readonly T[]): BestOfData<T>[] {
  const groups = new Map<string, T[]>();
  for (const m of models) {
    const key = dataKey(m);
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  return [...groups.values()].map((group) => ({ ...bestModels(group), models: group }));
}

/** The rule in words for these sources (one rule, or how it differs between sources). */
export function ruleOfData(groups: readonly BestModels<unknown>[]): string {
  const bases = new Set(groups.filter((g) => g.best.length > 0).map((g) => g.basis));
  if (bases.size < 2) return BEST_RULE[bases.has('crossValidation') ? 'crossValidation' : 'validation'];
  return `${BEST_RULE.crossValidation} where some models of the data were tuned, else the ${BEST_RULE.validation}`;
}

/** A copy of the rows with `best` set on exactly the best ones of each data source (bestByData). */
export function markBest<T extends RankedModel & { readonly best: boolean }>(rows: readonly T[]): T[] {
  const best = new Set(bestByData(rows).flatMap((g) => g.best));
  return rows.map((r) => (best.has(r) === r.best ? r : { ...r, best: best.has(r) }));
}
