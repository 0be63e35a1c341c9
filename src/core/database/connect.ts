// Opens one pg Client with timeouts and cancellation, runs a function with it, and always closes it.
// Every failure comes out as a UserError (see errors.ts) or, when the signal fired, an AbortError.
import pg from 'pg';
import type { ConnectionTarget } from './connectionUrl';
import { mapPostgresError, MissingPasswordError, type ErrorContext } from './errors';
import type { ResolvedPassword } from './password';
import { abortError, isAbortError } from '../abort';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

export interface SessionOptions {
  readonly target: ConnectionTarget;
  readonly password: ResolvedPassword;
  readonly connectTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** For messages about missing tables/columns. */
  readonly table?: string;
  readonly orderBy?: string;
}

/** The AbortError of a cancelled PostgreSQL operation. */
function postgresAbortError(signal: AbortSignal): Error {
  return isAbortError(signal.reason) ? (signal.reason as Error) : abortError(undefined, 'The PostgreSQL operation was cancelled.');
}

/**
 * A pg Client for the target with Model Lab's settings (timeouts, application name, the password
 * asked for only when the server wants one); not connected yet. Throws nothing.
 */
export function createPostgresClient(options: SessionOptions): pg.Client {
  const known = options.password.password;
  return new pg.Client({
    host: options.target.host,
    port: options.target.port,
    database: options.target.database,
    user: options.target.user,
    // A function, so pg neither reads PGPASSWORD nor its deprecated pgpass support on its own,
    // and is only asked when the server wants a password.
    password: async () => {
      if (known === undefined) throw new MissingPasswordError();
      return known;
    },
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    application_name: 'model-lab',
  });
}

export async function withPostgresClient<T>(options: SessionOptions, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) throw postgresAbortError(signal);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const ctx: { -readonly [K in keyof ErrorContext]: ErrorContext[K] } = {
    target: options.target,
    table: options.table,
    orderBy: options.orderBy,
    password: options.password,
    connectTimeoutMs,
    statementTimeoutMs,
    phase: 'connect',
  };
  const client = createPostgresClient(options);
  // Errors after connect (server shutdown) arrive as events; without a listener they would crash the process.
  client.on('error', () => undefined);
  const onAbort = () => {
    void client.end().catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    ctx.phase = 'query';
    return await use(client);
  } catch (err) {
    if (signal?.aborted) throw postgresAbortError(signal);
    throw mapPostgresError(err, ctx);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}
