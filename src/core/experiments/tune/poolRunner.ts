// tune's units on a WorkerPool (--jobs N): the training rows and folds go to each worker once, then
// one unit per message; results come back in unit order, so they are the same whatever N is.
import type { WorkerPool } from '../../parallel/workerPool';
import type { TaskHandler } from '../../parallel/poolMessages';
import type { FoldIndices } from './stratifiedKFold';
import { runCvUnit, type CvData, type CvUnit, type CvUnitResult } from './cvUnit';
import { runUnitsInThisThread, type UnitRunner } from './unitRunner';

/** The task kind poolWorker.ts serves with cvUnitHandler. */
export const CV_UNIT_TASK = 'tune-cv-unit';

interface CvContext {
  readonly data: CvData;
  readonly folds: readonly FoldIndices[];
  readonly cacheSizeMB?: number;
}

/** Worker side: one (candidate, fold) unit against the job's rows and folds. */
export const cvUnitHandler: TaskHandler = (context, task) => {
  const c = context as CvContext;
  const unit = task as CvUnit;
  return runCvUnit(c.data, c.folds[unit.fold], unit, c.cacheSizeMB);
};

/**
 * Below this much work (fits × training rows) starting worker threads costs more than it saves: on
 * iris (12 × 5 fits on 120 rows = 7,200) a 2-thread pool took 0.22 s against 0.13 s in one thread,
 * while on 5,000 rows (60 × 4,000 = 240,000) the pool wins (bench/sections/tune.mjs).
 */
export const MIN_WORK_FOR_THREADS = 50_000;

/**
 * A UnitRunner that runs the units on `pool` (the pool stays open for the caller to reuse or close).
 * A job smaller than `minWork` (fits × training rows) runs in this thread instead; 0 always uses the pool.
 */
export function poolRunner(pool: WorkerPool, minWork = 0): UnitRunner {
  return (job, events) => {
    if (job.units.length * job.data.X.length < minWork) return runUnitsInThisThread(job, events);
    const context: CvContext = { data: job.data, folds: job.folds, ...(job.cacheSizeMB !== undefined ? { cacheSizeMB: job.cacheSizeMB } : {}) };
    return pool.run<CvUnit, CvUnitResult>(CV_UNIT_TASK, context, job.units, events);
  };
}
