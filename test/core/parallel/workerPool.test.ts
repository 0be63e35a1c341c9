// The worker pool on real worker threads (the bundled poolWorker.js): tune's results are identical
// whatever the number of threads, progress counts every unit, cancelling terminates every worker and
// saves nothing, a task error or a missing program is reported, not swallowed, and a calling thread
// that works too takes back a task a busy worker has not started (scheduling tasks: gatedTasks.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { isAbortError } from '../../../src/core/abort';
import { UserError } from '../../../src/core/types';
import { WorkerPool } from '../../../src/core/parallel/workerPool';
import { tune, type TuneOptions } from '../../../src/core/experiments/tune/tune';
import { MIN_WORK_FOR_THREADS, poolRunner } from '../../../src/core/experiments/tune/poolRunner';
import { TASK_HANDLERS } from '../../../src/core/parallel/taskHandlers';
import { tuneReport } from '../../../src/core/experiments/tune/tuneReport';
import { fixture, gridOf, dataOptionsOf } from '../experiments/tune/gridsearchFixture';
import { gatedWorkerFile, workerFile } from './bundledWorker';
import { GATED_TASK, GATED_TASKS, type GatedTask } from './gatedTasks';

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-pool-')); });
after(() => rmSync(root, { recursive: true, force: true }));

const optionsOf = (id: string, modelsDir: string): TuneOptions => {
  const c = fixture.cases.find((x) => x.id === id)!;
  return { ...dataOptionsOf(c), layout: 'separate', grid: gridOf(c), cv: c.cv, modelsDir, name: 'm', confirmed: true };
};

test('tune on 1, 2 and 3 worker threads gives byte-identical results, equal to the in-thread run and to GridSearchCV', async () => {
  for (const id of ['iris-k10', 'noisy-k5-kernels', 'rare-k3-failed-fits']) {
    const inThread = tuneReport(await tune(optionsOf(id, join(root, id, 'in-thread')), nodeFileSystem));
    const want = JSON.stringify({ ...inThread, model: undefined });
    for (const threads of [1, 2, 3]) {
      const pool = new WorkerPool(workerFile(), threads);
      try {
        let done = 0;
        const r = tuneReport(await tune(optionsOf(id, join(root, id, `pool-${threads}`)), nodeFileSystem, {
          runner: poolRunner(pool),
          onProgress: (p) => { assert.ok(p.done === done || p.done === done + 1, 'done counts up one unit at a time'); done = p.done; },
        }));
        assert.equal(JSON.stringify({ ...r, model: undefined }), want, `${id} on ${threads} threads`);
        assert.equal(pool.threads, Math.min(threads, r.candidates.length * r.cv));
        assert.equal(done, r.candidates.length * r.cv);
      } finally {
        await pool.close();
      }
    }
    const c = fixture.cases.find((x) => x.id === id)!;
    assert.deepEqual(inThread.candidates.map((x) => x.meanScore), c.candidates.map((x) => x.mean), id);
  }
});

test('a pool whose calling thread works too (the CLI) starts one worker less and gives the same results; a job of one task starts no worker', async () => {
  for (const id of ['iris-k10', 'rare-k3-failed-fits']) {
    const want = JSON.stringify({ ...tuneReport(await tune(optionsOf(id, join(root, id, 'in-thread-2')), nodeFileSystem)), model: undefined });
    for (const size of [1, 2, 3]) {
      const pool = new WorkerPool(workerFile(), size, { thisThread: TASK_HANDLERS });
      try {
        let done = 0;
        const r = tuneReport(await tune(optionsOf(id, join(root, id, `caller-${size}`)), nodeFileSystem, {
          runner: poolRunner(pool),
          onProgress: (p) => { assert.ok(p.done === done || p.done === done + 1, 'done counts up one unit at a time'); done = p.done; },
        }));
        assert.equal(JSON.stringify({ ...r, model: undefined }), want, `${id}, this thread and ${size - 1} workers`);
        assert.equal(pool.threads, size - 1);
        assert.equal(done, r.candidates.length * r.cv);
      } finally {
        await pool.close();
      }
    }
  }
  const fresh = new WorkerPool(workerFile(), 2, { thisThread: TASK_HANDLERS });
  try {
    await assert.rejects(fresh.run('no-such-task', {}, [1]), /this thread has no handler for tasks of kind "no-such-task"/);
    assert.equal(fresh.threads, 0, 'one task: the calling thread alone');
  } finally {
    await fresh.close();
  }
});

