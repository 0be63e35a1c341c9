// Hyperparameter sweeps: expand the grid kernel × C × gamma × degree × coef0 × seed (each kernel only
// over the parameters it uses; its value lists are parsed by valueLists.ts), and
// train one model per combination under one AbortSignal with one progress stream ("model i of N"),
// the fits in this thread or on worker threads (sweepRunner.ts). Every model is an ordinary model
// folder named after its parameters; nothing is ever overwritten.
import type { FileSystem } from '../io/fileSystem';
import type { Gamma, Kernel } from '../svm/svc';
import { UserError } from '../types';
import { isAbortError } from '../abort';
import { MAX_MODEL_NAME, checkModelName, modelNameFor, modelNameProblem, parameterSlug } from '../artifacts/naming';
import { checkModelsFolder } from '../artifacts/modelsFolder';
import { joblibRequest } from '../interop/sklearn/sklearnVersion';
import { makeModelsFolderAhead } from '../artifacts/saveModel';
import { Pipeline } from '../pipeline';
import { dataLabel, saveTrainedModel, splitTrainingData } from '../usecases/train';
import { checkTrainRows } from '../usecases/trainingLimits';
import type { RunControl, TrainOptions, TrainResult } from '../usecases/contracts';
import { loadTrainingSnapshot, type TrainingSnapshot } from '../usecases/trainingSnapshot';
import type { SweepContext, SweepUnitResult } from './sweepUnit';
import { runSweepInThisThread, type SweepRunner } from './sweepRunner';
import { gitProvenance } from '../provenance/gitProvenance';
import { kernelUses } from '../svm/kernelParameters';

/** The swept parameters; every list has at least one value and no value twice. */
export interface SweepGrid {
  /** Default: the base options' kernel alone. */
  readonly kernel?: readonly Kernel[];
  readonly C: readonly number[];
  readonly gamma: readonly Gamma[];
  /** The poly kernel's degrees; default: the base options' degree. */
  readonly degree?: readonly number[];
  /** The poly and sigmoid kernels' coef0 values; default: the base options' coef0. */
  readonly coef0?: readonly number[];
  readonly seed: readonly number[];
}

/** One combination of the grid. */
export interface SweepPoint {
  readonly kernel: Kernel;
  readonly C: number;
  readonly gamma: Gamma;
  readonly degree: number;
  readonly coef0: number;
  readonly seed: number;
  /** Model folder name asked for (saving appends -2, -3, … if it is taken). */
  readonly name: string;
}

export interface SweepModel extends SweepPoint {
  readonly result: TrainResult;
}

export interface SweepResult {
  /** Models trained and saved, in grid order. */
  readonly models: SweepModel[];
  /** Number of combinations in the grid. */
  readonly planned: number;
  /** True when the signal stopped the sweep; `models` holds the ones finished before. */
  readonly cancelled: boolean;
  /** True when `stop` ended the sweep early: `models` holds every model started, all finished and saved. */
  readonly stopped: boolean;
}

export interface SweepControl extends RunControl {
  /** Called when model i (0-based) of the sweep starts fitting (with a pool, several are in progress). */
  onStart?: (index: number, total: number, point: SweepPoint) => void;
  /** Called when model i is fitted and about to be saved; its lines (`log`) follow. Models are saved one at a time. */
  onSave?: (index: number, total: number, point: SweepPoint) => void;
  /** Called right after each model is saved. */
  onModel?: (model: SweepModel, index: number, total: number) => void;
  /**
   * When aborted, no further model is started; those in progress are finished and saved (unlike
   * `signal`, which abandons them). The CLI stops this way when its output is closed.
   */
  stop?: AbortSignal;
  /** The data to train on, already read (e.g. by a tuning run); default: read once here. */
  snapshot?: TrainingSnapshot;
  /** Where the models are fitted: default one after another in this thread; sweepPoolRunner for worker threads. */
  runner?: SweepRunner;
}

/** Grids larger than this are refused: each combination is a full training run and a folder. */
export const MAX_SWEEP_MODELS = 1000;

/** The kernels of a grid: its list, or the base options' kernel. */
function kernelsOf(grid: SweepGrid, base: Pick<TrainOptions, 'kernel'>): readonly Kernel[] {
  return grid.kernel ?? [base.kernel];
}

/**
 * The values of a kernel parameter a kernel is fitted with: a kernel that does not use it (gamma of
 * linear, degree of rbf) takes the first value only — the others would fit the same model again.
 */
function valuesFor<T>(kernel: Kernel, parameter: 'gamma' | 'degree' | 'coef0', values: readonly T[]): readonly T[] {
  return kernelUses(kernel, parameter) ? values : values.slice(0, 1);
}

type KernelLists = { readonly gamma: readonly Gamma[]; readonly degree: readonly number[]; readonly coef0: readonly number[] };

