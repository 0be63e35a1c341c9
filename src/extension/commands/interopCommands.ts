// scikit-learn interop: "Validate scikit-learn Model" and "Import scikit-learn Model" on .joblib files in
// the explorer, "Export to ONNX" on a saved model. All work is in the core.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { engine, pythonFloat, UserError, versionFromText, type SplitSize } from '../engine';
import { fileSystemFor, modelsLocation } from '../models/modelLocations';
import { oneModel } from './modelChoice';
import { filesLabel, joblibTargets, pickJoblib, type JoblibTarget } from '../interop/joblibTargets';
import { withProgress } from '../ui/progress';
import { readSettings } from '../settings';
import { openSettingsAction } from '../ui/settingWarnings';
import { revealInExplorerAction, showResultsAction } from './modelActions';
import { releaseMismatch, releaseReason, releaseSource, sklearnReleaseFor } from '../interop/sklearnRelease';

/** The core's notes (an SVC's dropped probability estimates, columns read by position) in the notification itself, not only in the log. */
function notesText(notes: readonly string[]): string {
  return notes.map((n) => ` Note: ${n}.`).join('');
}

async function targetsFrom(clicked: unknown, selected: unknown, title: string): Promise<JoblibTarget[]> {
  const t = joblibTargets(clicked, selected);
  return t.length > 0 ? t : pickJoblib(title);
}

/**
 * The label column and the columns that are not features of the data.csv beside a scikit-learn file,
 * as training reads them (modelLab.labelColumns / targetColumn, modelLab.dropColumns), and the split
 * training makes (modelLab.seed, modelLab.trainSize): the CLI's --target, --drop, --seed and --train-size.
 */
function dataColumns(file: vscode.Uri): { readonly target: string; readonly drop: string[]; readonly seed: number; readonly trainSize: SplitSize } {
  const own = readSettings(vscode.Uri.joinPath(file, '..', 'data.csv'));
  return { target: own.targetColumn, drop: own.dropColumns, seed: own.seed, trainSize: own.trainSize };
}

export async function validateJoblib(ctx: ModelLabContext, clicked: unknown, selected: unknown): Promise<void> {
  const log = (l: string) => ctx.log.line(l);
  for (const t of await targetsFrom(clicked, selected, 'Validate a scikit-learn .joblib model')) {
    const fs = fileSystemFor(t.uri);
    try {
      const r = await withProgress(`validating ${t.label}`, (signal) => engine().checkJoblibModel({
        path: fs.pathOf(t.uri),
        classifierPath: t.classifier ? fs.pathOf(t.classifier) : undefined,
        ...dataColumns(t.uri),
      }, fs, { signal, log, predictor: ctx.rowPredictor() }));
      const data = r.dataSpec.kind === 'csv' ? 'data.csv beside it' : 'the built-in iris data';
      log(`${r.files.join(' + ')}: scikit-learn ${r.model.sklearnVersion}, ${r.model.layout}, ${r.model.svc.params.kernel} SVC, seed ${r.seed}, ${data}`);
      for (const n of r.notes) log(`Note: ${n}`);
      await ctx.notify.info(
        `${filesLabel(r.files)}: Train Accuracy ${pythonFloat(r.train.accuracy)} · Valid Accuracy ${pythonFloat(r.valid.accuracy)} (scikit-learn ${r.model.sklearnVersion}, seed ${r.seed}, ${data}).${notesText(r.notes)}`,
        { title: 'Import as Model Lab Model', run: () => importTargets(ctx, [t]) },
      );
    } catch (e) {
      void ctx.notify.error(e);
    }
  }
}

export async function importJoblib(ctx: ModelLabContext, clicked: unknown, selected: unknown): Promise<void> {
  await importTargets(ctx, await targetsFrom(clicked, selected, 'Import a scikit-learn .joblib model'));
}

