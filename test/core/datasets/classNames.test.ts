// Class names beside numeric codes (issue 15): a `species` / `class_name` / `target_names` column
// names the classes and changes no number — checked against scikit-learn's course run with the
// column dropped (test/fixtures/class-names, made by scripts/fixtures/class_names.py) and against the
// same rows without the column, byte for byte. A user's list wins; contradictions name the line.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Label } from '../../../src/core/types';
import { UserError } from '../../../src/core/types';
import { parseCsvDataset } from '../../../src/core/datasets/csvDataset';
import { CLASS_NAME_COLUMNS, checkClassNamesList } from '../../../src/core/datasets/classNames';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { predict } from '../../../src/core/usecases/predict';
import { loadModel } from '../../../src/core/artifacts/loadModel';
import type { TrainOptions } from '../../../src/core/usecases/contracts';

const DIR = 'test/fixtures/class-names';
interface Run { seed: number; featureNames: string[]; classes: Label[]; trainAccuracy: number; validAccuracy: number; predictions: Label[] }
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  files: Record<string, { target: string; namesColumn: string; runs: Run[] }>;
};
const IRIS_NAMES = ['setosa', 'versicolor', 'virginica'];

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-class-names-')); });
after(() => rmSync(root, { recursive: true, force: true }));

const parse = (text: string, extra: { target?: string; drop?: string[]; classNames?: string[] } = {}) =>
  parseCsvDataset(text, { fileLabel: 't.csv', ...extra });

