// The model-lab command compiles the SVM for a short process (svmEngine.ts, compileForShortProcess):
// V8 then optimises fewer of its functions during a small fit. Checked on V8's own trace of what it
// compiled, against a run where the user gave node a tiering budget (which stays theirs): the same
// model files either way, since which tier runs a function never changes its numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliFile } from '../core/parallel/bundledWorker';
import { flowersCsv } from '../core/experiments/flowersCsv';
import { modelFolderContents } from './modelFolderContents';

let cwd: string;
before(() => {
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-cli-tiering-'));
  writeFileSync(join(cwd, 'rows.csv'), flowersCsv(1000, 11));
});
after(() => rmSync(cwd, { recursive: true, force: true }));

/** Trains into `out` with V8 tracing its WebAssembly compiles; returns how many functions TurboFan optimised. */
function trainTraced(out: string, nodeFlags: string[]): number {
  const r = spawnSync(process.execPath, ['--trace-wasm-compilation-times', ...nodeFlags, cliFile(), 'train', '--data', 'rows.csv', '--out', out], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Saved model to/);
  return (r.stdout.match(/using TurboFan/g) ?? []).length;
}

test('model-lab train on 1,000 rows sends fewer functions to TurboFan than Node 20\'s default budget, with the same model files', () => {
  const short = trainTraced('short', []);
  // 1,800,000 is Node 20's default; given on node's command line, it is the user's and is kept.
  const usersBudget = trainTraced('default', ['--wasm-tiering-budget=1800000']);
  assert.ok(usersBudget >= 3, `the user's budget optimised ${usersBudget} functions`);
  assert.ok(short < usersBudget, `short-process budget: ${short} functions optimised, the user's: ${usersBudget}`);
  const files = modelFolderContents(join(cwd, 'short'));
  assert.deepEqual(Object.keys(files).map((k) => k.split('/')[1]).sort(), ['classifier.json', 'data.csv', 'model.json', 'scaler.json']);
  assert.deepEqual(files, modelFolderContents(join(cwd, 'default')));
});
