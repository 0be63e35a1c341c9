// Sweeps on worker threads (the bundled poolWorker.js): the model folders are byte for byte those of
// the in-thread sweep and of `train` with the same parameters, whatever the number of threads;
// progress counts exactly; cancelling stops every worker, keeps the models whose fit had finished
// and leaves no temporary folder; stopping finishes the fits in progress; a refusal in a worker
// names its combination.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gamma } from '../../../src/core/svm/svc';
import { UserError } from '../../../src/core/types';
import type { TrainOptions } from '../../../src/core/usecases/contracts';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { runSweep, type SweepGrid } from '../../../src/core/experiments/sweep';
import { MIN_SWEEP_WORK_FOR_THREADS, runSweepInThisThread, sweepPoolRunner } from '../../../src/core/experiments/sweepRunner';
import { WorkerPool } from '../../../src/core/parallel/workerPool';
import { workerFile } from '../parallel/bundledWorker';
import { flowersCsv } from './flowersCsv';

let root: string;
let csv: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-sweep-parallel-'));
  csv = join(root, 'flowers.csv');
  writeFileSync(csv, flowersCsv(600, 17));
});
after(() => rmSync(root, { recursive: true, force: true }));

function base(modelsDir: string): TrainOptions {
  return {
    data: { kind: 'csv', path: csv }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir,
  };
}

const GRID: SweepGrid = { C: [0.1, 1, 10], gamma: ['scale', 0.5] as Gamma[], seed: [2022, 2023] };
/** The grid's model names in grid order (C, then gamma, then seed). */
const NAMES = GRID.C.flatMap((C) => GRID.gamma.flatMap((g) => GRID.seed.map((seed) => `flowers-C${C}-g${g}-s${seed}`)));

/** Every file of every model folder, model.json without the two timestamps (created, data.readAt) and its seal over them. */
function folderContents(modelsDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const model of readdirSync(modelsDir).sort()) {
    for (const file of readdirSync(join(modelsDir, model)).sort()) {
      let text = readFileSync(join(modelsDir, model, file), 'utf8');
      if (file === 'model.json') {
        const m = JSON.parse(text);
        delete m.created;
        delete m.data.readAt;
        delete m.manifestSha256;
        text = JSON.stringify(m);
      }
      out[`${model}/${file}`] = text;
    }
  }
  return out;
}

const noTemporaryFolders = (modelsDir: string) => assert.deepEqual(readdirSync(modelsDir).filter((n) => n.startsWith('.tmp-')), []);

