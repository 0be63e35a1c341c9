// Where a search's units run. The use case hands the whole job to a runner; this file's runner works
// through the units one by one in the calling thread, yielding to the event loop between them so a
// cancellation (Ctrl-C, a Cancel button) is seen within one unit. A pool of worker threads is another
// runner with the same contract.
import { throwIfAborted } from '../../abort';
import type { FoldIndices } from './stratifiedKFold';
import { runCvUnit, type CvData, type CvUnit, type CvUnitResult } from './cvUnit';
import { nextTurn } from '../../nextTurn';

/** Everything the units need: the training rows, the folds and the units themselves. */
export interface CvJob {
  readonly data: CvData;
  readonly folds: readonly FoldIndices[];
  readonly units: readonly CvUnit[];
  readonly cacheSizeMB?: number;
}

export interface UnitEvents {
  readonly signal?: AbortSignal;
  /** Unit `index` (into job.units) starts. */
  onStart?(index: number): void;
  /** Unit `index` finished with `result`. */
  onDone?(result: CvUnitResult, index: number): void;
}

/**
 * Runs every unit of the job and resolves their results in unit order. Rejects with the abort error
 * once the signal is aborted (no further unit starts), and with a unit's unexpected exception.
 */
export type UnitRunner = (job: CvJob, events: UnitEvents) => Promise<CvUnitResult[]>;

/** The units one after another in this thread (--jobs 1). */
export const runUnitsInThisThread: UnitRunner = async (job, events) => {
  const results: CvUnitResult[] = [];
  for (let i = 0; i < job.units.length; i++) {
    await nextTurn();
    throwIfAborted(events.signal);
    const unit = job.units[i];
    events.onStart?.(i);
    const result = runCvUnit(job.data, job.folds[unit.fold], unit, job.cacheSizeMB);
    results.push(result);
    events.onDone?.(result, i);
  }
  return results;
};
