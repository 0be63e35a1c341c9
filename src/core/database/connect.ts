// Opens one pg Client with timeouts and cancellation, runs a function with it, and always closes it.
// Every failure comes out as a UserError (see errors.ts) or, when the signal fired, an AbortError.
// The password is only handed to pg once the server has said how it wants it: a clear-text request
// over the network without TLS is refused (cleartextPassword.ts) unless the user allowed it.
import type { Socket } from 'node:net';
import type pg from 'pg';
import type { ConnectionTarget } from './connectionUrl';
import { mapPostgresError, MissingPasswordError, type ErrorContext } from './errors';
import type { ResolvedPassword } from './password';
import { abortError, isAbortError } from '../abort';
import { cleartextPasswordError, type PasswordMethod } from './cleartextPassword';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

export interface SessionOptions {
  readonly target: ConnectionTarget;
  readonly password: ResolvedPassword;
  readonly connectTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Send the password even when the server asks for it in clear text over an unencrypted,
   * non-loopback connection (CLI --allow-cleartext-password). Default: refuse.
   */
  readonly allowCleartextPassword?: boolean;
  /** For messages about missing tables/columns. */
  readonly table?: string;
  readonly orderBy?: string;
}

/**
 * pg, loaded when a client is first made. Loading pg probes for a Cloudflare Workers runtime by
 * making a fetch Response, which loads node's fetch implementation: ~20 ms at every start of the
 * CLI and of the extension's engine, also when no database is used.
 */
function pgModule(): typeof pg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (esbuild bundles it in place)
  return require('pg') as typeof pg;
}

/** The AbortError of a cancelled PostgreSQL operation. */
function postgresAbortError(signal: AbortSignal): Error {
  return isAbortError(signal.reason) ? (signal.reason as Error) : abortError(undefined, 'The PostgreSQL operation was cancelled.');
}

/** pg's authentication requests (Connection events) and the method each one means. */
const AUTH_EVENTS: readonly [string, PasswordMethod][] = [
  ['authenticationCleartextPassword', 'cleartext'],
  ['authenticationMD5Password', 'md5'],
  ['authenticationSASL', 'scram'],
];

/**
 * A pg Client for the target with Model Lab's settings (timeouts, application name, the password
 * handed over only once the server has asked for it — and never in clear text over the network
 * without TLS unless allowed); not connected yet. Throws nothing itself.
 */
export function createPostgresClient(options: SessionOptions): pg.Client {
  const known = options.password.password;
  const client = new (pgModule().Client)({
    host: options.target.host,
    port: options.target.port,
    database: options.target.database,
    user: options.target.user,
    // A function, so pg neither reads PGPASSWORD nor its deprecated pgpass support on its own,
    // and is only asked when the server wants a password.
    password: async () => {
      const refusal = cleartextPasswordError({
        method: asked ?? 'cleartext', // unknown: judge it as the worst case
        host: options.target.host,
        port: options.target.port,
        remoteAddress: stream()?.remoteAddress,
        tls: stream()?.encrypted === true,
      }, options.allowCleartextPassword === true);
      if (refusal !== undefined) throw refusal;
      if (known === undefined) throw new MissingPasswordError();
      return known;
    },
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    application_name: 'model-lab',
  });
  // pg emits the server's authentication request on its Connection and only then asks for the
  // password; a listener placed before pg's own (prepended) records which method was asked for.
  let asked: PasswordMethod | undefined;
  for (const [event, method] of AUTH_EVENTS) client.connection.prependListener(event, () => { asked = method; });
  const stream = () => client.connection.stream as (Socket & { encrypted?: boolean }) | undefined;
  return client;
}

/**
 * Connects with `options`, runs `use` with the client and closes it. Throws a UserError for every
 * failure (including a refused clear-text password request), an AbortError when cancelled.
 */
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
