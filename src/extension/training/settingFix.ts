// The one-click fix of a data error or warning whose remedy is a setting's whole value: the label
// column the message guesses ("is the label the last column, "Species"?") or the drop list with a
// row-number column added. It is set where the next run on that data reads it — the settings of the
// data file's workspace folder (.vscode/settings.json). A label column is set for that file alone
// (modelLab.labelColumns): the folder's other files keep theirs. Offered as a notification button (which
// then runs the command again, when there is one to run) and as the Quick Fix of the diagnostic on
// the CSV's line (dataProblems.ts).
import * as vscode from 'vscode';
import { UserError, type UserErrorDetail } from '../engine';
import type { Action } from '../ui/notifier';
import { remedySetting } from '../ui/vsCodeTerms';
import { labelColumnsKey } from '../settings';

/** What a fix does after the setting is set, and how it reports. */
export interface FixFollowUp {
  /** Runs the failed command again (with the data file when it had no arguments); absent for a warning. */
  readonly rerun?: (file: vscode.Uri | undefined) => unknown;
  /** Offered with "the next training run uses it" when there is no rerun (Train Again). */
  readonly again?: Action;
  readonly log: { line(text: string): void };
  readonly notify: { info(text: string, ...actions: Action[]): Promise<unknown>; error(e: unknown): Promise<unknown> };
}

/** A setting's value that a remedy proposes. */
export interface ProposedFix {
  /** modelLab.targetColumn, modelLab.dropColumns, modelLab.dropna. */
  readonly setting: string;
  readonly value: string | readonly string[] | boolean;
  /** A button's words: Use "Species", Leave Out "Id". */
  readonly title: string;
  /** A Quick Fix's words, which also name the setting. */
  readonly longTitle: string;
  /** modelLab.labelColumns: the data file's key, whose entry is set to `value` (the others kept). */
  readonly forFile?: string;
}

/** Longest column name a button quotes whole (a header can hold anything). */
const MAX_SHOWN = 24;

/** The fix a remedy proposes for the data `file`, or undefined when it proposes none. */
export function proposedFix(detail: UserErrorDetail | undefined, file: vscode.Uri | undefined): ProposedFix | undefined {
  const value = detail?.remedy?.proposed;
  const setting = remedySetting(detail);
  if (value === undefined || setting === undefined) return undefined;
  if (typeof value === 'boolean') {
    return detail?.remedy?.option === 'dropna' && value
      ? { setting, value, title: 'Use dropna', longTitle: `Leave out every row with a missing value, as pandas' dropna() (${setting})` }
      : undefined;
  }
  // A drop list names the columns it adds (dropAlso); a label column is the value itself.
  const columns = typeof value === 'string' ? [value] : detail?.remedy?.adds ?? [];
  if (columns.length === 0) return undefined;
  const quote = (column: string) => `"${column.length > MAX_SHOWN ? `${column.slice(0, MAX_SHOWN - 1)}…` : column}"`;
  const shown = columns.length <= 3 ? columns.map(quote).join(', ') : `${columns.slice(0, 2).map(quote).join(', ')} and ${columns.length - 2} more`;
  return detail?.remedy?.option === 'drop'
    // A notification's button is cut at about 20 characters: several columns are counted there, named in the message.
    ? { setting, value, title: columns.length === 1 ? `Leave Out ${shown}` : columns.length === 2 ? 'Leave Out Both' : `Leave Out All ${columns.length}`, longTitle: `Leave out the column${columns.length > 1 ? 's' : ''} ${shown} (${setting})` }
    : labelColumnFix(value as string, shown, setting, labelColumnsKey(file));
}

/** The label column for one data file (modelLab.labelColumns), else for the folder (modelLab.targetColumn). */
function labelColumnFix(column: string, shown: string, setting: string, key: string | undefined): ProposedFix {
  return key === undefined
    ? { setting, value: column, title: `Use ${shown}`, longTitle: `Use ${shown} as the label column (${setting})` }
    : { setting: 'modelLab.labelColumns', value: column, forFile: key, title: `Use ${shown}`, longTitle: `Use ${shown} as the label column of ${key} (modelLab.labelColumns)` };
}

/**
 * Sets the fix's setting for `file`'s workspace folder (the workspace when there is none), then runs
 * the command again or says the next run uses it. A failure (a settings.json with errors) is told.
 */
export async function applyFix(fix: ProposedFix, file: vscode.Uri | undefined, then: FixFollowUp): Promise<void> {
  const folder = file ? vscode.workspace.getWorkspaceFolder(file) : undefined;
  const where = folder ? `the settings of the folder "${folder.name}"` : "the workspace's settings";
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  const config = vscode.workspace.getConfiguration('modelLab', folder?.uri);
  const key = fix.setting.replace(/^modelLab\./, '');
  let value: unknown = fix.value;
  if (fix.forFile !== undefined) {
    // The file's entry added to those already set there (a value that is not an object is replaced).
    const inspected = config.inspect<unknown>(key);
    const set = folder ? inspected?.workspaceFolderValue : inspected?.workspaceValue;
    const others = typeof set === 'object' && set !== null && !Array.isArray(set) ? set as Record<string, unknown> : {};
    value = { ...others, [fix.forFile]: fix.value };
  }
  try {
    await config.update(key, value, target);
  } catch (e) {
    // VS Code's own words (a settings.json with errors, a read-only one): the user's to fix.
    void then.notify.error(new UserError(`could not set ${fix.setting} in ${where}: ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  const now = fix.forFile !== undefined ? `${fix.setting} names ${JSON.stringify(fix.value)} the label column of ${fix.forFile}` : `${fix.setting} is now ${JSON.stringify(fix.value)}`;
  then.log.line(`${now} in ${where}.`);
  if (then.rerun) await then.rerun(file);
  else void then.notify.info(`${now} in ${where}: the next training run uses it.`, ...(then.again ? [then.again] : []));
}

/** The button that applies the remedy's proposed value, or undefined when it proposes none. */
export function settingFix(detail: UserErrorDetail | undefined, file: vscode.Uri | undefined, then: FixFollowUp): Action | undefined {
  const fix = proposedFix(detail, file);
  return fix && { title: fix.title, run: () => applyFix(fix, file, then) };
}
