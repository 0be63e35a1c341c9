// The program every WorkerPool thread runs (bundled by scripts/build.mjs as dist/poolWorker.js):
// the table of task kinds it serves. The one file here that knows the kinds; a new kind of pure task
// (e.g. one sweep model) adds a line.
import { setSvmThreads } from '../svm/kernelWorker';
import { serveTasks } from './workerHost';
import { CV_UNIT_TASK, cvUnitHandler } from '../experiments/tune/poolRunner';

// The pool already gives every core a thread: no second kernel thread per worker.
setSvmThreads(1);

serveTasks({ [CV_UNIT_TASK]: cvUnitHandler });
