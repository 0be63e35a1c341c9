// Inputs too big for SVC: the training-rows limit and its refusal, --max-rows samples equal to
// pandas' df.sample(n, random_state) with scikit-learn's accuracies on them
// (scripts/fixtures/sample.py), and the estimate shown before fitting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { indexColumnWarning } from '../../../src/core/usecases/trainingSnapshot';
import { DEFAULT_TRAIN_ROWS_LIMIT, durationText, estimateTraining, sizeText } from '../../../src/core/usecases/trainingLimits';
import type { TrainOptions } from '../../../src/core/usecases/contracts';

const DATA = resolve('test/fixtures/sample/data.csv');
const expected = JSON.parse(readFileSync('test/fixtures/sample/expected.json', 'utf8')) as {
  rows: number; cases: { maxRows: number; seed: number; ids: number[]; trainAccuracy: number; validAccuracy: number }[];
};

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-snapshot-')); });
after(() => rmSync(root, { recursive: true, force: true }));
const freshDir = () => mkdtempSync(join(root, 'case-'));

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd });
  return { code, out, err };
}

const options = (modelsDir: string, extra: Partial<TrainOptions> = {}): TrainOptions => ({
  data: { kind: 'csv', path: DATA }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
  kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: ['id'], modelsDir, ...extra,
});