describe('a sweep on worker threads', () => {
  test('1, 2 and 3 threads save byte-identical models, the same as in this thread and as train with those parameters', async () => {
    const inThread = join(root, 'in-thread');
    await runSweep(base(inThread), GRID, nodeFileSystem, { runner: runSweepInThisThread });
    const want = folderContents(inThread);
    assert.equal(Object.keys(want).filter((k) => k.endsWith('/model.json')).length, 12);
    for (const threads of [1, 2, 3]) {
      const pool = new WorkerPool(workerFile(), threads);
      try {
        const dir = join(root, `pool-${threads}`);
        const r = await runSweep(base(dir), GRID, nodeFileSystem, { runner: sweepPoolRunner(() => pool) });
        assert.equal(pool.threads, threads, 'the pool was used');
        assert.deepEqual(r.models.map((m) => m.result.name), NAMES, 'the result lists the models in grid order');
        assert.deepEqual(folderContents(dir), want, `${threads} threads`);
      } finally {
        await pool.close();
      }
    }
    // One model of the grid trained on its own: the same files.
    const single = join(root, 'single');
    await train({ ...base(single), C: 10, gamma: 0.5, seed: 2022, name: 'flowers-C10-g0.5-s2022' }, nodeFileSystem);
    const one = folderContents(single);
    for (const [k, v] of Object.entries(one)) assert.equal(v, want[k], k);
  });

  test('progress names each model "Model i of N", counts finished models exactly and never goes back', async () => {
    const pool = new WorkerPool(workerFile(), 2);
    try {
      const steps: string[] = [];
      const fractions: number[] = [];
      const started: number[] = [];
      const saved: number[] = [];
      const r = await runSweep(base(join(root, 'progress')), GRID, nodeFileSystem, {
        runner: sweepPoolRunner(() => pool),
        progress: { report: (s, f) => { steps.push(s); fractions.push(f ?? NaN); } },
        onStart: (i) => started.push(i),
        onModel: (m, i) => { saved.push(i); assert.equal(m.result.name, NAMES[i]); },
      });
      assert.equal(r.models.length, 12);
      assert.deepEqual([...started].sort((a, b) => a - b), [...Array(12).keys()]);
      assert.deepEqual([...saved].sort((a, b) => a - b), [...Array(12).keys()]);
      for (let i = 0; i < 12; i++) assert.ok(steps.some((s) => s.startsWith(`Model ${i + 1} of 12 (`) && s.endsWith(': Saved')), `model ${i + 1} reported`);
      assert.ok(steps.some((s) => /^Model \d+ of 12 \(C=\S+, gamma=\S+, seed=\d+\): Fitting StandardScaler and SVC$/.test(s)), 'the workers report their steps');
      for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i] >= fractions[i - 1], `fraction ${fractions[i]} after ${fractions[i - 1]}`);
      assert.equal(steps.at(-1), 'Trained 12 models');
      assert.equal(fractions.at(-1), 1);
    } finally {
      await pool.close();
    }
  });

  test('cancelling stops every worker at once, keeps the models whose fit had finished and leaves no temporary folder', async () => {
    const pool = new WorkerPool(workerFile(), 2);
    const dir = join(root, 'cancelled');
    try {
      const controller = new AbortController();
      let started = 0;
      // The third model starts when a worker has finished its first: at least one fit is done by then.
      const r = await runSweep(base(dir), GRID, nodeFileSystem, {
        runner: sweepPoolRunner(() => pool), signal: controller.signal,
        onStart: () => { if (++started === 3) controller.abort(); },
      });
      assert.equal(r.cancelled, true);
      assert.equal(pool.threads, 0, 'the workers were terminated');
      assert.ok(r.models.length >= 1 && r.models.length < 12, `${r.models.length} kept`);
      // Every kept model is whole and listed in the result; nothing else is in the folder.
      assert.deepEqual(readdirSync(dir).sort(), r.models.map((m) => m.result.name).sort());
      noTemporaryFolders(dir);
      for (const m of r.models) assert.equal((await validate(m.result.modelDir, nodeFileSystem)).status, 'matches');
      // The pool runs the next sweep with fresh workers.
      const again = await runSweep(base(join(root, 'after-cancel')), { C: [1, 2], gamma: ['scale'], seed: [1] }, nodeFileSystem, { runner: sweepPoolRunner(() => pool) });
      assert.equal(again.models.length, 2);
    } finally {
      await pool.close();
    }
  });

  test('stop starts no further model, finishes and saves the ones in progress, and keeps the workers', async () => {
    const pool = new WorkerPool(workerFile(), 2);
    const dir = join(root, 'stopped');
    try {
      const stop = new AbortController();
      let started = 0;
      const r = await runSweep(base(dir), GRID, nodeFileSystem, {
        runner: sweepPoolRunner(() => pool), stop: stop.signal,
        onStart: () => { if (++started === 1) stop.abort(); },
      });
      assert.deepEqual([r.cancelled, r.stopped], [false, true]);
      assert.equal(r.models.length, started, 'every model started was finished and saved');
      // The workers take their models themselves: when the first start is seen (nothing has kept this
      // thread busy yet), the other worker may have taken one too; none starts after the stop.
      assert.ok(started >= 1 && started <= 2, `started ${started}`);
      assert.equal(pool.threads, 2, 'the workers are still up');
      noTemporaryFolders(dir);
    } finally {
      await pool.close();
    }
  });

  test('a refusal in a worker names its combination and the models saved before it', async () => {
    const pool = new WorkerPool(workerFile(), 2);
    try {
      // 700 training rows of 600 is impossible for every seed: the first model refuses.
      const options = { ...base(join(root, 'refused')), trainSize: { kind: 'count' as const, value: 700 } };
      await assert.rejects(runSweep(options, { C: [1, 2], gamma: ['scale'], seed: [2023] }, nodeFileSystem, { runner: sweepPoolRunner(() => pool) }),
        (e: unknown) => e instanceof UserError && /^model [12] of 2 \(C=[12], gamma=scale, seed=2023\): train_size=700 /.test(e.message));
    } finally {
      await pool.close();
    }
  });

  test('a sweep smaller than the threshold stays in this thread; two jobs on one pool run one after the other', async () => {
    const pool = new WorkerPool(workerFile(), 2);
    try {
      const iris = { ...base(join(root, 'small')), data: { kind: 'iris' as const } };
      await runSweep(iris, { C: [1, 2], gamma: ['scale'], seed: [1] }, nodeFileSystem, { runner: sweepPoolRunner(() => pool, MIN_SWEEP_WORK_FOR_THREADS) });
      assert.equal(pool.threads, 0, '2 models × 120 rows is below the threshold');
      const grid = { C: [1, 2, 3], gamma: ['scale'] as Gamma[], seed: [1] };
      const [a, b] = await Promise.all([
        runSweep(base(join(root, 'first')), grid, nodeFileSystem, { runner: sweepPoolRunner(() => pool) }),
        runSweep(base(join(root, 'second')), grid, nodeFileSystem, { runner: sweepPoolRunner(() => pool) }),
      ]);
      assert.deepEqual([a.models.length, b.models.length], [3, 3]);
      assert.deepEqual(folderContents(join(root, 'first')), folderContents(join(root, 'second')));
    } finally {
      await pool.close();
    }
  });
});
