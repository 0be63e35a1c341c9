// model-lab predict on data with a row it cannot read: the command ends with one line naming that
// row, exit 1, after the rows before it were labelled and printed (docs/cli.md) — also those of the
// batch the bad row is in (the file is labelled 65,536 rows at a time), from a file or from standard
// input. With --json the document stays valid JSON: the predictions of the rows before it, their
// names and the refusal in "error"; a bad first row prints nothing, as any refusal. Ctrl-C keeps the
// document valid too, and says how many rows were labelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, runCliSync } from '../core/hardening/cliProcess';

const HEADER = 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)';
const SETOSA = '5.1,3.5,1.4,0.2';
const VIRGINICA = '6.3,3.3,6.0,2.5';
let root: string;
let model: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-predict-bad-row-'));
  const r = runCliSync(['train', '--out', 'models', '--name', 'm'], root);
  assert.equal(r.code, 0, r.err);
  model = join(root, 'models', 'm');
});
after(() => rmSync(root, { recursive: true, force: true }));

function csv(name: string, rows: string[]): string {
  const path = join(root, name);
  writeFileSync(path, [HEADER, ...rows, ''].join('\n'));
  return path;
}

/** predict with --data FILE, or with the file's bytes piped into --data -. */
function predict(file: string, how: 'file' | 'stdin', extra: string[] = []) {
  const r = how === 'file'
    ? spawnSync(process.execPath, [cliPath(), 'predict', model, '--data', file, ...extra], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, [cliPath(), 'predict', model, '--data', '-', ...extra], { cwd: root, encoding: 'utf8', input: readFileSync(file), maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a bad row after two good ones: both are printed, then the line naming the bad one, exit 1 (file and standard input)', () => {
  const file = csv('small.csv', [SETOSA, VIRGINICA, '1,2,3,']);
  for (const how of ['file', 'stdin'] as const) {
    const r = predict(file, how);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, '0\tsetosa\n2\tvirginica\n', how);
    const name = how === 'file' ? 'small.csv' : 'standard input';
    assert.equal(r.err, `model-lab predict: ${name} line 4, column "petal width (cm)": is empty — fix or remove the row\n`);
  }
});

test('70,000 good rows and a bad last one: all 70,000 labels are printed, not the first batch of 65,536', () => {
  const file = csv('big.csv', [...Array<string>(69_999).fill(SETOSA), VIRGINICA, '1,x,3,4']);
  for (const how of ['file', 'stdin'] as const) {
    const r = predict(file, how);
    assert.equal(r.code, 1, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 70_000, how);
    assert.equal(lines.at(-1), '2\tvirginica');
    assert.match(r.err, /^model-lab predict: (big\.csv|standard input) line 70002, column "sepal width \(cm\)": "x" is not a number — fix or remove the row\n$/);
  }
});

test('--json with a bad row: valid JSON holding the rows before it, their names and the refusal in "error"; exit 1 and the line on stderr', () => {
  for (const [rows, count] of [[[SETOSA, VIRGINICA, '1,2,3,'], 2], [[...Array<string>(70_000).fill(SETOSA), '1,2,3,'], 70_000]] as const) {
    const file = csv('json.csv', [...rows]);
    for (const how of ['file', 'stdin'] as const) {
      const r = predict(file, how, ['--json']);
      assert.equal(r.code, 1, r.err);
      const name = how === 'file' ? 'json.csv' : 'standard input';
      const error = `${name} line ${count + 2}, column "petal width (cm)": is empty — fix or remove the row`;
      assert.equal(r.err, `model-lab predict: ${error}\n`);
      const j = JSON.parse(r.out) as { model: string; predictions: number[]; names: string[]; error: string };
      assert.deepEqual(Object.keys(j), ['model', 'predictions', 'names', 'error']);
      assert.equal(j.model, model);
      assert.equal(j.predictions.length, count);
      assert.equal(j.names.length, count);
      assert.deepEqual([j.predictions[0], j.names[0], j.predictions[1], j.names[1]], count === 2 ? [0, 'setosa', 2, 'virginica'] : [0, 'setosa', 0, 'setosa']);
      assert.equal(j.error, error);
    }
  }
});

