// The program every WorkerPool thread runs (bundled by scripts/build.mjs as dist/poolWorker.js):
// the table of task kinds it serves. The one file here that knows the kinds; a new kind of pure task
// adds a line: a (candidate, fold) unit of tune, one model of a sweep.
import { workerData } from 'node:worker_threads';
import { serveTasks } from './workerHost';
import { useCompiledSvm, type CompiledSvm } from '../svm/svmEngine';
import { CV_UNIT_TASK, cvUnitHandler } from '../experiments/tune/poolRunner';
import { SWEEP_MODEL_TASK, sweepModelHandler } from '../experiments/sweepRunner';
// The SVM runs single-threaded in WebAssembly, one instance per worker, of the module the pool's
// thread compiled (workerPool.ts): V8 shares its machine code, optimised or not, between threads.
const shared = (workerData as { svm?: CompiledSvm } | null)?.svm;
if (shared !== undefined) useCompiledSvm(shared);

serveTasks({ [CV_UNIT_TASK]: cvUnitHandler, [SWEEP_MODEL_TASK]: sweepModelHandler });
