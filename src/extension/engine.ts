// The only module of the extension that calls the core's use cases. Everything the extension
// shows is computed there; this file only adapts names and shapes.
import type { FileSystem } from '../core/io/fileSystem';
import type { Progress, RunControl, TrainOptions, TrainResult, ValidationReport } from '../core/usecases/contracts';
import type { ModelManifest } from '../core/artifacts/manifest';
import { MANIFEST_FILE, parseManifest } from '../core/artifacts/manifest';
import { loadCore } from './lazyCore';
import { parseSplitSize } from '../core/split/trainTestSplit';
import { UserError } from '../core/types';

export type { Progress, TrainOptions, TrainResult, ValidationReport, ModelManifest, RunControl };
export { parseSplitSize, UserError, MANIFEST_FILE };

/** One folder in the models folder, readable or not. */
export interface SavedModel {
  readonly name: string;
  /** Core path of the model folder. */
  readonly dir: string;
  readonly mtimeMs: number;
  readonly manifest?: ModelManifest;
  /** Why the model cannot be used (damaged); undefined when it is fine. */
  readonly error?: string;
}

export function trainModel(options: TrainOptions, fs: FileSystem, control: RunControl): Promise<TrainResult> {
  return loadCore().train(options, fs, control);
}

export function validateModel(modelDir: string, fs: FileSystem, control: RunControl): Promise<ValidationReport> {
  return loadCore().validate(modelDir, fs, control);
}

export async function listSavedModels(modelsDir: string, fs: FileSystem): Promise<SavedModel[]> {
  const models = await loadCore().listModels(modelsDir, fs);
  return models.map((m) => ({ name: m.name, dir: m.dir, mtimeMs: m.mtimeMs, manifest: m.manifest, error: m.error }));
}

/** The manifest inside a validation report, if it is one. */
export function manifestOf(report: ValidationReport): ModelManifest | undefined {
  if (report.manifest === undefined) return undefined;
  try {
    return parseManifest(report.manifest);
  } catch {
    return undefined;
  }
}
