// The one way Model Lab talks to the user in notifications, and the one error path. Every text is
// made plain (untrustedText.ts) before it reaches VS Code, because messages quote file contents,
// server replies and settings. Errors go to the Output channel too, with a Show Log button; a
// user's error (bad data, a file that cannot be written) is shown as it is, anything else is a bug
// and says so, with its stack in the log only.
import * as vscode from 'vscode';
import { anyOsUserError, isAbortError, isUserError } from '../engine';
import type { OutputLog } from './outputLog';
import { plainText } from './untrustedText';
import { inVsCodeTerms } from './vsCodeTerms';

/** A button on a notification: its title and what it does when clicked. */
export interface Action {
  readonly title: string;
  run(): unknown;
}

/** One answer of a quick pick question: what it shows and what it returns. */
export interface Choice<T> {
  readonly label: string;
  readonly detail: string;
  readonly value: T;
}

const PREFIX = 'Model Lab: ';
const SHOW_LOG = 'Show Log';

/** An OS error (a folder the user may not write, a full disk …): the user's to fix, not a bug. */
function isOsError(e: unknown): boolean {
  return anyOsUserError(e) !== undefined;
}

/** What the user reads for an error: the message (a remedy in VS Code's terms), or "… (unexpected; …)" for a bug. */
export function errorMessage(e: unknown): string {
  if (isUserError(e)) return inVsCodeTerms(e as Error);
  if (e instanceof vscode.FileSystemError) return e.message;
  const os = anyOsUserError(e);
  if (os) return os.message;
  if (e instanceof Error) return `${e.message} (unexpected; details in the Output channel "Model Lab")`;
  return String(e);
}

export class Notifier {
  constructor(private readonly log: OutputLog) {}

  /** An information notification; resolves with the clicked action's result (undefined when dismissed). */
  info(text: string, ...actions: Action[]): Promise<unknown> {
    return this.show((m, ...items) => vscode.window.showInformationMessage(m, ...items), text, actions);
  }

  warn(text: string, ...actions: Action[]): Promise<unknown> {
    return this.show((m, ...items) => vscode.window.showWarningMessage(m, ...items), text, actions);
  }

  /** Logs the error (with its stack when it is a bug) and shows it with the given actions and Show Log. */
  error(e: unknown, ...actions: Action[]): Promise<unknown> {
    if (isAbortError(e)) {
      this.log.line('Cancelled.');
      return Promise.resolve(undefined);
    }
    const message = errorMessage(e);
    this.log.line(`Error: ${message}`);
    if (!isUserError(e) && !isOsError(e) && e instanceof Error && e.stack) this.log.line(e.stack);
    return this.show((m, ...items) => vscode.window.showErrorMessage(m, ...items), message, [...actions, { title: SHOW_LOG, run: () => this.log.show() }]);
  }

  /** A modal question; true when the user chose `confirm`. The detail is plain text too. */
  async confirm(question: string, detail: string, confirm: string): Promise<boolean> {
    return (await this.choose(question, detail, confirm)) === confirm;
  }

  /** A quick pick of one of `choices` (plain text); undefined when dismissed (Escape). */
  async pick<T>(title: string, placeHolder: string, choices: readonly Choice<T>[]): Promise<T | undefined> {
    const items = choices.map((c) => ({ label: plainText(c.label), detail: plainText(c.detail), value: c.value }));
    return (await vscode.window.showQuickPick(items, { title: plainText(title), placeHolder: plainText(placeHolder) }))?.value;
  }

  /** A modal question with several answers; the one chosen, or undefined for Cancel / Escape. */
  async choose<T extends string>(question: string, detail: string, ...answers: T[]): Promise<T | undefined> {
    const answer = await vscode.window.showWarningMessage(plainText(question), { modal: true, detail: plainText(detail) }, ...answers);
    return answers.find((a) => a === answer);
  }

  private async show(
    fn: (message: string, ...items: string[]) => Thenable<string | undefined>,
    text: string,
    actions: readonly Action[],
  ): Promise<unknown> {
    const picked = await fn(PREFIX + plainText(text), ...actions.map((a) => a.title));
    return actions.find((a) => a.title === picked)?.run();
  }
}
