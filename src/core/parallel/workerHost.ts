// The worker side of a WorkerPool: receives a job's shared context, then tasks one at a time, runs
// each with the handler the job names and posts back its result (or its error's name and message).
import { parentPort } from 'node:worker_threads';
import { claimTask, handlerOf, type FromWorker, type TaskHandler, type ToWorker } from './poolMessages';

/**
 * Serves tasks in this worker thread with the given handlers (task kind → handler). Throws when not
 * called inside a worker thread.
 */
export function serveTasks(handlers: Readonly<Record<string, TaskHandler>>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks must run inside a worker thread');
  const post = (m: FromWorker) => port.postMessage(m);
  let job = -1;
  let handler: TaskHandler | undefined;
  let handlerName = '';
  let context: unknown;
  let claims: Int32Array | undefined;
  port.on('message', (m: ToWorker) => {
    if (m.kind === 'context') {
      job = m.job;
      handlerName = m.handler;
      handler = handlerOf(handlers, m.handler);
      context = m.context;
      claims = m.claims ? new Int32Array(m.claims) : undefined;
      return;
    }
    const { index } = m;
    if (m.job === job && !claimTask(claims, index)) return post({ kind: 'skipped', job: m.job, index });
    void (async () => {
      try {
        if (m.job !== job) throw new Error(`task ${index} of job ${m.job} arrived before that job's context`);
        if (handler === undefined) throw new Error(`this worker has no handler for tasks of kind "${handlerName}"`);
        const report = (step: string, fraction?: number) => post({ kind: 'progress', job: m.job, index, step, ...(fraction !== undefined ? { fraction } : {}) });
        const result: unknown = await handler(context, m.task, report);
        post({ kind: 'result', job: m.job, index, result });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        post({ kind: 'failed', job: m.job, index, name: err.name, message: err.message });
      }
    })();
  });
}
