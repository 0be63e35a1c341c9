// The modelLab.database.* and modelLab.generator.* settings, and where the password is kept:
// VS Code's SecretStorage, one entry per USER@HOST:PORT/DATABASE (never in settings).
import * as vscode from 'vscode';
import { errorMessage } from '../ui/notifier';
import { parsePostgresUrl, type ConnectionTarget, type PostgresDataSpec } from '../engine';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@localhost:5432/postgres?table=iris_data&limit=100&order=id';

export interface DatabaseSettings {
  /** postgres://USER@HOST:PORT/DB?table=iris_data&limit=100&order=id (no password). */
  url: string;
  /** Seconds between generated rows. */
  intervalSeconds: number;
  /** Empty: a new random sequence each run. */
  seed: string;
}

export function readDatabaseSettings(warn: (line: string) => void): DatabaseSettings {
  const c = vscode.workspace.getConfiguration('modelLab');
  const url = c.get<unknown>('database.url');
  const interval = c.get<unknown>('generator.intervalSeconds');
  const seed = c.get<unknown>('generator.seed');
  const okInterval = typeof interval === 'number' && Number.isFinite(interval) && interval >= 0;
  if (interval !== undefined && !okInterval) warn(`Setting modelLab.generator.intervalSeconds = ${JSON.stringify(interval)} is not valid; using 1.`);
  return {
    url: typeof url === 'string' && url.trim() !== '' ? url.trim() : DEFAULT_DATABASE_URL,
    intervalSeconds: okInterval ? interval : 1,
    seed: typeof seed === 'string' ? seed : seed === undefined || seed === null ? '' : String(seed),
  };
}

export function secretKey(t: ConnectionTarget): string {
  return `modelLab.database.password:${t.user}@${t.host}:${t.port}/${t.database}`;
}

export function describeTarget(t: ConnectionTarget): string {
  return `${t.user}@${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}/${t.database}`;
}

/** The stored password for the database of `url`, or undefined (then PGPASSWORD / ~/.pgpass apply). */
export async function readDatabasePassword(secrets: vscode.SecretStorage, url: string): Promise<string | undefined> {
  return (await secrets.get(secretKey(parsePostgresUrl(url)))) || undefined;
}

/** What the train use case needs for DataSpec {kind:'postgres'}: the URL from the settings and the stored password. */
export async function postgresDataSpecFromSettings(secrets: vscode.SecretStorage, warn: (line: string) => void): Promise<PostgresDataSpec> {
  const { url } = readDatabaseSettings(warn);
  return { url, password: await readDatabasePassword(secrets, url) };
}

/**
 * The database to offer in the data choice: only once the user has set modelLab.database.url
 * (a default URL alone would put a server nobody runs in front of every training).
 */
export function databaseOffer(warn: (line: string) => void): { url: string; label: string } | undefined {
  const inspected = vscode.workspace.getConfiguration('modelLab').inspect<string>('database.url');
  const configured = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim() !== '');
  if (!configured) return undefined;
  const { url } = readDatabaseSettings(warn);
  try {
    const target = parsePostgresUrl(url);
    return { url, label: `Database table "${target.table}" at ${describeTarget(target)}` };
  } catch (e) {
    warn(`modelLab.database.url is not usable: ${errorMessage(e)}`);
    return undefined;
  }
}
