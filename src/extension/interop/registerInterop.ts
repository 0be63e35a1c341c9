// VS Code glue for scikit-learn interop: "Validate Saved Model" and "Import scikit-learn Model" on
// .joblib files in the explorer, "Export to ONNX" on a saved model. All work is in the core.
import * as vscode from 'vscode';
import { loadCore } from '../lazyCore';
import { isUserError } from '../../core/types';
import { fileSystemFor, modelsLocation } from '../modelLocations';
import { joblibTargets, pickJoblib, type JoblibTarget } from './joblibTargets';

export const INTEROP_COMMANDS = {
  validateJoblib: 'modelLab.validateJoblib',
  importJoblib: 'modelLab.importJoblib',
  exportOnnx: 'modelLab.exportOnnx',
} as const;

type Report = (line: string) => void;

function messageOf(e: unknown): string {
  if (isUserError(e)) return e.message;
  if (e instanceof Error) return `${e.message} (unexpected; details in the Output channel)`;
  return String(e);
}

async function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return work(abort.signal);
  });
}

async function targetsFrom(clicked: unknown, selected: unknown, title: string): Promise<JoblibTarget[]> {
  const t = joblibTargets(clicked, selected);
  return t.length > 0 ? t : pickJoblib(title);
}

async function validateTargets(output: vscode.OutputChannel, clicked: unknown, selected: unknown): Promise<void> {
  const log: Report = (l) => output.appendLine(l);
  for (const t of await targetsFrom(clicked, selected, 'Validate a scikit-learn .joblib model')) {
    const fs = fileSystemFor(t.uri);
    try {
      const r = await withProgress(`Model Lab: validating ${t.label}`, (signal) => loadCore().checkJoblibModel({
        path: fs.pathOf(t.uri),
        classifierPath: t.classifier ? fs.pathOf(t.classifier) : undefined,
      }, fs, { signal, log }));
      const data = r.dataSpec.kind === 'csv' ? 'data.csv beside it' : 'the built-in iris data';
      log(`${r.files.join(' + ')}: scikit-learn ${r.model.sklearnVersion}, ${r.model.layout}, ${r.model.svc.params.kernel} SVC, seed ${r.seed}, ${data}`);
      for (const n of r.notes) log(`Note: ${n}`);
      const choice = await vscode.window.showInformationMessage(
        `${t.label}: Train Accuracy ${loadCore().pythonFloat(r.train.accuracy)} · Valid Accuracy ${loadCore().pythonFloat(r.valid.accuracy)} (scikit-learn ${r.model.sklearnVersion}, seed ${r.seed}, ${data}).`,
        'Import as Model Lab Model',
      );
      if (choice) await importTargets(output, [t]);
    } catch (e) {
      log(`Error: ${messageOf(e)}`);
      void vscode.window.showErrorMessage(`Model Lab: ${messageOf(e)}`);
    }
  }
}

async function importTargets(output: vscode.OutputChannel, targets: JoblibTarget[]): Promise<void> {
  const log: Report = (l) => output.appendLine(l);
  for (const t of targets) {
    const folder = vscode.workspace.getWorkspaceFolder(t.uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showErrorMessage('Model Lab: open a folder first — imported models are saved in its models folder.');
      return;
    }
    const location = modelsLocation(folder);
    const fs = location.fs;
    try {
      const r = await withProgress(`Model Lab: importing ${t.label}`, (signal) => loadCore().importJoblib({
        path: fs.pathOf(t.uri),
        classifierPath: t.classifier ? fs.pathOf(t.classifier) : undefined,
        modelsDir: fs.pathOf(location.modelsUri),
      }, fs, { signal, log }));
      for (const n of r.notes) log(`Note: ${n}`);
      await vscode.commands.executeCommand('modelLab.refresh').then(undefined, () => undefined);
      void vscode.window.showInformationMessage(
        `Imported ${t.label} as ${r.name}: Train Accuracy ${loadCore().pythonFloat(r.train.accuracy)} · Valid Accuracy ${loadCore().pythonFloat(r.valid.accuracy)}.`,
      );
    } catch (e) {
      log(`Error: ${messageOf(e)}`);
      void vscode.window.showErrorMessage(`Model Lab: ${messageOf(e)}`);
    }
  }
}

/** The model folder from a Saved Models tree item, or a folder URI from the explorer. */
function modelFolderOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const node = arg as { kind?: string; model?: { uri?: unknown } } | undefined;
  return node?.model?.uri instanceof vscode.Uri ? node.model.uri : undefined;
}

async function exportModel(output: vscode.OutputChannel, arg: unknown): Promise<void> {
  let uri = modelFolderOf(arg);
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({ title: 'Export a Model Lab model to ONNX', canSelectFolders: true, canSelectFiles: false });
    uri = picked?.[0];
    if (!uri) return;
  }
  const fs = fileSystemFor(uri);
  try {
    const r = await loadCore().exportOnnx(fs.pathOf(uri), fs);
    output.appendLine(`Wrote ${r.path} (${r.bytes} bytes; ONNX IR 8, ai.onnx.ml Scaler + SVMClassifier)`);
    const onnxUri = fs.uri(r.path);
    const choice = await vscode.window.showInformationMessage(`Exported ${uri.path.split('/').pop()} to model.onnx.`, 'Reveal in Explorer');
    if (choice) await vscode.commands.executeCommand('revealInExplorer', onnxUri);
  } catch (e) {
    output.appendLine(`Error: ${messageOf(e)}`);
    void vscode.window.showErrorMessage(`Model Lab: ${messageOf(e)}`);
  }
}

export function registerInteropFeatures(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(INTEROP_COMMANDS.validateJoblib, (clicked: unknown, selected: unknown) => validateTargets(output, clicked, selected)),
    vscode.commands.registerCommand(INTEROP_COMMANDS.importJoblib, async (clicked: unknown, selected: unknown) =>
      importTargets(output, await targetsFrom(clicked, selected, 'Import a scikit-learn .joblib model'))),
    vscode.commands.registerCommand(INTEROP_COMMANDS.exportOnnx, (arg: unknown) => exportModel(output, arg)),
  );
}
