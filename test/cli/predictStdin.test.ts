// model-lab predict --data -: the rows come from standard input, through real pipes. The labels are
// those of the same rows read from a file; rows written slowly are labelled as they arrive (a test
// that waits for each label before writing the next row would hang if they were held back); a
// terminal, train and bad rows get one line each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliPath, runCliSync } from '../core/hardening/cliProcess';

const IRIS_CSV = resolve('test/e2e/fixtures/iris.csv');
let root: string;
let model: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-predict-stdin-'));
  const r = runCliSync(['train', '--out', 'models', '--name', 'm'], root);
  assert.equal(r.code, 0, r.err);
  model = join(root, 'models', 'm');
});
after(() => rmSync(root, { recursive: true, force: true }));

function predictWithInput(input: string | Buffer, extra: string[] = []) {
  const r = spawnSync(process.execPath, [cliPath(), 'predict', model, '--data', '-', ...extra], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('piped rows get exactly the labels, accuracy and JSON of the same file given by name', () => {
  for (const extra of [[], ['--json']]) {
    const fromFile = runCliSync(['predict', model, '--data', IRIS_CSV, ...extra], root);
    assert.equal(fromFile.code, 0, fromFile.err);
    const piped = predictWithInput(readFileSync(IRIS_CSV), extra);
    assert.equal(piped.code, 0, piped.err);
    assert.equal(piped.out, fromFile.out);
    assert.match(piped.err, /^model-lab predict: standard input: columns matched by alias/);
  }
  assert.match(predictWithInput('').err, /^model-lab predict: standard input: no data rows — it needs a header line and at least one row\n$/);
  const bad = predictWithInput('sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n5.1,3.5,x,0.2\n');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /standard input line 3, column "petal_length": "x" is not a number — fix or remove the row\n$/);
});

test('rows written one at a time are labelled as they arrive, not when the input ends', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, [cliPath(), 'predict', model, '--data', '-'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const exit = new Promise<number | null>((done) => child.on('close', done));
  let out = '';
  let waiting: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (t: string) => { out += t; waiting?.(); });
  const lines = () => out.split('\n').filter(Boolean).length;
  const untilLines = (n: number) => new Promise<void>((done) => {
    waiting = () => { if (lines() >= n) done(); };
    waiting();
  });
  const rows = readFileSync(IRIS_CSV, 'utf8').split('\n');
  child.stdin.write(`${rows[0]}\n${rows[1]}\n`);
  await untilLines(1);
  assert.equal(out, '0\tsetosa\n');
  child.stdin.write(`${rows[150]}\n`); // the last flower: virginica
  await untilLines(2);
  assert.equal(out, '0\tsetosa\n2\tvirginica\n');
  child.stdin.end();
  assert.equal(await exit, 0);
  assert.equal(out, '0\tsetosa\n2\tvirginica\nAccuracy : 1.0 (2/2)\n');
});

test('--data - with nothing piped in (a terminal) and train --data - are one line each, exit 2', () => {
  const terminal = spawnSync('script', ['-qec', `"${process.execPath}" "${cliPath()}" predict "${model}" --data -`, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  assert.equal(terminal.status, 2, terminal.stdout);
  assert.match(terminal.stdout, /^model-lab predict: --data - reads the rows from standard input, and nothing is piped in — e\.g\. cat rows\.csv \| model-lab predict MODEL_DIR --data -\r?\n$/);
  const train = runCliSync(['train', '--data', '-', '--out', 'never'], root);
  assert.equal(train.code, 2);
  assert.equal(train.err, 'model-lab train: --data - (standard input) is for predict only — save the rows to a CSV file and give its path with --data\n');
});

test('a folder as standard input (`< folder`) is named as one, not read as no rows: one line, exit 1', () => {
  const r = spawnSync('bash', ['-c', '"$0" "$1" predict "$2" --data - < "$3"', process.execPath, cliPath(), model, root], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, 'model-lab predict: standard input: cannot be read (it is a folder, not a file) — pipe the rows in, or name a file with --data\n');
  assert.equal(r.stdout, '');
});

test('into a closed pipe (`| head -1`) the piped rows stop being read: exit 141, no EPIPE', () => {
  const rows = readFileSync(IRIS_CSV, 'utf8').split('\n');
  const input = `${rows[0]}\n${`${rows[1]}\n`.repeat(200_000)}`;
  const script = `"$0" "$1" predict "$2" --data - 2>"$3" | head -1; echo "\${PIPESTATUS[0]}"`;
  const r = spawnSync('bash', ['-c', script, process.execPath, cliPath(), model, join(root, 'err.txt')], { cwd: root, input, encoding: 'utf8' });
  assert.equal(r.stdout, '0\tsetosa\n141\n');
  assert.doesNotMatch(readFileSync(join(root, 'err.txt'), 'utf8'), /EPIPE|Error|at /);
});