async function importTargets(ctx: ModelLabContext, targets: JoblibTarget[]): Promise<void> {
  const log = (l: string) => ctx.log.line(l);
  for (const t of targets) {
    const folder = vscode.workspace.getWorkspaceFolder(t.uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new UserError('open a folder first — imported models are saved in its models folder.');
    const location = modelsLocation(folder);
    const fs = location.fs;
    try {
      const files = { path: fs.pathOf(t.uri), classifierPath: t.classifier ? fs.pathOf(t.classifier) : undefined, modelsDir: fs.pathOf(location.modelsUri) };
      // The same bytes imported into this models folder before: open that model, or import them again.
      const before = await engine().findEarlierImport(files, fs);
      if (before.models.length > 0) {
        const earlier = before.models[0]!;
        const answer = await ctx.notify.choose(
          `${engine().importedBeforeText(before)} — open it, or import ${before.files.length === 1 ? 'it' : 'them'} again as another model?`,
          `Importing again makes another model of the same files (the next free name); Cancel imports nothing.`,
          'Open It', 'Import Again',
        );
        if (answer === 'Open It') void showResultsAction(fs.uri(earlier.dir)).run();
        if (answer !== 'Import Again') continue;
      }
      // Its predictions and refit check run on a worker thread, as every fit of the extension (workerThreads.ts).
      const r = await withProgress(`importing ${t.label}`, (signal, progress) => engine().importJoblib({
        ...files,
        ...dataColumns(t.uri),
      }, fs, { signal, progress, log, fitter: ctx.modelFitter(), predictor: ctx.rowPredictor() }));
      for (const n of r.notes) log(`Note: ${n}`);
      await ctx.store.refresh();
      const uri = fs.uri(r.modelDir);
      // As after training: the imported model's results one click away. Every file imported is
      // named, as Validate and the CLI name them (a classifier clicked alone brings its scaler).
      void ctx.notify.info(
        `Imported ${filesLabel(r.files)} as ${r.name}: Train Accuracy ${pythonFloat(r.train.accuracy)} · Valid Accuracy ${pythonFloat(r.valid.accuracy)}.${notesText(r.notes)}`,
        showResultsAction(uri),
      );
    } catch (e) {
      void ctx.notify.error(e);
    }
  }
}

export async function exportOnnx(ctx: ModelLabContext, arg: unknown): Promise<void> {
  const model = await oneModel(ctx, arg, 'Choose the model to export to ONNX');
  if (!model) return;
  const fs = model.location.fs;
  const r = await engine().exportOnnx(fs.pathOf(model.uri), fs, { confirmReplace: replaceQuestion(ctx, model.uri) });
  ctx.log.line(`Wrote ${r.path} (${r.bytes} bytes; ONNX IR 8, ai.onnx.ml Scaler + SVMClassifier)${replacedText(r.replaced)}`);
  const onnxUri = fs.uri(r.path);
  if (r.note !== undefined) ctx.log.line(`Note: ${r.note}.`);
  void ctx.notify.info(`Exported "${model.name}" to model.onnx in ${vscode.workspace.asRelativePath(model.uri)}.${r.note !== undefined ? ` Note: ${r.note}.` : ''}`, revealInExplorerAction(onnxUri));
}

/**
 * Export to scikit-learn: the course's scaler.joblib + classifier.joblib (or model_pipeline.joblib),
 * the objects scikit-learn itself fits on the same split, written into the model folder, for the
 * release sklearnReleaseFor chooses (the setting, the workspace's environment, an imported model's own).
 */
export async function exportSklearn(ctx: ModelLabContext, arg: unknown): Promise<void> {
  const model = await oneModel(ctx, arg, 'Choose the model to export to scikit-learn');
  if (!model) return;
  const fs = model.location.fs;
  const release = await sklearnReleaseFor(model.uri);
  const r = await engine().exportJoblib(fs.pathOf(model.uri), fs, {
    ...(release.version !== undefined ? { sklearnVersion: release.version } : {}),
    confirmReplace: replaceQuestion(ctx, model.uri),
    chooseFeatureNames: (trained, loadIris) => ctx.notify.pick(`Export "${model.name}" to scikit-learn`, 'Which column names should the files check?', [
      { label: `As trained: ${trained.join(', ')}`, detail: 'For DataFrames with these columns (iris.csv, the iris_data table)', value: 'trained' as const },
      { label: `load_iris's: ${loadIris.join(', ')}`, detail: "For the course's reload code, load_iris(as_frame=True)", value: 'load-iris' as const },
    ]),
  });
  const names = fileNames(r.paths);
  const decided = versionFromText(r.versionFrom);
  ctx.log.line(`Wrote ${r.paths.join(', ')} (scikit-learn ${r.sklearnVersion}: ${decided ?? releaseReason(release, r.sklearnVersion)}; ${r.layout} layout)${replacedText(r.replaced)}.`);
  const checked = checkedNamesText(r);
  if (checked !== '') ctx.log.line(checked.trim());
  const first = fs.uri(r.paths[0]!);
  const from = decided !== undefined ? ` (${decided})` : releaseSource(release);
  const mismatch = releaseMismatch(release, r.sklearnVersion);
  const text = `Exported "${model.name}" for scikit-learn ${r.sklearnVersion}${from}: ${names.join(' + ')} in ${vscode.workspace.asRelativePath(model.uri)}.${checked}${mismatch} ` +
    'Loading a pickle runs code: share these files only with people who trust you.';
  if (mismatch === '') void ctx.notify.info(text, revealInExplorerAction(first));
  else void ctx.notify.warn(text, revealInExplorerAction(first), openSettingsAction('modelLab.sklearnVersion'));
}

/** Which column names the files check, when the user chose them or could have (exportFeatureNames.ts). */
function checkedNamesText(r: { featureNamesIn: readonly string[] | null; featureNamesChoice: string; featureNamesNote?: string }): string {
  if (r.featureNamesChoice === 'load-iris') return ` They check load_iris's column names (${r.featureNamesIn?.join(', ') ?? ''}), as the course's reload code gives them.`;
  if (r.featureNamesNote === undefined) return '';
  return ` ${r.featureNamesNote.charAt(0).toUpperCase()}${r.featureNamesNote.slice(1)}.`;
}

/**
 * Asks before an export replaces files in the model folder that hold other bytes than it writes (an
 * earlier export for another release, a file of the user's); Cancel writes nothing.
 */
function replaceQuestion(ctx: ModelLabContext, folder: vscode.Uri): (paths: readonly string[]) => Promise<boolean> {
  return (paths) => {
    const names = fileNames(paths);
    return ctx.notify.confirm(
      `Replace ${names.join(' and ')} in ${vscode.workspace.asRelativePath(folder)}?`,
      `${names.length === 1 ? 'It holds' : 'They hold'} other bytes than this export writes: an earlier export (for another scikit-learn release, or of another model) or a file of yours. Cancel writes nothing.`,
      'Replace',
    );
  };
}

/** ", replacing scaler.joblib (other bytes)" for the log. */
function replacedText(replaced: readonly string[]): string {
  return replaced.length === 0 ? '' : `, replacing ${fileNames(replaced).join(' and ')}, which held other bytes`;
}

/** The last part of each path the engine returned. */
function fileNames(paths: readonly string[]): string[] {
  return paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
}

/** The model as a course-style Python script that retrains it from its data.csv (absolute path). */
async function scriptOf(ctx: ModelLabContext, arg: unknown, placeHolder: string): Promise<{ name: string; text: string; note?: string; featureNamesNote?: string; folder: vscode.Uri } | undefined> {
  const model = await oneModel(ctx, arg, placeHolder);
  if (!model) return undefined;
  const fs = model.location.fs;
  const script = await engine().pythonScript(fs.pathOf(model.uri), fs);
  if (script.note !== undefined) ctx.log.line(`Note: ${script.note}.`);
  if (script.featureNamesNote !== undefined) ctx.log.line(`Note: ${script.featureNamesNote}.`);
  return { name: model.name, ...script, folder: model.location.folder.uri };
}

/**
 * An imported model's script trains another model; the files it dumps check names other than
 * load_iris's: said beside what was done with it.
 */
function noteText(script: { note?: string; featureNamesNote?: string }): string {
  const another = script.note === undefined ? '' : ` Note: ${script.note.replace('its scikit-learn (joblib) export', 'Export to scikit-learn')}.`;
  const names = script.featureNamesNote === undefined ? '' : ` Note: ${script.featureNamesNote}; for the course's reload code, Export to scikit-learn and choose load_iris's names.`;
  return another + names;
}

export async function copyAsPython(ctx: ModelLabContext, arg: unknown): Promise<void> {
  const script = await scriptOf(ctx, arg, 'Choose the model to copy as Python');
  if (!script) return;
  await vscode.env.clipboard.writeText(script.text);
  const copied = `Copied "${script.name}" as a Python script (pandas, train_test_split, StandardScaler + SVC, joblib.dump).${noteText(script)}`;
  void (script.note === undefined ? ctx.notify.info(copied) : ctx.notify.warn(copied));
}

export async function openAsPython(ctx: ModelLabContext, arg: unknown): Promise<vscode.TextEditor | undefined> {
  const script = await scriptOf(ctx, arg, 'Choose the model to open as Python');
  if (!script) return undefined;
  // An untitled editor named MODEL.py in the workspace folder, so that Save proposes that name (an
  // editor opened on content alone was named after its first line: "# Model Lab model … as").
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const file = vscode.Uri.joinPath(script.folder, `${script.name}${n === 1 ? '' : `-${n}`}.py`);
    if (open.has(file.path) || await vscode.workspace.fs.stat(file).then(() => true, () => false)) continue;
    const doc = await vscode.workspace.openTextDocument(file.with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), script.text);
    await vscode.workspace.applyEdit(edit);
    // The names note alone is information; a script that trains another model is a warning.
    const opened = `Opened "${script.name}" as a Python script.${noteText(script)}`;
    if (script.note !== undefined) void ctx.notify.warn(opened);
    else if (script.featureNamesNote !== undefined) void ctx.notify.info(opened);
    return vscode.window.showTextDocument(doc, { preview: false });
  }
}