/** predict --data - with `rows` piped in and the pipe left open; SIGINT once the first labels are out. */
async function interruptedWhileReading(rows: string[], extra: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [cliPath(), 'predict', model, '--data', '-', ...extra], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    if (out === '') child.kill('SIGINT');
    out += String(d);
  });
  child.stderr.on('data', (d) => { err += String(d); });
  child.stdin.write([HEADER, ...rows, ''].join('\n'));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  child.stdin.destroy();
  return { code, out, err };
}

test('Ctrl-C while rows still come: exit 130, a line saying how many rows were labelled, and with --json a valid document with "error"', async () => {
  const rows = Array<string>(20_000).fill(SETOSA);
  const j = await interruptedWhileReading(rows, ['--json']);
  assert.equal(j.code, 130, j.err);
  const doc = JSON.parse(j.out) as { predictions: number[]; names: string[]; error: string };
  const n = doc.predictions.length;
  assert.ok(n > 0 && n <= rows.length, String(n));
  assert.equal(doc.names.length, n);
  assert.equal(doc.error, `cancelled after ${n} rows`);
  assert.equal(j.err, `model-lab predict: cancelled after ${n} rows — the output holds their labels, the rows after them have none\n`);
  const t = await interruptedWhileReading(rows, []);
  assert.equal(t.code, 130, t.err);
  const lines = t.out.trimEnd().split('\n');
  assert.ok(lines.every((l) => l === '0\tsetosa'));
  assert.equal(t.err, `model-lab predict: cancelled after ${lines.length} rows — the output holds their labels, the rows after them have none\n`);
});

test('a bad first row: nothing on standard output (text or JSON), one line, exit 1', () => {
  const file = csv('first.csv', ['1,2,3,', SETOSA]);
  for (const extra of [[], ['--json']]) {
    const r = predict(file, 'file', extra);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, '');
    assert.equal(r.err, 'model-lab predict: first.csv line 2, column "petal width (cm)": is empty — fix or remove the row\n');
  }
});

test('a value the model\'s scaler takes past the largest double is named at its line and column, as scikit-learn refuses it ("Input X contains infinity"); 1e300 still predicts, as there', () => {
  const file = csv('huge.csv', [SETOSA, '1e300,3.5,1.4,0.2', '-1.7976931348623157e308,3.5,1.4,0.2']);
  for (const how of ['file', 'stdin'] as const) {
    const r = predict(file, how);
    assert.equal(r.code, 1, r.err);
    // scikit-learn 1.2.1 labels these two rows 0 and 2 with this model's export (1e300 scales to a finite value).
    assert.equal(r.out, '0\tsetosa\n2\tvirginica\n', 'the two rows before it labelled');
    const where = how === 'file' ? 'huge.csv' : 'standard input';
    assert.equal(r.err, `model-lab predict: ${where} line 4, column "sepal length (cm)": "-1.7976931348623157e308" is too large for this model: its StandardScaler makes it -Infinity (scikit-learn refuses the row too: "Input X contains infinity") — fix or remove the row\n`);
  }
});

test('a text label holding a line break or a tab stays on its row\'s line (printed as its Python repr)', () => {
  writeFileSync(join(root, 'nl.csv'), 'a,b,target\n1,2,"x\ny"\n3,4,"x\ny"\n5,6,"x\ny"\n1,9,"t\tab"\n2,8,"t\tab"\n3,7,"t\tab"\n');
  const t = runCliSync(['train', '--data', 'nl.csv', '--out', 'nl-models', '--name', 'nl'], root);
  assert.equal(t.code, 0, t.err);
  const r = runCliSync(['predict', join(root, 'nl-models', 'nl'), '--data', 'nl.csv'], root);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 7, 'six labels and the accuracy');
  assert.deepEqual(lines.slice(0, 6).map((l) => ["'x\\ny'", "'t\\tab'"].includes(l)), [true, true, true, true, true, true]);
});
