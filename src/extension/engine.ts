// The extension's one entry to the core (the ESLint layer rules allow no other). Light, pure
// helpers are re-exported as they are; the heavy engine (dist/engine.js, built from
// engineBundle.ts) is loaded on first use through engine(), so activation never pays for it.
import type * as EngineBundle from './engineBundle';
import type { ValidationReport } from '../core/usecases/contracts';
import { parseManifest, type ModelManifest } from '../core/artifacts/manifest';

export type Engine = typeof EngineBundle;

let loaded: Engine | undefined;

/** The heavy half of the core, loaded once on first use. */
export function engine(): Engine {
  // A plain require of a sibling bundle: esbuild leaves it alone (external in scripts/build.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./engine.js') as Engine;
  return loaded;
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

export type { FileEntry, FileStat, FileSystem, FileType } from '../core/io/fileSystem';
export type { Progress, RunControl, TrainOptions, TrainResult, ValidationReport, ModelSummary, Layout, DataSpec } from '../core/usecases/contracts';
export type { ModelManifest } from '../core/artifacts/manifest';
export type { ModelToPredictWith } from '../core/usecases/predictor';
export type { Label, RemedyOption, SplitSize, UserErrorDetail } from '../core/types';
export type { Gamma, Kernel } from '../core/svm/svc';
export type { SweepResult, SweepGrid } from '../core/experiments/sweep';
export type { ModelFitter, SweepRunner } from '../core/experiments/sweepRunner';
export type { RowPredictor } from '../core/usecases/rowPredictor';
export type { UnitRunner } from '../core/experiments/tune/unitRunner';
export type { WorkerPool } from '../core/parallel/workerPool';
export type { HeldModel } from '../core/artifacts/modelFolderOps';
export type { FileChange, ModelFilesCheck } from '../core/usecases/checkModelFiles';
export type { ConnectionTarget, ParsedPostgresUrl } from '../core/database/connectionUrl';
export type { PostgresDataSpec } from '../core/database/postgresSnapshot';
export type { ManifestSearch, SearchCandidate, SearchGrid, SearchParams } from '../core/artifacts/searchRecord';
export type { TuneOptions, TuneProgress, TuneResult } from '../core/experiments/tune/tune';
export { MANIFEST_FILE, parseManifest, sameSavedModel } from '../core/artifacts/manifest';
export { importedFilesText, modelOrigin, originText, recordedWhen, type ModelOrigin } from '../core/artifacts/modelOrigin';
export { UserError, isUserError } from '../core/types';
export { isAbortError } from '../core/abort';
export { parseSplitSize } from '../core/split/trainTestSplit';
export { parsePostgresUrl } from '../core/database/connectionUrl';
export { pythonFloat } from '../core/text/pythonFloat';
export { labelKey } from '../core/labels';
export { parseDecimal } from '../core/text/decimalNumber';
export { closestName } from '../core/text/closestName';
export { comparisonRows, rowsToCsv } from '../core/experiments/comparison';
export { writeComparisonCsv } from '../core/experiments/comparisonCsvFile';
export { anyOsUserError } from '../core/io/osErrors';
export { savedDataWarning } from '../core/usecases/validate';
export { modelFacts } from '../core/experiments/modelFacts';
export { checkOpenableModelFile } from '../core/artifacts/openableModelFile';
export { kernelUses } from '../core/svm/kernelParameters';
export { bestModels, BEST_RULE } from '../core/experiments/bestModels';
export { CLASSIFIER_NAMES, SCALER_NAMES } from '../core/interop/joblibFiles';
export { EXPORT_SKLEARN_VERSION, isExportableSklearnVersion, unwrittenReleaseText, versionFromText, writtenReleases } from '../core/interop/sklearn/sklearnVersion';
export { SKLEARN_FILE } from '../core/artifacts/loadModel';
export { sklearnNear } from '../core/interop/sklearn/environmentSklearn';
export { nodeFileSystem, nodeListingFileSystem } from '../core/io/nodeFileSystem';
export { ManifestListing } from '../core/experiments/manifestListing';
export { candidateCount, MAX_FITS_WITHOUT_CONFIRMATION } from '../core/experiments/tune/parameterGrid';
export { checkWriteTarget } from '../core/io/writeTarget';
export { removeStaleTempFiles, tempFileName } from '../core/io/tempNames';
export { modelNameProblem } from '../core/artifacts/naming';
export { compareModels, groupOf, newestFirst, type ModelGrouping, type ModelOrder } from '../core/usecases/modelSummary';
export { trainingRowCount } from '../core/usecases/splitSizeRefusal';
