// The course's iris_data table: what the generator creates and what the data source expects.
import { quoteTableName } from './identifiers';

export const FEATURE_COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
export const TARGET_COLUMN = 'target';
/** Columns of a snapshot, in data.csv order. */
export const SNAPSHOT_COLUMNS = ['id', 'timestamp', ...FEATURE_COLUMNS, TARGET_COLUMN] as const;

export const IRIS_SCHEMA_TEXT =
  'id SERIAL PRIMARY KEY, timestamp timestamp, sepal_length float8, sepal_width float8, petal_length float8, petal_width float8, target int';

export function createIrisTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteTableName(table)} (
    id SERIAL PRIMARY KEY,
    timestamp timestamp,
    sepal_length float8,
    sepal_width float8,
    petal_length float8,
    petal_width float8,
    target int
  )`;
}

/**
 * NOW() as the course does: the server's clock, in the session's time zone. Returns the new row's
 * id and timestamp (as text) and its transaction's id (xid, as text), so that a COMMIT whose answer
 * is lost can be settled later by finding the row.
 */
export function insertIrisRowSql(table: string): string {
  return `INSERT INTO ${quoteTableName(table)} (timestamp, sepal_length, sepal_width, petal_length, petal_width, target)
    VALUES (NOW(), $1, $2, $3, $4, $5) RETURNING id, timestamp::text AS ts, txid_current()::text AS xid`;
}
