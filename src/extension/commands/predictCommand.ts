// "Predict with Saved Model…": a saved model labels the rows of a workspace CSV file (the Explorer's
// context menu on a .csv, a model's in Saved Models, or the palette, which ask for what is missing).
// The model may also be what scikit-learn saved: the Explorer's context menu on a .joblib or .pkl file
// of the workspace, or the palette's "a scikit-learn file…" (read, never run, as Validate reads it).
// The rows come back in an untitled editor (iris.predictions.csv) with the predicted label appended,
// as `df.assign(prediction=model.predict(X)).to_csv()` would write them — nothing is written to
// disk until the user saves it. The work is the core's (predictionsCsv.ts).
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { engine, UserError, type ModelToPredictWith } from '../engine';
import { fileSystemFor, isInside } from '../models/modelLocations';
import { modelFromArg } from '../models/modelArgs';
import { pickModelOr } from './modelChoice';
import { filesLabel, joblibTargets, pickJoblib, type JoblibTarget } from '../interop/joblibTargets';
import { readSettings } from '../settings';
import { findCsvFiles } from '../training/dataChoice';
import { dataBaseName, isDataFileName } from '../training/dataFileNames';
import { formatPercent } from '../../protocol/resultsPanel';
import { plainText } from '../ui/untrustedText';
import { withProgress } from '../ui/progress';

const inWorkspace = (uri: vscode.Uri) => (vscode.workspace.workspaceFolders ?? []).some((f) => isInside(uri, f.uri));

/** A CSV file of this workspace named by an argument (the Explorer passes its URI); anything else is not one. */
function csvOf(arg: unknown): vscode.Uri | undefined {
  if (!(arg instanceof vscode.Uri) || !isDataFileName(arg.path)) return undefined;
  if (!inWorkspace(arg)) throw new UserError('the rows to predict must be a CSV file of this workspace');
  return arg;
}

/** The model that labels the rows, as the core and the messages need it. */
interface ChosenModel {
  readonly name: string;
  readonly uri: vscode.Uri;
  /** Its path (and a scaler's classifier) on `fs`. */
  readonly ref: ModelToPredictWith;
  /** How `model-lab predict` names it, for a file too large for an editor. */
  readonly cliPath: string;
}

/**
 * The scikit-learn model of `target`, named by the files it is read from: a classifier clicked alone
 * is "scaler.joblib + classifier.joblib" when the core finds its scaler beside it (and a half whose
 * other half is missing is refused here, before the rows are asked for).
 */
async function sklearnModel(target: JoblibTarget): Promise<ChosenModel> {
  const fs = fileSystemFor(target.uri);
  const path = fs.pathOf(target.uri);
  const ref = { path, ...(target.classifier ? { classifierPath: fs.pathOf(target.classifier) } : {}) };
  const files = await engine().collectModelFiles(fs, ref.path, ref.classifierPath);
  return { name: filesLabel(files.map((f) => f.label)), uri: target.uri, ref, cliPath: path };
}

/**
 * A .joblib file of this workspace named by an argument (the Explorer passes the one clicked and the
 * ones selected: a scaler and its classifier are one model); undefined when the argument is no such file.
 */
async function joblibOf(clicked: unknown, selected: unknown): Promise<ChosenModel | undefined> {
  const target = joblibTargets(clicked, selected)[0];
  if (!target) return undefined;
  if (!inWorkspace(target.uri) || (target.classifier && !inWorkspace(target.classifier))) {
    throw new UserError('the scikit-learn model to predict with must be a .joblib file of this workspace');
  }
  return sklearnModel(target);
}

async function pickCsv(ctx: ModelLabContext, model: ChosenModel): Promise<vscode.Uri | undefined> {
  const files = await findCsvFiles(readSettings(model.uri).dataGlob, ctx.workspaceState);
  if (files.length === 0) {
    void ctx.notify.info('There is no CSV file in this workspace to predict (the setting modelLab.dataGlob says where to look).');
    return undefined;
  }
  const many = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: plainText(vscode.workspace.asRelativePath(uri, many)), uri })),
    { title: `Predict with "${plainText(model.name)}"`, placeHolder: 'Choose the CSV file whose rows the model labels' },
  );
  return picked?.uri;
}