test('with the calling thread working, cancelling rejects after its running unit and stops every worker; stop keeps what finished', async () => {
  const pool = new WorkerPool(workerFile(), 2, { thisThread: TASK_HANDLERS });
  const modelsDir = join(root, 'caller-cancelled');
  try {
    const controller = new AbortController();
    let doneAtAbort = -1;
    let doneAfter = -1;
    await assert.rejects(tune(optionsOf('noisy-k5-kernels', modelsDir), nodeFileSystem, {
      runner: poolRunner(pool), signal: controller.signal,
      onProgress: (p) => {
        if (doneAtAbort >= 0) doneAfter = Math.max(doneAfter, p.done);
        if (p.done === 25 && doneAtAbort < 0) { doneAtAbort = p.done; controller.abort(); }
      },
    }), (e: unknown) => isAbortError(e));
    assert.equal(doneAtAbort, 25);
    assert.ok(doneAfter <= 25, `no unit is counted after the cancel (got ${doneAfter})`);
    assert.equal(pool.threads, 0, 'the workers were terminated');
    assert.throws(() => readdirSync(modelsDir), /ENOENT/);
  } finally {
    await pool.close();
  }
});

test('a search smaller than minWork stays in this thread (no worker started); an explicit pool size is obeyed', async () => {
  const pool = new WorkerPool(workerFile(), 2);
  try {
    const small = await tune(optionsOf('iris-k3', join(root, 'small')), nodeFileSystem, { runner: poolRunner(pool, MIN_WORK_FOR_THREADS) });
    assert.equal(pool.threads, 0, 'iris 6 × 3 on 120 rows is below MIN_WORK_FOR_THREADS');
    const threaded = await tune(optionsOf('iris-k3', join(root, 'threaded')), nodeFileSystem, { runner: poolRunner(pool) });
    assert.equal(pool.threads, 2);
    assert.deepEqual(tuneReport(threaded).candidates, tuneReport(small).candidates);
  } finally {
    await pool.close();
  }
});

test('cancelling stops every worker at once; nothing is saved; the pool runs again afterwards', async () => {
  const pool = new WorkerPool(workerFile(), 2);
  const modelsDir = join(root, 'cancelled');
  try {
    const controller = new AbortController();
    let doneAtAbort = -1;
    await assert.rejects(tune(optionsOf('noisy-k5-kernels', modelsDir), nodeFileSystem, {
      runner: poolRunner(pool), signal: controller.signal,
      onProgress: (p) => { if (p.done === 25 && doneAtAbort < 0) { doneAtAbort = p.done; controller.abort(); } },
    }), (e: unknown) => isAbortError(e));
    assert.equal(doneAtAbort, 25);
    assert.equal(pool.threads, 0, 'the workers were terminated');
    assert.throws(() => readdirSync(modelsDir), /ENOENT/);
    // The same pool starts fresh workers for the next job.
    const r = await tune(optionsOf('iris-k3', join(root, 'after-cancel')), nodeFileSystem, { runner: poolRunner(pool) });
    assert.equal(r.search.candidates.length, 6);
  } finally {
    await pool.close();
  }
});

