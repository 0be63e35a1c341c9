// Registers every command of the table (commandTable.ts, in the on-demand bundle) through one
// wrapper. Only the command ids are needed at activation; the table loads on the first command.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { COMMAND_IDS, type CommandKey } from '../contributions';
import { onDemand, type OnDemand } from '../onDemand';

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
        // A data error's one-click fix runs the command again: with the arguments the error names (the
        // wizard's answers), else the same ones, or with the data file for a training command run
        // from the palette (the file need not be asked again).
        const named = (e as { rerunArgs?: unknown } | undefined)?.rerunArgs;
        const rerun = (file: vscode.Uri | undefined) => vscode.commands.executeCommand(COMMAND_IDS[key],
          ...(Array.isArray(named) ? named : args.length > 0 || !file || !TAKES_DATA_FILE.has(key) ? args : [file]));
        void ctx.notify.error(e, ...actionsFor(e, { rerun, log: ctx.log, notify: ctx.notify }));
        return undefined;
      }
    }));
}

/** The commands whose first argument may be the CSV file to train on. */
const TAKES_DATA_FILE: ReadonlySet<CommandKey> = new Set(['train', 'trainWithOptions', 'tune']);

/** The buttons of a data error; none when the on-demand bundle itself could not load. */
function actionsFor(e: unknown, then: Parameters<OnDemand['dataErrorActions']>[1]) {
  try {
    return onDemand().dataErrorActions(e, then);
  } catch {
    return [];
  }
}
