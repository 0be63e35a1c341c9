// The typed message contract between the extension and the Compare Models webview. Imported by
// both bundles, so it never imports 'vscode' or anything node-only (the core's comparison module
// is pure). Every message that crosses the boundary is checked here: the webview is untrusted.
import type { ComparisonColumnKey, ComparisonRow, SortDirection } from '../core/experiments/comparison';
import { COMPARISON_COLUMNS } from '../core/experiments/comparison';
import type { Fact } from '../core/experiments/modelFacts';
import { FACT_GROUPS } from '../core/experiments/modelFacts';
import { SERIES_PARAMETERS, type SeriesParameter } from '../core/experiments/metricSeries';
import { arrayOf, either, idList, isBoolean, isFraction, isInteger, isNumber, isRecord, isString, oneOf, optional, shape, stringOf, tupleOf } from './checks';

// The pure helpers the page uses, re-exported so that the page imports only its protocol.
export { COMPARISON_COLUMNS, cellText, comparisonColumn, dataText, sortRows, visibleColumns } from '../core/experiments/comparison';
export { kernelUses } from '../core/svm/kernelParameters';
export type { ComparisonColumn, ComparisonColumnKey, SortDirection } from '../core/experiments/comparison';
export { FILTER_SYNTAX, filterRows, parseRowFilter } from '../core/experiments/rowFilter';
export { bestByData, ruleOfData } from '../core/experiments/bestModels';
export { baselineDelta, type CellDelta } from '../core/experiments/baseline';
export { diffFacts, type Fact, type FactDiffRow } from '../core/experiments/modelFacts';
export { chartParameter, metricSeries, unorderedParameter, unplottableReason, varyingParameters, SERIES_PARAMETERS, type MetricSeries, type SeriesParameter } from '../core/experiments/metricSeries';

/** A table row: the core's ComparisonRow plus the model folder's URI (unique across workspace folders). */
export interface CompareRow extends ComparisonRow {
  readonly id: string;
}

/** The validation confusion matrix of one selected model (or why there is none). */
export interface MatrixView {
  readonly id: string;
  readonly name: string;
  readonly classNames: string[];
  readonly confusion?: number[][];
  readonly correct?: number;
  readonly total?: number;
  readonly accuracy?: number;
  readonly error?: string;
}

/** What model.json says about one selected model (the facts the two-model diff compares). */
export interface FactsView {
  readonly id: string;
  readonly name: string;
  readonly facts: Fact[];
  /** Why there are no facts (a damaged folder). */
  readonly error?: string;
}

export type ToCompareWebview =
  /** `moved`: [old id, new id] of models whose folder was renamed or moved since the last rows (selection and baseline follow). */
  | { readonly type: 'rows'; readonly rows: CompareRow[]; readonly folders: string[]; readonly moved?: [string, string][] }
  /** Replaces the selection (Compare Models opened on tree items, or after a sweep). */
  | { readonly type: 'select'; readonly ids: string[] }
  | { readonly type: 'matricesLoading'; readonly ids: string[] }
  | { readonly type: 'matrices'; readonly matrices: MatrixView[] }
  /** The facts of exactly two selected models, for the diff. */
  | { readonly type: 'facts'; readonly models: FactsView[] };

/** The parameter on the chart's x axis (offered only among those that vary). */
export type ParameterKey = SeriesParameter;

export type FromCompareWebview =
  | { readonly type: 'ready' }
  /** The checked rows changed; the extension answers with their confusion matrices. */
  | { readonly type: 'selection'; readonly ids: string[] }
  /** Export these rows (display order: sorted and filtered) as CSV. */
  | { readonly type: 'exportCsv'; readonly ids: string[] }
  | { readonly type: 'openModel'; readonly id: string };

/** What the webview keeps through getState/setState and the panel serializer. */
export interface CompareState {
  readonly sort: { readonly key: ComparisonColumnKey; readonly direction: SortDirection };
  readonly filter: string;
  readonly selected: string[];
  /** Preferred x axis; the chart falls back to a parameter that varies when this one does not. */
  readonly parameter: ParameterKey;
  /** The model every row's deltas are computed against (none: no deltas). */
  readonly baseline?: string;
  /** The two-model diff lists only the facts that differ. */
  readonly diffOnlyDifferences: boolean;
}

export const DEFAULT_COMPARE_STATE: CompareState = { sort: { key: 'validAccuracy', direction: 'desc' }, filter: '', selected: [], parameter: 'C', diffOnlyDifferences: false };

const MAX_ID = 4096;

