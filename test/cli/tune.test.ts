// model-lab tune end to end: the bundled CLI in a child process, numbers checked against scikit-learn's
// GridSearchCV (test/fixtures/gridsearch/expected.json), refusals, and Ctrl-C.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cliFile } from '../core/parallel/bundledWorker';
import { fixture } from '../core/experiments/tune/gridsearchFixture';

let cwd: string;
before(() => { cwd = mkdtempSync(join(tmpdir(), 'model-lab-cli-tune-')); });
after(() => rmSync(cwd, { recursive: true, force: true }));

interface CliRun { code: number | null; signal: NodeJS.Signals | null; out: string; err: string }

/** The bundled CLI (poolWorker.js beside it, so the default --jobs runs worker threads). */
function runCli(args: string[]): CliRun {
  const r = spawnSync(process.execPath, [cliFile(), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

function startCli(args: string[]) {
  const child = spawn(process.execPath, [cliFile(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += String(d); });
  child.stderr.on('data', (d) => { err += String(d); });
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}

const run = (args: string[]) => runCli(['tune', ...args]);
const caseOf = (id: string) => fixture.cases.find((c) => c.id === id)!;

test('tune --json: exactly the issue\'s names, every number GridSearchCV\'s, the refit model saved', () => {
  const c = caseOf('iris-k5-ties');
  const r = run(['--C', '0.1,1,10', '--gamma', 'scale, 0.1', '--json', '--out', 'json', '--name', 'ties']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['cv', 'candidates', 'best', 'model', 'trainAccuracy', 'validAccuracy']);
  assert.equal(j.cv, 5);
  assert.deepEqual(Object.keys(j.candidates[0]), ['params', 'foldScores', 'meanScore', 'stdScore', 'rank']);
  assert.deepEqual(Object.keys(j.candidates[0].params), ['kernel', 'C', 'gamma', 'degree', 'coef0']);
  assert.deepEqual(j.candidates.map((x: any) => [x.params.C, x.params.gamma, x.params.kernel]), c.candidates.map((x) => [x.params.C, x.params.gamma, x.params.kernel]));
  assert.deepEqual(j.candidates.map((x: any) => [x.foldScores, x.meanScore, x.stdScore, x.rank]), c.candidates.map((x) => [x.splitScores, x.mean, x.std, x.rank]));
  assert.deepEqual(j.best, { params: { ...j.candidates[c.bestIndex].params }, meanScore: c.bestScore });
  assert.deepEqual([j.trainAccuracy, j.validAccuracy], [c.trainAccuracy, c.validAccuracy]);
  assert.equal(j.model, join(cwd, 'json', 'ties'));
  assert.deepEqual(readdirSync(join(cwd, 'json')), ['ties']);
});

test('tune on a CSV with string labels, a test-size count and K = 3', () => {
  const c = caseOf('labels-k3-count');
  const r = run(['--data', resolve('test/fixtures/gridsearch', c.data), '--target', 'kind', '--seed', '7', '--test-size', '30',
    '--cv', '3', '--C', '1,5', '--kernel', 'linear,rbf', '--json', '--out', 'csv']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.candidates.map((x: any) => [x.foldScores, x.meanScore, x.stdScore, x.rank]), c.candidates.map((x) => [x.splitScores, x.mean, x.std, x.rank]));
  assert.deepEqual([j.trainAccuracy, j.validAccuracy], [c.trainAccuracy, c.validAccuracy]);
});

test('tune prints the candidates best first in the course\'s style, then the refit\'s accuracies', () => {
  const c = caseOf('iris-k5-ties');
  const r = run(['--C', '0.1,1,10', '--gamma', 'scale,0.1', '--out', 'text', '--name', 'text']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], 'GridSearchCV: 6 candidates × 5 folds (StratifiedKFold) on 120 training rows; * = best_params_, refitted');
  assert.match(lines[1], /^ {3}rank {2}mean_test_score +std_test_score +kernel +C +gamma$/);
  const rows = lines.slice(2, 8).map((l) => l.trim().split(/\s+/));
  assert.deepEqual(rows[0], ['*', '1', '0.95', String(c.candidates[c.bestIndex].std), 'rbf', '1.0', 'scale']);
  assert.deepEqual(rows.map((x) => Number(x.at(-6))), [...c.candidates.map((x) => x.rank)].sort((a, b) => a - b));
  assert.deepEqual(lines.slice(9), [
    "Best params : {'C': 1.0, 'gamma': 'scale', 'kernel': 'rbf'}",
    'Best CV Accuracy : 0.95',
    'Train Accuracy : 0.9666666666666667',
    'Valid Accuracy : 1.0',
    `Saved model to ${join(cwd, 'text', 'text')}`,
  ]);
});

test('bad input: one line each, exit 2 for the command line, 1 for the data; nothing saved', () => {
  const cases: [string[], number, RegExp][] = [
    [['--cv', '1'], 2, /^model-lab tune: k-fold cross-validation requires at least one train\/test split by setting n_splits=2 or more, got n_splits=1\. — give --cv a whole number of at least 2/],
    [['--cv', 'five'], 2, /^model-lab tune: --cv "five" must be a whole number of folds/],
    [['--C', ''], 2, /^model-lab tune: --C is empty/],
    [['--kernel', 'rbf,cubic'], 2, /"cubic" is not a kernel — use rbf, linear, poly, sigmoid/],
    [['--degree', '2,2.5'], 2, /--degree item 2 of "2,2.5": "2.5" must be a whole number from 0 to 1000/],
    [['--C', '1,2,3,4,5,6,7,8,9,10,11', '--gamma', '0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1'], 2, /^model-lab tune: the grid has 110 candidates × 5 folds = 550 fits \(more than 500\) — shorten the lists, or add --yes/],
    [['--seed', '1,2'], 2, /^model-lab tune: --seed "1,2" must be a whole number/],
    [['--jobz', '2'], 2, /^model-lab tune: unknown option --jobz/],
    [['--cv', '44'], 1, /^model-lab tune: n_splits=44 cannot be greater than the number of members in each class\. — the training part of iris has 120 rows \(per class 0: 38, 1: 39, 2: 43\): use a smaller --cv\n$/],
    [['--cv', '39'], 1, /^model-lab tune: The least populated class in y has only 38 members, which is less than n_splits=39\. — in the training part of iris, class "0" has 38 rows; use --cv 38 or fewer, or add --yes/],
    [['--data', resolve('test/fixtures/gridsearch/csv/rare.csv'), '--seed', '0', '--cv', '3'], 1, /^model-lab tune: The least populated class in y has only 1 members, which is less than n_splits=3\. — in the training part of rare\.csv, class "yes" has 1 row; add rows of that class/],
    [['--data', 'missing.csv'], 1, /missing\.csv: cannot read the data file \(no such file\)/],
  ];
  for (const [args, code, pattern] of cases) {
    const r = run([...args, '--out', 'refused']);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, pattern, args.join(' '));
    assert.equal(r.err.split('\n').length, 2, `one line: ${r.err}`);
    assert.equal(r.out, '');
  }
  assert.throws(() => readdirSync(join(cwd, 'refused')));
});

test('a data set too small to split into K folds is refused with the rows it has', () => {
  writeFileSync(join(cwd, 'tiny.csv'), 'a,b,target\n1,2,x\n2,1,y\n3,3,x\n4,0,y\n5,5,x\n');
  const r = run(['--data', 'tiny.csv', '--out', 'tiny']);
  assert.equal(r.code, 1);
  assert.match(r.err, /^model-lab tune: Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=4\. — the training part of tiny\.csv has 4 rows \(per class x: 3, y: 1\): use a smaller --cv\n$/);
});

test('--yes runs what scikit-learn only warns about: the warning on stderr, failed folds nan, the refit saved', () => {
  const c = caseOf('rare-k3-failed-fits');
  const r = run(['--data', resolve('test/fixtures/gridsearch', c.data), '--seed', String(c.seed), '--cv', '3', '--C', '0.5,5', '--gamma', 'scale,1', '--yes', '--json', '--out', 'rare']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.err.trimEnd().split('\n'), [
    `model-lab tune: warning: ${c.warnings[0]}`,
    `model-lab tune: warning: ${c.fitFailures[0]} The score on these train-test partitions for these parameters will be set to nan. (SVC fit: the number of classes has to be greater than one; got 1 class.)`,
  ]);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.candidates.map((x: any) => x.foldScores), c.candidates.map((x) => x.splitScores));
  assert.deepEqual(j.best.meanScore, null);
  assert.deepEqual([j.trainAccuracy, j.validAccuracy], [c.trainAccuracy, c.validAccuracy]);
});

/** An iris-like CSV of n rows whose class "rare" has 3 rows, so tune --cv 5 --yes warns first. */
function writeLongSearchCsv(path: string, n: number): void {
  let s = 2023;
  const random = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines = ['a,b,c,d,target'];
  for (let i = 0; i < n; i++) {
    const label = i % 500 === 7 ? 'rare' : ['p', 'q', 'r'][i % 3];
    const base = label === 'rare' ? 3 : ['p', 'q', 'r'].indexOf(label);
    lines.push(`${[0, 1, 2, 3].map(() => (base + 2 * random()).toFixed(4)).join(',')},${label}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

for (const jobs of ['1', '2']) test(`Ctrl-C during the search (--jobs ${jobs}): exit 130, one line saying how far it got, nothing saved`, async () => {
  writeLongSearchCsv(join(cwd, 'long.csv'), 1500);
  const out = join(cwd, `cancelled-${jobs}`);
  const run = startCli(['tune', '--data', 'long.csv', '--C', '0.1,1,10,100', '--gamma', 'scale,auto,0.5,1,2', '--kernel', 'rbf,linear,sigmoid', '--yes', '--out', out, '--jobs', jobs]);
  let stderr = '';
  let sent = false;
  run.child.stderr.on('data', (d) => {
    stderr += String(d);
    // The few-members warning comes right before the first fit.
    if (!sent && stderr.includes('warning: The least populated class')) {
      sent = true;
      setTimeout(() => run.child.kill('SIGINT'), 300);
    }
  });
  const r = await run.done;
  assert.equal(r.code, 130, `exit ${r.code} signal ${r.signal}: ${r.err}`);
  assert.match(r.err.trimEnd().split('\n').at(-1)!, /^model-lab tune: cancelled after \d+ of 300 fits \(candidate \d+ of 60, fold \d of 5 was running\) — nothing was saved$/);
  assert.equal(r.out, '');
  assert.throws(() => readdirSync(out), /ENOENT/);
});

test('--jobs N: the same JSON and the same refit model files as --jobs 1; a bad --jobs is a usage error', () => {
  const args = ['--C', '0.1,1,10,100', '--gamma', 'scale,auto,0.5', '--kernel', 'rbf,linear', '--cv', '10', '--json', '--name', 'same'];
  const one = run([...args, '--jobs', '1', '--out', 'jobs1']);
  const two = run([...args, '--jobs', '2', '--out', 'jobs2']);
  const three = run([...args, '--jobs', '3', '--out', 'jobs3']);
  for (const r of [one, two, three]) assert.equal(r.code, 0, r.err);
  const strip = (text: string) => JSON.stringify({ ...JSON.parse(text), model: undefined });
  assert.equal(strip(two.out), strip(one.out));
  assert.equal(strip(three.out), strip(one.out));
  for (const file of ['classifier.json', 'scaler.json', 'data.csv']) {
    assert.equal(readFileSync(join(cwd, 'jobs2/same', file), 'utf8'), readFileSync(join(cwd, 'jobs1/same', file), 'utf8'), file);
  }
  // When the model was saved and its data read differ between runs; everything else is the same.
  const manifest = (dir: string) => { const m = JSON.parse(readFileSync(join(cwd, dir, 'same/model.json'), 'utf8')); return { ...m, created: undefined, manifestSha256: undefined, data: { ...m.data, readAt: undefined } }; };
  assert.deepEqual(manifest('jobs2'), manifest('jobs1'));
  for (const bad of ['0', 'two', '1000']) {
    const r = run(['--jobs', bad, '--out', 'badjobs']);
    assert.equal(r.code, 2);
    assert.equal(r.err, `model-lab tune: --jobs "${bad}" must be a whole number from 1 to 256\n`);
  }
});

test('--save-joblib saves the refit model\'s joblib files (it was accepted and ignored), for --sklearn-version; with --plan it belongs to --collect', () => {
  const r = run(['--C', '1,10', '--gamma', 'scale', '--cv', '3', '--layout', 'pipeline', '--save-joblib', '--sklearn-version', '1.9.0', '--json', '--out', 'joblib', '--name', 'tuned']);
  assert.equal(r.code, 0, r.err);
  const dir = join(cwd, 'joblib', 'tuned');
  assert.deepEqual(readdirSync(dir).sort(), ['data.csv', 'model.json', 'model_pipeline.joblib', 'pipeline.json']);
  const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { files: Record<string, string> };
  assert.match(manifest.files['model_pipeline.joblib'] ?? '', /^[0-9a-f]{64}$/, 'recorded with its sha256');
  const check = runCli(['validate', join(dir, 'model_pipeline.joblib'), '--json']);
  assert.equal(check.code, 0, check.err);
  assert.equal((JSON.parse(check.out) as { sklearnVersion: string }).sklearnVersion, '1.9.0');
  assert.equal(runCli(['validate', dir]).code, 0, 'the model validates with the files recorded');

  for (const [args, message] of [
    [['--out', 'refused', '--sklearn-version', '1.9.0'], /^model-lab tune: --sklearn-version goes with --save-joblib/],
    [['--out', 'refused', '--save-joblib', '--sklearn-version', '1.6.0'], /^model-lab tune: scikit-learn 1\.6\.0 is not supported for export: /],
    [['--save-joblib', '--plan', 'p.jsonl'], /^model-lab tune: --save-joblib does not go with --plan — give it to model-lab tune --collect, which refits and saves the model\n$/],
  ] as const) {
    const bad = run(['--C', '1,10', '--cv', '3', ...args]);
    assert.equal(bad.code, 2, bad.err);
    assert.match(bad.err, message);
  }
  assert.deepEqual(readdirSync(cwd).filter((f) => f === 'refused' || f.startsWith('p.')), [], 'nothing written');
});
