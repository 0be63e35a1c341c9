// The course's iris_data table: what the generator creates and what the data source expects.
import { quoteTableName } from './identifiers';
import { columnKind, isNumberKind } from './tableColumns';

export const FEATURE_COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
export const TARGET_COLUMN = 'target';
/** The columns of the course's table (a snapshot holds every column of the table it reads). */
export const SNAPSHOT_COLUMNS = ['id', 'timestamp', ...FEATURE_COLUMNS, TARGET_COLUMN] as const;

export const IRIS_SCHEMA_TEXT =
  'id SERIAL PRIMARY KEY, timestamp timestamp, sepal_length float8, sepal_width float8, petal_length float8, petal_width float8, target int';

const TIME_TYPES = new Set([1082, 1114, 1184]); // date, timestamp, timestamptz

/**
 * What keeps a table's columns (as the server describes a query's fields) from being the course's
 * iris table — the sentence, for the caller to add its remedy to — or undefined when they are.
 */
export function irisColumnsProblem(fields: readonly { name: string; dataTypeID: number }[], table: string): string | undefined {
  const types = new Map(fields.map((f) => [f.name, f.dataTypeID]));
  const missing = SNAPSHOT_COLUMNS.filter((c) => !types.has(c));
  if (missing.length > 0) {
    return `Table "${table}" lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it has ${[...types.keys()].join(', ')}). Model Lab reads the course's iris table: ${IRIS_SCHEMA_TEXT}.`;
  }
  const wrong: string[] = [];
  for (const c of [...FEATURE_COLUMNS, TARGET_COLUMN, 'id']) {
    if (!isNumberKind(columnKind(types.get(c)!))) wrong.push(`${c} is not a number column`);
  }
  if (!TIME_TYPES.has(types.get('timestamp')!)) wrong.push('timestamp is not a timestamp column');
  return wrong.length > 0 ? `Table "${table}" has columns of the wrong type: ${wrong.join('; ')}. Expected: ${IRIS_SCHEMA_TEXT}.` : undefined;
}

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
