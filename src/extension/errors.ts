// How failures reach the user: "Model Lab: <message>" as an error notification, the details in
// the Output channel. UserErrors are shown as they are; anything else is a bug and says so.
import * as vscode from 'vscode';
import { isUserError } from '../core/types';
import type { OutputLog } from './outputLog';

export function errorMessage(e: unknown): string {
  if (isUserError(e)) return e.message;
  if (e instanceof vscode.FileSystemError) return e.message;
  if (e instanceof Error) return `${e.message} (unexpected; details in the Output channel "Model Lab")`;
  return String(e);
}

export function showError(log: OutputLog, e: unknown): void {
  const message = errorMessage(e);
  log.line(`Error: ${message}`);
  if (!isUserError(e) && e instanceof Error && e.stack) log.line(e.stack);
  void vscode.window.showErrorMessage(`Model Lab: ${message}`);
}
