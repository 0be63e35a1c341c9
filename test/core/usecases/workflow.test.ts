// The course workflow through the use cases, compared with scikit-learn's own run of it
// (test/fixtures/workflow/reference.json, made by scripts/fixtures/workflow.py).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Label, SplitSize } from '../../../src/core/types';
import type { Gamma, Kernel } from '../../../src/core/svm/svc';
import type { DataSpec, Layout } from '../../../src/core/usecases/contracts';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { loadModel } from '../../../src/core/artifacts/loadModel';
import { parseCsvDataset } from '../../../src/core/datasets/csvDataset';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

interface Case {
  data: string; target: string; drop: string[]; layout: Layout; seed: number;
  trainSize: SplitSize | null; testSize: SplitSize | null; kernel: Kernel; C: number; gamma: Gamma; degree: number; coef0: number;
  trainAccuracy: number; validAccuracy: number; trainAccuracyText: string; validAccuracyText: string;
  nTrain: number; nTest: number; nSupport: number[]; classes: Label[]; predictions: Label[];
  scalerMean: number[]; scalerVar: number[]; scalerScale: number[]; gammaValue: number; rawIntercept: number[]; rawDualCoef: number[][];
}
const reference = JSON.parse(readFileSync('test/fixtures/workflow/reference.json', 'utf8')) as { cases: Case[] };

let modelsDir: string;
before(() => { modelsDir = mkdtempSync(join(tmpdir(), 'model-lab-usecases-')); });
after(() => rmSync(modelsDir, { recursive: true, force: true }));

function dataSpec(c: Case): DataSpec {
  return c.data === 'iris' ? { kind: 'iris' } : { kind: 'csv', path: resolve('test/fixtures/workflow', c.data) };
}

describe('train + validate reproduce scikit-learn on every reference case', () => {
  for (const c of reference.cases) {
    const title = `${c.data} ${c.layout} seed=${c.seed} ${c.kernel} C=${c.C} gamma=${c.gamma} train=${JSON.stringify(c.trainSize)} test=${JSON.stringify(c.testSize)}`;
    test(title, async () => {
      const lines: string[] = [];
      const result = await train({
        data: dataSpec(c), layout: c.layout, seed: c.seed, trainSize: c.trainSize ?? undefined, testSize: c.testSize ?? undefined,
        kernel: c.kernel, C: c.C, gamma: c.gamma, degree: c.degree, coef0: c.coef0, target: c.target, drop: c.drop, modelsDir,
      }, nodeFileSystem, { log: (l) => lines.push(l) });
      assert.equal(result.train.accuracy, c.trainAccuracy);
      assert.equal(result.valid.accuracy, c.validAccuracy);
      assert.equal(result.train.total, c.nTrain);
      assert.equal(result.valid.total, c.nTest);
      // The course prints Python floats: "1.0", not "1".
      assert.equal(lines[0], `Train Accuracy : ${c.trainAccuracyText}`);
      assert.equal(lines[1], `Valid Accuracy : ${c.validAccuracyText}`);

      const model = await loadModel(nodeFileSystem, result.modelDir);
      if (c.data !== 'iris') {
        // data.csv is the source file byte for byte; the dropped columns are recorded.
        assert.deepEqual(Buffer.from(model.data), readFileSync(resolve('test/fixtures/workflow', c.data)));
        assert.deepEqual(model.manifest.data.dropped, c.data.includes('flowers') ? ['id', 'timestamp'] : []);
      }
      assert.deepEqual(model.pipeline.svc.nSupport, c.nSupport);
      // Bit for bit, as reloaded from the JSON files.
      const scaler = model.pipeline.scaler.toJSON();
      assert.deepEqual(scaler.mean, c.scalerMean);
      assert.deepEqual(scaler.var, c.scalerVar);
      assert.deepEqual(scaler.scale, c.scalerScale);
      const svc = model.pipeline.svc.toJSON();
      assert.equal(svc.gammaValue, c.gammaValue);
      assert.deepEqual(svc.rawIntercept, c.rawIntercept);
      assert.deepEqual(svc.rawDualCoef.map((r) => r.map((v) => v + 0)), c.rawDualCoef.map((r) => r.map((v) => v + 0)));
      assert.deepEqual(model.pipeline.classes, c.classes);
      const data = await parseCsvDataset(model.data, { fileLabel: 'data.csv', target: model.manifest.data.target, drop: model.manifest.data.dropped });
      assert.deepEqual(model.pipeline.predict(data.X), c.predictions);

      const report = await validate(result.modelDir, nodeFileSystem);
      assert.equal(report.status, 'matches', report.error);
      assert.equal(report.train!.accuracy, c.trainAccuracy);
      assert.equal(report.valid!.accuracy, c.validAccuracy);
      assert.equal(report.train!.correct, result.train.correct);
    });
  }
});

test('aborting a training run leaves nothing in the models folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-abort-'));
  try {
    const controller = new AbortController();
    const steps: string[] = [];
    const run = train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(dir, 'models'),
    }, nodeFileSystem, {
      signal: controller.signal,
      progress: { report: (s) => { steps.push(s); if (s === 'Saving') controller.abort(); } },
    });
    await assert.rejects(run, { name: 'AbortError' });
    assert.ok(steps.includes('Saving'));
    const left = readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)));
    assert.deepEqual(left, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
