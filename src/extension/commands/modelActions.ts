// The buttons a notification offers on what a command just wrote: its results, or the file in the
// Explorer. One definition each, so Train, Import and the exports offer the same ones.
import * as vscode from 'vscode';
import type { Action } from '../ui/notifier';
import { COMMAND_IDS } from '../contributions';

/** "Show Results": the model folder's results tab (Validate Saved Model). */
export function showResultsAction(modelUri: vscode.Uri): Action {
  return { title: 'Show Results', run: () => vscode.commands.executeCommand(COMMAND_IDS.showResults, modelUri) };
}

/** "Reveal in Explorer": the written file or folder, selected in the Explorer. */
export function revealInExplorerAction(uri: vscode.Uri): Action {
  return { title: 'Reveal in Explorer', run: () => vscode.commands.executeCommand('revealInExplorer', uri) };
}
