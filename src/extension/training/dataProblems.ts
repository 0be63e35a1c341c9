// Data errors where the user can fix them: a CSV error names its line (and column), so it becomes
// a diagnostic on that cell in the Problems panel — cleared as soon as the file changes or trains —
// and the notification offers Open at Line. An error whose fix is an option names the VS Code
// setting instead of the CLI flag, with Open Settings.
import * as vscode from 'vscode';
import type { UserErrorDetail } from '../engine';
import type { Action } from '../ui/notifier';
import { openSettingsAction } from '../ui/settingWarnings';
import { SET_DATABASE_PASSWORD } from '../database/databaseSettings';
import { detailOf, inVsCodeTerms, remedySetting } from '../ui/vsCodeTerms';
import { SettingError } from '../settings';
import { proposedFix, settingFix, type FixFollowUp, type ProposedFix } from './settingFix';
import { COMMAND_IDS } from '../contributions';
import { TEXT_DATA_FILE_GLOB, isCompressedDataFile } from './dataFileNames';

/** A data error as the extension shows it: VS Code's wording and the file it is about. */
export class DataError extends Error {
  override readonly name = 'UserError';
  /** The arguments that run the failed command again without asking what was answered (the wizard's). */
  rerunArgs?: unknown[];
  constructor(message: string, readonly detail: UserErrorDetail, readonly file: vscode.Uri | undefined) {
    super(message);
  }
}

/**
 * What a run does with a warning about its data (a column that is pandas' row index or numbers the
 * rows): said in VS Code's terms in the Output channel and a warning notification, with its fix
 * (the setting set for `file`'s folder) and Open Settings.
 */
export function dataWarning(
  ctx: Omit<FixFollowUp, 'rerun'> & { readonly log: { warn(text: string): void }; readonly notify: { warn(text: string, ...actions: Action[]): Promise<unknown> }; readonly dataProblems?: Pick<DataProblems, 'mark'> },
  file: vscode.Uri | undefined,
): (w: Error) => void {
  return (w) => {
    const text = inVsCodeTerms(w);
    const detail = detailOf(w);
    ctx.log.warn(text);
    // The header's cell is marked too, with the same fix as a Quick Fix.
    if (file && detail) void ctx.dataProblems?.mark(file, detail, text, vscode.DiagnosticSeverity.Warning);
    const fix = settingFix(detail, file, ctx);
    void ctx.notify.warn(text, ...(fix ? [fix] : []), ...dataErrorActions(w));
  };
}

/**
 * The buttons a data error earns: its fix when the remedy proposes a setting's value (set, then
 * `then.rerun`), Open at Line for a located error, Open Settings (unless beside a fix) for a remedy
 * or a setting that is not valid.
 */
export function dataErrorActions(e: unknown, then?: FixFollowUp): Action[] {
  const detail = detailOf(e);
  const actions: Action[] = [];
  const fix = then ? settingFix(detail, e instanceof DataError ? e.file : undefined, then) : undefined;
  if (fix) actions.push(fix);
  // A compressed file's lines are those of its text, which VS Code does not open: the message names the line.
  if (e instanceof DataError && e.file && detail?.line !== undefined && !isCompressedDataFile(e.file.path)) {
    const file = e.file;
    actions.push({ title: 'Open at Line', run: () => openAt(file, detail.line!, detail.column) });
  }
  const setting = e instanceof SettingError ? e.setting : remedySetting(detail);
  // "@id:" shows that one setting (a plain search for modelLab.C also lists modelLab.cacheSizeMB).
  // Not beside a fix, which sets that setting (the message names it): with Show Log that would be four
  // buttons, and VS Code then cuts every title short ("Leave Out B…", "Open at Li…").
  if (setting !== undefined && !fix) actions.push(openSettingsAction(setting));
  // The server asked for a password and none was found, or refused the one sent.
  if (detail?.setPassword) actions.push(SET_DATABASE_PASSWORD);
  return actions;
}

/** The 0-based character range of a CSV field on one line (naive about quotes, which is enough to point). */
function fieldRange(lineText: string, headerText: string, column: string | undefined): [number, number] {
  if (column === undefined) return [0, lineText.length];
  const index = headerText.split(',').map((h) => h.trim().replace(/^"|"$/g, '')).indexOf(column);
  if (index < 0) return [0, lineText.length];
  let start = 0;
  for (let k = 0; k < index; k++) {
    const next = lineText.indexOf(',', start);
    if (next < 0) return [0, lineText.length];
    start = next + 1;
  }
  const end = lineText.indexOf(',', start);
  return [start, end < 0 ? lineText.length : end];
}

async function rangeOf(file: vscode.Uri, line: number, column: string | undefined): Promise<vscode.Range> {
  const doc = await vscode.workspace.openTextDocument(file);
  const l = Math.min(Math.max(0, line - 1), Math.max(0, doc.lineCount - 1));
  const [a, b] = fieldRange(doc.lineAt(l).text, doc.lineAt(0).text, column);
  return new vscode.Range(l, a, l, b);
}

async function openAt(file: vscode.Uri, line: number, column: string | undefined): Promise<void> {
  const range = await rangeOf(file, line, column);
  await vscode.window.showTextDocument(file, { selection: range, preview: false });
}

