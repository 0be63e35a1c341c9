// Where a sweep's models are fitted: one after another in the calling thread, or on a WorkerPool
// (--jobs N, the extension's modelLab.jobs). Both run runSweepUnit and report through the same
// events, so the sweep (sweep.ts) saves the same models whatever runs them. A runner writes nothing.
import { throwIfAborted } from '../abort';
import type { WorkerPool } from '../parallel/workerPool';
import { threadsPay } from '../parallel/threadsPay';
import type { TaskHandler } from '../parallel/poolMessages';
import { runSweepUnit, type SweepContext, type SweepUnit, type SweepUnitResult } from './sweepUnit';
import { nextTurn } from '../nextTurn';

/** The models to fit and what they share. */
export interface SweepJob {
  readonly context: SweepContext;
  readonly units: readonly SweepUnit[];
}

export interface SweepUnitEvents {
  /** Cancels: fits in progress are abandoned, the runner rejects with the abort error. */
  readonly signal?: AbortSignal;
  /** Stops: no further model starts; the runner resolves once the ones in progress have finished. */
  readonly stop?: AbortSignal;
  /** Model `index` (into job.units) starts. */
  onStart?(index: number): void;
  /** Model `index` reached a step ('Fitting …', 'Scoring') at `fraction` of its own work. */
  onProgress?(index: number, step: string, fraction: number): void;
  /**
   * Model `index` finished (fitted and scored, or refused). In this thread the next model starts once
   * the promise it returns (the model's save) has settled, as when training one model after another.
   */
  onDone?(result: SweepUnitResult, index: number): void | Promise<void>;
}

/**
 * Fits every model of the job, reporting each through the events, and resolves when all are done
 * (or `stop` ended the job early). Rejects with the abort error when `signal` aborts.
 */
export type SweepRunner = (job: SweepJob, events: SweepUnitEvents) => Promise<void>;

/**
 * The models one after another in this thread (--jobs 1), yielding to the event loop between them
 * so that a cancel, a stop and the saves of finished models are seen between two fits.
 */
export const runSweepInThisThread: SweepRunner = async (job, events) => {
  for (let i = 0; i < job.units.length; i++) {
    await nextTurn();
    throwIfAborted(events.signal);
    if (events.stop?.aborted) return;
    events.onStart?.(i);
    const result = runSweepUnit(job.context, job.units[i], (step, fraction) => events.onProgress?.(i, step, fraction));
    // A cancel during the fit drops this model: only fits finished before the cancel count.
    throwIfAborted(events.signal);
    await events.onDone?.(result, i);
  }
};

/** The task kind poolWorker.ts serves with sweepModelHandler. */
export const SWEEP_MODEL_TASK = 'sweep-model';

/** Worker side: one model of the sweep against the job's rows. */
export const sweepModelHandler: TaskHandler = (context, task, report) => runSweepUnit(context as SweepContext, task as SweepUnit, report);

/**
 * Below this much work (models × training rows², threadsPay.ts) a sweep on 2 fresh threads is no
 * faster than in this thread. `model-lab train --C 0.1,1,10,100 --gamma scale,auto` (8 models, whole
 * process, 3 runs each, --jobs 2 against --jobs 1): 1,000 rows 505–526 against 392–412 ms, 4,000
 * rows 699–754 against 657–715 ms (8 × 3,200² = 82 M), 5,000 rows 716–778 against 777–805 ms;
 * 16 models on 2,000 rows (41 M) 750–779 against 635–692 ms, on 3,000 rows (92 M) 855–906 against
 * 776–1,039 ms; 4 models on 8,000 rows (164 M) 873–926 against 973–1,003 ms. So 8 models use
 * threads from 3,536 training rows (4,420 rows at 80/20), 16 models from 2,500; iris never does.
 * Rechecked since the CLI's calling thread fits too (--jobs 2: this thread and one worker), 8 models,
 * 3 runs each: 2,000 rows 500–517 against 461–475 ms, 3,000 rows 564–601 against 532–559 ms, 4,000
 * rows 664–844 against 723–808 ms: the threshold stands.
 */
