// Data that never ends or never breaks into lines: a device (/dev/zero) is refused by name before
// anything is read, a pipe is rows for predict but not data a model can keep, and a stream without a
// record boundary (binary bytes, a quote never closed) ends with one line once 64 MB are held —
// before, train --data /dev/zero held 2.8 GB after 4 s and predict grew until the memory ran out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliPath, runCliSync } from '../core/hardening/cliProcess';
import { MAX_RECORD_BYTES } from '../../src/core/datasets/csvPieces';

const IRIS_CSV = resolve('test/e2e/fixtures/iris.csv');
const HEADER = 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target\n';
let root: string;
let model: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-special-files-'));
  const r = runCliSync(['train', '--out', 'models', '--name', 'm'], root);
  assert.equal(r.code, 0, r.err);
  model = join(root, 'models', 'm');
});
after(() => rmSync(root, { recursive: true, force: true }));

test('a device as --data: one line naming it, for train, tune and predict; nothing saved', () => {
  for (const [args, line] of [
    [['train', '--data', '/dev/zero', '--out', 'refused'], 'model-lab train: /dev/zero: is a device, not a data file — save the rows to a CSV file and give its path with --data\n'],
    [['tune', '--data', '/dev/null', '--out', 'refused'], 'model-lab tune: /dev/null: is a device, not a data file — save the rows to a CSV file and give its path with --data\n'],
    [['predict', model, '--data', '/dev/zero'], 'model-lab predict: /dev/zero: is a device, not a data file — give a CSV file, or pipe the rows in with --data -\n'],
  ] as const) {
    const r = runCliSync([...args], root);
    assert.equal(r.err, line);
    assert.equal(r.code, 1);
  }
  assert.equal(spawnSync('ls', [join(root, 'refused')]).status !== 0, true, 'no models folder made');
});

test('a named pipe: predict labels what comes through it; train refuses it (a model keeps its data as a file)', () => {
  const fifo = join(root, 'rows.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const fromFile = runCliSync(['predict', model, '--data', IRIS_CSV], root);
  const writer = spawn('sh', ['-c', `cat "${IRIS_CSV}" > "${fifo}"`]);
  const piped = runCliSync(['predict', model, '--data', fifo], root);
  writer.kill();
  assert.equal(piped.code, 0, piped.err);
  assert.equal(piped.out, fromFile.out);
  const train = runCliSync(['train', '--data', fifo], root);
  assert.equal(train.err, `model-lab train: ${fifo}: is a pipe, not a data file — save the rows to a CSV file and give its path with --data\n`);
});

/** predict --data - fed `head` then `fill` until it stops reading; its exit code and stderr. */
function predictStream(head: string, fill: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cliPath(), 'predict', model, '--data', '-'], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.stdin.on('error', () => undefined); // it stops reading: EPIPE is expected
    const block = Buffer.alloc(1 << 20, fill);
    child.stdin.write(head);
    const pump = () => { while (!child.stdin.destroyed && child.stdin.write(block)); };
    child.stdin.on('drain', pump);
    pump();
    child.on('close', (code) => done({ code, out, err }));
  });
}

test('a stream without line breaks ends with one line once 64 MB are held: binary bytes, an unclosed quote, a line that never ends', { timeout: 120_000 }, async () => {
  assert.equal(MAX_RECORD_BYTES, 64 << 20);
  const zeros = await predictStream('', 0);
  assert.equal(zeros.code, 1);
  assert.equal(zeros.err, 'model-lab predict: standard input line 1: control character 0x00 and no line break in 64 MB — this is not a text CSV file (a spreadsheet or other binary file?); save or export the table as CSV\n');
  const quote = await predictStream(`${HEADER}5.1,3.5,1.4,0.2,"0\n`, 0x61);
  assert.equal(quote.err, 'model-lab predict: standard input line 2: a quoted field (") that is never closed runs for more than 64 MB — close the quote, or remove it\n');
  // Rows before the endless line are labelled first.
  const long = await predictStream(`${HEADER}5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n`, 0x35);
  assert.equal(long.out, '0\tsetosa\n0\tsetosa\n');
  assert.equal(long.err, 'model-lab predict: standard input line 4: a line longer than 64 MB — is this a CSV file with one row per line?\n');
  assert.equal(long.code, 1);
});
