// tune's units on a WorkerPool (--jobs N): the training rows and folds go to each worker once, then
// one unit per message; results come back in unit order, so they are the same whatever N is.
import type { WorkerPool } from '../../parallel/workerPool';
import { threadsPay } from '../../parallel/threadsPay';
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
 * Below this much work (fits × each fit's training rows², threadsPay.ts) a search on 2 fresh threads
 * is no faster than in this thread. `model-lab tune … --cv 5` (whole process, 3 runs each, --jobs 2
 * against --jobs 1; a fit trains on 4/5 of the 80 % training part, 0.64 of the rows): 12 candidates
 * on 1,000 rows 477–482 against 359–382 ms, on 2,000 rows (60 × 1,280² = 98 M) 599–673 against
 * 565–629 ms, on 3,000 rows (221 M) 764–906 against 873–987 ms; 4 candidates on 4,000 rows (131 M)
 * 716–814 against 588–751 ms; 24 candidates on 2,000 rows (197 M) 702–728 against 823–978 ms. So
 * 12 × 5 uses threads from 1,633 rows per fit (about 2,550 rows in the file); iris never does.
 * Rechecked since the CLI's calling thread fits too (--jobs 2: this thread and one worker), 12 × 5,
 * 3 runs each: 2,000 rows 697–736 against 666–876 ms, 3,000 rows 799–944 against 920–1,257 ms.
 */
export const MIN_WORK_FOR_THREADS = 160_000_000;

/**
 * A UnitRunner that runs the units on `pool` (the pool stays open for the caller to reuse or close).
 * A job smaller than `minWork` (fits × training rows²) runs in this thread instead; 0: every job of two
 * fits or more uses the pool (the CLI's --jobs N).
 */
export function poolRunner(pool: WorkerPool, minWork = 0): UnitRunner {
  const onPool = unitsOnPool(pool);
  return (job, events) => (threadsPay(job.units.length, job.folds[0]?.train.length ?? job.data.X.length, minWork) ? onPool(job, events) : runUnitsInThisThread(job, events));
}

/**
 * A UnitRunner that runs every unit on `pool`, however small the search (the extension: a fit in its
 * host's thread could not be cancelled and would freeze every extension of the window).
 */
export function unitsOnPool(pool: WorkerPool): UnitRunner {
  return (job, events) => {
    const context: CvContext = { data: job.data, folds: job.folds, ...(job.cacheSizeMB !== undefined ? { cacheSizeMB: job.cacheSizeMB } : {}) };
    return pool.run<CvUnit, CvUnitResult>(CV_UNIT_TASK, context, job.units, events);
  };
}
