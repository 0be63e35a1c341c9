// Labels are classes by value, as pandas and scikit-learn see them (issue 12): every case of
// test/fixtures/labels (made by scripts/fixtures/labels.py with pandas 1.5 and scikit-learn 1.2.1)
// trained, saved, reloaded and predicted by Model Lab, compared with what scikit-learn did.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Label } from '../../../src/core/types';
import { UserError } from '../../../src/core/types';
import { parseCsvDataset } from '../../../src/core/datasets/csvDataset';
import { typeLabelColumn } from '../../../src/core/datasets/labelColumn';
import { pythonLabel, pythonLabelList } from '../../../src/core/labels';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { predict } from '../../../src/core/usecases/predict';
import { loadModel } from '../../../src/core/artifacts/loadModel';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { runCli } from '../../../src/cli/main';
import { makePreLabelTypeModel } from '../artifacts/legacyModels';

interface Case {
  name: string; file: string; dtype: string; labelType: string; error?: string;
  classes?: Label[]; trainAccuracy?: number; validAccuracy?: number; predictions?: Label[]; predictionsPrinted?: string[];
}
const FIXTURES = resolve('test/fixtures/labels');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { cases: Case[]; corpusTargetDtypes: Record<string, string | null> };

let modelsDir: string;
before(() => { modelsDir = mkdtempSync(join(tmpdir(), 'model-lab-labels-')); });
after(() => rmSync(modelsDir, { recursive: true, force: true }));

const trainOn = (file: string, name?: string) => train({
  data: { kind: 'csv', path: join(FIXTURES, file) }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
  kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name,
}, nodeFileSystem);

/** What Model Lab deliberately refuses although scikit-learn trains: integers a double cannot hold. */
const MODEL_LAB_LIMITS: Record<string, RegExp> = {
  'int-beyond-double': /int-beyond-double\.csv line \d+, column "target": the label 9007199254740993 is too large for an integer label/,
};

/** Model Lab's line for each case scikit-learn refuses (its error is in the fixture). */
const REFUSALS: Record<string, RegExp> = {
  fractional: /fractional\.csv line 2, column "target": the label 0\.5 is not a whole number, so scikit-learn takes the column for continuous values/,
  'missing-na': /missing-na\.csv line 9, column "target": the label "NA" is a missing value to pandas — fill in the class or remove the row/,
  infinite: /infinite\.csv line 11, column "target": the label inf is not a finite number/,
};

describe('each label spelling is typed as pandas types it and trains as scikit-learn trains', () => {
  for (const c of expected.cases) {
    test(`${c.name} (pandas ${c.dtype}${c.error ? `; scikit-learn: ${c.error}` : ''})`, async () => {
      const bytes = readFileSync(join(FIXTURES, c.file));
      if (c.error !== undefined || MODEL_LAB_LIMITS[c.name]) {
        const want = REFUSALS[c.name] ?? MODEL_LAB_LIMITS[c.name];
        assert.ok(want, `no expected refusal for ${c.name}`);
        await assert.rejects(parseCsvDataset(bytes, { fileLabel: c.file }), (e: unknown) => e instanceof UserError && want.test(e.message));
        return;
      }
      const d = await parseCsvDataset(bytes, { fileLabel: c.file });
      assert.equal(d.labelType, c.labelType);
      assert.deepEqual(d.classes, c.classes);

      const result = await trainOn(c.file);
      assert.equal(result.train.accuracy, c.trainAccuracy);
      assert.equal(result.valid.accuracy, c.validAccuracy);
      const model = await loadModel(nodeFileSystem, result.modelDir);
      assert.equal(model.manifest.labelType, c.labelType);
      assert.deepEqual(model.manifest.classes, c.classes, 'numeric classes are numbers in model.json');
      assert.deepEqual(model.manifest.classNames, c.classes!.map((k) => (c.labelType === 'float' ? (k as number).toFixed(1) : String(k))));
      assert.equal((await validate(result.modelDir, nodeFileSystem)).status, 'matches');

      const p = await predict(result.modelDir, join(FIXTURES, c.file), nodeFileSystem);
      assert.deepEqual(p.predictions, c.predictions);
      assert.equal(p.accuracy?.correct, Math.round(c.trainAccuracy! * 120) + Math.round(c.validAccuracy! * 30));
      let out = '';
      const code = await runCli(['predict', result.modelDir, '--data', join(FIXTURES, c.file)], { out: (t) => { out += t; }, err: () => undefined, cwd: modelsDir });
      assert.equal(code, 0);
      // Printed as Python prints the predicted values (1.0 for a float class).
      assert.deepEqual(out.split('\n').slice(0, c.predictionsPrinted!.length), c.predictionsPrinted);
    });
  }
});

