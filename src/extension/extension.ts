// Entry point: one context (services) and one command table. Everything else is in those.
import type * as vscode from 'vscode';
import { ModelLabContext } from './context';
import { registerCommands } from './commands/registerCommands';

/** What activate() returns: the context, for other extensions and the extension-host tests. */
export type ModelLabApi = ModelLabContext;

let current: ModelLabContext | undefined;

export function activate(context: vscode.ExtensionContext): ModelLabApi {
  const ctx = new ModelLabContext(context);
  current = ctx;
  context.subscriptions.push(ctx, ...registerCommands(ctx));
  ctx.offerGeneratorRestart();
  return ctx;
}

/** Stops a running data generator and closes its database connection. */
export async function deactivate(): Promise<void> {
  await current?.shutdown();
  current = undefined;
}
