// A label of the data that is not one of the model's classes (only in the validation part): the
// metrics count it as scikit-learn's confusion_matrix and classification_report do (they take the
// labels of y_true too), and a model whose validation part holds none of its classes still validates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

const base = { layout: 'separate', trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target' } as const;

test('a class only in the validation part is a row and a column of its confusion matrix and a row of its per-class table, with scikit-learn 1.2.1\'s numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-unseen-'));
  try {
    // The first 20 setosa and versicolor rows of the course's iris CSV and one virginica; seed 4 puts it in the validation part.
    const lines = readFileSync(resolve('test/e2e/fixtures/iris.csv'), 'utf8').trim().split('\n');
    const header = lines[0]!;
    const rows = lines.slice(1);
    const ofClass = (k: number) => rows.filter((l) => l.split(',').at(-1) === String(k));
    writeFileSync(join(dir, 'rare.csv'), [header, ...ofClass(0).slice(0, 20), ...ofClass(1).slice(0, 20), ...ofClass(2).slice(0, 1), ''].join('\n'));
    const r = await train({ ...base, seed: 4, data: { kind: 'csv', path: join(dir, 'rare.csv') }, modelsDir: join(dir, 'models'), drop: ['id', 'timestamp'] }, nodeFileSystem, {});
    const report = await validate(r.modelDir, nodeFileSystem);
    assert.equal(report.status, 'matches');
    // confusion_matrix(yva, p) and classification_report(yva, p, zero_division=0) in scikit-learn 1.2.1.
    assert.deepEqual(report.valid!.confusion, [[6, 0, 0], [0, 2, 0], [0, 1, 0]]);
    assert.deepEqual(report.valid!.perClass.map((c) => [c.label, c.precision, c.recall, c.f1, c.support]), [[0, 1, 1, 1, 6], [1, 0.6666666666666666, 1, 0.8, 2], [2, 0, 0, 0, 1]]);
    assert.deepEqual(report.train!.confusion.map((row) => row.length), [3, 3, 3], 'the train matrix has the same classes');
    assert.deepEqual(report.data!.classNames, ['0', '1', '2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a model whose validation part holds none of its classes validates (scikit-learn\'s "At least one label specified must be in y_true" was the message)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-unseen-'));
  try {
    writeFileSync(join(dir, 'three.csv'), 'a,b,target\n1,2,0\n3,4,1\n5,6,2\n');
    const r = await train({ ...base, seed: 2023, data: { kind: 'csv', path: join(dir, 'three.csv') }, modelsDir: join(dir, 'models'), drop: [] }, nodeFileSystem, {});
    const report = await validate(r.modelDir, nodeFileSystem);
    assert.equal(report.status, 'matches', report.error);
    assert.deepEqual([report.valid!.correct, report.valid!.total], [0, 1]);
    assert.equal(report.valid!.perClass.length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
