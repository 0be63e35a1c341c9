// The typed message contract between the extension and the results webview. Imported by both
// bundles, so it must never import 'vscode' or anything node-only. Every message that crosses
// the boundary is checked here: the webview is treated as untrusted input.

import type { ClassScores } from '../core/metrics/classificationReport';
import { pythonFloat } from '../core/text/pythonFloat';
import { arrayOf, either, isFraction, isInteger, isNumber, isRecord, isString, oneOf, optional, shape, tupleOf } from './checks';

/** 'checking': the recorded numbers, shown while the model is reloaded from disk; 'cancelled': the same, once that was cancelled. */
export type Status = 'checking' | 'cancelled' | 'matches' | 'differs' | 'could-not-load';

export interface AccuracyView {
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
}

/** Per-class scores as the page shows them (the core's ClassScores without the raw label). */
export type ClassRow = Omit<ClassScores, 'label'>;

export interface SplitView extends AccuracyView {
  readonly confusion: number[][];
  readonly perClass: ClassRow[];
  /** Row indices into `data.X`. */
  readonly indices: number[];
  /** Predicted class index per row of `indices`. */
  readonly predicted: number[];
}

/** How a tuned model was chosen: the grid search recorded in its model.json, summed up. */
export interface SearchSummary {
  /** K of StratifiedKFold. */
  readonly folds: number;
  readonly candidates: number;
  /** The training rows the folds were cut from. */
  readonly rows: number;
  /** This model's candidate (best_index_): its mean and std over the folds (null: nan) and rank. */
  readonly meanScore: number | null;
  readonly stdScore: number | null;
  readonly rank: number;
}

export interface ArtifactView {
  readonly file: string;
  readonly sha256?: string;
  readonly bytes?: number;
}

/** Everything the results page shows; built by the extension from the core's ValidationReport. */
export interface ResultsView {
  readonly name: string;
  readonly modelDir: string;
  readonly status: Status;
  readonly error?: string;
  readonly validatedAt: string;
  /**
   * Where the model came from (modelOrigin.ts): its recorded accuracies were recorded when it was
   * trained, or imported; `text` ("imported from scaler.joblib + classifier.joblib (scikit-learn
   * 1.2.1) by model-lab 0.1.0") is said under an imported model's name.
   */
  readonly origin?: { readonly kind: 'trained' | 'imported'; readonly text: string; /** When it was trained or imported (ISO 8601). */ readonly at: string };
  readonly recorded?: { readonly train: number; readonly valid: number };
  /** The counts behind the recorded accuracies (from model.json), when readable. */
  readonly recordedCounts?: { readonly train: AccuracyView; readonly valid: AccuracyView };
  readonly train?: SplitView;
  readonly valid?: SplitView;
  readonly classNames: string[];
  /** Label/value pairs, already formatted as text. */
  readonly parameters: [string, string][];
  readonly split: [string, string][];
  readonly provenance: [string, string][];
  readonly artifacts: ArtifactView[];
  readonly data?: { readonly featureNames: string[]; readonly X: number[][]; /** class index per row */ readonly y: number[] };
  /** Files that changed on disk since the model was saved (seen by the file watcher, hashes re-checked). */
  readonly changed?: { readonly file: string; readonly change: string }[];
  /** The model was tuned (Tune Iris Model…): how its search chose it. */
  readonly search?: SearchSummary;
  /** The report was computed from these edited files ("what the model predicts now"), not the saved ones. */
  readonly edited?: string[];
  /** What is wrong with the data it was trained on (a feature that numbers the rows), said as a warning. */
  readonly dataWarnings?: string[];
}

export type ToWebview =
  | { readonly type: 'loading'; readonly name: string }
  | { readonly type: 'results'; readonly view: ResultsView };

export type FromWebview =
  | { readonly type: 'ready' }
  /** The page's first content is on screen: the extension starts reloading the model only now. */
  | { readonly type: 'painted' }
  | { readonly type: 'revalidate' }
  | { readonly type: 'revealArtifacts' }
  /** Open the Tune results of this (tuned) model. */
  | { readonly type: 'showTuneResults' }
  /** Evaluate the model as its files are now, although they changed since saving. */
  | { readonly type: 'predictEdited' };

