// PostgreSQL data source: reads the newest rows of the iris table (SELECT * FROM iris_data ORDER BY
// id DESC LIMIT 100, as the course's training script does) and returns them as data.csv text plus
// provenance for the manifest. Identifiers are checked and quoted; values are parameters.
import { UserError, remedyError } from '../types';
import { dropnaRemedy } from '../datasets/labelColumn';
import type { DropnaRecord } from '../datasets/dataset';
import { parsePostgresUrl, type ParsedPostgresUrl } from './connectionUrl';
import { withPostgresClient } from './connect';
import { snapshotCsv, isoTimestamp, type SnapshotRow } from './csvSnapshot';
import { GENERATOR_HINT } from './errors';
import { quoteIdentifier, quoteTableName } from './identifiers';
import { FEATURE_COLUMNS, irisColumnsProblem, TARGET_COLUMN } from './irisTable';
import { resolvePassword } from './password';
import { minOf, maxOf } from '../extremes';

export interface PostgresDataSpec {
  /** postgres://USER@HOST:PORT/DB?table=iris_data&limit=100&order=id — never with a password. */
  readonly url: string;
  /** From SecretStorage (extension) or undefined: then PGPASSWORD / pgpass apply. */
  readonly password?: string;
  /** How long to wait for the server to accept the connection (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Server-side limit for the query (default 30 s). */
  readonly statementTimeoutMs?: number;
  /** Send the password even when a non-loopback server asks for it in clear text without TLS (default: refuse). */
  readonly allowCleartextPassword?: boolean;
}

export interface DataSnapshot {
  /** The rows used, as data.csv is written (header line first, '\n' line ends). */
  readonly csv: string;
  /** What to record in the manifest (no password). */
  readonly provenance: Record<string, unknown>;
}

/** Provenance fields written by fetchPostgresSnapshot. */
export interface PostgresProvenance {
  source: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  table: string;
  orderBy: string;
  limit: number;
  rows: number;
  idRange: [number, number];
  query: string;
  /** Rows with a NULL left out (dropna), named by their ids. */
  dropna?: DropnaRecord;
}

/** How a NULL in a feature or the target is met. */
export interface SnapshotOptions {
  /** Leave such rows out (training's --dropna). */
  readonly dropna?: boolean;
  /** Name --dropna in the refusal (default true; predict has no such flag). */
  readonly offerDropna?: boolean;
}

/** Every column arrives as the server's text so numbers and timestamps are converted exactly once, here. */
const RAW_TEXT = { getTypeParser: () => (text: string) => text } as unknown as import('pg').CustomTypesConfig;

/** Rows with a NULL left out (dropna): the ids model.json keeps of them, at most this many. */
const DROPNA_IDS_KEPT = 20;

/**
 * The newest rows of the table as data.csv text. With `dropna`, rows with a NULL in a feature or the
 * target are left out, as pandas' dropna() leaves out what read_sql reads as NaN, and recorded in the
 * provenance (`dropna`); without it such a row is refused, naming --dropna.
 */
export async function fetchPostgresSnapshot(spec: PostgresDataSpec, signal?: AbortSignal, options: SnapshotOptions = {}): Promise<DataSnapshot> {
  const q = parsePostgresUrl(spec.url);
  const password = resolvePassword(spec.password, q);
  const sql = `SELECT * FROM ${quoteTableName(q.table)} ORDER BY ${quoteIdentifier(q.orderBy)} DESC LIMIT $1`;
  const result = await withPostgresClient(
    {
      target: q,
      password,
      connectTimeoutMs: spec.connectTimeoutMs,
      statementTimeoutMs: spec.statementTimeoutMs,
      allowCleartextPassword: spec.allowCleartextPassword,
      signal,
      table: q.table,
      orderBy: q.orderBy,
    },
    (client) => client.query({ text: sql, values: [q.limit], types: RAW_TEXT }),
  );
  checkColumns(result.fields, q);
  if (result.rows.length === 0) {
    throw new UserError(`Table "${q.table}" in database "${q.database}" at ${q.host}:${q.port} is empty: there is nothing to train on. ${GENERATOR_HINT}`);
  }
  const read: Record<string, string | null>[] = result.rows;
  const subset = [...FEATURE_COLUMNS, TARGET_COLUMN];
  // pandas' read_sql reads a float8 'NaN' as it reads a NULL (NaN), and dropna drops both.
  const complete = (r: Record<string, string | null>) => subset.every((c) => r[c] !== null && r[c] !== 'NaN');
  const kept = options.dropna ? read.filter(complete) : read;
  const leftOut = options.dropna ? read.filter((r) => !complete(r)) : [];
  if (kept.length === 0) {
    throw new UserError(`Each of the ${read.length} rows read from table "${q.table}" has a NULL in a feature or the target: there is nothing to train on. Fill in the values, or let the generator add rows.`);
  }
  const rows = kept.map((r) => toRow(r, q, options.offerDropna ?? true));
  const ids = rows.map((r) => r.id);
  const provenance: PostgresProvenance = {
    source: 'postgres',
    host: q.host,
    port: q.port,
    database: q.database,
    user: q.user,
    table: q.table,
    orderBy: `${q.orderBy} DESC`,
    limit: q.limit,
    rows: rows.length,
    idRange: [minOf(ids), maxOf(ids)],
    query: sql.replace('$1', String(q.limit)),
    ...(leftOut.length > 0 ? {
      dropna: { method: 'pandas.DataFrame.dropna', subset, rows: leftOut.length, fromRows: read.length, ids: leftOut.slice(0, DROPNA_IDS_KEPT).map((r) => Number(r.id)) },
    } : {}),
  };
  return { csv: snapshotCsv(rows), provenance: { ...provenance } };
}

function checkColumns(fields: readonly { name: string; dataTypeID: number }[], q: ParsedPostgresUrl): void {
  const problem = irisColumnsProblem(fields, q.table);
  if (problem !== undefined) throw new UserError(`${problem} Point "table=" at such a table, or let the generator create one under a new name.`);
}

function toRow(r: Record<string, string | null>, q: ParsedPostgresUrl, offerDropna: boolean): SnapshotRow {
  const idText = r.id;
  const id = idText === null ? NaN : Number(idText);
  if (!Number.isSafeInteger(id)) throw new UserError(`Table "${q.table}" has a row whose id is ${idText}; ids must be whole numbers.`);
  const value = (c: string): number => {
    const text = r[c];
    if (text === null || text === 'NaN') {
      const base = `Row id ${id} of table "${q.table}" has no value (${text === null ? 'NULL' : 'NaN'}) in column ${c}`;
      throw offerDropna ? remedyError(base, dropnaRemedy('delete or fix that row')) : new UserError(`${base}. Delete or fix that row.`);
    }
    const v = Number(text);
    if (!Number.isFinite(v)) throw new UserError(`Row id ${id} of table "${q.table}" has ${text} in column ${c}, which scikit-learn cannot train on (not a finite number). Delete or fix that row.`);
    return v;
  };
  const target = value(TARGET_COLUMN);
  if (!Number.isInteger(target)) throw new UserError(`Row id ${id} of table "${q.table}" has target ${r[TARGET_COLUMN]}; the target must be a class number (0, 1, 2).`);
  return {
    id,
    timestamp: r.timestamp === null ? '' : isoTimestamp(r.timestamp),
    features: FEATURE_COLUMNS.map(value),
    target,
  };
}
