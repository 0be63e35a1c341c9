// A task kind for the pool's scheduling tests, run by the real serveTasks in a real worker thread
// (gatedTaskWorker.ts) and by the calling thread: a task can wait on one of two gates shared by every
// thread of the job, or open it, so which thread runs which task does not depend on timing. Each
// result names the thread that ran it (0: the calling thread).
import { threadId } from 'node:worker_threads';
import type { TaskHandler } from '../../../src/core/parallel/poolMessages';

export const GATED_TASK = 'gated';

export interface GatedContext {
  readonly gate: SharedArrayBuffer;
}

export interface GatedTask {
  readonly id: number;
  /** Opens gate 1 as it starts. */
  readonly openStarted?: boolean;
  /** Waits (at most 5 s) until a task with openStarted has started. */
  readonly waitForStarted?: boolean;
  /** Waits (at most 5 s) until a task with openGate has run. */
  readonly waitForGate?: boolean;
  readonly openGate?: boolean;
}

function open(gate: Int32Array, i: number): void {
  Atomics.store(gate, i, 1);
  Atomics.notify(gate, i);
}

export const GATED_TASKS: Readonly<Record<string, TaskHandler>> = {
  [GATED_TASK]: (context, task) => {
    const gate = new Int32Array((context as GatedContext).gate);
    const t = task as GatedTask;
    if (t.openStarted) open(gate, 1);
    if (t.waitForStarted) Atomics.wait(gate, 1, 0, 5000);
    if (t.openGate) open(gate, 0);
    const gateWait = t.waitForGate ? Atomics.wait(gate, 0, 0, 5000) : undefined;
    return { id: t.id, thread: threadId, ...(gateWait ? { gateWait } : {}) };
  },
};