/** Longest header a Quick Fix's title quotes whole. */
const MAX_TITLE_HEADER = 60;

/** The Quick Fix that inserts `header` above a file's first line, which is data; the edit is the user's to save or undo. */
function insertHeader(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, header: string): vscode.CodeAction {
  const shown = header.length > MAX_TITLE_HEADER ? `${header.slice(0, MAX_TITLE_HEADER - 1)}…` : header;
  const action = new vscode.CodeAction(`Insert the header line "${shown}"`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, new vscode.Position(diagnostic.range.start.line, 0), header + (document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
  return action;
}

/**
 * The Problems panel entries of data files that failed to train, one per file; an entry whose
 * remedy proposes a setting's value has it as a Quick Fix (the light bulb on the CSV's line), and a
 * file whose first line is data has "insert the header line" as one (an edit the user sees and saves).
 */
export class DataProblems implements vscode.Disposable, vscode.CodeActionProvider {
  private collection: vscode.DiagnosticCollection | undefined;
  /** Each file's marks (an error, or the warnings of a run that trained), with their fixes, by the file's URI. */
  private readonly marks = new Map<string, { readonly diagnostic: vscode.Diagnostic; readonly fix?: ProposedFix; readonly header?: string }[]>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    // Any change to a file with a problem clears it: the next training run checks it again.
    const forget = (uri: vscode.Uri) => this.forget(uri);
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => forget(e.document.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => forget(d.uri)),
    );
  }

  /**
   * Runs a training step on `file`: what was marked in it before goes (the run checks it again); an
   * error from the core comes back as a DataError in VS Code's terms, with a diagnostic on the line
   * it names; a warning of the run marks its line meanwhile (dataWarning).
   */
  async around<T>(file: vscode.Uri | undefined, work: () => Promise<T>): Promise<T> {
    // The run checks the file again: what it found before goes (a warning found now is marked meanwhile).
    if (file) this.forget(file);
    try {
      return await work();
    } catch (e) {
      const detail = detailOf(e);
      if (!detail || !(e instanceof Error)) throw e;
      const error = new DataError(inVsCodeTerms(e, detail), detail, file);
      if (file && detail.line !== undefined) await this.mark(file, detail, error.message);
      throw error;
    }
  }

  /** Marks the line (and cell) that `detail` names in `file` with `message`, beside its other marks: an error, or a warning about data that trained. Not in a compressed file (its lines are its text's). */
  async mark(file: vscode.Uri, detail: UserErrorDetail, message: string, severity = vscode.DiagnosticSeverity.Error): Promise<void> {
    if (detail.line === undefined || isCompressedDataFile(file.path)) return;
    this.collection ??= vscode.languages.createDiagnosticCollection('modelLab');
    let range: vscode.Range;
    try {
      range = await rangeOf(file, detail.line!, detail.column);
    } catch {
      range = new vscode.Range(Math.max(0, detail.line! - 1), 0, Math.max(0, detail.line! - 1), 0);
    }
    const diagnostic = new vscode.Diagnostic(range, message, severity);
    diagnostic.source = 'Model Lab';
    const fix = proposedFix(detail, file);
    const header = detail.missingHeader;
    const marks = [...(this.marks.get(file.toString()) ?? []), { diagnostic, ...(fix ? { fix } : {}), ...(header !== undefined ? { header } : {}) }];
    this.marks.set(file.toString(), marks);
    this.collection.set(file, marks.map((m) => m.diagnostic));
    // Registered with the first fix: a window that never trains on a bad file pays nothing for it.
    if (fix || header !== undefined) this.subscriptions.push(this.quickFixes ??= vscode.languages.registerCodeActionsProvider({ pattern: TEXT_DATA_FILE_GLOB }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
  }

  private quickFixes: vscode.Disposable | undefined;

  /** The fix proposed for one of `file`'s marks, while it is there (a run proposes one at most). */
  fixFor(file: vscode.Uri): ProposedFix | undefined {
    return this.marks.get(file.toString())?.find((m) => m.fix)?.fix;
  }

  /** Takes away the mark whose fix was applied; the file's other marks stay. */
  fixed(file: vscode.Uri, fix: ProposedFix): void {
    const rest = (this.marks.get(file.toString()) ?? []).filter((m) => m.fix !== fix);
    if (rest.length === 0) return this.forget(file);
    this.marks.set(file.toString(), rest);
    this.collection?.set(file, rest.map((m) => m.diagnostic));
  }

  /** Clears `file`'s marks (the file changed, or is trained on again). */
  forget(file: vscode.Uri): void {
    this.collection?.delete(file);
    this.marks.delete(file.toString());
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const marks = this.marks.get(document.uri.toString()) ?? [];
    return context.diagnostics.flatMap((d) => {
      const mark = d.source === 'Model Lab' ? marks.find((m) => m.diagnostic.message === d.message) : undefined;
      if (mark?.header !== undefined) return [insertHeader(document, d, mark.header)];
      const fix = mark?.fix;
      if (!fix) return [];
      const action = new vscode.CodeAction(fix.longTitle, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      // The command finds the fix again from the file (a command link cannot make it set anything else).
      action.command = { command: COMMAND_IDS.applyDataFix, title: fix.longTitle, arguments: [document.uri] };
      return [action];
    });
  }

  dispose(): void {
    this.collection?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