/** gamma, degree and coef0 lists of the grid (degree and coef0 default to the base options' value). */
function kernelListsOf(grid: SweepGrid, base: Partial<Pick<TrainOptions, 'degree' | 'coef0'>>): KernelLists {
  return { gamma: grid.gamma, degree: grid.degree ?? [base.degree ?? 3], coef0: grid.coef0 ?? [base.coef0 ?? 0] };
}

/** How many models one kernel makes per C and seed: its gamma × degree × coef0 values, those it uses. */
function perKernel(kernel: Kernel, l: KernelLists): number {
  return valuesFor(kernel, 'gamma', l.gamma).length * valuesFor(kernel, 'degree', l.degree).length * valuesFor(kernel, 'coef0', l.coef0).length;
}

/** The number of models the grid trains (a linear kernel counts once whatever the gamma list, rbf once whatever the degree list). */
export function gridSize(grid: SweepGrid, base: Pick<TrainOptions, 'kernel'> & Partial<Pick<TrainOptions, 'degree' | 'coef0'>> = { kernel: 'rbf' }): number {
  const l = kernelListsOf(grid, base);
  return kernelsOf(grid, base).reduce((n, k) => n + perKernel(k, l), 0) * grid.C.length * grid.seed.length;
}

/** Which parameters a sweep varies beyond C, gamma and seed: their values are named in its lines ("kernel=poly, …, degree=2"). */
export interface SweepVaries {
  readonly kernel?: boolean;
  readonly degree?: boolean;
  readonly coef0?: boolean;
}

export function sweepVaries(grid: Pick<SweepGrid, 'kernel' | 'degree' | 'coef0'>): SweepVaries {
  return { kernel: (grid.kernel?.length ?? 1) > 1, degree: (grid.degree?.length ?? 1) > 1, coef0: (grid.coef0?.length ?? 1) > 1 };
}

/** What a sweep's model names take from its base options (degree and coef0 when a poly or sigmoid kernel is given them). */
type SweepBase = Pick<TrainOptions, 'data' | 'name' | 'kernel'> & Partial<Pick<TrainOptions, 'degree' | 'coef0'>>;

/** e.g. iris-C0.1-gscale-s2023; `base.name` (e.g. from --name) replaces the data's name ("iris"). */
export function sweepModelName(base: SweepBase, p: { kernel?: Kernel; C: number; gamma: Gamma; degree?: number; coef0?: number; seed: number }): string {
  return modelNameFor({ data: base.data, degree: base.degree, coef0: base.coef0, ...p, kernel: p.kernel ?? base.kernel }, base.name);
}

/**
 * A name (e.g. --name) that is fine alone but too long once a sweep adds the parameters of its
 * longest-named model: refused about the name, with the length that fits every model.
 */
function checkNamePrefix(base: SweepBase, points: readonly Omit<SweepPoint, 'name'>[]): void {
  if (base.name === undefined || modelNameProblem(base.name) !== undefined) return;
  const slugs = points.map((p) => parameterSlug(p));
  const longest = slugs.reduce((a, b) => (b.length > a.length ? b : a), '');
  const length = base.name.length + 1 + longest.length;
  if (length <= MAX_MODEL_NAME) return;
  throw new UserError(`the name "${base.name}" (${base.name.length} characters) is too long for this sweep: a model is named "${base.name}-${longest}" (${length} characters), and a model name has at most ${MAX_MODEL_NAME} — shorten it to at most ${MAX_MODEL_NAME - 1 - longest.length} characters`);
}

/**
 * All combinations, kernel outermost, then C, gamma, degree, coef0 and seed; a kernel takes only the
 * first value of a parameter it does not use (linear: gamma; rbf: degree and coef0): the other values
 * would fit the same model again. A gamma, degree or coef0 list that no kernel of the sweep uses is refused.
 */
