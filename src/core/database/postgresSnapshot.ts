// CONTRACT STUB — replaced by the real implementation (PostgreSQL data source).
export interface PostgresDataSpec {
  /** postgres://USER@HOST:PORT/DB?table=iris_data&limit=100&order=id — never with a password. */
  readonly url: string;
  /** From SecretStorage (extension) or undefined: then PGPASSWORD / pgpass apply. */
  readonly password?: string;
}

export interface DataSnapshot {
  /** The rows used, as data.csv is written (header line first, '\n' line ends). */
  readonly csv: string;
  /** What to record in the manifest (no password). */
  readonly provenance: Record<string, unknown>;
}

export async function fetchPostgresSnapshot(_spec: PostgresDataSpec, _signal?: AbortSignal): Promise<DataSnapshot> {
  throw new Error('not implemented');
}
