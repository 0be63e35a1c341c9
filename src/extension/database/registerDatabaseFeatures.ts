// VS Code glue for the PostgreSQL features: the password command and the iris data generator.
import * as vscode from 'vscode';
import { parsePostgresUrl } from '../../core/database/connectionUrl';
import { describeTarget, readDatabaseSettings, secretKey } from './databaseSettings';
import { IrisGeneratorController, START_COMMAND, STOP_COMMAND } from './irisGeneratorController';

export const SET_PASSWORD_COMMAND = 'modelLab.setDatabasePassword';

let controller: IrisGeneratorController | undefined;

export function registerDatabaseFeatures(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  controller = new IrisGeneratorController(context.secrets, output);
  const generator = controller;
  context.subscriptions.push(
    generator,
    vscode.commands.registerCommand(SET_PASSWORD_COMMAND, () => setDatabasePassword(context.secrets, output)),
    vscode.commands.registerCommand(START_COMMAND, () => generator.start()),
    vscode.commands.registerCommand(STOP_COMMAND, () => generator.stop()),
  );
}

/** Await from deactivate(): stops a running generator and closes its connection. */
export async function stopDatabaseFeatures(): Promise<void> {
  await controller?.shutdown();
}

async function setDatabasePassword(secrets: vscode.SecretStorage, output: vscode.OutputChannel): Promise<void> {
  const { url } = readDatabaseSettings((l) => output.appendLine(l));
  let target;
  try {
    target = parsePostgresUrl(url);
  } catch (e) {
    void vscode.window.showErrorMessage(`Model Lab: ${(e as Error).message} (setting modelLab.database.url)`);
    return;
  }
  const key = secretKey(target);
  const had = (await secrets.get(key)) !== undefined;
  const value = await vscode.window.showInputBox({
    title: `Database password for ${describeTarget(target)}`,
    prompt: `Kept in VS Code's secret storage for ${describeTarget(target)} (modelLab.database.url).` + (had ? ' Leave empty to remove the stored password.' : ''),
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return;
  if (value === '') {
    if (had) {
      await secrets.delete(key);
      void vscode.window.showInformationMessage(`Model Lab: removed the stored password for ${describeTarget(target)}; PGPASSWORD or ~/.pgpass apply now.`);
    }
    return;
  }
  await secrets.store(key, value);
  output.appendLine(`Stored the database password for ${describeTarget(target)}.`);
  void vscode.window.showInformationMessage(`Model Lab: stored the password for ${describeTarget(target)}.`);
}
