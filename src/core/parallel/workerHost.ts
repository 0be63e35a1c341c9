// The worker side of a WorkerPool: receives a job (its shared context and its tasks), then takes
// tasks from the job's shared queue one after another, runs each with the handler the job names and
// posts back its result (or its error's name and message), until the queue is empty or closed.
import { parentPort } from 'node:worker_threads';
import { handlerOf, takeTask, type FromWorker, type TaskHandler, type ToWorker } from './poolMessages';

/**
 * Serves tasks in this worker thread with the given handlers (task kind → handler). Throws when not
 * called inside a worker thread.
 */
export function serveTasks(handlers: Readonly<Record<string, TaskHandler>>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks must run inside a worker thread');
  const post = (m: FromWorker) => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    void (async () => {
      const { job, tasks } = m;
      const queue = new Int32Array(m.queue);
      const handler = handlerOf(handlers, m.handler);
      for (let index = takeTask(queue, tasks.length); index !== undefined; index = takeTask(queue, tasks.length)) {
        post({ kind: 'started', job, index });
        try {
          if (handler === undefined) throw new Error(`this worker has no handler for tasks of kind "${m.handler}"`);
          const at = index;
          const report = (step: string, fraction?: number) => post({ kind: 'progress', job, index: at, step, ...(fraction !== undefined ? { fraction } : {}) });
          post({ kind: 'result', job, index, result: await handler(m.context, tasks[index], report) });
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          post({ kind: 'failed', job, index, name: err.name, message: err.message });
          return;
        }
      }
    })();
  });
}
