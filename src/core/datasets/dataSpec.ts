// What the user typed as the data (`--data`, a setting, a command argument) → a DataSpec. Anything
// URL-shaped that carries a user name and password is refused without ever showing the password:
// a password typed as `POSTGRESQL://u:pw@…`, `mysql://u:pw@…`, ` postgres://…` or with a
// `#fragment` must not come back as "no such file: …pw…" on the screen, in a log or in CI output.
import { UserError } from '../types';
import type { DataSpec } from '../usecases/contracts';

/** scheme://user:password@ (or scheme:/… once a path resolver squashed the slashes), anywhere in the text. */
const CREDENTIAL_URL = /([a-z][a-z0-9+.-]*):\/\/?[^\s/?#@]*:[^@/]*@/i;
/** scheme:// at the start (after spaces): the text is a URL, not a file name. */
const URL_SHAPED = /^\s*([a-z][a-z0-9+.-]+):\/\//i;
const POSTGRES_URL = /^\s*postgres(ql)?:\/\//i;

const HOW_TO_GIVE_A_PASSWORD = 'give the password with the PGPASSWORD environment variable, a ~/.pgpass line or "Model Lab: Set Database Password…"';

/** The URL scheme of `text` when it holds a user:password@ part; undefined otherwise. */
export function credentialUrlScheme(text: string): string | undefined {
  return CREDENTIAL_URL.exec(text)?.[1];
}

/**
 * Throws a UserError when `text` contains a URL with a password (the password is never part of
 * the message). `what` names where the text came from, e.g. "--data".
 */
export function refuseCredentialUrl(text: string, what: string): void {
  const scheme = credentialUrlScheme(text);
  if (scheme === undefined) return;
  throw new UserError(
    `${what} holds a ${scheme.toLowerCase()}:// URL with a user name and password (not shown) — Model Lab never takes a password in a URL, ` +
      `where it would end up in shell history, settings and logs: remove it (postgres://USER@HOST:PORT/DATABASE?table=iris_data) and ${HOW_TO_GIVE_A_PASSWORD}`,
  );
}

/**
 * Parses a data spec: "iris", a PostgreSQL URL (any case, surrounding spaces ignored) or a CSV
 * path, made absolute with `resolvePath`. Throws UserError for a URL with a password and for a
 * URL of another kind of server (only PostgreSQL is read). `what` names the source in messages.
 */
export function parseDataSpec(text: string, resolvePath: (path: string) => string, what = '--data'): DataSpec {
  refuseCredentialUrl(text, what);
  if (text.trim() === 'iris') return { kind: 'iris' };
  if (POSTGRES_URL.test(text)) return { kind: 'postgres', spec: { url: text.trim() } };
  const url = URL_SHAPED.exec(text);
  if (url) {
    throw new UserError(`${what} is a ${url[1]!.toLowerCase()}:// URL — Model Lab reads CSV files, the built-in iris data and PostgreSQL (postgres://USER@HOST:PORT/DATABASE?table=iris_data)`);
  }
  return { kind: 'csv', path: resolvePath(text) };
}
