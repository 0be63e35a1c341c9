// A CSV compressed with gzip and named .gz is read as pandas.read_csv reads it (compression='infer'):
// files written by Python's gzip, the real CLI. Training on iris.csv.gz gives what scikit-learn gives
// on pd.read_csv("iris.csv.gz"), data.csv is the decompressed text and model.json says so; predict
// streams it; a damaged file is one line; a gzip file not named .gz is read as text, as pandas reads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCliSync } from '../hardening/cliProcess';
import { courseScript, requireScikitLearn, runPython } from '../interop/python/debianPython';
import { buildRecordedView } from '../../../src/extension/webviews/resultsView';
import { readManifest } from '../../../src/core/artifacts/loadModel';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

let dir: string;
before(() => {
  requireScikitLearn();
  dir = mkdtempSync(join(tmpdir(), 'model-lab-gzip-'));
  copyFileSync(resolve('test/e2e/fixtures/iris.csv'), join(dir, 'iris.csv'));
  const py = runPython(['-c', [
    'import gzip',
    'raw = open("iris.csv", "rb").read()',
    'open("iris.csv.gz", "wb").write(gzip.compress(raw))',
    'open("cut.csv.gz", "wb").write(gzip.compress(raw)[:300])',
    'open("packed.csv", "wb").write(gzip.compress(raw))',
  ].join('\n')], dir);
  assert.equal(py.code, 0, py.err);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('model-lab train --data iris.csv.gz: scikit-learn\'s numbers on pd.read_csv("iris.csv.gz"), data.csv decompressed, recorded as gzip; validate matches', async () => {
  const r = runCliSync(['train', '--data', 'iris.csv.gz', '--drop', 'id,timestamp', '--out', 'models'], dir);
  assert.equal(r.code, 0, r.err);
  const sk = runPython(['-c', courseScript('pd.read_csv("iris.csv.gz").drop(columns=["id", "timestamp"])', [
    'print(f"Train Accuracy : {svc.score(scaler.transform(X_train), y_train)}")',
    'print(f"Valid Accuracy : {svc.score(scaler.transform(X_valid), y_valid)}")',
  ])], dir);
  assert.equal(sk.code, 0, sk.err);
  const model = join(dir, 'models', 'iris-C1-gscale-s2023');
  assert.equal(r.out, `${sk.out}Saved model to ${model}\n`, 'named "iris", as iris.csv is');
  assert.ok(readFileSync(join(model, 'data.csv')).equals(readFileSync(join(dir, 'iris.csv'))), 'data.csv is the decompressed file');
  const m = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
  assert.deepEqual([m.data.path, m.data.compression], [join(dir, 'iris.csv.gz'), 'gzip']);
  const v = runCliSync(['validate', model], dir);
  assert.match(v.out, /^Match: /m);
  const snapshot = buildRecordedView('iris', model, await readManifest(nodeFileSystem, model)).provenance.find(([k]) => k === 'Snapshot');
  assert.match(snapshot![1], /, the file decompressed \(gzip\)$/);
});

test('predict streams a .gz file to the labels of the plain one; a damaged one is one line', () => {
  const trained = runCliSync(['train', '--data', 'iris.csv', '--out', 'kept', '--name', 'm'], dir);
  assert.equal(trained.code, 0, trained.err);
  const plain = runCliSync(['predict', 'kept/m', '--data', 'iris.csv'], dir);
  const gz = runCliSync(['predict', 'kept/m', '--data', 'iris.csv.gz'], dir);
  assert.equal(gz.code, 0, gz.err);
  assert.equal(gz.out, plain.out);
  assert.match(gz.out, /^Accuracy : /m);
  for (const command of [['train', '--data', 'cut.csv.gz', '--out', 'none'], ['predict', 'kept/m', '--data', 'cut.csv.gz']]) {
    const r = runCliSync(command, dir);
    assert.equal(r.code, 1, command.join(' '));
    assert.equal(r.err.split('\n').at(-2), `model-lab ${command[0]}: cut.csv.gz: cannot decompress it as gzip (it ends before its compressed data does) — compress the CSV again (gzip -k) or give the plain file`);
  }
});

test('a gzip file not named .gz is read as text, as pandas reads it: refused with the name that makes it read', () => {
  const r = runCliSync(['train', '--data', 'packed.csv', '--out', 'none'], dir);
  assert.deepEqual([r.code, r.err], [1, 'model-lab train: packed.csv: this is compressed with gzip, but its name does not end in .gz, so it is read as text (as pandas reads it) — name it packed.csv.gz, which Model Lab decompresses as pandas does, or decompress it (gunzip -c packed.csv > packed.plain.csv) and give that file\n']);
});
