// What train saves and what the readers accept agree, always. data.csv is the data file byte for
// byte (dropped columns too: validation parses the same bytes with the same --drop, as pandas does),
// and model.json records its size (data.bytes): a file of another size is "modified" unread, one of
// that size is read. Iris with a `photo` column of ~120 KB a row (18 MB), trained with --drop photo,
// was saved and then refused by validate, predict and export ("17.2 MiB is more than the 15.2 MiB
// Model Lab accepts for the 150 rows of 6 columns") and shown as changed by compare: the readers
// guessed a limit from the rows and columns. A model.json planted beside a huge file cannot raise
// the readers' limit past what train saves (MAX_DATA_SNAPSHOT_BYTES), and train refuses larger data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../core/hardening/cliProcess';
import { loadIris } from '../../src/core/datasets/iris';
import { datasetToCsv } from '../../src/core/datasets/snapshotCsv';
import { MAX_DATA_SNAPSHOT_BYTES } from '../../src/core/artifacts/manifest';
import { checkSnapshotSize } from '../../src/core/artifacts/modelArtifacts';

let root: string;
let model: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-wide-snapshot-'));
  const lines = datasetToCsv(loadIris()).trimEnd().split('\n');
  const photo = (i: number) => String.fromCharCode(65 + (i % 26)).repeat(120_000);
  writeFileSync(join(root, 'photos.csv'), lines.map((l, i) => `${l},${i === 0 ? 'photo' : photo(i)}`).join('\n') + '\n');
  writeFileSync(join(root, 'iris.csv'), lines.join('\n') + '\n');
  const r = runCliSync(['train', '--data', 'photos.csv', '--drop', 'photo', '--out', 'models', '--name', 'photos'], root);
  assert.equal(r.code, 0, r.err);
  model = join(root, 'models', 'photos');
});
after(() => rmSync(root, { recursive: true, force: true }));

test('a model trained on an 18 MB file with a wide dropped column: validate, predict, export and compare accept what train saved', () => {
  const data = readFileSync(join(model, 'data.csv'));
  const manifest = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
  assert.equal(manifest.data.bytes, statSync(join(root, 'photos.csv')).size);
  assert.equal(manifest.data.bytes, data.length);
  assert.deepEqual(data, readFileSync(join(root, 'photos.csv')), 'data.csv is the file byte for byte');
  // The same rows as iris alone, so the same numbers as the model trained on iris.csv.
  const plain = runCliSync(['train', '--data', 'iris.csv', '--out', 'models', '--name', 'plain'], root);
  assert.equal(plain.code, 0, plain.err);
  assert.equal(JSON.stringify(manifest.metrics), JSON.stringify(JSON.parse(readFileSync(join(root, 'models', 'plain', 'model.json'), 'utf8')).metrics));

  const v = runCliSync(['validate', model], root);
  assert.equal(v.code, 0, v.err);
  assert.match(v.out, /Match: the reloaded model reproduces the recorded accuracies exactly\./);
  const p = runCliSync(['predict', model, '--data', 'iris.csv'], root);
  assert.equal(p.code, 0, p.err);
  assert.equal(p.out.trimEnd().split('\n')[0], '0');
  const e = runCliSync(['export', model, '--format', 'python', '--out', join(root, 'exported')], root);
  assert.equal(e.code, 0, e.err);
  const c = runCliSync(['compare', '--out', 'models', '--json'], root);
  assert.equal(c.code, 0, c.err);
  assert.doesNotMatch(c.out, /"changed"/, c.out);
});

test('data.csv one byte longer than recorded: modified, unread (compare), refused naming both sizes (validate)', () => {
  const copy = join(root, 'changed');
  runCliSync(['train', '--data', 'photos.csv', '--drop', 'photo', '--out', 'changed', '--name', 'm'], root);
  const recorded = statSync(join(copy, 'm', 'data.csv')).size;
  appendFileSync(join(copy, 'm', 'data.csv'), '\n');
  const v = runCliSync(['validate', join(copy, 'm')], root);
  assert.equal(v.err, `model-lab validate: ${join(copy, 'm', 'data.csv')}: ${(recorded + 1).toLocaleString('en-US')} bytes, but model.json records ${recorded.toLocaleString('en-US')} bytes — the file changed after saving; restore it, or train the model again\n`);
  assert.equal(v.code, 1);
  const c = runCliSync(['compare', '--out', 'changed'], root);
  assert.match(c.out, /m: data\.csv \(modified\)/, c.out);
});

test('a planted model.json recording a data.bytes beyond what train saves is refused, naming the field', () => {
  const dir = join(root, 'planted');
  runCliSync(['train', '--data', 'iris.csv', '--out', 'planted', '--name', 'm'], root);
  const file = join(dir, 'm', 'model.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.data.bytes = MAX_DATA_SNAPSHOT_BYTES + 1;
  delete json.manifestSha256;
  json.manifestSha256 = createHash('sha256').update(JSON.stringify(json)).digest('hex');
  writeFileSync(file, JSON.stringify(json, null, 2));
  const v = runCliSync(['validate', join(dir, 'm')], root);
  assert.equal(v.err, `model-lab validate: ${file}: field "data.bytes": ${MAX_DATA_SNAPSHOT_BYTES + 1} is more than the ${MAX_DATA_SNAPSHOT_BYTES} bytes Model Lab saves as data.csv\n`);
  assert.equal(v.code, 1);
});

test('train refuses, before saving, data whose data.csv would be larger than every reader accepts', () => {
  assert.doesNotThrow(() => checkSnapshotSize(MAX_DATA_SNAPSHOT_BYTES, 'photos.csv'));
  assert.throws(() => checkSnapshotSize(MAX_DATA_SNAPSHOT_BYTES + 1, 'photos.csv'), {
    message: 'photos.csv: 1.0 GiB of data, more than the 1.0 GiB Model Lab keeps beside a model as data.csv (every row and column of it, for validation to read back) — save the file without the columns the model does not train on (columns left out with --drop are kept too) and give that with --data, or train on a sample of its rows with --max-rows N',
  });
});
