// Registers every command of the table (commandTable.ts, in the on-demand bundle) through one
// wrapper. Only the command ids are needed at activation; the table loads on the first command.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { COMMAND_IDS, type CommandKey } from '../contributions';
import { onDemand } from '../onDemand';

/**
 * The one error path of the commands: an error is logged and shown the same way for every command
 * (ctx.notify.error, with the buttons a data error earns), a cancellation only logged; the command
 * then returns undefined instead of rejecting.
 */
export function registerCommands(ctx: ModelLabContext): vscode.Disposable[] {
  return (Object.keys(COMMAND_IDS) as CommandKey[]).map((key) =>
    vscode.commands.registerCommand(COMMAND_IDS[key], async (...args: unknown[]) => {
      try {
        return await onDemand().COMMAND_TABLE[key](ctx, ...args);
      } catch (e) {
        void ctx.notify.error(e, ...actionsFor(e));
        return undefined;
      }
    }));
}

/** The buttons of a data error; none when the on-demand bundle itself could not load. */
function actionsFor(e: unknown) {
  try {
    return onDemand().dataErrorActions(e);
  } catch {
    return [];
  }
}
