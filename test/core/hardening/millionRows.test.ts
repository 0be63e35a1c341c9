// A 1,000,000-row CSV (generated here into a temp folder, never committed): reading streams with
// progress, a cancellation mid-read stops at the next chunk and leaves nothing, and a CLI training
// on it runs within a bounded heap. (An SVC fit on a million rows is what it is — quadratic — so the
// CLI run trains on a --train-size count; reading, splitting and saving handle all the rows.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvDataset } from '../../../src/core/datasets/csvDataset';
import { train } from '../../../src/core/usecases/train';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { TrainOptions } from '../../../src/core/usecases/contracts';
import { runCliSync, startCli } from './cliProcess';

const ROWS = 1_000_000;
let root: string;
let csv: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-hardening-million-'));
  csv = join(root, 'million.csv');
  const fd = openSync(csv, 'w');
  writeSync(fd, 'id,a,b,c,d,target\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const t = i % 3;
    chunk += `${i},${(t + Math.sin(i)).toFixed(6)},${Math.cos(7 * i).toFixed(6)},${(2 * t + Math.sin(3 * i)).toFixed(5)},${(i % 97) / 10},${t}\n`;
    if (chunk.length > 1 << 22) { writeSync(fd, chunk); chunk = ''; }
  }
  writeSync(fd, chunk);
  closeSync(fd);
});
after(() => rmSync(root, { recursive: true, force: true }));

const options = (modelsDir: string): TrainOptions => ({
  data: { kind: 'csv', path: csv }, layout: 'separate', seed: 2023,
  trainSize: { kind: 'count', value: 300 }, testSize: { kind: 'count', value: 300 },
  kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: ['id'], modelsDir,
});

test('reading a million rows reports progress in order up to 1 and keeps every row', async () => {
  const fractions: number[] = [];
  const d = await parseCsvDataset(readFileSync(csv), { fileLabel: 'million.csv', drop: ['id'], control: { onProgress: (f) => fractions.push(f) } });
  assert.equal(d.X.length, ROWS);
  assert.deepEqual(d.featureNames, ['a', 'b', 'c', 'd']);
  const i = ROWS - 1;
  const t = i % 3;
  assert.deepEqual(d.X[i], [Number((t + Math.sin(i)).toFixed(6)), Number(Math.cos(7 * i).toFixed(6)), Number((2 * t + Math.sin(3 * i)).toFixed(5)), (i % 97) / 10]);
  assert.equal(d.y[i], t);
  assert.equal(d.lines[ROWS - 1], ROWS + 1);
  assert.ok(fractions.length >= 20, `${fractions.length} progress reports`);
  assert.ok(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1])));
  assert.equal(fractions.at(-1), 1);
});

test('cancelling at the first progress report stops reading at once', async () => {
  const controller = new AbortController();
  const fractions: number[] = [];
  const reading = parseCsvDataset(readFileSync(csv), {
    fileLabel: 'million.csv', drop: ['id'],
    control: { signal: controller.signal, onProgress: (f) => { fractions.push(f); controller.abort(); } },
  });
  await assert.rejects(reading, { name: 'AbortError' });
  // Not one more chunk after the abort: the rest of the 40 MB was never parsed.
  assert.equal(fractions.length, 1);
  assert.ok(fractions[0] < 0.05, String(fractions[0]));
});

test('train() cancelled mid-read leaves no models folder content', async () => {
  const modelsDir = join(root, 'cancelled');
  const controller = new AbortController();
  const seen: number[] = [];
  const progress = { report: (step: string, f?: number) => { if (step === 'Reading data' && f !== undefined && f > 0) { seen.push(f); if (f > 0.05) controller.abort(); } } };
  await assert.rejects(train(options(modelsDir), nodeFileSystem, { progress, signal: controller.signal }), { name: 'AbortError' });
  assert.ok(seen.length >= 1 && seen.at(-1)! < 0.2 * 0.5, `stopped reading at ${seen.at(-1)} (reading is the first 20% of training)`);
  assert.deepEqual(existsSync(modelsDir) ? readdirSync(modelsDir) : [], []);
});

test('model-lab train on a million rows with --train-size 300 succeeds inside a 320 MB heap and saves the whole file', () => {
  const modelsDir = join(root, 'cli-models');
  const r = runCliSync(['train', '--data', csv, '--drop', 'id', '--train-size', '300', '--test-size', '300', '--out', modelsDir, '--json'], root, ['--max-old-space-size=320']);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /model-lab|heap|\n\s+at /);
  const result = JSON.parse(r.out);
  assert.equal(result.train.total, 300);
  assert.equal(result.valid.total, 300);
  const manifest = JSON.parse(readFileSync(join(result.model, 'model.json'), 'utf8'));
  assert.equal(manifest.data.rows, ROWS);
  assert.equal(readFileSync(join(result.model, 'data.csv')).length, readFileSync(csv).length);
});

test('Ctrl-C (SIGINT) during a million-row training: exit 130 with one line, or the process ends at once — never a saved half', async () => {
  const modelsDir = join(root, 'sigint');
  const run = startCli(['train', '--data', csv, '--drop', 'id', '--train-size', '300', '--test-size', '300', '--out', modelsDir], root);
  setTimeout(() => run.child.kill('SIGINT'), 700);
  const r = await run.done;
  if (r.code === 130) assert.equal(r.err, 'model-lab train: cancelled — nothing was saved\n');
  else assert.equal(r.signal, 'SIGINT', `exit ${r.code}: ${r.err}`);
  assert.deepEqual(existsSync(modelsDir) ? readdirSync(modelsDir) : [], []);
});
