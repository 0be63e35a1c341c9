// The Quick Fix of a CSV's Model Lab diagnostic (dataProblems.ts): sets the setting its message
// proposes for the file's folder. Its one argument is the file; the fix itself is the one Model Lab
// proposed for that file's diagnostic, so a command link cannot make it set anything else.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { COMMAND_IDS } from '../contributions';
import { UserError } from '../engine';
import { applyFix } from '../training/settingFix';

export async function applyDataFix(ctx: ModelLabContext, arg: unknown): Promise<void> {
  if (!(arg instanceof vscode.Uri)) throw new UserError('Apply the suggested fix: choose it in a CSV file\'s Quick Fix menu (the light bulb on the line Model Lab marked)');
  const fix = ctx.dataProblems.fixFor(arg);
  if (!fix) throw new UserError(`${vscode.workspace.asRelativePath(arg)}: Model Lab suggests no fix for this file now — train on it again to check it`);
  ctx.dataProblems.fixed(arg, fix);
  await applyFix(fix, arg, {
    log: ctx.log, notify: ctx.notify,
    again: { title: 'Train Again', run: () => vscode.commands.executeCommand(COMMAND_IDS.train, arg) },
  });
}
