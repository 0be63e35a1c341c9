// A setting whose value is not valid but only falls back (modelLab.jobs changes only speed; a database
// URL that cannot be used is left out of the data choice): a warning notification naming it, with
// Open Settings — once per setting and value in a window, not on every run — and a line in the
// Output channel every time.
import * as vscode from 'vscode';
import type { Action, Notifier } from './notifier';
import type { OutputLog } from './outputLog';

/** Open Settings on that one setting ("@id:": a plain search for modelLab.C also lists modelLab.cacheSizeMB). */
export function openSettingsAction(setting: string): Action {
  return { title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', `@id:${setting}`) };
}

export class SettingWarnings {
  /** setting + value already shown (the value may hold a password: kept here only, never written). */
  private readonly shown = new Set<string>();

  constructor(private readonly log: OutputLog, private readonly notify: Notifier) {}

  /** Logs `text`, and shows it with `actions` and Open Settings the first time for this setting and value. */
  warn(setting: string, value: unknown, text: string, ...actions: Action[]): void {
    this.log.warn(text);
    const key = `${setting}\u0000${JSON.stringify(value)}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    void this.notify.warn(text, ...actions, openSettingsAction(setting));
  }
}