const ids = (v: unknown) => idList(v) !== undefined;
const fromPage: Record<FromCompareWebview['type'], (raw: Record<string, unknown>) => boolean> = {
  ready: shape({ type: isString }, true),
  selection: shape({ type: isString, ids }, true),
  exportCsv: shape({ type: isString, ids }, true),
  openModel: shape({ type: isString, id: stringOf(MAX_ID, 1) }, true),
};

/** Returns the message if it is exactly one of FromCompareWebview, otherwise undefined. */
export function parseFromCompareWebview(raw: unknown): FromCompareWebview | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !Object.hasOwn(fromPage, raw.type)) return undefined;
  if (!fromPage[raw.type as FromCompareWebview['type']](raw)) return undefined;
  return 'ids' in raw ? { ...(raw as unknown as FromCompareWebview), ids: idList(raw.ids)! } as FromCompareWebview : (raw as unknown as FromCompareWebview);
}

/** Validates restored state (it comes from the webview); anything odd falls back to the defaults. */
export function parseCompareState(raw: unknown): CompareState {
  if (!isRecord(raw)) return DEFAULT_COMPARE_STATE;
  const sortRaw = isRecord(raw.sort) ? raw.sort : {};
  const key = COMPARISON_COLUMNS.find((c) => c.key === sortRaw.key)?.key ?? DEFAULT_COMPARE_STATE.sort.key;
  const direction = sortRaw.direction === 'asc' || sortRaw.direction === 'desc' ? sortRaw.direction : DEFAULT_COMPARE_STATE.sort.direction;
  const filter = typeof raw.filter === 'string' && raw.filter.length <= 500 ? raw.filter : '';
  const selected = idList(raw.selected) ?? [];
  const parameter = SERIES_PARAMETERS.find((p) => p === raw.parameter) ?? DEFAULT_COMPARE_STATE.parameter;
  const baseline = typeof raw.baseline === 'string' && raw.baseline.length > 0 && raw.baseline.length <= MAX_ID ? raw.baseline : undefined;
  const diffOnlyDifferences = raw.diffOnlyDifferences === true;
  return { sort: { key, direction }, filter, selected, parameter, ...(baseline !== undefined ? { baseline } : {}), diffOnlyDifferences };
}

const num = optional(isNumber);
const row = shape({
  id: isString, name: isString, dir: isString, status: oneOf('ok', 'damaged', 'changed'), error: optional(isString),
  created: optional(isString), layout: optional(oneOf('separate', 'pipeline')), origin: optional(isString), dataSource: optional(isString), dataPath: optional(isString),
  dataRows: num, seed: num, trainSize: num, validSize: num, kernel: optional(isString), C: num, gamma: optional(either(isNumber, isString)),
  degree: num, coef0: num, trainAccuracy: optional(isFraction), validAccuracy: optional(isFraction),
  cvMean: optional(isFraction), cvStd: num, cvRank: optional(isInteger), best: isBoolean,
});
const matrix = shape({
  id: isString, name: isString, classNames: arrayOf(isString), confusion: optional(arrayOf(arrayOf(isInteger))),
  correct: optional(isInteger), total: optional(isInteger), accuracy: optional(isFraction), error: optional(isString),
});

const MAX_FACTS = 200;
const fact = shape({ group: oneOf(...FACT_GROUPS), label: stringOf(200), value: stringOf(100_000) }, true);
const factsView = shape({ id: isString, name: isString, facts: arrayOf(fact, MAX_FACTS), error: optional(isString) }, true);

/** Checks what the extension sends, so the page never renders garbage. */
export function parseToCompareWebview(raw: unknown): ToCompareWebview | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'rows' && arrayOf(row)(raw.rows) && arrayOf(isString)(raw.folders) && optional(arrayOf(tupleOf(isString, isString)))(raw.moved)) {
    return { type: 'rows', rows: raw.rows as CompareRow[], folders: raw.folders as string[], ...(raw.moved !== undefined ? { moved: raw.moved as [string, string][] } : {}) };
  }
  if (raw.type === 'select' || raw.type === 'matricesLoading') {
    const ids = idList(raw.ids);
    return ids ? { type: raw.type, ids } : undefined;
  }
  if (raw.type === 'matrices' && arrayOf(matrix)(raw.matrices)) return { type: 'matrices', matrices: raw.matrices as MatrixView[] };
  if (raw.type === 'facts' && arrayOf(factsView, 2)(raw.models)) return { type: 'facts', models: raw.models as FactsView[] };
  return undefined;
}