/** Asserts a UserError with exactly this message. */
async function refused(p: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof UserError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

function options(data: string, modelsDir: string, seed: number, extra: Partial<TrainOptions> = {}): TrainOptions {
  return {
    data: { kind: 'csv', path: resolve(data) }, layout: 'separate', seed, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir, ...extra,
  };
}

describe('a names column changes no number: scikit-learn\'s course run with the column dropped', () => {
  for (const [file, want] of Object.entries(expected.files)) {
    for (const run of want.runs) {
      test(`${file}, seed ${run.seed}`, async () => {
        const modelsDir = join(root, `models-${file}-${run.seed}`);
        const r = await train(options(join(DIR, file), modelsDir, run.seed), nodeFileSystem);
        assert.equal(r.train.accuracy, run.trainAccuracy);
        assert.equal(r.valid.accuracy, run.validAccuracy);
        const m = (await loadModel(nodeFileSystem, r.modelDir)).manifest;
        assert.deepEqual(m.featureNames, run.featureNames);
        assert.deepEqual(m.classes, run.classes);
        assert.deepEqual(m.classNames, IRIS_NAMES);
        assert.deepEqual(m.data.dropped, [want.namesColumn]);
        const v = await validate(r.modelDir, nodeFileSystem);
        assert.equal(v.status, 'matches', v.error);
        const p = await predict(r.modelDir, resolve(DIR, file), nodeFileSystem);
        assert.deepEqual(p.predictions, run.predictions);
        assert.deepEqual(p.predictionNames, run.predictions.map((c) => IRIS_NAMES[run.classes.indexOf(c)]));
      });
    }
  }

  test('the saved scaler and classifier are byte for byte those of the same rows without the column', async () => {
    const withNames = await train(options(join(DIR, 'iris-species.csv'), join(root, 'bytes'), 2023, { name: 'with' }), nodeFileSystem);
    const without = await train(options('test/fixtures/labels/int.csv', join(root, 'bytes'), 2023, { name: 'without' }), nodeFileSystem);
    for (const f of ['scaler.json', 'classifier.json']) {
      assert.ok(readFileSync(join(withNames.modelDir, f)).equals(readFileSync(join(without.modelDir, f))), f);
    }
    const a = await parseCsvDataset(readFileSync(join(DIR, 'iris-class-name.csv')), { fileLabel: 'a' });
    const b = await parseCsvDataset(readFileSync('test/fixtures/labels/int.csv'), { fileLabel: 'b' });
    assert.deepEqual(a.featureNames, b.featureNames, 'a names column between the features leaves their order');
    assert.deepEqual(a.X, b.X);
  });
});

describe('which column names the classes', () => {
  test('the documented columns, in order of preference; never the target itself', async () => {
    assert.deepEqual(CLASS_NAME_COLUMNS, ['target_names', 'class_name', 'species']);
    const d = await parse('x,species,class_name,target\n1,a,A,0\n2,b,B,1\n3,a,A,0\n', { drop: ['species'] });
    assert.deepEqual(d.classNames, ['A', 'B']);
    assert.deepEqual(d.dropped, ['species', 'class_name']);
    assert.deepEqual(d.featureNames, ['x']);
    const flowers = await parseCsvDataset(readFileSync('test/fixtures/workflow/csv/flowers.csv'), { fileLabel: 'f', target: 'species' });
    assert.equal(flowers.classNames, undefined, 'species is the label column there');
  });

  test('a names column in the drop list still names the classes, listed once among the dropped', async () => {
    const d = await parse('id,x,species,target\n1,1,a,0\n2,2,b,1\n3,3,a,0\n', { drop: ['id', 'species'] });
    assert.deepEqual(d.classNames, ['a', 'b']);
    assert.deepEqual(d.dropped, ['id', 'species']);
  });

  test('a number in its first row keeps the column a feature, as before names were read', async () => {
    const d = await parse('x,species,target\n1,7,0\n2,8,1\n3,9,0\n');
    assert.deepEqual(d.featureNames, ['x', 'species']);
    assert.deepEqual(d.X, [[1, 7], [2, 8], [3, 9]]);
    assert.equal(d.classNames, undefined);
    assert.deepEqual(d.dropped, []);
  });

  test('text labels may carry names too; float codes spelled two ways share their name', async () => {
    const d = await parse('x,target,target_names\n1,a,Alpha\n2,b,Beta\n3,a,Alpha\n');
    assert.deepEqual(d.classNames, ['Alpha', 'Beta']);
    const f = await parse('x,target,species\n1,1,one\n2,2.0,two\n3,1.0,one\n');
    assert.deepEqual(f.classes, [1, 2]);
    assert.deepEqual(f.classNames, ['one', 'two']);
  });

  test('without a target column, a names column is offered as the label column', async () => {
    await refused(parse('x,species\n1,a\n2,b\n'), 't.csv line 1: no column "target" (columns: x, species) — are the labels in "species"? Choose it with --target species');
  });

  test('else the last column is offered, and a wide header is shortened (first 8, last 2, the count)', async () => {
    await refused(parse('a,b,label\n1,2,x\n3,4,y\n'), 't.csv line 1: no column "target" (columns: a, b, label) — is the label the last column, "label"? Choose it with --target label');
    const header = [...Array.from({ length: 64 }, (_, i) => `pixel_${i}`), 'digit name'].join(',');
    await refused(parse(`${header}\n${'0,'.repeat(64)}one\n`),
      't.csv line 1: no column "target" (65 columns: pixel_0, pixel_1, pixel_2, pixel_3, pixel_4, pixel_5, pixel_6, pixel_7, …, pixel_63, digit name) — ' +
      'is the label the last column, "digit name"? Choose it with --target "digit name"');
    // A long name is not repeated as a guess (a notification would quote it twice more; past ~1,000
    // characters VS Code kept the error in its notification centre without showing it).
    const long = 'x'.repeat(41);
    await refused(parse(`a,b,${long}\n1,2,3\n`), `t.csv line 1: no column "target" (columns: a, b, ${long}) — name the label column with --target`);
  });
});

describe('names that contradict the codes are refused, naming the line', () => {
  test('a code with a second name', async () => {
    await refused(parse('x,target,species\n1,0,setosa\n2,1,versicolor\n3,0,virginica\n'),
      't.csv line 4, column "species": "virginica" beside target 0, but line 2 names that class "setosa" — each class needs one name: fix the row, or rename the column if it does not hold the class names');
  });

  test('one name for two codes', async () => {
    await refused(parse('x,target,species\n1,0,setosa\n2,1,setosa\n3,0,setosa\n'),
      't.csv line 3, column "species": the name "setosa" is given to class 1, but line 2 gives it to class 0 — each class needs its own name: fix the row, or rename the column if it does not hold the class names');
  });

  test('two spellings of one float class with different names (seen once the column is typed)', async () => {
    await refused(parse('x,target,species\n1,1,one\n2,2,two\n3,1.0,uno\n'),
      't.csv line 4, column "species": "uno" beside target 1.0, but line 2 names that class "one" — each class needs one name: fix the row, or rename the column if it does not hold the class names');
  });

  test('an empty name', async () => {
    await refused(parse('x,target,species\n1,0,setosa\n2,1, \n3,0,setosa\n'),
      't.csv line 3, column "species": the class name is empty — fill it in (one name per class), or remove the column "species"');
  });

  test('a names column that leaves no feature', async () => {
    await refused(parse('species,target\na,0\nb,1\n'), 't.csv line 1: no feature columns left besides "target" and the class names "species" — the table needs at least one numeric column');
  });
});

describe('a list of names (--class-names, modelLab.classNames)', () => {
  test('one per class in class order; it wins over a names column', async () => {
    const d = await parse('x,target,species\n1,2,c\n2,0,a\n3,1,b\n', { classNames: [' zero', 'one ', 'two'] });
    assert.deepEqual(d.classNames, ['zero', 'one', 'two']);
    assert.deepEqual(d.dropped, ['species']);
  });

  test('the wrong number of names, an empty or a repeated one is refused', async () => {
    await refused(parse('x,target\n1,0\n2,1\n3,2\n', { classNames: ['a', 'b'] }),
      't.csv: 2 class names given (a, b) for the 3 classes of the data (0, 1, 2) — give one name per class, in class order (--class-names)');
    assert.throws(() => checkClassNamesList(['a', '', 'c']), /^UserError: class name 2 of 3 is empty — give one non-empty name per class, in class order$/);
    assert.throws(() => checkClassNamesList(['a', 'b', 'a ']), /^UserError: the class name "a" is given twice — give each class its own name$/);
  });

  test('train: the names reach model.json (iris too, over its built-in names)', async () => {
    const csv = await train(options('test/fixtures/labels/int.csv', join(root, 'given'), 2023, { classNames: ['s', 've', 'vi'] }), nodeFileSystem);
    assert.deepEqual((await loadModel(nodeFileSystem, csv.modelDir)).manifest.classNames, ['s', 've', 'vi']);
    const iris = await train({ ...options('x', join(root, 'given'), 2023, { classNames: ['A', 'B', 'C'] }), data: { kind: 'iris' } }, nodeFileSystem);
    assert.deepEqual((await loadModel(nodeFileSystem, iris.modelDir)).manifest.classNames, ['A', 'B', 'C']);
    const plain = await train({ ...options('x', join(root, 'given'), 2023, { name: 'plain' }), data: { kind: 'iris' } }, nodeFileSystem);
    assert.deepEqual((await loadModel(nodeFileSystem, plain.modelDir)).manifest.classNames, IRIS_NAMES);
  });

  test('classes missing from the training part keep their names (names follow the labels, not positions)', async () => {
    // Class 0 appears once; with 4 training rows of 1 and 2 only, the model knows classes 1 and 2 (b, c — not a, b).
    const path = join(root, 'rare.csv');
    writeFileSync(path, 'x,target,species\n' + [1, 1, 2, 2, 1, 2, 1, 2, 0].map((t, i) => `${i + t * 10},${t},${['a', 'b', 'c'][t]}`).join('\n') + '\n');
    const r = await train(options(path, join(root, 'rare'), 0, { trainSize: { kind: 'count', value: 4 }, testSize: { kind: 'count', value: 5 } }), nodeFileSystem);
    const m = (await loadModel(nodeFileSystem, r.modelDir)).manifest;
    assert.deepEqual(m.classes, [1, 2], 'the training part lacks class 0');
    assert.deepEqual(m.classNames, ['b', 'c']);
  });
});