export const MIN_SWEEP_WORK_FOR_THREADS = 100_000_000;

/**
 * A SweepRunner that fits the models on the pool `poolOf` gives (asked for only when it is used; left
 * open for the caller to reuse or close). A job smaller than `minWork` (models × training rows²,
 * the rows estimated from the data and the split) or of a single model runs in this thread instead;
 * 0: every job of two models or more uses the pool (the CLI's --jobs N).
 */
export function sweepPoolRunner(poolOf: () => WorkerPool, minWork = 0): SweepRunner {
  const onPool = sweepOnPool(poolOf);
  return (job, events) => (threadsPay(job.units.length, estimatedTrainRows(job.context), minWork) ? onPool(job, events) : runSweepInThisThread(job, events));
}

/**
 * A SweepRunner that fits every model on the pool, however small the job (the extension: a fit in
 * its host's thread could not be cancelled and would freeze every extension of the window).
 */
export function sweepOnPool(poolOf: () => WorkerPool): SweepRunner {
  return async (job, events) => {
    await poolOf().run<SweepUnit, SweepUnitResult>(SWEEP_MODEL_TASK, job.context, job.units, {
      ...(events.signal ? { signal: events.signal } : {}),
      ...(events.stop ? { stop: events.stop } : {}),
      onStart: (i) => events.onStart?.(i),
      onProgress: (i, step, fraction) => events.onProgress?.(i, step, fraction ?? 0),
      // Workers do not wait for the saves: they fit the next models meanwhile (the calling thread,
      // when it fits too, saves before its next fit).
      onDone: (result, i) => events.onDone?.(result, i),
    });
  };
}

/**
 * Fits and scores one model (Train, a search's refit, an import's refit check) in this thread or on
 * a worker thread: a worker keeps the calling thread free (the extension host stays responsive) and
 * makes a cancel immediate (the worker is stopped). The result is the same wherever it runs. Rejects with the abort error
 * when `signal` aborts.
 */
export type ModelFitter = (
  context: SweepContext, unit: SweepUnit, events: { readonly signal?: AbortSignal; onProgress?(step: string, fraction: number): void },
) => Promise<SweepUnitResult>;

/** Fits in this thread (the CLI). */
export const fitInThisThread: ModelFitter = (context, unit, events) => {
  throwIfAborted(events.signal);
  return Promise.resolve(runSweepUnit(context, unit, events.onProgress));
};

/**
 * A ModelFitter that fits on a worker of the pool `poolOf` gives, however small the model (the
 * extension: a fit in its host's thread could not be cancelled and would freeze the window's
 * extensions). Train on iris in Node, medians of 15 on a busy 2-core machine: 7.6–7.9 ms in this
 * thread, 8.3–14.3 ms on a running worker; the window's first fit pays the worker's start once.
 */
export function fitOnPool(poolOf: () => WorkerPool): ModelFitter {
  return async (context, unit, events) => {
    const [result] = await poolOf().run<SweepUnit, SweepUnitResult>(SWEEP_MODEL_TASK, context, [unit], {
      ...(events.signal ? { signal: events.signal } : {}),
      onProgress: (_i, step, fraction) => events.onProgress?.(step, fraction ?? 0),
    });
    if (result === undefined) throw new Error('the worker thread returned no model');
    return result;
  };
}

/** Roughly how many rows each model trains on (for the threshold only; the split itself is exact). */
function estimatedTrainRows(context: SweepContext): number {
  const n = context.X.length;
  const { trainSize, testSize } = context;
  if (trainSize) return trainSize.kind === 'count' ? trainSize.value : Math.floor(n * trainSize.value);
  if (testSize) return n - (testSize.kind === 'count' ? testSize.value : Math.ceil(n * testSize.value));
  return Math.floor(n * 0.75);
}