export function expandGrid(base: SweepBase, grid: SweepGrid): SweepPoint[] {
  const kernels = kernelsOf(grid, base);
  for (const parameter of ['gamma', 'degree', 'coef0'] as const) {
    const list = grid[parameter];
    if (list && list.length > 1 && !kernels.some((k) => kernelUses(k, parameter))) {
      const users = { gamma: 'rbf, poly and sigmoid kernels use', degree: 'poly kernel uses', coef0: 'poly and sigmoid kernels use' }[parameter];
      const add = { gamma: 'rbf', degree: 'poly', coef0: 'poly or sigmoid' }[parameter];
      throw new UserError(`the ${parameter} list (${list.join(', ')}) changes no model: only the ${users} ${parameter}, and this sweep trains ${kernels.join(', ')} — add ${add} to the kernels, or give one ${parameter}`);
    }
  }
  const l = kernelListsOf(grid, base);
  const n = gridSize(grid, base);
  if (n === 0) throw new UserError('the sweep is empty — every list needs at least one value');
  if (n > MAX_SWEEP_MODELS) {
    const lists = [
      kernels.length > 1 ? `${kernels.length} kernel` : '', `${grid.C.length} C`, `${grid.gamma.length} gamma`,
      l.degree.length > 1 ? `${l.degree.length} degree` : '', l.coef0.length > 1 ? `${l.coef0.length} coef0` : '', `${grid.seed.length} seed`,
    ].filter(Boolean).join(' × ');
    throw new UserError(`the sweep has ${n} combinations (${lists}); at most ${MAX_SWEEP_MODELS} are trained at once — shorten the lists`);
  }
  const points: Omit<SweepPoint, 'name'>[] = [];
  for (const kernel of kernels) {
    for (const C of grid.C) {
      for (const gamma of valuesFor(kernel, 'gamma', l.gamma)) {
        for (const degree of valuesFor(kernel, 'degree', l.degree)) {
          for (const coef0 of valuesFor(kernel, 'coef0', l.coef0)) {
            for (const seed of grid.seed) points.push({ kernel, C, gamma, degree, coef0, seed });
          }
        }
      }
    }
  }
  checkNamePrefix(base, points);
  return points.map((p) => ({ ...p, name: sweepModelName(base, p) }));
}

/**
 * e.g. "C=0.1, gamma=scale, seed=2023": the kernel first when the sweep varies it ("kernel=poly, C=…"),
 * degree and coef0 when it varies them and the point's kernel uses them, gamma left out for linear.
 */
export function describePoint(p: { kernel?: Kernel; C: number; gamma: Gamma; degree?: number; coef0?: number; seed: number }, varies: SweepVaries = {}): string {
  return [
    varies.kernel && p.kernel ? `kernel=${p.kernel}` : '',
    `C=${p.C}`,
    kernelUses(p.kernel, 'gamma') ? `gamma=${p.gamma}` : '',
    varies.degree && p.degree !== undefined && kernelUses(p.kernel, 'degree') ? `degree=${p.degree}` : '',
    varies.coef0 && p.coef0 !== undefined && kernelUses(p.kernel, 'coef0') ? `coef0=${p.coef0}` : '',
    `seed=${p.seed}`,
  ].filter(Boolean).join(', ');
}


/**
 * Trains every combination (base options with C, gamma, seed and name replaced), all on one snapshot
 * of the data read once at the start (a table that grows meanwhile does not make the models differ).
 * The models are fitted by `control.runner` — one after another in this thread by default, or on a
 * pool of worker threads — and saved here one at a time as they finish, so the files are the same
 * whatever fits them. Progress reports "Reading data", then "Model i of N (C=…, gamma=…, seed=…):
 * <step>" for the model that moved last, with the fraction of the whole sweep (finished models plus
 * the parts of those in progress; it never goes back). Cancelling (`signal`) abandons the fits in
 * progress (they leave nothing behind), keeps every model whose fit had finished and returns them
 * with `cancelled: true`; `stop` starts no further model but finishes those in progress. A refusal
 * stops the sweep and is rethrown, naming the combination and the models already saved.
 */
