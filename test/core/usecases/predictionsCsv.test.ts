// Predict with Saved Model's document (predictionsCsv): the file's rows as they are, each with the
// prediction scikit-learn makes for it (test/fixtures/workflow/reference.json: the course's model,
// seed 2023, predicting all 150 iris rows), the class name beside it, and at most maxRows rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Label } from '../../../src/core/types';
import { train } from '../../../src/core/usecases/train';
import { predictionsCsv } from '../../../src/core/usecases/predictionsCsv';
import { readCsvRecords } from '../../../src/core/datasets/csvRecords';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

interface Case { data: string; layout: string; seed: number; kernel: string; C: number; gamma: string | number; trainSize: unknown; testSize: unknown; predictions: Label[] }
const course = (JSON.parse(readFileSync('test/fixtures/workflow/reference.json', 'utf8')) as { cases: Case[] }).cases
  .find((c) => c.data === 'iris' && c.layout === 'separate' && c.seed === 2023 && c.kernel === 'rbf' && c.C === 1 && c.gamma === 'scale' && c.testSize === null)!;

let dir: string;
let modelDir: string;
let csv: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'model-lab-predictions-'));
  modelDir = (await train({ data: { kind: 'iris' }, layout: 'separate', seed: 2023, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(dir, 'models') }, nodeFileSystem)).modelDir;
  // The iris rows in load_iris order under the course table's column names, with a note column
  // whose text needs CSV quoting (a comma, a quote) to come back as it was.
  const iris = readFileSync('test/vscode/workspace/data/iris.csv', 'utf8').trim().split('\n');
  csv = join(dir, 'rows.csv');
  writeFileSync(csv, [`note,${iris[0]}`, ...iris.slice(1).map((l, i) => `${i === 0 ? '"first, ""row"""' : `r${i}`},${l}`)].join('\n') + '\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("every row comes back as it was with scikit-learn's prediction and the class name; the accuracy against its target column", async () => {
  const r = await predictionsCsv(modelDir, csv, nodeFileSystem);
  assert.ok(course, 'the course case of the reference');
  const records = (await readCsvRecords(r.text, 'predictions')).map((rec) => rec.fields);
  assert.deepEqual(records[0], ['note', 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'target', 'prediction', 'prediction_name']);
  assert.equal(records.length, 151);
  assert.deepEqual(records.slice(1).map((f) => Number(f[6])), course.predictions);
  assert.deepEqual(records[1], ['first, "row"', '5.1', '3.5', '1.4', '0.2', '0', '0', 'setosa']);
  assert.deepEqual(new Set(records.slice(1).map((f) => `${f[6]}:${f[7]}`)), new Set(['0:setosa', '1:versicolor', '2:virginica']));
  // 116/120 on the training part and 30/30 on the validation part: 146 of the 150 rows.
  assert.deepEqual(r.accuracy, { accuracy: 146 / 150, correct: 146, total: 150 });
  assert.deepEqual([r.rows, r.rowsShown, r.truncated], [150, 150, false]);
  // The source rows are untouched.
  assert.match(readFileSync(csv, 'utf8'), /^note,sepal_length/);
});

test('a file with more rows than maxRows gives the first maxRows, and says so; a taken column name gets a suffix', async () => {
  const r = await predictionsCsv(modelDir, csv, nodeFileSystem, { maxRows: 10 });
  assert.deepEqual([r.rowsShown, r.truncated], [10, true]);
  assert.equal(r.text.trim().split('\n').length, 11);
  const taken = join(dir, 'taken.csv');
  writeFileSync(taken, 'prediction,sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\nx,5.1,3.5,1.4,0.2\n');
  const t = await predictionsCsv(modelDir, taken, nodeFileSystem);
  assert.deepEqual(t.added, ['prediction_2', 'prediction_name']);
  assert.equal(t.text, 'prediction,sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),prediction_2,prediction_name\nx,5.1,3.5,1.4,0.2,0,setosa\n');
  assert.equal(t.accuracy, undefined, 'no target column, no accuracy');
});

test('a file larger than the editor document is made from is refused before it is read, pointing at model-lab predict', async () => {
  const huge = join(dir, 'huge.csv');
  writeFileSync(huge, 'sepal_length,sepal_width,petal_length,petal_width\n');
  truncateSync(huge, 300 * 1024 * 1024); // sparse: 300 MiB on paper, nothing on disk
  await assert.rejects(predictionsCsv(modelDir, huge, nodeFileSystem), new RegExp(`^UserError: ${huge.replace(/[.]/g, '\\.')}: 300 MiB is more than 256 MiB, the most read for an editor of predictions — label it with model-lab predict ".*" --data ".*huge\\.csv", which streams any size$`));
});

test('rows the model cannot label are refused naming the file, line and column, as model-lab predict does', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n5.1,abc,1.4,0.2\n');
  await assert.rejects(predictionsCsv(modelDir, bad, nodeFileSystem), /^UserError: bad\.csv line 3, column "sepal_width": "abc" is not a number — fix or remove the row$/);
});
