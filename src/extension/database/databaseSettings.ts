// The modelLab.database.* and modelLab.generator.* settings, and where the password is kept:
// VS Code's SecretStorage, one entry per USER@HOST:PORT/DATABASE (never in settings).
import * as vscode from 'vscode';
import { errorMessage, type Action } from '../ui/notifier';
import { detailOf } from '../ui/vsCodeTerms';
import { parsePostgresUrl, type ConnectionTarget, type ParsedPostgresUrl, type PostgresDataSpec } from '../engine';
import { SettingError } from '../settings';
import type { SettingWarnings } from '../ui/settingWarnings';
import type { OutputLog } from '../ui/outputLog';
import { COMMAND_IDS } from '../contributions';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@localhost:5432/postgres?table=iris_data&limit=100&order=id';

export interface DatabaseSettings {
  /** postgres://USER@HOST:PORT/DB?table=iris_data&limit=100&order=id (no password). */
  url: string;
  /** Seconds between generated rows. */
  intervalSeconds: number;
  /** Empty: a new random sequence each run. */
  seed: string;
  /** Stop the generator after an outage this long (0: wait until stopped). */
  giveUpAfterSeconds: number;
  /** User setting only: send the password in clear text to a non-loopback server without TLS. */
  allowCleartextPassword: boolean;
}

