// The typed message contract between the extension and the Tune results webview. Imported by both
// bundles, so it never imports 'vscode' or anything node-only. The page gets a tuned model's search
// record (model.json's "search", checked again here with the core's own validator) and its refit
// accuracies; its state holds only the model folder's URI and how the user arranged the page, so
// after a reload the extension rebuilds the view from model.json (for a model it still lists).
import type { ManifestSearch, SearchParams } from '../core/artifacts/searchRecord';
import { pythonFloat } from '../core/text/pythonFloat';
import { kernelUses } from '../core/svm/kernelParameters';
export { kernelUses };
import { parseSearchRecord, readSearchParams } from '../core/artifacts/searchRecord';
import type { SortDirection } from '../core/experiments/comparison';
import { SERIES_PARAMETERS, type SeriesParameter } from '../core/experiments/metricSeries';
import type { AccuracyView } from './resultsPanel';
import { arrayOf, isFraction, isInteger, isRecord, isString, optional, shape, stringOf } from './checks';

// The pure helpers the page uses, re-exported so that the page imports only its protocol.
export { candidateName, candidateRows } from '../core/experiments/tune/candidateRows';
export { chartParameter, metricSeries, varyingParameters, type MetricSeries, type SeriesParameter } from '../core/experiments/metricSeries';
export { comparisonColumn, sortRows, visibleColumns, type ComparisonRow, type SortDirection } from '../core/experiments/comparison';
export type { ManifestSearch, SearchCandidate } from '../core/artifacts/searchRecord';

/**
 * A candidate's parameters as best_params_ reads, only those its kernel uses:
 * "kernel=rbf, C=1.0, gamma=scale", "kernel=poly, C=0.5, gamma=auto, degree=2, coef0=1.0".
 */
export function describeSearchParams(p: SearchParams): string {
  const parts = [`kernel=${p.kernel}`, `C=${pythonFloat(p.C)}`];
  if (kernelUses(p.kernel, 'gamma')) parts.push(`gamma=${typeof p.gamma === 'number' ? pythonFloat(p.gamma) : p.gamma}`);
  if (kernelUses(p.kernel, 'degree')) parts.push(`degree=${p.degree}`);
  if (kernelUses(p.kernel, 'coef0')) parts.push(`coef0=${pythonFloat(p.coef0)}`);
  return parts.join(', ');
}

/** Everything the Tune results page shows, built by the extension from a tuned model's model.json. */
export interface TuneView {
  /** The refit model's folder name. */
  readonly name: string;
  /** Where it is, as the user reads it (relative to the workspace when inside it). */
  readonly modelDir: string;
  /** ISO time of saving. */
  readonly created: string;
  /** What was tuned on, e.g. "built-in iris data" or the CSV path. */
  readonly data: string;
  /** random_state of train_test_split; the search ran on the training part. */
  readonly seed: number;
  readonly nTrain: number;
  readonly nValid: number;
  /** GridSearchCV's cv_results_ under Model Lab's names (model.json's "search"). */
  readonly search: ManifestSearch;
  /** The refit model's accuracies on the training and validation parts. */
  readonly train: AccuracyView;
  readonly valid: AccuracyView;
  /**
   * Files of the model that changed on disk since it was saved (model.json among them: then these
   * numbers are what the file says now, not necessarily what the search found).
   */
  readonly changed?: readonly { readonly file: string; readonly change: string }[];
}

export type ToTunePage =
  /**
   * `folder`: the model folder's URI when it differs from the one in the page's state (the folder
   * was renamed or moved on disk and the panel follows it): the page keeps it for a window reload.
   */
  | { readonly type: 'view'; readonly view: TuneView; readonly folder?: string }
  /** The model is gone, damaged, not tuned or not listed: the page says so and shows nothing of it. */
  | { readonly type: 'unavailable'; readonly name: string; readonly reason: string };

export type FromTunePage =
  | { readonly type: 'ready' }
  /** Open the refit model in the results editor. */
  | { readonly type: 'openModel' };

/** Columns the candidates table sorts by (keys of the comparison rows candidateRows makes). */
export const TUNE_SORT_KEYS = ['cvRank', 'cvMean', 'cvStd', 'kernel', 'C', 'gamma', 'degree', 'coef0'] as const;
export type TuneSortKey = (typeof TUNE_SORT_KEYS)[number];

