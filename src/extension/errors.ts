// How failures reach the user: "Model Lab: <message>" as an error notification, the details in
// the Output channel. UserErrors are shown as they are; anything else is a bug and says so.
import * as vscode from 'vscode';
import { UserError } from './engine';
import type { OutputLog } from './outputLog';

export function errorMessage(e: unknown): string {
  if (e instanceof UserError) return e.message;
  if (e instanceof vscode.FileSystemError) return e.message;
  if (e instanceof Error) return e.name === 'UserError' ? e.message : `${e.message} (unexpected; details in the Output channel "Model Lab")`;
  return String(e);
}

export function showError(log: OutputLog, e: unknown): void {
  const message = errorMessage(e);
  log.line(`Error: ${message}`);
  if (e instanceof Error && !(e instanceof UserError) && e.stack) log.line(e.stack);
  void vscode.window.showErrorMessage(`Model Lab: ${message}`);
}
