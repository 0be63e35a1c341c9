// One model (Train, tune's refit) fitted on a worker thread (fitOnPool, the bundled poolWorker.js):
// the same files as when fitted in this thread; the calling thread keeps running meanwhile (the
// extension host stays responsive); a cancel stops the fit at once and leaves nothing behind; a
// small model goes to the worker too (the extension host never fits).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainOptions } from '../../../src/core/usecases/contracts';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { train } from '../../../src/core/usecases/train';
import { tune } from '../../../src/core/experiments/tune/tune';
import { isAbortError } from '../../../src/core/abort';
import { fitOnPool } from '../../../src/core/experiments/sweepRunner';
import { WorkerPool } from '../../../src/core/parallel/workerPool';
import { workerFile } from '../parallel/bundledWorker';
import { flowersCsv } from './flowersCsv';

let root: string;
let small: string;
let big: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-model-fitter-'));
  small = join(root, 'flowers.csv');
  big = join(root, 'many-flowers.csv');
  writeFileSync(small, flowersCsv(600, 23));
  writeFileSync(big, flowersCsv(15_000, 23));
});
after(() => rmSync(root, { recursive: true, force: true }));

function options(csv: string, modelsDir: string, name: string): TrainOptions {
  return {
    data: { kind: 'csv', path: csv }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 10, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name,
  };
}

/** The model folder's files, model.json without its two timestamps (created, data.readAt) and its seal over them. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    let text = readFileSync(join(dir, f), 'utf8');
    if (f === 'model.json') {
      const m = JSON.parse(text);
      delete m.created;
      delete m.data.readAt;
      delete m.manifestSha256;
      text = JSON.stringify(m);
    }
    out[f] = text;
  }
  return out;
}

describe('one model on a worker thread', () => {
  test('Train and tune\'s refit write the same files on a worker as in this thread', async () => {
    const pool = new WorkerPool(workerFile(), 1);
    try {
      const here = await train(options(small, join(root, 'here'), 'm'), nodeFileSystem);
      const there = await train(options(small, join(root, 'there'), 'm'), nodeFileSystem, { fitter: fitOnPool(() => pool) });
      assert.equal(pool.threads, 1, 'the worker fitted it');
      assert.deepEqual(there.valid, here.valid);
      assert.deepEqual(files(there.modelDir), files(here.modelDir));

      const grid = { kernel: ['rbf' as const], C: [1, 10], gamma: ['scale' as const], degree: [3], coef0: [0] };
      const tuneOptions = (dir: string) => ({ ...options(small, dir, 'tuned'), grid, cv: 3 });
      const tunedHere = await tune(tuneOptions(join(root, 'tuned-here')), nodeFileSystem);
      const tunedThere = await tune(tuneOptions(join(root, 'tuned-there')), nodeFileSystem, { fitter: fitOnPool(() => pool) });
      assert.deepEqual(files(tunedThere.model.modelDir), files(tunedHere.model.modelDir));
    } finally {
      await pool.close();
    }
  });

  test('the calling thread keeps running while a model of 12,000 training rows is fitted; in this thread it could not', async () => {
    // A timer due 20 ms after the fit starts fires before the model is saved only if this thread is free meanwhile.
    // The models folder is there already: a new one's pause (saveModel.ts) would let the timer fire after any fit.
    const run = async (dir: string, fitter?: ReturnType<typeof fitOnPool>) => {
      mkdirSync(join(root, dir));
      const order: string[] = [];
      let timer: Promise<void> | undefined;
      await train(options(big, join(root, dir), 'big'), nodeFileSystem, {
        ...(fitter ? { fitter } : {}),
        progress: {
          report: (step) => {
            if (step.startsWith('Fitting')) timer = new Promise<void>((resolve) => setTimeout(() => { order.push('timer'); resolve(); }, 20));
            if (step === 'Saving') order.push('saving');
          },
        },
      });
      await timer;
      return order;
    };
    const pool = new WorkerPool(workerFile(), 1);
    try {
      assert.deepEqual(await run('big-there', fitOnPool(() => pool)), ['timer', 'saving']);
      assert.equal(pool.threads, 1, 'a model of 12,000 training rows went to the worker');
    } finally {
      await pool.close();
    }
    // The contrast: the same fit in this thread holds the timer back until it has finished.
    assert.deepEqual(await run('big-here'), ['saving', 'timer']);
  });

  test('cancelling during the fit stops the worker at once: the abort error, no model folder, the pool usable again', async () => {
    const pool = new WorkerPool(workerFile(), 1);
    const modelsDir = join(root, 'cancelled');
    try {
      const controller = new AbortController();
      await assert.rejects(
        train(options(big, modelsDir, 'big'), nodeFileSystem, {
          fitter: fitOnPool(() => pool), signal: controller.signal,
          progress: { report: (step) => { if (step.startsWith('Fitting')) setTimeout(() => controller.abort(), 10); } },
        }),
        (e: unknown) => isAbortError(e),
      );
      assert.equal(pool.threads, 0, 'the worker was stopped');
      assert.deepEqual(existsSync(modelsDir) ? readdirSync(modelsDir) : [], [], 'no model folder, no temporary folder');
      const again = await train(options(small, modelsDir, 'after'), nodeFileSystem, { fitter: fitOnPool(() => pool) });
      assert.equal(again.name, 'after');
    } finally {
      await pool.close();
    }
  });

  test('a small model (480 training rows) is fitted on the worker too: the extension host never fits', async () => {
    const pool = new WorkerPool(workerFile(), 1);
    try {
      await train(options(small, join(root, 'small'), 'small'), nodeFileSystem, { fitter: fitOnPool(() => pool) });
      assert.equal(pool.threads, 1, 'a worker fitted 480 training rows');
    } finally {
      await pool.close();
    }
  });
});
