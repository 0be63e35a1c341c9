// Where the password comes from, in libpq's order after an explicit one: the password given by
// the caller (VS Code's SecretStorage), then PGPASSWORD, then the password file (PGPASSFILE or
// ~/.pgpass, lines host:port:database:user:password with * wildcards and \-escapes). pg's own
// pgpass support is deprecated, so the file is read here.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionTarget } from './connectionUrl';

export interface ResolvedPassword {
  readonly password: string | undefined;
  /** Where it came from, for messages (never the password itself). */
  readonly source: 'given' | 'PGPASSWORD' | 'pgpass' | 'none';
  /** Why a password file was not used, when that matters for an error message. */
  readonly note?: string;
}

export function passwordFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
}

/** Splits one pgpass line into its five fields, honouring \: and \\; undefined for comments and short lines. */
export function parsePgpassLine(line: string): string[] | undefined {
  if (line.trim() === '' || line.startsWith('#')) return undefined;
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
    } else if (c === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  fields.push(current);
  return fields.length === 5 ? fields : undefined;
}

/** The password of the first line that matches the target, as libpq picks it. */
export function findPgpassPassword(text: string, t: ConnectionTarget): string | undefined {
  const wanted = [t.host.startsWith('/') ? 'localhost' : t.host, String(t.port), t.database, t.user];
  for (const raw of text.split(/\r?\n/)) {
    const f = parsePgpassLine(raw);
    if (!f) continue;
    if (wanted.every((w, i) => f[i] === '*' || f[i] === w)) return f[4];
  }
  return undefined;
}

export function resolvePassword(
  given: string | undefined,
  target: ConnectionTarget,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedPassword {
  if (given !== undefined && given !== '') return { password: given, source: 'given' };
  if (env.PGPASSWORD !== undefined && env.PGPASSWORD !== '') return { password: env.PGPASSWORD, source: 'PGPASSWORD' };
  const file = passwordFilePath(env);
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { password: undefined, source: 'none', note: `${file} is not a plain file` };
    // libpq ignores a password file that others can read; do the same, and say so.
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      return { password: undefined, source: 'none', note: `${file} was ignored because others can read it (run chmod 600 ${file})` };
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return { password: undefined, source: 'none' };
  }
  const password = findPgpassPassword(text, target);
  return password === undefined
    ? { password: undefined, source: 'none', note: `${file} has no line for ${target.host}:${target.port}:${target.database}:${target.user}` }
    : { password, source: 'pgpass' };
}
