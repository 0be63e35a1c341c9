// One model of a sweep as a pure task: split the sweep's rows with the model's seed, fit
// StandardScaler + SVC with its kernel, C, gamma, degree and coef0, score both parts. The same function runs in the
// calling thread or in a pool worker (sweepRunner.ts), so a model is the same file for file wherever
// it ran.
// It writes nothing: the sweep saves each result on the calling thread (sweep.ts). Inputs and
// results are plain data, so they cross to a worker thread as they are.
import type { Label } from '../types';
import { isUserError } from '../types';
import { SVC, type Gamma, type Kernel, type SVCParams } from '../svm/svc';
import { StandardScaler } from '../preprocessing/standardScaler';
import { Pipeline, type PipelineJSON } from '../pipeline';
import type { AccuracyCount } from '../usecases/contracts';
import type { SplitSize } from '../types';
import { accuracyCount } from '../usecases/steps';
import { fittingStep, splitDataset } from '../usecases/trainingSplit';
import { fitWork } from '../parallel/longWork';

/** What every model of a sweep shares: the rows (read once) and the parameters that do not vary. */
export interface SweepContext {
  readonly X: readonly number[][];
  readonly y: readonly Label[];
  /** How messages name the data ('iris', the CSV file's base name). */
  readonly label: string;
  /** Each row's line in the data and the features' names, for a message naming a value's line and column. */
  readonly lines?: readonly number[];
  readonly featureNames?: readonly string[];
  readonly kernel: Kernel;
  readonly degree: number;
  readonly coef0: number;
  readonly cacheSizeMB?: number;
  readonly trainSize?: SplitSize;
  readonly testSize?: SplitSize;
  /**
   * SVC's other parameters (tol, class_weight …) and StandardScaler's with_mean/with_std, when not
   * scikit-learn's defaults: an imported model fitted again with its own (interop/refitCheck.ts).
   */
  readonly svcParams?: Partial<SVCParams>;
  readonly scaler?: { readonly withMean: boolean; readonly withStd: boolean };
}

/** One combination of the grid. */
export interface SweepUnit {
  /** Default: the context's kernel. */
  readonly kernel?: Kernel;
  readonly C: number;
  readonly gamma: Gamma;
  /** Default: the context's degree and coef0. */
  readonly degree?: number;
  readonly coef0?: number;
  readonly seed: number;
}

/** A fitted and scored model, or the refusal of its split (impossible sizes, a single class). */
export type SweepUnitResult =
  | { readonly ok: true; readonly pipeline: PipelineJSON; readonly train: AccuracyCount; readonly valid: AccuracyCount }
  | { readonly ok: false; readonly message: string };

/** Share of a model's progress at which fitting starts and at which scoring starts (as in train()). */
export const FIT_FRACTION = 0.3;
export const SCORE_FRACTION = 0.8;

/**
 * Splits, fits and scores one model. A UserError (a refused split) comes back as `ok: false`, so a
 * worker reports it like any result; anything else throws.
 */
export function runSweepUnit(context: SweepContext, unit: SweepUnit, report?: (step: string, fraction: number) => void): SweepUnitResult {
  let rows;
  try {
    rows = splitDataset({ X: context.X as number[][], y: context.y as Label[], ...(context.lines && context.featureNames ? { lines: context.lines, featureNames: context.featureNames } : {}) }, { seed: unit.seed, trainSize: context.trainSize, testSize: context.testSize }, context.label);
  } catch (e) {
    if (isUserError(e)) return { ok: false, message: e.message };
    throw e;
  }
  report?.(fittingStep(context.X.length, rows.XTrain.length, context.cacheSizeMB), FIT_FRACTION);
  const pipeline = new Pipeline(new StandardScaler(context.scaler), new SVC({
    ...context.svcParams,
    kernel: unit.kernel ?? context.kernel, C: unit.C, gamma: unit.gamma, degree: unit.degree ?? context.degree, coef0: unit.coef0 ?? context.coef0,
    ...(context.cacheSizeMB !== undefined ? { cacheSizeMB: context.cacheSizeMB } : {}),
  }));
  return fitWork(rows.XTrain.length, () => {
    pipeline.fit(rows.XTrain, rows.yTrain);
    report?.('Scoring', SCORE_FRACTION);
    return {
      ok: true,
      pipeline: pipeline.toJSON(),
      train: accuracyCount(rows.yTrain, pipeline.predict(rows.XTrain)),
      valid: accuracyCount(rows.yValid, pipeline.predict(rows.XValid)),
    };
  });
}
