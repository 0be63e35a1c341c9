// Which saved models a command acts on: the listed models its arguments name (modelArgs.ts), the
// Saved Models view's selection for keybindings, or the user's pick from the listed models.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { modelFromArg, modelsFromArgs, selectedModelNodes } from '../models/modelArgs';
import type { StoredModel } from '../models/savedModelsStore';
import { formatPercent } from '../../protocol/resultsPanel';
import { plainText } from '../ui/untrustedText';
import { COMMAND_IDS } from '../contributions';

/** Asks for one of the listed models (or of `among` them); undefined when there is none or the user pressed Escape. */
export async function pickModel(ctx: ModelLabContext, placeHolder: string, among?: readonly StoredModel[]): Promise<StoredModel | undefined> {
  const models = among ?? await ctx.store.list();
  if (models.length === 0) {
    void ctx.notify.info('There are no saved models yet.', { title: 'Train Iris Model', run: () => vscode.commands.executeCommand(COMMAND_IDS.train) });
    return undefined;
  }
  const picked = await showModelPick(models, placeHolder);
  return picked === 'other' ? undefined : picked;
}

/** As pickModel, with one more choice after the models (offered also when there are none): 'other' when it is picked. */
export async function pickModelOr(ctx: ModelLabContext, placeHolder: string, other: { label: string; detail: string }): Promise<StoredModel | 'other' | undefined> {
  const models = await ctx.store.list();
  return showModelPick(models, models.length > 0 ? placeHolder : 'There are no saved models yet (Train Iris Model makes one)', other);
}

async function showModelPick(models: readonly StoredModel[], placeHolder: string, other?: { label: string; detail: string }): Promise<StoredModel | 'other' | undefined> {
  const items: (vscode.QuickPickItem & { model?: StoredModel })[] = models.map((m) => ({
    label: plainText(m.name),
    description: m.manifest && !m.error ? `valid ${formatPercent(m.manifest.metrics.validAccuracy)} · train ${formatPercent(m.manifest.metrics.trainAccuracy)}` : 'damaged',
    detail: plainText(vscode.workspace.asRelativePath(m.uri)),
    model: m,
  }));
  if (other) {
    if (items.length > 0) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: other.label, detail: other.detail });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Saved models', placeHolder, matchOnDetail: true });
  if (!picked) return undefined;
  return picked.model ?? 'other';
}

/** The argument of the view's keybindings (Delete, F2): "the models selected in Saved Models". */
function isFromView(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { fromView?: unknown }).fromView === true && Object.keys(arg).length === 1;
}

/** True for a command run from Saved Models itself: one of its keybindings, or a row's context menu. */
export function isFromSavedModels(arg: unknown): boolean {
  return isFromView(arg) || (typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'model');
}

/**
 * The Saved Models selection for a keybinding; just after a click, the clicked row (its selection may
 * not have arrived yet) — while it is still listed: a row renamed or deleted since is not meant.
 */
async function viewSelection(ctx: ModelLabContext): Promise<unknown[]> {
  const nodes = selectedModelNodes(ctx.treeView.selection);
  if (nodes.length > 0) return nodes;
  const clicked = ctx.tree.lastClicked;
  return clicked && (await ctx.store.find(clicked)) ? [clicked] : [];
}

/** The model a command acts on: the argument's (if listed), the view's selection for a keybinding, else the user's pick. */
export async function oneModel(ctx: ModelLabContext, arg: unknown, placeHolder: string): Promise<StoredModel | undefined> {
  if (isFromView(arg)) {
    // Of several selected rows, the one added last (the focused one, as the Explorer's F2 renames).
    const selection = await viewSelection(ctx);
    const last = ctx.tree.lastSelected?.toString();
    const focused = selection.find((n) => (n as { model?: { uri?: unknown } }).model?.uri?.toString() === last) ?? selection[0];
    return (await modelFromArg(ctx.store, focused)) ?? pickModel(ctx, placeHolder);
  }
  return (await modelFromArg(ctx.store, arg)) ?? pickModel(ctx, placeHolder);
}

/** The models a command acts on: the tree selection (or the clicked item), else one picked model. */
export async function someModels(ctx: ModelLabContext, clicked: unknown, selected: unknown, placeHolder: string): Promise<StoredModel[]> {
  // A keybinding of the view passes { fromView: true }: its selection is meant.
  const fromView = isFromView(clicked) ? await viewSelection(ctx) : undefined;
  const models = fromView ? await modelsFromArgs(ctx.store, fromView[0], fromView) : await modelsFromArgs(ctx.store, clicked, selected);
  if (models.length > 0) return models;
  const one = await pickModel(ctx, placeHolder);
  return one ? [one] : [];
}

