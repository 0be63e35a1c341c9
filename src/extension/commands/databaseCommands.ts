// The PostgreSQL commands: Set Database Password (kept in SecretStorage), Start and Stop Iris Data
// Generator (the controller lives in the context).
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { parsePostgresUrl } from '../engine';
import { detailOf } from '../ui/vsCodeTerms';
import { openSettingsAction } from '../ui/settingWarnings';
import { databaseUrlError, describeTarget, readDatabaseSettings, secretKey } from '../database/databaseSettings';

export async function setDatabasePassword(ctx: ModelLabContext): Promise<void> {
  const { url } = readDatabaseSettings((l) => ctx.log.line(l));
  let target;
  /** A URL that holds the password: the password is stored for its server all the same, then the URL is to be cleaned. */
  let withoutPassword: string | undefined;
  try {
    target = parsePostgresUrl(url);
  } catch (e) {
    withoutPassword = detailOf(e)?.urlWithoutPassword;
    if (withoutPassword === undefined) throw databaseUrlError(e);
    target = parsePostgresUrl(withoutPassword);
  }
  const key = secretKey(target);
  const had = (await ctx.secrets.get(key)) !== undefined;
  const value = await vscode.window.showInputBox({
    title: `Database password for ${describeTarget(target)}`,
    prompt: `Kept in VS Code's secret storage for ${describeTarget(target)} (modelLab.database.url).` + (had ? ' Leave empty to remove the stored password.' : ''),
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return;
  if (value === '') {
    if (had) {
      await ctx.secrets.delete(key);
      void ctx.notify.info(`Removed the stored password for ${describeTarget(target)}; PGPASSWORD or ~/.pgpass apply now.`);
    }
    return;
  }
  await ctx.secrets.store(key, value);
  ctx.log.line(`Stored the database password for ${describeTarget(target)}.`);
  if (withoutPassword !== undefined) {
    void ctx.notify.warn(`Stored the password for ${describeTarget(target)}. Now remove it from the setting modelLab.database.url too: ${withoutPassword}`, openSettingsAction('modelLab.database.url'));
  } else {
    void ctx.notify.info(`Stored the password for ${describeTarget(target)}.`);
  }
}
