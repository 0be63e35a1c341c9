// The PostgreSQL commands: Set Database Password (kept in SecretStorage), Start and Stop Iris Data
// Generator (the controller lives in the context).
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { parsePostgresUrl, UserError } from '../engine';
import { errorMessage } from '../ui/notifier';
import { describeTarget, readDatabaseSettings, secretKey } from '../database/databaseSettings';

export async function setDatabasePassword(ctx: ModelLabContext): Promise<void> {
  const { url } = readDatabaseSettings((l) => ctx.log.line(l));
  let target;
  try {
    target = parsePostgresUrl(url);
  } catch (e) {
    throw new UserError(`${errorMessage(e)} (setting modelLab.database.url)`);
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
  void ctx.notify.info(`Stored the password for ${describeTarget(target)}.`);
}
