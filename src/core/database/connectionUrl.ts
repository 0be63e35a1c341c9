// Parses postgres://USER@HOST:PORT/DB?table=iris_data&limit=100&order=id into the parts the
// data source and the generator need. A password in the URL is refused: URLs end up in
// settings, manifests and shell history; passwords belong in SecretStorage, PGPASSWORD or ~/.pgpass.
import { userInfo } from 'node:os';
import { UserError } from '../types';
import { checkIdentifier, checkTableName } from './identifiers';
import { refuseCredentialUrl } from '../datasets/dataSpec';

/** Where to connect (no password, ever). */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

/** What to read: the newest `limit` rows of `table` by `orderBy` (descending, as the course does). */
export interface SnapshotQuery {
  readonly table: string;
  readonly orderBy: string;
  readonly limit: number;
}

export interface ParsedPostgresUrl extends ConnectionTarget, SnapshotQuery {}

export const DEFAULT_TABLE = 'iris_data';

/** The table a URL reads (table=, else the default), for names and messages; no check of the URL (parsePostgresUrl does that). */
export function tableOfUrl(url: string): string {
  const m = /[?&]table=([^&]+)/.exec(url);
  return m ? decodeURIComponent(m[1]!) : DEFAULT_TABLE;
}
export const DEFAULT_ORDER_BY = 'id';
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1_000_000;
const ALLOWED_PARAMS = ['table', 'limit', 'order'];

/** Defaults as libpq takes them: PGHOST, PGPORT, PGUSER, PGDATABASE, then localhost:5432, the OS user, the user's name. */
export function connectionDefaults(env: NodeJS.ProcessEnv = process.env): ConnectionTarget {
  const user = env.PGUSER || safeOsUser() || 'postgres';
  return {
    host: env.PGHOST || 'localhost',
    port: env.PGPORT ? parsePort(env.PGPORT, 'PGPORT') : 5432,
    database: env.PGDATABASE || user,
    user,
  };
}

function safeOsUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

export function parsePort(text: string, where: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new UserError(`${where}: port ${JSON.stringify(text)} is not a number from 1 to 65535.`);
  }
  return Number(text);
}

export function parseLimit(text: string, where: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_LIMIT) {
    throw new UserError(`${where}: limit ${JSON.stringify(text)} must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return Number(text);
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UserError(`The connection URL has a badly percent-encoded ${what}.`);
  }
}

/** A URL shown back to the user with the password (if any) left out. */
function redacted(url: URL): string {
  const user = url.username ? `${url.username}@` : '';
  return `${url.protocol}//${user}${url.host}${url.pathname}${url.search}`;
}

export function parsePostgresUrl(text: string, env: NodeJS.ProcessEnv = process.env): ParsedPostgresUrl {
  const trimmed = text.trim();
  if (!/^postgres(ql)?:\/\//i.test(trimmed)) {
    refuseCredentialUrl(trimmed, 'The database URL'); // a mysql://u:pw@… must not be echoed, even redacted
    throw new UserError(
      `The database URL must start with postgres:// — for example postgres://postgres@localhost:5432/postgres?table=iris_data (got ${JSON.stringify(trimmed.replace(/:[^:@/]*@/, ':***@').slice(0, 80))}).`,
    );
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new UserError('The database URL could not be read. Write it as postgres://USER@HOST:PORT/DATABASE?table=iris_data.');
  }
  // The URL without any password (USER:PASSWORD@ or password=), for the refusals that say to remove it.
  const withoutPassword = (): string => {
    const clean = new URL(trimmed);
    clean.searchParams.delete('password');
    return redacted(clean);
  };
  if (url.password !== '' || /^[^/]*\/\/[^@/]*:[^@/]*@/.test(trimmed)) {
    const urlWithoutPassword = withoutPassword();
    throw new UserError(
      `The database URL contains a password. Remove it (${urlWithoutPassword}) and give the password with ` +
        `"Model Lab: Set Database Password…", the PGPASSWORD environment variable or a ~/.pgpass line.`,
      { urlWithoutPassword },
    );
  }
  // After the password checks, so that no message ever shows a password.
  if (trimmed.includes('#')) {
    throw new UserError(`The database URL ends in a fragment (${JSON.stringify(trimmed.slice(trimmed.indexOf('#')).slice(0, 40))}), which a database URL does not have — remove it: ${redacted(url)}.`);
  }
  const given = new Map<string, string[]>();
  for (const [key, value] of url.searchParams) given.set(key, [...(given.get(key) ?? []), value]);
  for (const key of url.searchParams.keys()) {
    if (key === 'password') {
      throw new UserError(
        'The database URL contains a password parameter. Remove it and give the password with ' +
          '"Model Lab: Set Database Password…", the PGPASSWORD environment variable or a ~/.pgpass line.',
        { urlWithoutPassword: withoutPassword() },
      );
    }
    if (!ALLOWED_PARAMS.includes(key)) {
      throw new UserError(`The database URL has an unknown parameter "${key}". Allowed: ${ALLOWED_PARAMS.join(', ')}.`);
    }
    // URLSearchParams.get takes the first of a repeated parameter and drops the others without a word.
    const values = given.get(key)!;
    if (values.length > 1) {
      const times = values.length === 2 ? 'twice' : `${values.length} times`;
      const shown = values.map((v) => `${key}=${v}`);
      throw new UserError(`The database URL gives the parameter "${key}" ${times} (${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}) — give it once.`);
    }
  }
  const defaults = connectionDefaults(env);
  const user = url.username ? decode(url.username, 'user name') : defaults.user;
  const host = url.hostname ? url.hostname.replace(/^\[(.*)\]$/, '$1') : defaults.host;
  const port = url.port ? parsePort(url.port, 'Database URL') : url.hostname ? 5432 : defaults.port;
  const path = url.pathname.replace(/^\//, '');
  if (path.includes('/')) throw new UserError(`The database URL path "${path}" must be just a database name.`);
  const database = path ? decode(path, 'database name') : url.hostname ? user : defaults.database;
  const table = url.searchParams.get('table') ?? DEFAULT_TABLE;
  checkTableName(table);
  const orderBy = checkIdentifier(url.searchParams.get('order') ?? DEFAULT_ORDER_BY, 'order column');
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : parseLimit(limitText, 'Database URL');
  return { host, port, database, user, table, orderBy, limit };
}

/** The URL form of a target (no password), for messages and settings. */
export function formatPostgresUrl(t: ConnectionTarget & Partial<SnapshotQuery>): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  const params: string[] = [];
  if (t.table !== undefined) params.push(`table=${t.table}`);
  if (t.limit !== undefined) params.push(`limit=${t.limit}`);
  if (t.orderBy !== undefined) params.push(`order=${t.orderBy}`);
  return `postgres://${encodeURIComponent(t.user)}@${host}:${t.port}/${encodeURIComponent(t.database)}${params.length ? '?' + params.join('&') : ''}`;
}
