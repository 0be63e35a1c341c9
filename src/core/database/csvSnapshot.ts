// Writes snapshot rows as data.csv: a fixed header, '\n' line ends, numbers in JavaScript's
// shortest round-trip form (Number(text) gives back the same double), timestamps in ISO form.
import { UserError } from '../types';
import { SNAPSHOT_COLUMNS } from './irisTable';

export interface SnapshotRow {
  readonly id: number;
  /** ISO 8601 as the server stored it, e.g. 2026-11-27T03:02:47.123456 (no zone for `timestamp`). */
  readonly timestamp: string;
  readonly features: readonly number[];
  readonly target: number;
}

/** Shortest round-trip text of a double; keeps the sign of -0. */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** PostgreSQL's text form ("2026-11-27 03:02:47.123456") to ISO 8601 ("2026-11-27T03:02:47.123456"). */
export function isoTimestamp(text: string): string {
  return text.replace(' ', 'T');
}

function quoteCsv(field: string): string {
  return /[",\n\r]/.test(field) ? '"' + field.replace(/"/g, '""') + '"' : field;
}

export function snapshotCsv(rows: readonly SnapshotRow[]): string {
  const lines = [SNAPSHOT_COLUMNS.join(',')];
  for (const r of rows) {
    for (const v of r.features) {
      if (!Number.isFinite(v)) throw new UserError(`Row id ${r.id} holds ${v} in a feature column; remove or fix that row.`);
    }
    lines.push([String(r.id), quoteCsv(r.timestamp), ...r.features.map(formatNumber), String(r.target)].join(','));
  }
  return lines.join('\n') + '\n';
}