/** State the webview keeps through getState/setState and the panel serializer. */
export interface PanelState {
  readonly modelDir: string;
  readonly name: string;
  readonly xFeature?: number;
  readonly yFeature?: number;
}

/** Returns the message if it is exactly one of FromWebview, otherwise undefined. */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (!isRecord(raw) || Object.keys(raw).length !== 1) return undefined;
  switch (raw.type) {
    case 'ready':
    case 'painted':
    case 'revalidate':
    case 'revealArtifacts':
    case 'showTuneResults':
    case 'predictEdited':
      return { type: raw.type };
    default:
      return undefined;
  }
}

/** Validates state restored by the serializer (it comes from the webview, so it is untrusted). */
export function parsePanelState(raw: unknown): PanelState | undefined {
  if (!isRecord(raw) || typeof raw.modelDir !== 'string' || typeof raw.name !== 'string') return undefined;
  if (raw.modelDir.length === 0 || raw.modelDir.length > 4096 || raw.name.length > 1024) return undefined;
  const feature = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000 ? v : undefined);
  return { modelDir: raw.modelDir, name: raw.name, xFeature: feature(raw.xFeature), yFeature: feature(raw.yFeature) };
}

const accuracyView = shape({ accuracy: isFraction, correct: isInteger, total: isInteger });
const classRow = shape({ name: isString, precision: isNumber, recall: isNumber, f1: isNumber, support: isInteger });
const splitView = shape({
  accuracy: isFraction, correct: isInteger, total: isInteger,
  confusion: arrayOf(arrayOf(isInteger)), perClass: arrayOf(classRow), indices: arrayOf(isInteger), predicted: arrayOf(isInteger),
});
const pairs = arrayOf(tupleOf(isString, isString));
const resultsView = shape({
  name: isString,
  modelDir: isString,
  status: oneOf('checking', 'cancelled', 'matches', 'differs', 'could-not-load'),
  error: optional(isString),
  validatedAt: isString,
  origin: optional(shape({ kind: oneOf('trained', 'imported'), text: isString, at: isString })),
  recorded: optional(shape({ train: isFraction, valid: isFraction })),
  recordedCounts: optional(shape({ train: accuracyView, valid: accuracyView })),
  train: optional(splitView),
  valid: optional(splitView),
  classNames: arrayOf(isString),
  parameters: pairs,
  split: pairs,
  provenance: pairs,
  artifacts: arrayOf(shape({ file: isString, sha256: optional(isString), bytes: optional(isInteger) })),
  data: optional(shape({ featureNames: arrayOf(isString), X: arrayOf(arrayOf(isNumber)), y: arrayOf(isInteger) })),
  changed: optional(arrayOf(shape({ file: isString, change: isString }))),
  edited: optional(arrayOf(isString)),
  dataWarnings: optional(arrayOf(isString)),
  search: optional(shape({
    folds: isInteger, candidates: isInteger, rows: isInteger, meanScore: either(isFraction, oneOf(null)), stdScore: either(isNumber, oneOf(null)), rank: isInteger,
  })),
});

/** Checks the whole of what the extension sends, so the page never renders garbage. */
export function parseToWebview(raw: unknown): ToWebview | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'loading' && typeof raw.name === 'string') return { type: 'loading', name: raw.name };
  if (raw.type === 'results' && resultsView(raw.view)) return { type: 'results', view: raw.view as ResultsView };
  return undefined;
}

/** `96.67 % (116/120)` — the accuracy as the results page and notifications show it. */
export function formatAccuracyCount(a: AccuracyView): string {
  return `${formatPercent(a.accuracy)} (${a.correct}/${a.total})`;
}

/** A float as Python prints it: the core's one float formatter, re-exported for the pages. */
export { pythonFloat };

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)} %`;
}

/**
 * A candidate's cross-validation score as the pages say it: `95.00 % (0.95) ± 3.12 pp` — the mean
 * (and as Python prints it), the std in percentage points; `nan` when a fit failed.
 */
export function formatCvScore(mean: number | null, std: number | null): string {
  if (mean === null) return 'nan';
  return `${formatPercent(mean)} (${pythonFloat(mean)})${std === null ? '' : ` ± ${(std * 100).toFixed(2)} pp`}`;
}
