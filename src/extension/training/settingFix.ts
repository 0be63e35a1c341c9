// The one-click fix of a data error or warning whose remedy is a setting's whole value: the label
// column the message guesses ("is the label the last column, "Species"?") or the drop list with a
// row-number column added. The button sets it where the next run on that data reads it — the
// settings of the data file's workspace folder (.vscode/settings.json) — and runs the command again
// when there is one to run; otherwise it says the next run will use it.
import * as vscode from 'vscode';
import { UserError, type UserErrorDetail } from '../engine';
import type { Action } from '../ui/notifier';
import { remedySetting } from '../ui/vsCodeTerms';

/** What a fix does after the setting is set, and how it reports. */
export interface FixFollowUp {
  /** Runs the failed command again (with the data file when it had no arguments); absent for a warning. */
  readonly rerun?: (file: vscode.Uri | undefined) => unknown;
  readonly log: { line(text: string): void };
  readonly notify: { info(text: string): Promise<unknown>; error(e: unknown): Promise<unknown> };
}

/** Longest column name a button quotes whole (a header can hold anything). */
const MAX_SHOWN = 24;

/** The button that applies the remedy's proposed value, or undefined when it proposes none. */
export function settingFix(detail: UserErrorDetail | undefined, file: vscode.Uri | undefined, then: FixFollowUp): Action | undefined {
  const proposed = detail?.remedy?.proposed;
  const setting = remedySetting(detail);
  if (proposed === undefined || setting === undefined) return undefined;
  const column = typeof proposed === 'string' ? proposed : proposed[proposed.length - 1];
  if (column === undefined) return undefined;
  const shown = column.length > MAX_SHOWN ? `${column.slice(0, MAX_SHOWN - 1)}…` : column;
  const title = detail?.remedy?.option === 'drop' ? `Leave Out "${shown}"` : `Use "${shown}"`;
  return {
    title,
    run: async () => {
      const folder = file ? vscode.workspace.getWorkspaceFolder(file) : undefined;
      const key = setting.replace(/^modelLab\./, '');
      const where = folder ? `the settings of the folder "${folder.name}"` : "the workspace's settings";
      try {
        await vscode.workspace.getConfiguration('modelLab', folder?.uri)
          .update(key, proposed, folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
      } catch (e) {
        // VS Code's own words (a settings.json with errors, a read-only one): the user's to fix.
        void then.notify.error(new UserError(`could not set ${setting} in ${where}: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      then.log.line(`${setting} set to ${JSON.stringify(proposed)} in ${where}.`);
      if (then.rerun) await then.rerun(file);
      else void then.notify.info(`${setting} is now ${JSON.stringify(proposed)} in ${where}: the next training run uses it.`);
    },
  };
}
