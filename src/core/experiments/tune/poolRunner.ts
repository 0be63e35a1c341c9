// tune's units on a WorkerPool (--jobs N): the training rows and folds go to each worker once, then
// one unit per message; results come back in unit order, so they are the same whatever N is.
import type { WorkerPool } from '../../parallel/workerPool';
import type { TaskHandler } from '../../parallel/poolMessages';
import type { FoldIndices } from './stratifiedKFold';
import { runCvUnit, type CvData, type CvUnit, type CvUnitResult } from './cvUnit';
import type { UnitRunner } from './unitRunner';

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

/** A UnitRunner that runs the units on `pool` (the pool stays open for the caller to reuse or close). */
export function poolRunner(pool: WorkerPool): UnitRunner {
  return (job, events) => {
    const context: CvContext = { data: job.data, folds: job.folds, ...(job.cacheSizeMB !== undefined ? { cacheSizeMB: job.cacheSizeMB } : {}) };
    return pool.run<CvUnit, CvUnitResult>(CV_UNIT_TASK, context, job.units, events);
  };
}
