// The program every WorkerPool thread runs (bundled by scripts/build.mjs as dist/poolWorker.js):
// the table of task kinds it serves. The one file here that knows the kinds; a new kind of pure task
// adds a line: a (candidate, fold) unit of tune, one model of a sweep.
import { serveTasks } from './workerHost';
import { CV_UNIT_TASK, cvUnitHandler } from '../experiments/tune/poolRunner';
import { SWEEP_MODEL_TASK, sweepModelHandler } from '../experiments/sweepRunner';
// The SVM runs single-threaded in WebAssembly (dist/svm.wasm beside this bundle): one per worker.

serveTasks({ [CV_UNIT_TASK]: cvUnitHandler, [SWEEP_MODEL_TASK]: sweepModelHandler });
