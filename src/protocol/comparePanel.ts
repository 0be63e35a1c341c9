// The typed message contract between the extension and the Compare Models webview. Imported by
// both bundles, so it never imports 'vscode' or anything node-only (the core's comparison module
// is pure). Every message that crosses the boundary is checked here: the webview is untrusted.
import type { ComparisonColumnKey, ComparisonRow, SortDirection } from '../core/experiments/comparison';
import { COMPARISON_COLUMNS } from '../core/experiments/comparison';

// The pure helpers the page uses, re-exported so that the page imports only its protocol.
export { COMPARISON_COLUMNS, comparisonColumn, filterRows, sortRows } from '../core/experiments/comparison';
export type { ComparisonColumnKey, SortDirection } from '../core/experiments/comparison';
export { metricSeries, type MetricSeries } from '../core/experiments/metricSeries';

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

export type ToCompareWebview =
  | { readonly type: 'rows'; readonly rows: CompareRow[]; readonly folders: string[] }
  /** Replaces the selection (Compare Models opened on tree items, or after a sweep). */
  | { readonly type: 'select'; readonly ids: string[] }
  | { readonly type: 'matricesLoading'; readonly ids: string[] }
  | { readonly type: 'matrices'; readonly matrices: MatrixView[] };

export type ParameterKey = 'C' | 'gamma';

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
  readonly parameter: ParameterKey;
}

export const DEFAULT_COMPARE_STATE: CompareState = { sort: { key: 'validAccuracy', direction: 'desc' }, filter: '', selected: [], parameter: 'C' };

const MAX_IDS = 10_000;
const MAX_ID = 4096;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function idList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_IDS) return undefined;
  return v.every((s) => typeof s === 'string' && s.length > 0 && s.length <= MAX_ID) ? [...new Set(v as string[])] : undefined;
}

function hasOnly(raw: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(raw).every((k) => keys.includes(k));
}

/** Returns the message if it is exactly one of FromCompareWebview, otherwise undefined. */
export function parseFromCompareWebview(raw: unknown): FromCompareWebview | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return hasOnly(raw, ['type']) ? { type: 'ready' } : undefined;
    case 'selection':
    case 'exportCsv': {
      const ids = idList(raw.ids);
      return ids && hasOnly(raw, ['type', 'ids']) ? { type: raw.type, ids } : undefined;
    }
    case 'openModel':
      return typeof raw.id === 'string' && raw.id.length > 0 && raw.id.length <= MAX_ID && hasOnly(raw, ['type', 'id']) ? { type: 'openModel', id: raw.id } : undefined;
    default:
      return undefined;
  }
}

/** Validates restored state (it comes from the webview); anything odd falls back to the defaults. */
export function parseCompareState(raw: unknown): CompareState {
  if (!isRecord(raw)) return DEFAULT_COMPARE_STATE;
  const sortRaw = isRecord(raw.sort) ? raw.sort : {};
  const key = COMPARISON_COLUMNS.find((c) => c.key === sortRaw.key)?.key ?? DEFAULT_COMPARE_STATE.sort.key;
  const direction = sortRaw.direction === 'asc' || sortRaw.direction === 'desc' ? sortRaw.direction : DEFAULT_COMPARE_STATE.sort.direction;
  const filter = typeof raw.filter === 'string' && raw.filter.length <= 500 ? raw.filter : '';
  const selected = idList(raw.selected) ?? [];
  const parameter = raw.parameter === 'gamma' ? 'gamma' : 'C';
  return { sort: { key, direction }, filter, selected, parameter };
}

function isNumberOrUndefined(v: unknown): boolean {
  return v === undefined || typeof v === 'number';
}

function isRow(v: unknown): v is CompareRow {
  if (!isRecord(v)) return false;
  return typeof v.id === 'string' && typeof v.name === 'string' && typeof v.dir === 'string'
    && (v.status === 'ok' || v.status === 'damaged') && typeof v.best === 'boolean'
    && isNumberOrUndefined(v.trainAccuracy) && isNumberOrUndefined(v.validAccuracy) && isNumberOrUndefined(v.C)
    && (v.gamma === undefined || typeof v.gamma === 'number' || typeof v.gamma === 'string');
}

function isMatrix(v: unknown): v is MatrixView {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.name !== 'string' || !Array.isArray(v.classNames)) return false;
  if (!v.classNames.every((c) => typeof c === 'string')) return false;
  if (v.confusion === undefined) return typeof v.error === 'string';
  return Array.isArray(v.confusion) && v.confusion.every((r) => Array.isArray(r) && r.every((n) => typeof n === 'number'));
}

/** Checks what the extension sends, so the page never renders garbage. */
export function parseToCompareWebview(raw: unknown): ToCompareWebview | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'rows' && Array.isArray(raw.rows) && raw.rows.every(isRow) && Array.isArray(raw.folders) && raw.folders.every((f) => typeof f === 'string')) {
    return { type: 'rows', rows: raw.rows, folders: raw.folders as string[] };
  }
  if (raw.type === 'select' || raw.type === 'matricesLoading') {
    const ids = idList(raw.ids);
    return ids ? { type: raw.type, ids } : undefined;
  }
  if (raw.type === 'matrices' && Array.isArray(raw.matrices) && raw.matrices.every(isMatrix)) return { type: 'matrices', matrices: raw.matrices };
  return undefined;
}
