// The table of pure task kinds a WorkerPool runs: served by every worker thread (poolWorker.ts), and
// by the calling thread of a pool that works too (the CLI's --jobs N). A new kind of pure task adds a
// line: a (candidate, fold) unit of tune, one model of a sweep, a saved model's rows predicted.
import type { TaskHandler } from './poolMessages';
import { CV_UNIT_TASK, cvUnitHandler } from '../experiments/tune/poolRunner';
import { SWEEP_MODEL_TASK, sweepModelHandler } from '../experiments/sweepRunner';
import { PREDICT_ROWS_TASK, predictRowsHandler } from '../usecases/rowPredictor';

export const TASK_HANDLERS: Readonly<Record<string, TaskHandler>> = {
  [CV_UNIT_TASK]: cvUnitHandler, [SWEEP_MODEL_TASK]: sweepModelHandler, [PREDICT_ROWS_TASK]: predictRowsHandler,
};
