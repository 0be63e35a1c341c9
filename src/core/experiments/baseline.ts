// Deltas against a baseline model, DVC-style (`dvc metrics diff`, `dvc params diff`): for every
// metric and parameter cell of a row, whether it differs from the baseline's and by how much.
import { cellText, cellValue, type ComparisonColumnKey, type ComparisonRow } from './comparison';

/** Columns that get a delta: the metrics, then the parameters and data facts a model was trained with. */
export const METRIC_DELTA_COLUMNS: readonly ComparisonColumnKey[] = ['trainAccuracy', 'validAccuracy', 'cvMean', 'cvStd'];
export const PARAMETER_DELTA_COLUMNS: readonly ComparisonColumnKey[] = ['C', 'gamma', 'kernel', 'degree', 'coef0', 'seed', 'dataSource', 'dataPath', 'dataRows', 'trainSize', 'validSize', 'layout'];

export interface CellDelta {
  /** The cell differs from the baseline's (a value against none counts as different). */
  readonly changed: boolean;
  /** row − baseline, when both are numbers. */
  readonly delta?: number;
  /** The baseline's cell as text ('' when it has none). */
  readonly baselineText: string;
  readonly kind: 'metric' | 'parameter';
}

/**
 * How a row's cell compares with the baseline row's; undefined for columns without a delta
 * (name, created, status) and for a cell without a value (a damaged model's). The baseline
 * against itself: nothing changed.
 */
export function baselineDelta(row: ComparisonRow, baseline: ComparisonRow, key: ComparisonColumnKey): CellDelta | undefined {
  const kind = METRIC_DELTA_COLUMNS.includes(key) ? 'metric' : PARAMETER_DELTA_COLUMNS.includes(key) ? 'parameter' : undefined;
  if (kind === undefined) return undefined;
  const a = cellValue(row, key);
  if (a === undefined) return undefined;
  const b = cellValue(baseline, key);
  const baselineText = cellText(baseline, key);
  if (typeof a === 'number' && typeof b === 'number') return { changed: a !== b, delta: a - b, baselineText, kind };
  return { changed: a !== b, baselineText, kind };
}