export function readDatabaseSettings(warn: (line: string) => void): DatabaseSettings {
  const c = vscode.workspace.getConfiguration('modelLab');
  const url = c.get<unknown>('database.url');
  const interval = c.get<unknown>('generator.intervalSeconds');
  const seed = c.get<unknown>('generator.seed');
  const giveUp = c.get<unknown>('generator.giveUpAfterSeconds');
  const okInterval = typeof interval === 'number' && Number.isFinite(interval) && interval >= 0;
  if (interval !== undefined && !okInterval) {
    warn(`Setting modelLab.generator.intervalSeconds = ${JSON.stringify(interval)} is not valid: it takes a number of seconds >= 0 — using 1; change it in Settings, or remove it for the default 1`);
  }
  return {
    url: typeof url === 'string' && url.trim() !== '' ? url.trim() : DEFAULT_DATABASE_URL,
    intervalSeconds: okInterval ? interval : 1,
    seed: typeof seed === 'string' ? seed : seed === undefined || seed === null ? '' : String(seed),
    giveUpAfterSeconds: typeof giveUp === 'number' && Number.isFinite(giveUp) && giveUp >= 0 ? giveUp : 0,
    allowCleartextPassword: c.get<unknown>('database.allowCleartextPassword') === true,
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

const CONFIRMED_HOSTS_KEY = 'modelLab.confirmedDatabaseTargets';

/**
 * The password goes only to a server the user chose: a URL from the user's own settings, or one
 * from the workspace's settings that the user confirmed once for this user@host:port (a cloned
 * repository could otherwise point modelLab.database.url at its own server and receive the saved
 * password, PGPASSWORD or a wildcard ~/.pgpass line). `passwordSaved`: whether Model Lab has a
 * password stored for it (the question said "with your saved password?" when none was). False when
 * the user cancels: the command then stops as at any other Cancel, with one line in the Output
 * channel (`log`) and no error — an error toast contradicted the question's own advice ("cancel and
 * run Set Database Password").
 */
export async function confirmDatabaseTarget(
  url: string, globalState: vscode.Memento, passwordSaved: boolean, confirm: (question: string, detail: string, yes: string) => Promise<boolean>,
  log: (line: string) => void,
): Promise<boolean> {
  const inspected = vscode.workspace.getConfiguration('modelLab').inspect<string>('database.url');
  const fromWorkspace = [inspected?.workspaceFolderValue, inspected?.workspaceValue].some((v) => typeof v === 'string' && v.trim() !== '' && v.trim() === url);
  if (!fromWorkspace) return true;
  const target = parsePostgresUrl(url);
  const key = `${target.user}@${target.host}:${target.port}`;
  const confirmed = globalState.get<string[]>(CONFIRMED_HOSTS_KEY) ?? [];
  if (confirmed.includes(key)) return true;
  const where = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const trust = 'only if you trust it; you are asked once per server.';
  const yes = await confirm(
    passwordSaved ? `Connect to ${where} as ${target.user} with your saved password?` : `Connect to ${where} as ${target.user}? No password is saved for it.`,
    passwordSaved
      ? `This workspace's settings (modelLab.database.url) name this database server. Model Lab sends it your password for ${target.user} (from its secret storage, PGPASSWORD or ~/.pgpass) ${trust}`
      : `This workspace's settings (modelLab.database.url) name this database server. Model Lab has no password saved for ${describeTarget(target)}: if the server asks for one, it sends PGPASSWORD or a matching ~/.pgpass line if you have them, else the server refuses. To save one first, cancel and run "Model Lab: Set Database Password…". Connect ${trust}`,
    'Connect',
  );
  if (!yes) {
    log(`Cancelled: not connecting to ${where} (named by this workspace's modelLab.database.url); you are asked again next time.`);
    return false;
  }
  await globalState.update(CONFIRMED_HOSTS_KEY, [...confirmed, key]);
  return true;
}

/** What the train use case needs for DataSpec {kind:'postgres'}: the URL from the settings and the stored password. */
export async function postgresDataSpecFromSettings(secrets: vscode.SecretStorage, warn: (line: string) => void): Promise<PostgresDataSpec> {
  const { url } = readDatabaseSettings(warn);
  const allowCleartextPassword = vscode.workspace.getConfiguration('modelLab').get<unknown>('database.allowCleartextPassword') === true;
  return { url, password: await readDatabasePassword(secrets, url), ...(allowCleartextPassword ? { allowCleartextPassword } : {}) };
}

/**
 * modelLab.database.url that cannot be used, as a SettingError naming it; `consequence` says what
 * happens meanwhile (", so … leave the database out"). A URL holding a password is said as that, with
 * the way to set it; the password itself is never part of the message.
 */
export function databaseUrlError(e: unknown, consequence = ''): SettingError {
  const withoutPassword = detailOf(e)?.urlWithoutPassword;
  if (withoutPassword !== undefined) {
    return new SettingError(`Setting modelLab.database.url holds a password${consequence}: remove the password from the URL (${withoutPassword}) and set it with "Model Lab: Set Database Password…", which keeps it in VS Code's secret storage, not in a settings file`, SETTING);
  }
  const message = errorMessage(e);
  return new SettingError(`Setting modelLab.database.url is not valid${consequence}: ${message[0]!.toLowerCase()}${message.slice(1)}${message.endsWith('.') ? '' : '.'} Change it in Settings.`, SETTING);
}

const SETTING = 'modelLab.database.url';

/** The button that runs "Model Lab: Set Database Password…". */
export const SET_DATABASE_PASSWORD: Action = { title: 'Set Database Password', run: () => vscode.commands.executeCommand(COMMAND_IDS.setDatabasePassword) };

/** The parts of the URL the settings name; a SettingError naming modelLab.database.url when it cannot be used. */
export function parseDatabaseUrlSetting(url: string): ParsedPostgresUrl {
  try {
    return parsePostgresUrl(url);
  } catch (e) {
    throw databaseUrlError(e);
  }
}

/**
 * The database to offer in the data choice: only once the user has set modelLab.database.url
 * (a default URL alone would put a server nobody runs in front of every training). A URL that
 * cannot be used is left out, with a warning naming the setting (once per value): it was left out
 * with only a line in the Output channel, which never opens by itself.
 */
export function databaseOffer(ctx: { readonly log: OutputLog; readonly settingWarnings: SettingWarnings }): { url: string; label: string } | undefined {
  const inspected = vscode.workspace.getConfiguration('modelLab').inspect<string>('database.url');
  const configured = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim() !== '');
  if (!configured) return undefined;
  const { url } = readDatabaseSettings((w) => ctx.log.warn(w));
  try {
    const target = parsePostgresUrl(url);
    return { url, label: `Database table "${target.table}" at ${describeTarget(target)}` };
  } catch (e) {
    const error = databaseUrlError(e, ', so Train and Tune leave the database out');
    const setPassword = detailOf(e)?.urlWithoutPassword !== undefined
      ? [SET_DATABASE_PASSWORD] : [];
    ctx.settingWarnings.warn(SETTING, url, error.message, ...setPassword);
    return undefined;
  }
}