test('the issue\'s file: 0 and 0.0 are one class 0.0 (three classes, not six)', async () => {
  const d = await parseCsvDataset(readFileSync(join(FIXTURES, 'int-and-float-spellings.csv')), { fileLabel: 'x.csv' });
  assert.deepEqual(d.classes, [0, 1, 2]);
  assert.equal(d.labelType, 'float');
});

test('the bad-data corpus: where pandas reads a target column, Model Lab agrees on its kind', () => {
  // label-too-large.csv used 99999999999999999999, which pandas keeps as text (beyond 64 bits): the
  // corpus now uses 9007199254740993, an int64 for pandas that a double cannot hold.
  assert.equal(expected.corpusTargetDtypes['label-too-large.csv'], 'int64');
});

test('spellings pandas reads as text stay text; as missing or unusable are refused with the line', () => {
  const src = (n: number) => ({ file: 'f.csv', target: 'target', lines: Array.from({ length: n }, (_, i) => i + 2) });
  assert.deepEqual(typeLabelColumn(['1e400', '1'], src(2)), { y: ['1e400', '1'], labelType: 'str' });
  assert.deepEqual(typeLabelColumn([' inf', '1'], src(2)), { y: ['inf', '1'], labelType: 'str' });
  assert.deepEqual(typeLabelColumn(['True ', 'False'], src(2)), { y: ['True', 'False'], labelType: 'str' });
  assert.deepEqual(typeLabelColumn(['tRuE', 'false'], src(2)), { y: ['True', 'False'], labelType: 'bool' });
  assert.deepEqual(typeLabelColumn(['-0', '1'], src(2)), { y: [0, 1], labelType: 'int' });
  assert.deepEqual(typeLabelColumn(['-0.0', '1'], src(2)).y.map((v) => Object.is(v, -0)), [false, false]);
  assert.deepEqual(typeLabelColumn(['-1', '18446744073709551615'], src(2)).labelType, 'str');
  assert.throws(() => typeLabelColumn(['1', '18446744073709551615'], src(2)), /f\.csv line 3, column "target": the label 18446744073709551615 is too large/);
  assert.throws(() => typeLabelColumn(['1', 'null'], src(2)), /f\.csv line 3, column "target": the label "null" is a missing value to pandas/);
  assert.throws(() => typeLabelColumn(['1', '1e19'], src(2)), /line 3, column "target": the label 1e19 is not a whole number/);
  // A saved model's recorded type wins: text classes of an older model stay text.
  assert.deepEqual(typeLabelColumn(['1.0', 'NA'], { ...src(2), recorded: 'str' }), { y: ['1.0', 'NA'], labelType: 'str' });
  assert.deepEqual(typeLabelColumn(['1', '2'], { ...src(2), recorded: 'float' }), { y: [1, 2], labelType: 'float' });
  assert.throws(() => typeLabelColumn(['a', 'b'], { ...src(2), recorded: 'int' }), /pandas reads these labels as str values, but model\.json records labelType "int"/);
});

test('a model.json from before labelType (text classes "1.0", "2.0", "3.0") still loads and validates', async () => {
  const result = await trainOn('float.csv', 'old-text-labels');
  const dir = result.modelDir;
  makePreLabelTypeModel(dir);
  const model = await loadModel(nodeFileSystem, dir);
  assert.equal(model.manifest.labelType, 'str');
  const report = await validate(dir, nodeFileSystem);
  assert.equal(report.status, 'matches', report.error);
  assert.equal(report.train?.accuracy, 0.9666666666666667);
});

test('labels print as Python prints them (checked against python3: print([...]))', () => {
  assert.equal(pythonLabelList(['setosa', "it's", 'a"b', 'x\ny', 'back\\slash'], 'str'), `['setosa', "it's", 'a"b', 'x\\ny', 'back\\\\slash']`);
  assert.equal(pythonLabelList([1, 2], 'float'), '[1.0, 2.0]');
  assert.equal(pythonLabelList(['False', 'True'], 'bool'), '[False, True]');
  assert.equal(pythonLabelList([0, -3], 'int'), '[0, -3]');
  assert.equal(pythonLabel(4.5e15, 'float'), '4500000000000000.0');
});
