// Turns what `pg` and the server report into UserErrors that say what went wrong and what to do.
// Passwords are never part of a message.
import { UserError, remedyError } from '../types';
import type { ConnectionTarget } from './connectionUrl';
import type { ResolvedPassword } from './password';

export interface ErrorContext {
  readonly target: ConnectionTarget;
  readonly table?: string;
  readonly orderBy?: string;
  readonly password: ResolvedPassword;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly phase: 'connect' | 'query';
}

/** Thrown by the password callback when the server asks for a password and none was found. */
export class MissingPasswordError extends Error {
  constructor() {
    super('no password');
    this.name = 'MissingPasswordError';
  }
}

const HOW_TO_SET_PASSWORD =
  'Set it with "Model Lab: Set Database Password…" (in VS Code), the PGPASSWORD environment variable, or a ~/.pgpass line HOST:PORT:DATABASE:USER:PASSWORD (chmod 600).';

export const GENERATOR_HINT = 'Start "Model Lab: Start Iris Data Generator" or run `model-lab generate` to create and fill it.';

/**
 * An error fixed in the database URL: `fix` says it as the CLI does ("… in the database URL", where
 * the user typed it); a front end with settings names its setting instead (detail.remedy).
 */
function urlError(base: string, fix: string): UserError {
  return remedyError(base, { option: 'database-url', text: fix, settingText: fix.replace(/the database URL|the URL/, '{option}') }, {}, ' ');
}

function where(t: ConnectionTarget): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `${host}:${t.port}`;
}

function passwordSourceText(p: ResolvedPassword): string {
  switch (p.source) {
    case 'given': return 'the password stored with "Model Lab: Set Database Password…"';
    case 'PGPASSWORD': return 'the password from PGPASSWORD';
    case 'pgpass': return 'the password from the password file';
    default: return 'no password';
  }
}

/** True when `err` (or one of the errors it gathers) carries this PostgreSQL SQLSTATE or Node error code. */
export function hasErrorCode(err: unknown, code: string): boolean {
  return codes(err).includes(code);
}

function codes(err: unknown): string[] {
  const out: string[] = [];
  const e = err as { code?: unknown; errors?: unknown };
  if (typeof e?.code === 'string') out.push(e.code);
  if (Array.isArray(e?.errors)) for (const inner of e.errors) out.push(...codes(inner));
  return out;
}

export function mapPostgresError(err: unknown, ctx: ErrorContext): Error {
  if (err instanceof UserError) return err;
  const t = ctx.target;
  const message = err instanceof Error ? err.message : String(err);
  const all = codes(err);
  const has = (c: string) => all.includes(c);
  const table = ctx.table ?? 'the table';
  if (err instanceof MissingPasswordError || /password must be a string/.test(message)) {
    const note = ctx.password.note ? ` (${ctx.password.note})` : '';
    return new UserError(`PostgreSQL at ${where(t)} asks for the password of user "${t.user}" and none was found${note}. ${HOW_TO_SET_PASSWORD}`, { setPassword: true });
  }
  if (has('ECONNREFUSED')) {
    return urlError(`Could not connect to PostgreSQL at ${where(t)}: connection refused.`, 'Check that the server is running and listens on that host and port, or fix the host/port in the database URL.');
  }
  if (has('ENOTFOUND') || has('EAI_AGAIN')) {
    return urlError(`Could not connect to PostgreSQL: the host name "${t.host}" was not found.`, 'Fix the host in the database URL.');
  }
  if (has('EHOSTUNREACH') || has('ENETUNREACH')) {
    return urlError(`Could not connect to PostgreSQL at ${where(t)}: the host cannot be reached.`, 'Check the host in the database URL and the network.');
  }
  if (ctx.phase === 'connect' && /timeout expired|connection timeout|ETIMEDOUT/i.test(message + all.join(' '))) {
    return new UserError(
      `PostgreSQL at ${where(t)} did not answer within ${ctx.connectTimeoutMs / 1000} s. Check that the host and port are those of a PostgreSQL server and that it is not overloaded.`,
    );
  }
  if (has('28P01')) {
    return new UserError(
      `PostgreSQL at ${where(t)} refused ${passwordSourceText(ctx.password)} for user "${t.user}" (wrong password). ${HOW_TO_SET_PASSWORD}`,
      { setPassword: true },
    );
  }
  if (has('28000')) {
    return new UserError(
      `PostgreSQL at ${where(t)} does not let user "${t.user}" connect to database "${t.database}" (${message}). Check the user name, or ask the administrator to allow it in pg_hba.conf.`,
    );
  }
  if (has('3D000')) {
    return urlError(`PostgreSQL at ${where(t)} has no database "${t.database}".`, `Fix the database name in the URL, or create it (createdb ${t.database}).`);
  }
  if (has('42P01') || has('3F000')) {
    return new UserError(`Database "${t.database}" at ${where(t)} has no table "${table}" (names are case-sensitive). ${GENERATOR_HINT}`);
  }
  if (has('42703') && ctx.orderBy !== undefined) {
    return urlError(`Table "${table}" has no column "${ctx.orderBy ?? ''}" to order by.`, 'Fix "order=" in the database URL (the course uses order=id).');
  }
  if (has('42501')) {
    return new UserError(`User "${t.user}" may not read or change table "${table}" in database "${t.database}": ${message}. Ask for the privilege or use another user.`);
  }
  if (has('57014')) {
    return new UserError(
      `Reading "${table}" from ${where(t)}/${t.database} took longer than ${ctx.statementTimeoutMs / 1000} s and was stopped. Is the table locked by another session, or very large? Lower "limit=" or try again.`,
    );
  }
  if (has('57P01') || has('57P03') || /Connection terminated/i.test(message)) {
    return new UserError(`The connection to PostgreSQL at ${where(t)} was closed by the server (${message}). Check the server and try again.`);
  }
  return new UserError(`PostgreSQL at ${where(t)}/${t.database}: ${message}`);
}
