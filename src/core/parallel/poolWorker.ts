// The program every WorkerPool thread runs (bundled by scripts/build.mjs as dist/poolWorker.js): it
// serves the task kinds of taskHandlers.ts.
import { workerData } from 'node:worker_threads';
import { serveTasks } from './workerHost';
import { useCompiledSvm, type CompiledSvm } from '../svm/svmEngine';
import { TASK_HANDLERS } from './taskHandlers';
// The SVM runs single-threaded in WebAssembly, one instance per worker, of the module the pool's
// thread compiled (workerPool.ts): V8 shares its machine code, optimised or not, between threads.
const shared = (workerData as { svm?: CompiledSvm } | null)?.svm;
if (shared !== undefined) useCompiledSvm(shared);

serveTasks(TASK_HANDLERS);