test('--max-rows N: the rows of pandas\' df.sample(n=N, random_state=seed), scikit-learn\'s accuracies, recorded and re-validated', async () => {
  for (const c of expected.cases) {
    const dir = freshDir();
    const r = await run(['train', '--data', DATA, '--drop', 'id', '--max-rows', String(c.maxRows), '--seed', String(c.seed), '--json'], dir);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.trainAccuracy, c.trainAccuracy, `n=${c.maxRows} seed=${c.seed}`);
    assert.equal(j.validAccuracy, c.validAccuracy, `n=${c.maxRows} seed=${c.seed}`);
    const lines = readFileSync(join(j.model, 'data.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'id,a,b,c,d,target');
    assert.deepEqual(lines.slice(1).map((l) => Number(l.split(',')[0])), c.ids);
    const m = JSON.parse(readFileSync(join(j.model, 'model.json'), 'utf8'));
    assert.deepEqual(m.data.sample, { method: 'pandas.DataFrame.sample', n: c.maxRows, fromRows: expected.rows, randomState: c.seed });
    assert.equal(m.data.rows, c.maxRows);
    assert.equal(m.data.path, DATA);
    assert.equal((await validate(j.model, nodeFileSystem)).status, 'matches');
  }
});

test('--max-rows at or above the row count trains on the whole file, byte for byte', async () => {
  const r = await run(['train', '--data', DATA, '--drop', 'id', '--max-rows', String(expected.rows), '--json'], freshDir());
  assert.equal(r.code, 0, r.err);
  const model = JSON.parse(r.out).model;
  assert.deepEqual(readFileSync(join(model, 'data.csv')), readFileSync(DATA));
  assert.equal(JSON.parse(readFileSync(join(model, 'model.json'), 'utf8')).data.sample, undefined);
});

test('above the training-rows limit: one line with the estimate and the ways out, exit 1, nothing saved (expected refusal)', async () => {
  const dir = freshDir();
  const r = await run(['train', '--data', DATA, '--drop', 'id', '--train-rows-limit', '1000'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^model-lab train: data\.csv has 3,000 rows: training on 2,400 of them is more than the limit of 1,000 training rows — train on a reproducible sample with --max-rows 1250, or on fewer rows with --train-size 1000 --test-size 250, or raise the limit with --train-rows-limit N \(0: no limit\)\n$/);
  assert.deepEqual(readdirSync(dir), []);
  // Each way out it offers works (a new --train-rows-limit in place of the first: an option is given once).
  for (const args of [['--max-rows', '1250'], ['--train-size', '1000', '--test-size', '250'], ['--train-rows-limit', '0']]) {
    const limit = args[0] === '--train-rows-limit' ? [] : ['--train-rows-limit', '1000'];
    const ok = await run(['train', '--data', DATA, '--drop', 'id', ...limit, ...args, '--json'], freshDir());
    assert.equal(ok.code, 0, `${args.join(' ')}: ${ok.err}`);
  }
  // The same limit through TrainOptions (the extension's setting).
  await assert.rejects(train(options(freshDir(), { trainRowsLimit: 1000 }), nodeFileSystem), /more than the limit of 1,000 training rows/);
});

test(`the default limit is ${DEFAULT_TRAIN_ROWS_LIMIT} training rows: a 260,000-row file is refused before fitting`, async () => {
  const csv = join(root, 'big.csv');
  const fd = openSync(csv, 'w');
  writeSync(fd, 'a,b,target\n');
  let chunk = '';
  for (let i = 0; i < 260_000; i++) {
    chunk += `${i % 7},${(i * 13) % 11},${i % 3}\n`;
    if (chunk.length > 1 << 20) { writeSync(fd, chunk); chunk = ''; }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  const dir = freshDir();
  const steps: string[] = [];
  await assert.rejects(
    train({ ...options(dir), data: { kind: 'csv', path: csv }, drop: [] }, nodeFileSystem, { progress: { report: (s) => steps.push(s) } }),
    /^UserError: big\.csv has 260,000 rows: training on 208,000 of them would take about \d+ s and \d+ MB .* --max-rows 250000, or on fewer rows with --train-size 200000 --test-size 50000/,
  );
  assert.ok(!steps.some((s) => s.startsWith('Fitting')), steps.join(', '));
  assert.ok(!existsSync(join(dir, 'models')));
});

test('a bad value in a sampled row is reported at its line in the original file', async () => {
  const csv = join(root, 'bad-sample.csv');
  const rows = ['a,b,target'];
  for (let i = 0; i < 20; i++) rows.push(i === 13 ? '1,abc,0' : `${i},${i % 5},${i % 2}`);
  writeFileSync(csv, rows.join('\n') + '\n');
  const r = await run(['train', '--data', csv, '--max-rows', '19', '--drop', ''], freshDir());
  assert.equal(r.code, 1);
  assert.equal(r.err, 'model-lab train: bad-sample.csv line 15, column "b": "abc" is not a number — fix or remove the row\n');
});

test('the estimate grows with the square of the training rows and is shown before a long fit', async () => {
  const small = estimateTraining(150, 120);
  const big = estimateTraining(5_500_000, 4_400_000);
  assert.ok(small.seconds < 0.01, String(small.seconds));
  assert.ok(Math.abs(estimateTraining(2000, 2000).seconds / estimateTraining(1000, 1000).seconds - 4) < 1e-9);
  assert.equal(durationText(big.seconds), 'about 7 h');
  assert.equal(sizeText(big.bytes), '2.9 GB');
  // A fit expected to take seconds says so in its progress step (what a terminal's status line and the extension's notification show).
  const csv = join(root, 'mid.csv');
  const lines = ['a,b,c,d,target'];
  for (let i = 0; i < 60_000; i++) lines.push(`${(i % 97) / 10},${(i * 7) % 13},${(i % 3) + Math.sin(i)},${Math.cos(i)},${i % 3}`);
  writeFileSync(csv, lines.join('\n') + '\n');
  const steps: string[] = [];
  // Stop right there (a progress callback that throws ends the run before the fit starts).
  await assert.rejects(train({ ...options(freshDir()), data: { kind: 'csv', path: csv }, drop: [] }, nodeFileSystem, {
    progress: { report: (s) => { steps.push(s); if (s.startsWith('Fitting')) throw new Error('stop before fitting'); } },
  }), /stop before fitting/);
  assert.match(steps.find((s) => s.startsWith('Fitting'))!, /^Fitting StandardScaler and SVC on 48,000 rows \(about \d+ s, \d+ MB\)$/);
});

test('a row-number feature is told only when every row counts on by exactly 1, from 20 rows on', () => {
  const rows = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => [5.1, f(i)]);
  const names = ['sepal_length', 'n'];
  const said = (X: number[][]) => indexColumnWarning(names, 'f.csv', ['id'], X)?.message;
  assert.match(said(rows(20, (i) => i))!, /^f\.csv: the column "n" numbers the rows \(0, 1, 2 … 19\)/);
  assert.match(said(rows(20, (i) => 120 - i))!, /\(120, 119, 118 … 101\)/);
  assert.equal(said(rows(19, (i) => i)), undefined, 'too few rows to tell');
  assert.equal(said(rows(40, (i) => (i === 30 ? 31 : i))), undefined, 'one row breaks the count');
  assert.equal(said(rows(40, (i) => i + 0.5)), undefined, 'not integers');
  assert.equal(said(rows(40, (i) => 2 * i)), undefined, 'a step of 2 is a measurement as far as we know');
  assert.equal(said(rows(40, () => 3)), undefined);
});
