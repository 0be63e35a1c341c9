// Which failures of a PostgreSQL connection are an outage (the server restarts, the network blips)
// rather than a mistake to report: a long-running writer waits those out and tries again. Each
// outage is described in Model Lab's words; pg's and the server's raw texts never reach the user.

/** Why the connection is gone, in words for a one-line message ("lost the connection: …"). */
export type OutageReason =
  | 'the server shut down'
  | 'the server is starting up or shutting down'
  | 'the server refused the connection (is it running?)'
  | 'the connection was closed'
  | 'the server did not answer in time'
  | 'the server has too many connections'
  | 'the network cannot reach the server';

/** SQLSTATE → reason, for the server's own reports of a shutdown or overload. */
const SERVER_CODES: ReadonlyMap<string, OutageReason> = new Map(Object.entries({
  '57P01': 'the server shut down', // admin_shutdown (pg_ctl stop -m fast)
  '57P02': 'the server shut down', // crash_shutdown
  '57P03': 'the server is starting up or shutting down', // cannot_connect_now
  '53300': 'the server has too many connections',
  '57014': 'the server did not answer in time', // statement timeout: a lock held for long
} satisfies Record<string, OutageReason>));

/** Socket error codes → reason. */
const SOCKET_CODES: ReadonlyMap<string, OutageReason> = new Map(Object.entries({
  ECONNREFUSED: 'the server refused the connection (is it running?)',
  ECONNRESET: 'the connection was closed',
  EPIPE: 'the connection was closed',
  ENOTCONN: 'the connection was closed',
  ETIMEDOUT: 'the server did not answer in time',
  EHOSTUNREACH: 'the network cannot reach the server',
  ENETUNREACH: 'the network cannot reach the server',
  ENETDOWN: 'the network cannot reach the server',
  EAI_AGAIN: 'the network cannot reach the server',
} satisfies Record<string, OutageReason>));

/** pg's own messages for a connection that died or never answered (it gives them no code). */
const PG_CLOSED_TEXT = /Connection terminated|not queryable|Client was closed|Connection ended/i;
const PG_TIMEOUT_TEXT = /timeout expired|connection timeout|Query read timeout/i;

function codesOf(err: unknown, out: string[] = []): string[] {
  const e = err as { code?: unknown; errors?: unknown } | null | undefined;
  if (typeof e?.code === 'string') out.push(e.code);
  // Node reports a failed connect to a name with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  if (Array.isArray(e?.errors)) for (const inner of e.errors) codesOf(inner, out);
  return out;
}

/**
 * The outage behind a PostgreSQL failure, or undefined when the failure is not one (a wrong
 * password, a missing database, a refused privilege…): those do not heal by waiting.
 */
export function outageReason(err: unknown): OutageReason | undefined {
  const codes = codesOf(err);
  for (const c of codes) {
    const server = SERVER_CODES.get(c);
    if (server) return server;
    if (/^08[0-9A-Z]{3}$/.test(c)) return 'the connection was closed'; // class 08: connection exception
  }
  for (const c of codes) {
    const socket = SOCKET_CODES.get(c);
    if (socket) return socket;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (PG_CLOSED_TEXT.test(message)) return 'the connection was closed';
  if (PG_TIMEOUT_TEXT.test(message)) return 'the server did not answer in time';
  return undefined;
}