/** What the page keeps through getState/setState and the panel serializer. */
export interface TuneState {
  /** The model folder's URI: after a reload, the view is rebuilt from its model.json. */
  readonly modelDir: string;
  readonly name: string;
  readonly sort: { readonly key: TuneSortKey; readonly direction: SortDirection };
  /** Preferred x axis of the chart (it falls back to one that varies). */
  readonly parameter: SeriesParameter;
  /** Candidates (indices into the search) whose fold scores are shown. */
  readonly expanded: number[];
}

const MAX_PATH = 4096;
const MAX_NAME = 1024;
/** More candidates than any search the extension runs without refusing (500 fits, K ≥ 2) by far. */
const MAX_EXPANDED = 100_000;

/** The state of a new panel on this model. */
export function initialTuneState(modelDir: string, name: string): TuneState {
  return { modelDir, name, sort: { key: 'cvRank', direction: 'asc' }, parameter: 'C', expanded: [] };
}

/** Validates restored state (it comes from the webview); undefined without a usable model URI. */
export function parseTuneState(raw: unknown): TuneState | undefined {
  if (!isRecord(raw) || !stringOf(MAX_PATH, 1)(raw.modelDir) || !stringOf(MAX_NAME)(raw.name)) return undefined;
  const sortRaw = isRecord(raw.sort) ? raw.sort : {};
  const key = TUNE_SORT_KEYS.find((k) => k === sortRaw.key) ?? 'cvRank';
  const direction = sortRaw.direction === 'desc' ? 'desc' : 'asc';
  const parameter = SERIES_PARAMETERS.find((p) => p === raw.parameter) ?? 'C';
  const expanded = arrayOf(isInteger, MAX_EXPANDED)(raw.expanded) ? [...new Set(raw.expanded as number[])].filter((i) => i >= 0) : [];
  return { modelDir: raw.modelDir as string, name: raw.name as string, sort: { key, direction }, parameter, expanded };
}

/** Returns the message if it is exactly one of FromTunePage, otherwise undefined. */
export function parseFromTunePage(raw: unknown): FromTunePage | undefined {
  if (!isRecord(raw) || Object.keys(raw).length !== 1) return undefined;
  return raw.type === 'ready' || raw.type === 'openModel' ? { type: raw.type } : undefined;
}

const accuracyView = shape({ accuracy: isFraction, correct: isInteger, total: isInteger });
const viewFields = shape({
  name: stringOf(MAX_NAME), modelDir: stringOf(MAX_PATH), created: isString, data: isString,
  seed: isInteger, nTrain: isInteger, nValid: isInteger, train: accuracyView, valid: accuracyView, search: isRecord,
  changed: optional(arrayOf(shape({ file: isString, change: isString }))),
});

/** The search record checked by the core's validator (the refit's params are the best candidate's). */
function checkedSearch(raw: Record<string, unknown>): ManifestSearch | undefined {
  try {
    const candidates = Array.isArray(raw.candidates) ? raw.candidates : [];
    const best = isRecord(candidates[raw.bestIndex as number]) ? (candidates[raw.bestIndex as number] as Record<string, unknown>).params : undefined;
    return parseSearchRecord(raw, readSearchParams(best, 'search.best'));
  } catch {
    return undefined;
  }
}

/** Checks what the extension sends, so the page never renders garbage. */
export function parseToTunePage(raw: unknown): ToTunePage | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'unavailable' && stringOf(MAX_NAME)(raw.name) && isString(raw.reason)) return { type: 'unavailable', name: raw.name as string, reason: raw.reason as string };
  if (raw.type !== 'view' || !viewFields(raw.view)) return undefined;
  const view = raw.view as Record<string, unknown>;
  const search = checkedSearch(view.search as Record<string, unknown>);
  if (!search || (raw.folder !== undefined && !stringOf(MAX_PATH, 1)(raw.folder))) return undefined;
  return { type: 'view', view: { ...(view as unknown as TuneView), search }, ...(raw.folder !== undefined ? { folder: raw.folder as string } : {}) };
}