/**
 * An untitled editor named iris.predictions.csv beside the data (so that Save proposes that file),
 * holding `text`; -2, -3 … when that file or editor exists already.
 */
async function untitledBeside(csv: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  const dir = vscode.Uri.joinPath(csv, '..');
  const base = dataBaseName(csv.path);
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const file = vscode.Uri.joinPath(dir, `${base}.predictions${n === 1 ? '' : `-${n}`}.csv`);
    if (open.has(file.path) || await vscode.workspace.fs.stat(file).then(() => true, () => false)) continue;
    const doc = await vscode.workspace.openTextDocument(file.with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    return doc;
  }
}

/**
 * The saved model named by an argument, or the one the user picks — or a scikit-learn file the user
 * chooses in the file dialog (anywhere: the user chose it; a command link's file must be in the workspace).
 */
async function savedModel(ctx: ModelLabContext, arg: unknown): Promise<ChosenModel | undefined> {
  const model = (await modelFromArg(ctx.store, arg)) ?? await pickModelOr(ctx, 'Choose the model that labels the rows', {
    label: '$(file) A scikit-learn file…',
    detail: 'A .joblib or .pkl file from joblib.dump or pickle.dump (read, never run)',
  });
  if (model === 'other') {
    const target = (await pickJoblib('Predict with a scikit-learn model (.joblib, .pkl)'))[0];
    return target ? sklearnModel(target) : undefined;
  }
  if (!model) return undefined;
  const path = model.location.fs.pathOf(model.uri);
  return { name: model.name, uri: model.uri, ref: path, cliPath: path };
}

/**
 * The command: (csvUri) from the Explorer, (model) from Saved Models, (joblibUri, selected) from the
 * Explorer on a .joblib file, (csvUri, modelUri or joblibUri) from a script; the rest is asked.
 * Returns the editor showing the predictions.
 */
export async function predictWithModel(ctx: ModelLabContext, arg: unknown, second?: unknown): Promise<vscode.TextEditor | undefined> {
  const csvArg = csvOf(arg);
  // The Explorer passes its selection second: only a URI there names the model.
  const modelArg = csvArg ? (second instanceof vscode.Uri ? second : undefined) : arg;
  const model = (csvArg ? await joblibOf(modelArg, undefined) : await joblibOf(arg, second)) ?? await savedModel(ctx, modelArg);
  if (!model) return undefined;
  const csv = csvArg ?? await pickCsv(ctx, model);
  if (!csv) return undefined;
  const fs = fileSystemFor(csv);
  const file = vscode.workspace.asRelativePath(csv);
  // A row it cannot label is named with Open at Line and a diagnostic on that line, as in training.
  const r = await ctx.dataProblems.around(csv, async () => withProgress(`predicting ${file} with ${model.name}`, (signal, progress) =>
    engine().predictionsCsv(model.ref, fs.pathOf(csv), fs, { signal, progress, log: (l) => ctx.log.line(l) })));
  const doc = await untitledBeside(csv, r.text);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const rows = (n: number) => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
  const accuracy = r.accuracy ? ` Accuracy against its label column: ${formatPercent(r.accuracy.accuracy)} (${r.accuracy.correct}/${r.accuracy.total}).` : '';
  const shown = r.truncated ? ` The editor holds the first ${rows(r.rowsShown)}; for every row: model-lab predict "${model.cliPath}" --data "${fs.pathOf(csv)}".` : '';
  ctx.log.line(`Predicted ${rows(r.rows)} of ${file} with "${model.name}" (columns added: ${r.added.join(', ')}).${accuracy}`);
  if (r.unknownLabels) ctx.log.warn(engine().unknownLabelsNote(file, r.rows, r.unknownLabels));
  void ctx.notify.info(`Predicted ${rows(r.rowsShown)} of ${file} with "${model.name}".${accuracy}${shown}${r.unknownLabels ? ' Some true labels are none of the model\'s classes (see the Output).' : ''}`);
  return editor;
}
