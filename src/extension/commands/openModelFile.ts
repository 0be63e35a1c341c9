// Open Model File: a file row of Saved Models, in an editor. The one way the extension opens a model
// folder's file: an editor follows links and reads FIFOs, so the file must first pass the core's
// check (a plain file, a real entry of a listed model's folder); otherwise one line says what it
// is and nothing is opened. A file swapped for a link between the check and the open is not
// prevented (VS Code has no no-follow open); the row and Validate then say it is a link.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { checkOpenableModelFile, UserError } from '../engine';
import { modelFromArg } from '../models/modelArgs';

/** The file a command argument names: a Saved Models file row (a listed model and a name in it). */
function fileNameOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null || (arg as { kind?: unknown }).kind !== 'artifact') return undefined;
  const name = (arg as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** Opens the file; returns its URI, or undefined when nothing was opened. */
export async function openModelFile(ctx: ModelLabContext, arg: unknown): Promise<vscode.Uri | undefined> {
  const name = fileNameOf(arg);
  if (name === undefined) throw new UserError('Open Model File opens a file row of the Saved Models view: click one there');
  const model = await modelFromArg(ctx.store, arg);
  if (!model) return undefined;
  const fs = model.location.fs;
  await checkOpenableModelFile(fs, model.dir, name);
  const uri = fs.uri(`${model.dir}/${name}`);
  await vscode.commands.executeCommand('vscode.open', uri);
  return uri;
}
