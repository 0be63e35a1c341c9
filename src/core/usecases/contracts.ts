// CONTRACT of the use cases that the CLI and the extension call. Kept in one file so both
// sides agree; the implementations live beside it (train.ts, validate.ts, listModels.ts).
import type { Label, SplitSize, UserError } from '../types';
import type { Kernel, Gamma } from '../svm/svc';
import type { PostgresDataSpec } from '../database/postgresSnapshot';
import type { ClassScores } from '../metrics/classificationReport';
import type { LabelType } from '../labels';
import type { GitProvenance } from '../provenance/gitProvenance';

export type Layout = 'separate' | 'pipeline';

/** Where training rows come from. */
export type DataSpec =
  | { readonly kind: 'iris' }
  | { readonly kind: 'csv'; readonly path: string }
  | { readonly kind: 'postgres'; readonly spec: PostgresDataSpec };

export interface TrainOptions {
  data: DataSpec;
  layout: Layout;
  seed: number;
  trainSize?: SplitSize;
  testSize?: SplitSize;
  kernel: Kernel;
  C: number;
  gamma: Gamma;
  degree: number;
  coef0: number;
  /** Target column name for CSV data (default 'target'). */
  target: string;
  /** Columns dropped from CSV data before training (default ['id', 'timestamp']). */
  drop: string[];
  /**
   * Leave out the rows of CSV data with a missing value in a feature or the label (pandas'
   * df.dropna(subset=features + [target])), recorded in model.json; data.csv holds the rows kept.
   */
  dropna?: boolean;
  /**
   * Display names of the classes, one per class in class order (0, 1, 2 …): they win over a
   * class-names column of the data and the built-in iris names. Undefined: as the data has them.
   */
  classNames?: string[];
  /** Absolute path of the models folder. */
  modelsDir: string;
  /** Folder name; default derived from layout + time, never overwriting. */
  name?: string;
  cacheSizeMB?: number;
  /**
   * Also save the scikit-learn objects as joblib.dump writes them (scaler.joblib + classifier.joblib,
   * or model_pipeline.joblib), listed in the manifest with their hashes.
   */
  saveJoblib?: boolean;
  /** The scikit-learn release those files are for: 1.2.x, 1.4.x or 1.9.x (default 1.2.1). */
  sklearnVersion?: string;
  /**
   * Train on a reproducible sample of at most this many rows of the data (pandas'
   * df.sample(n=maxRows, random_state=seed)), recorded in model.json; undefined: all rows.
   */
  maxRows?: number;
  /** Refuse more training rows than this (default 200,000, see trainingLimits.ts); 0: no limit. */
  trainRowsLimit?: number;
  /**
   * Folder whose git commit is recorded in model.json (the workspace; the CLI gives its working
   * folder). Undefined: the models folder. Nothing is recorded outside a git repository.
   */
  workspaceDir?: string;
}

export interface Progress {
  /** Called with a short step description ("Reading data", "Fitting SVC", ...). */
  report(step: string, fraction?: number): void;
}

export interface RunControl {
  progress?: Progress;
  /** When aborted, the use case stops at the next step and leaves nothing behind. */
  signal?: AbortSignal;
  /** Course-style log lines ("Train Accuracy : 0.9666666666666667"). */
  log?: (line: string) => void;
  /**
   * Something about the data that does not stop the run but may spoil the model (a column that is
   * pandas' row index, trained on as a feature). A UserError, so a front end can say its remedy its
   * own way (--drop, or the setting modelLab.dropColumns).
   */
  onDataWarning?: (warning: UserError) => void;
}

export interface AccuracyCount {
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
}

export interface TrainResult {
  /** Absolute path of the new model folder. */
  readonly modelDir: string;
  readonly name: string;
  readonly train: AccuracyCount;
  readonly valid: AccuracyCount;
}

export interface SplitEvaluation extends AccuracyCount {
  /** confusion[i][j]: true class i predicted as class j, in class order. */
  readonly confusion: number[][];
  readonly perClass: ClassScores[];
  /** Row indices into the data snapshot. */
  readonly indices: number[];
  readonly predictions: Label[];
}

export type ValidationStatus = 'matches' | 'differs' | 'could-not-load';

export interface ValidationReport {
  readonly modelDir: string;
  readonly status: ValidationStatus;
  /** Set when status is 'could-not-load': what is wrong and where. */
  readonly error?: string;
  readonly manifest?: unknown;
  readonly recorded?: { train: number; valid: number };
  readonly train?: SplitEvaluation;
  readonly valid?: SplitEvaluation;
  /** Feature names, class names and the snapshot rows, for the scatter plot. */
  readonly data?: { featureNames: string[]; classNames: string[]; X: number[][]; y: Label[] };
  /** Files changed since saving that this report was computed with (validate's acceptEdited). */
  readonly edited?: string[];
  /** The git commit (and whether the tree was dirty) the model was trained from, as model.json records it. */
  readonly git?: GitProvenance;
}

/** One folder of the models folder as listModels sees it; a damaged folder is listed, not thrown. */
export interface ModelSummary {
  readonly name: string;
  /** Absolute path of the model folder. */
  readonly dir: string;
  readonly status: 'ok' | 'damaged';
  /** Why the model cannot be used (status 'damaged'). */
  readonly error?: string;
  /** Folder modification time (ms since 1970), used to order folders without a readable manifest. */
  readonly mtimeMs: number;
  /** ISO time from model.json (status 'ok'). */
  readonly created?: string;
  readonly layout?: Layout;
  readonly trainAccuracy?: number;
  readonly validAccuracy?: number;
  readonly params?: { kernel: Kernel; C: number; gamma: Gamma; degree: number; coef0: number; seed: number };
  /** 'iris', the CSV path or the postgres URL. */
  readonly dataSource?: string;
  /** The parsed model.json (type ModelManifest from core/artifacts/manifest) when readable. */
  readonly manifest?: import('../artifacts/manifest').ModelManifest;
}

export interface PredictResult {
  readonly modelDir: string;
  /** One label per data row, in input order, as labels appear in the training data. */
  readonly predictions: Label[];
  /** Display names of the predicted classes (iris: setosa, ...). */
  readonly predictionNames: string[];
  readonly featureNames: string[];
  /** How the model's classes are typed (a float class 1 prints as 1.0: pythonLabel). */
  readonly labelType: LabelType;
  /** Set when the file has the target column: accuracy of the predictions against it. */
  readonly accuracy?: AccuracyCount;
}
