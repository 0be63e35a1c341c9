// PostgreSQL data source: reads the newest rows of a table (SELECT * FROM iris_data ORDER BY id DESC
// LIMIT 100, as the course's training script does) and returns them as data.csv text — every column,
// in table order — plus provenance for the manifest. Which columns are the features and how the
// labels are typed follows pandas' read_sql (tableColumns.ts). Identifiers are checked and quoted;
// values are parameters.
import { UserError, remedyError } from '../types';
import { dropnaRemedy } from '../datasets/labelColumn';
import type { DropnaRecord } from '../datasets/dataset';
import type { LabelType } from '../labels';
import { pythonFloat } from '../text/pythonFloat';
import { parsePostgresUrl, type ParsedPostgresUrl } from './connectionUrl';
import { withPostgresClient } from './connect';
import { formatNumber, isoTimestamp, quoteCsv, snapshotCsv } from './csvSnapshot';
import { GENERATOR_HINT } from './errors';
import { quoteIdentifier, quoteTableName } from './identifiers';
import { resolvePassword } from './password';
import { minOf, maxOf } from '../extremes';
import { DEFAULT_COLUMNS, isNumberKind, labelTypeOf, tableColumns, type ColumnChoice, type TableColumns } from './tableColumns';

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
  /** The labels' type as pandas types the label column (undefined when predict reads a table without one). */
  readonly labelType?: LabelType;
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

/** How a NULL in a feature or the target is met, and which columns are which. */
export interface SnapshotOptions {
  /** Leave such rows out (training's --dropna). */
  readonly dropna?: boolean;
  /** Name --dropna in the refusal (default true; predict has no such flag). */
  readonly offerDropna?: boolean;
  /**
   * Training's label column and columns left out (--target, --drop): every other column is a
   * feature and must hold numbers. Without it (predict, whose model knows its columns) the defaults
   * say which columns are checked for missing values, and a table without the label column is read.
   */
  readonly columns?: ColumnChoice;
}

/** Every column arrives as the server's text so numbers and timestamps are converted exactly once, here. */
const RAW_TEXT = { getTypeParser: () => (text: string) => text } as unknown as import('pg').CustomTypesConfig;

/** Rows with a NULL left out (dropna): the ids model.json keeps of them, at most this many. */
const DROPNA_IDS_KEPT = 20;

type RawRow = readonly (string | null)[];

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
    (client) => client.query({ text: sql, values: [q.limit], types: RAW_TEXT, rowMode: 'array' }),
  );
  const training = options.columns !== undefined;
  const cols = tableColumns(result.fields, q.table, options.columns ?? DEFAULT_COLUMNS, training);
  if (result.rows.length === 0) {
    throw new UserError(`Table "${q.table}" in database "${q.database}" at ${q.host}:${q.port} is empty: there is nothing to train on. ${GENERATOR_HINT}`);
  }
  const read: RawRow[] = result.rows;
  // The columns whose NULL (or float NaN) pandas' dropna() would see: the number features and the label.
  const subset = [...cols.features.filter((i) => isNumberKind(cols.kinds[i]!)), ...(cols.target >= 0 ? [cols.target] : [])];
  const isMissing = (r: RawRow, i: number) => r[i] === null || (r[i] === 'NaN' && cols.kinds[i] !== 'text');
  const complete = (r: RawRow) => subset.every((i) => !isMissing(r, i));
  const kept = options.dropna ? read.filter(complete) : read;
  const leftOut = options.dropna ? read.filter((r) => !complete(r)) : [];
  if (kept.length === 0) {
    throw new UserError(`Each of the ${read.length} rows read from table "${q.table}" has a NULL in a feature or the target: there is nothing to train on. Fill in the values, or let the generator add rows.`);
  }
  // An integer column with a NULL is float64 to pandas (NaN), and stays so once dropna() left the row out.
  const labelType = cols.target >= 0 ? labelTypeOf(cols.kinds[cols.target]!, leftOut.some((r) => isMissing(r, cols.target))) : undefined;
  const ids: number[] = [];
  const checked = new Set(subset);
  const rows = kept.map((r) => {
    const id = rowId(r, cols, q);
    ids.push(id);
    return rowCells(r, id, cols, checked, labelType, q, options.offerDropna ?? true);
  });
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
      dropna: {
        method: 'pandas.DataFrame.dropna', subset: subset.map((i) => cols.names[i]!), rows: leftOut.length, fromRows: read.length,
        ids: leftOut.slice(0, DROPNA_IDS_KEPT).map((r) => Number(r[cols.id])),
      },
    } : {}),
  };
  return { csv: snapshotCsv(cols.names, rows), provenance: { ...provenance }, ...(labelType !== undefined ? { labelType } : {}) };
}

function rowId(r: RawRow, cols: TableColumns, q: ParsedPostgresUrl): number {
  const idText = r[cols.id];
  const id = idText === null ? NaN : Number(idText);
  if (!Number.isSafeInteger(id)) throw new UserError(`Table "${q.table}" has a row whose id is ${idText}; ids must be whole numbers.`);
  return id;
}

/** A row's data.csv fields: number features checked and in shortest form, the label as pandas types it, the rest as sent. */
function rowCells(r: RawRow, id: number, cols: TableColumns, checked: ReadonlySet<number>, labelType: LabelType | undefined, q: ParsedPostgresUrl, offerDropna: boolean): string[] {
  const missing = (i: number): UserError => {
    const base = `Row id ${id} of table "${q.table}" has no value (${r[i] === null ? 'NULL' : 'NaN'}) in column ${cols.names[i]}`;
    return offerDropna ? remedyError(base, dropnaRemedy('delete or fix that row')) : new UserError(`${base}. Delete or fix that row.`);
  };
  const number = (i: number): number => {
    const text = r[i];
    const c = cols.names[i];
    if (text === null || text === 'NaN') throw missing(i);
    const v = Number(text);
    if (!Number.isFinite(v)) throw new UserError(`Row id ${id} of table "${q.table}" has ${text} in column ${c}, which scikit-learn cannot train on (not a finite number). Delete or fix that row.`);
    return v;
  };
  const label = (i: number): string => {
    const kind = cols.kinds[i]!;
    const c = cols.names[i]!;
    if (kind === 'text' || kind === 'bool') {
      if (r[i] === null) throw missing(i);
      if (kind === 'bool') return r[i] === 't' ? 'True' : 'False';
      if (r[i] === '') throw new UserError(`Row id ${id} of table "${q.table}" has an empty label in column ${c}. Fill it in or delete that row.`);
      return quoteCsv(r[i]!);
    }
    const v = number(i);
    if (!Number.isInteger(v)) throw new UserError(`Row id ${id} of table "${q.table}" has ${c} ${r[i]}; the ${c} must be a class number (0, 1, 2).`);
    // A float class is written as Python writes it (1.0), so that pandas reads data.csv as float64 too.
    return labelType === 'float' ? pythonFloat(v) : r[i]!;
  };
  return r.map((text, i) => {
    if (i === cols.target) return label(i);
    if (checked.has(i)) return formatNumber(number(i));
    if (text === null) return '';
    return quoteCsv(cols.kinds[i] === 'timestamp' ? isoTimestamp(text) : text);
  });
}