export async function runSweep(base: TrainOptions, grid: SweepGrid, fs: FileSystem, control: SweepControl = {}): Promise<SweepResult> {
  const points = expandGrid(base, grid);
  const varies = sweepVaries(grid);
  for (const p of points) checkModelName(p.name);
  const total = points.length;
  const saved = new Array<SweepModel | undefined>(total);
  const models = () => saved.filter((m): m is SweepModel => m !== undefined);
  const ended = (cancelled: boolean, stopped = false): SweepResult => ({ models: models(), planned: total, cancelled, stopped });
  const readShare = 1 / (total + 1);
  if (control.signal?.aborted) return ended(true);
  // A models folder that is a link, or a release the joblib files cannot be written for, is refused now, not after the fits.
  await checkModelsFolder(fs, base.modelsDir);
  const joblib = joblibRequest(base);
  let snapshot = control.snapshot;
  if (!snapshot) {
    try {
      snapshot = await loadTrainingSnapshot(base, fs, {
        signal: control.signal,
        onDataWarning: control.onDataWarning, log: control.log,
        progress: { report: (step, fraction) => control.progress?.report(step, readShare * Math.min(Math.max((fraction ?? 0) / 0.2, 0), 1)) },
      });
    } catch (e) {
      if (isAbortError(e) || control.signal?.aborted) return ended(true);
      throw e;
    }
  }
  const data = snapshot;
  const label = dataLabel(base.data);
  checkTrainRows(data.dataset.X.length, base, label);
  // A new models folder's pause and the workspace's git state (read once; it never rejects; every
  // model records it) pass while the first models fit. The folder goes again if no model is saved.
  const folder = await makeModelsFolderAhead(fs, base.modelsDir);
  const git = gitProvenance(base.workspaceDir ?? base.modelsDir, fs);
  try {
    // Progress: finished models count whole, models in progress by their own fraction.
    const inProgress = new Map<number, number>();
    let finished = 0;
    let shown = readShare;
    const report = (i: number, step: string, fraction: number) => {
      if (fraction >= 1) inProgress.delete(i);
      else inProgress.set(i, Math.min(Math.max(fraction, 0), 1));
      let parts = finished;
      for (const f of inProgress.values()) parts += f;
      shown = Math.max(shown, readShare + ((1 - readShare) * parts) / total);
      control.progress?.report(`Model ${i + 1} of ${total} (${describePoint(points[i], varies)}): ${step}`, shown);
    };

    // A refusal or a failed save ends the fits still running; the user's cancel does too.
    const ending = new AbortController();
    const signal = control.signal ? AbortSignal.any([control.signal, ending.signal]) : ending.signal;
    let refusal: { index: number; message: string } | undefined;
    let saveFailure: { index: number; error: unknown } | undefined;
    let saving = Promise.resolve();
    const saveOne = async (result: Extract<SweepUnitResult, { ok: true }>, i: number) => {
      const point = points[i];
      const training = splitTrainingData(data, data.dataset, { seed: point.seed, trainSize: base.trainSize, testSize: base.testSize }, label);
      control.onSave?.(i, total, point);
      await folder.ready;
      // A model whose fit finished is kept: its save is not cancelled (it takes milliseconds).
      const r = await saveTrainedModel(training, Pipeline.fromJSON(result.pipeline), {
        layout: base.layout, modelsDir: base.modelsDir, name: point.name, seed: point.seed, trainSize: base.trainSize, testSize: base.testSize,
        scores: { train: result.train, valid: result.valid },
        git, ...joblib,
      }, fs, { log: control.log });
      const model: SweepModel = { ...point, result: r };
      saved[i] = model;
      finished++;
      report(i, 'Saved', 1);
      control.onModel?.(model, i, total);
    };

    const context: SweepContext = {
      X: data.dataset.X, y: data.dataset.y, label, lines: data.dataset.lines, featureNames: data.dataset.featureNames, kernel: base.kernel, degree: base.degree, coef0: base.coef0,
      ...(base.cacheSizeMB !== undefined ? { cacheSizeMB: base.cacheSizeMB } : {}),
      ...(base.trainSize !== undefined ? { trainSize: base.trainSize } : {}),
      ...(base.testSize !== undefined ? { testSize: base.testSize } : {}),
    };
    let cancelled = false;
    try {
      await (control.runner ?? runSweepInThisThread)({ context, units: points.map(({ kernel, C, gamma, degree, coef0, seed }) => ({ kernel, C, gamma, degree, coef0, seed })) }, {
        signal,
        ...(control.stop ? { stop: control.stop } : {}),
        onStart: (i) => {
          control.onStart?.(i, total, points[i]);
          report(i, 'Splitting', 0);
        },
        onProgress: (i, step, fraction) => report(i, step, fraction),
        onDone: (result, i) => {
          if (!result.ok) {
            refusal ??= { index: i, message: result.message };
            ending.abort();
            return;
          }
          report(i, 'Saving', SAVE_FRACTION);
          saving = saving.then(() => (saveFailure ? undefined : saveOne(result, i))).catch((error: unknown) => {
            saveFailure ??= { index: i, error };
            ending.abort();
          });
          return saving;
        },
      });
    } catch (e) {
      if (!isAbortError(e) || !signal.aborted) {
        await saving;
        throw e;
      }
      cancelled = true;
    }
    await saving;
    // The first refusal (or refused save) names its combination and the models saved before it.
    const refusedAt = (index: number, message: string) => {
      const kept = models();
      const before = kept.length ? ` (${kept.length} model${kept.length === 1 ? '' : 's'} saved before it: ${kept.map((m) => m.result.name).join(', ')})` : '';
      return new UserError(`model ${index + 1} of ${total} (${describePoint(points[index], varies)}): ${message}${before}`);
    };
    if (refusal) throw refusedAt(refusal.index, refusal.message);
    if (saveFailure) {
      if (saveFailure.error instanceof UserError) throw refusedAt(saveFailure.index, saveFailure.error.message);
      throw saveFailure.error;
    }
    if (cancelled) return ended(true);
    if (control.stop?.aborted && finished < total) return ended(false, true);
    control.progress?.report(`Trained ${total} models`, 1);
    return ended(false);
  } finally {
    if (models().length === 0) await folder.undo();
  }
}

/** Share of a model's progress at which it is being saved. */
const SAVE_FRACTION = 0.9;