test('a task the workers cannot run fails the job with its message; a missing program is a UserError', async () => {
  const pool = new WorkerPool(workerFile(), 2);
  try {
    await assert.rejects(pool.run('no-such-task', {}, [1, 2, 3]), /this worker has no handler for tasks of kind "no-such-task"/);
    assert.equal(pool.threads, 0);
  } finally {
    await pool.close();
  }
  assert.throws(() => new WorkerPool(join(root, 'nowhere.js'), 2), (e: unknown) => e instanceof UserError && /the worker threads' program is missing — build Model Lab \(npm run build\) or run with --jobs 1/.test(e.message));
  assert.throws(() => new WorkerPool(workerFile(), 0), /1 to 256 threads/);
});

test('with the calling thread working, a worker takes its next task itself: it never waits for the calling thread to finish its own', async () => {
  const pool = new WorkerPool(gatedWorkerFile(), 2, { thisThread: GATED_TASKS });
  try {
    // Task 2 holds whichever thread runs it until task 4 opens the gate; the other thread must run 3
    // and 4 meanwhile. When the pool handed a worker two tasks (0 and 1) and the calling thread took
    // 2, the worker, done with both, waited for more while the calling thread waited in task 2: the
    // gate opened only when its wait timed out after 5 s.
    const tasks: GatedTask[] = [{ id: 0 }, { id: 1 }, { id: 2, waitForGate: true }, { id: 3 }, { id: 4, openGate: true }];
    const started: number[] = [];
    type Result = { id: number; thread: number; gateWait?: string };
    const results = await pool.run<GatedTask, Result>(GATED_TASK, { gate: new SharedArrayBuffer(8) }, tasks, { onStart: (i) => started.push(i) });
    assert.deepEqual(results.map((r) => r.id), [0, 1, 2, 3, 4]);
    assert.notEqual(results[2]!.gateWait, 'timed-out', 'task 4 ran while task 2 waited');
    assert.ok(results[3]!.thread !== results[2]!.thread && results[4]!.thread !== results[2]!.thread, 'the thread not held in task 2 ran 3 and 4');
    assert.deepEqual([...started].sort(), [0, 1, 2, 3, 4], 'each task started once');
    // The worker serves the next job.
    const again = await pool.run<GatedTask, Result>(GATED_TASK, { gate: new SharedArrayBuffer(8) }, [{ id: 0 }, { id: 1 }, { id: 2 }]);
    assert.deepEqual(again.map((r) => r.id), [0, 1, 2]);
    assert.equal(pool.threads, 1);
  } finally {
    await pool.close();
  }
});

test('stop closes the queue: the tasks already running finish and are kept, no other starts, and the workers serve the next job', async () => {
  const pool = new WorkerPool(gatedWorkerFile(), 2);
  try {
    // Two workers are each held in one task until the stop; the other six tasks never start.
    const tasks: GatedTask[] = [{ id: 0, waitForGate: true }, { id: 1, waitForGate: true }, ...[2, 3, 4, 5, 6, 7].map((id) => ({ id }))];
    const gate = new SharedArrayBuffer(8);
    const stop = new AbortController();
    const started: number[] = [];
    const run = pool.run<GatedTask, { id: number }>(GATED_TASK, { gate }, tasks, {
      stop: stop.signal,
      onStart: (i) => {
        started.push(i);
        if (started.length === 2) {
          stop.abort();
          const g = new Int32Array(gate);
          Atomics.store(g, 0, 1);
          Atomics.notify(g, 0);
        }
      },
    });
    const results = await run;
    assert.deepEqual([...started].sort(), [0, 1]);
    assert.deepEqual(Array.from(results, (r) => r?.id), [0, 1, undefined, undefined, undefined, undefined, undefined, undefined]);
    const again = await pool.run<GatedTask, { id: number }>(GATED_TASK, { gate: new SharedArrayBuffer(8) }, [{ id: 0 }, { id: 1 }, { id: 2 }]);
    assert.deepEqual(again.map((r) => r.id), [0, 1, 2]);
  } finally {
    await pool.close();
  }
});
