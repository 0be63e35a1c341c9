// Files too large to read whole, as sparse files (cheap on disk, gigabytes long): each command that
// would read one says so in one line naming the file, its size, the limit and what to do, before
// reading it — never Node's "File size (2147483648) is greater than 2 GiB" without a file, nor an
// internal error. compare over planted models shows them as changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../core/hardening/cliProcess';

const GIB = 1024 ** 3;
let root: string;
let model: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-large-files-'));
  const r = runCliSync(['train', '--out', 'source', '--name', 'm'], root);
  assert.equal(r.code, 0, r.err);
  model = join(root, 'source', 'm');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the model in models/name whose data.csv is a sparse file of `bytes`. */
function planted(name: string, bytes: number): string {
  const dir = join(root, 'models', name);
  cpSync(model, dir, { recursive: true });
  truncateSync(join(dir, 'data.csv'), bytes);
  return dir;
}

/** Edits model.json of `dir` and seals it again, as a model saved so would be. */
function resealed(dir: string, edit: (json: { data: Record<string, unknown> }) => void): void {
  const file = join(dir, 'model.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  delete json.manifestSha256;
  json.manifestSha256 = createHash('sha256').update(JSON.stringify(json)).digest('hex');
  writeFileSync(file, JSON.stringify(json, null, 2));
}

test('validate: a data.csv of another size than model.json records is refused by its size, naming it', () => {
  const dir = planted('huge', 3 * GIB);
  const recorded = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8')).data.bytes as number;
  const r = runCliSync(['validate', dir], root);
  assert.equal(r.err, `model-lab validate: ${dir}/data.csv: 3,221,225,472 bytes, but model.json records ${recorded.toLocaleString('en-US')} bytes — the file changed after saving; restore it, or train the model again\n`);
  assert.equal(r.code, 1);
});

test('validate: a model saved before data.bytes was recorded keeps the limit by its rows and columns', () => {
  const dir = planted('older', 3 * GIB);
  resealed(dir, (json) => { delete json.data.bytes; });
  const r = runCliSync(['validate', dir], root);
  assert.equal(r.err, `model-lab validate: ${dir}/data.csv: 3.0 GiB is more than the 12.8 MiB Model Lab accepts for the 150 rows of 5 columns model.json records — the file changed after saving; restore it, or train the model again\n`);
  assert.equal(r.code, 1);
});

test('validate: a 2 GiB data.csv where model.json records millions of rows: Node\'s limit, in one line naming the file', () => {
  const dir = planted('bigdata', 2 * GIB);
  resealed(dir, (json) => {
    json.data.rows = 10_000_000;
    delete json.data.bytes; // saved before data.bytes was recorded
  });
  const r = runCliSync(['validate', dir], root);
  assert.equal(r.err, `model-lab validate: ${dir}/data.csv: 2.0 GiB is more than the 2 GiB Model Lab accepts for a file read at once — the file changed after saving; restore it, or train the model again\n`);
  assert.equal(r.code, 1);
});

test('compare over models with planted 400 MB data.csv files: listed as changed, the others as they are', () => {
  const models = join(root, 'compared');
  cpSync(model, join(models, 'normal'), { recursive: true });
  for (const name of ['b1', 'b2', 'b3']) {
    cpSync(model, join(models, name), { recursive: true });
    truncateSync(join(models, name, 'data.csv'), 400 * 1024 * 1024);
  }
  const r = runCliSync(['compare', '--out', models], root);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Changed since saving \(recorded numbers shown; train the model again or restore its files\):\n {2}b1: data\.csv \(modified\)\n {2}b2: data\.csv \(modified\)\n {2}b3: data\.csv \(modified\)\n/);
  assert.match(r.out, /normal .* ok\n/);
});

test('tune-unit: a plan whose data snapshot is now a 2 GiB file says so, naming it (not an internal error)', () => {
  const dir = join(root, 'plan');
  mkdirSync(dir);
  const plan = runCliSync(['tune', '--C', '1', '--gamma', 'scale', '--cv', '3', '--plan', 'p_big.jsonl'], dir);
  assert.equal(plan.code, 0, plan.err);
  const snapshot = readdirSync(dir).find((f) => f.endsWith('.csv'));
  assert.ok(snapshot, readdirSync(dir).join(', '));
  truncateSync(join(dir, snapshot), 2 * GIB);
  const r = runCliSync(['tune-unit', '--plan', 'p_big.jsonl', '--index', '0', '--out', 'res'], dir);
  assert.equal(r.err, `model-lab tune-unit: ${join(dir, snapshot)}: 2.0 GiB is more than the 2 GiB Model Lab accepts for a search's data snapshot — it is not the snapshot the plan recorded; copy it again from the planning machine, or plan again\n`);
  assert.equal(r.code, 1);
});

test('train: a 2 GiB data file is refused by its size, naming it and what to do', () => {
  writeFileSync(join(root, 'big.csv'), '');
  truncateSync(join(root, 'big.csv'), 2 * GIB);
  const r = runCliSync(['train', '--data', 'big.csv', '--out', 'refused'], root);
  assert.equal(r.err, `model-lab train: ${join(root, 'big.csv')}: 2.0 GiB is more than the 2 GiB Model Lab accepts for a data file — save a sample of its rows as a smaller file and give that with --data\n`);
  assert.equal(r.code, 1);
});

test('tune --plan beside a 2 GiB file where its snapshot goes: refused as another snapshot, by its size, unread', () => {
  const dir = join(root, 'replan');
  mkdirSync(dir);
  const first = runCliSync(['tune', '--C', '1', '--gamma', 'scale', '--cv', '3', '--plan', 'p.jsonl'], dir);
  assert.equal(first.code, 0, first.err);
  const snapshot = readdirSync(dir).find((f) => f.endsWith('.csv'))!;
  rmSync(join(dir, 'p.jsonl'));
  truncateSync(join(dir, snapshot), 2 * GIB);
  const r = runCliSync(['tune', '--C', '1', '--gamma', 'scale', '--cv', '3', '--plan', 'p.jsonl'], dir);
  assert.equal(r.err, `model-lab tune: ${join(dir, snapshot)}: a different data snapshot is already there — remove it or give --plan another file\n`);
  assert.equal(r.code, 1);
});
