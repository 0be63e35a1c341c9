// A cloned repository can hold model folders whose data.csv is a huge sparse file (cheap in git,
// gigabytes on disk). Checking whether a model changed, and listing models, must never hold such a
// file in memory: a file larger than model.json's rows and columns allow is "modified" unread, and
// one within that is hashed in chunks, as is any large file before it is read. The file system below
// is node's, recording what is read whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModelFiles } from '../../../src/core/usecases/checkModelFiles';
import { train } from '../../../src/core/usecases/train';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import { ManifestCache } from '../../../src/core/experiments/manifestCache';
import { loadModel } from '../../../src/core/artifacts/loadModel';

const GIB = 1024 ** 3;

let root: string;
let good: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-planted-large-'));
  good = (await train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1,
    gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(root, 'source'), name: 'good',
  }, nodeFileSystem)).modelDir;
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the good model in `models/name`. */
function plant(name: string, models = 'models'): string {
  const dir = join(root, models, name);
  cpSync(good, dir, { recursive: true });
  return dir;
}

/** node's file system, recording the paths read whole (readFile) and in chunks (readChunks). */
function recording(): { fs: FileSystem; whole: string[]; chunked: string[] } {
  const whole: string[] = [];
  const chunked: string[] = [];
  const fs: FileSystem = {
    ...nodeFileSystem,
    readFile: (path) => { whole.push(path); return nodeFileSystem.readFile(path); },
    readChunks: (path) => { chunked.push(path); return nodeFileSystem.readChunks(path); },
  };
  return { fs, whole, chunked };
}

/**
 * Rewrites model.json with data.rows changed and its manifestSha256 renewed, as an attacker can;
 * without data.bytes, as a model saved before it was recorded (whose limit is by rows and columns).
 */
function recordRows(dir: string, rows: number): void {
  const file = join(dir, 'model.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.data.rows = rows;
  delete json.data.bytes;
  delete json.manifestSha256;
  json.manifestSha256 = createHash('sha256').update(JSON.stringify(json)).digest('hex');
  writeFileSync(file, JSON.stringify(json, null, 2));
}

test('a 3 GB sparse data.csv is "modified" by its size: never read (reading it whole would throw)', async () => {
  const dir = plant('huge');
  truncateSync(join(dir, 'data.csv'), 3 * GIB);
  const { fs, whole, chunked } = recording();
  assert.deepEqual(await checkModelFiles(dir, fs), { modelDir: dir, status: 'changed', changes: [{ file: 'data.csv', change: 'modified' }] });
  const data = join(dir, 'data.csv');
  assert.deepEqual([...whole, ...chunked].filter((p) => p === data), []);
});

test('a data.csv edited: of another size, modified unread; of the recorded size, hashed in chunks, never read whole', async () => {
  const dir = plant('edited');
  appendFileSync(join(dir, 'data.csv'), '5.0,3.4,1.5,0.2,0\n');
  const { fs, whole, chunked } = recording();
  assert.deepEqual(await checkModelFiles(dir, fs), { modelDir: dir, status: 'changed', changes: [{ file: 'data.csv', change: 'modified' }] });
  assert.ok(!chunked.includes(join(dir, 'data.csv')), 'another size than data.bytes: not even hashed');
  const same = plant('edited-same-size');
  const bytes = readFileSync(join(same, 'data.csv'));
  bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x30 ? 0x31 : 0x30; // the last label, same size
  writeFileSync(join(same, 'data.csv'), bytes);
  assert.deepEqual(await checkModelFiles(same, fs), { modelDir: same, status: 'changed', changes: [{ file: 'data.csv', change: 'modified' }] });
  assert.ok(chunked.includes(join(same, 'data.csv')));
  assert.deepEqual(whole.filter((p) => !p.endsWith('model.json')), []);
  // As saved, every file hashed in chunks: unchanged.
  assert.equal((await checkModelFiles(good, fs)).status, 'unchanged');
});

test('listing with every file checked (compare): a planted data.csv is never held, even where model.json records millions of rows', async () => {
  const sized = plant('sized', 'listed');
  truncateSync(join(sized, 'data.csv'), 3 * GIB);
  // Millions of rows recorded: 64 MiB is within what they allow, so it is hashed (in chunks).
  const inflated = plant('inflated', 'listed');
  recordRows(inflated, 10_000_000);
  truncateSync(join(inflated, 'data.csv'), 64 * 1024 * 1024);
  plant('normal', 'listed');
  const { fs, whole } = recording();
  const listed = await new ManifestCache(fs, { verify: 'files' }).list(join(root, 'listed'));
  const byName = new Map(listed.map((s) => [s.name, s]));
  assert.equal(byName.get('normal')?.status, 'ok');
  assert.equal(byName.get('sized')?.status, 'damaged');
  assert.match(byName.get('sized')?.error ?? '', /sized\/data\.csv: 3,221,225,472 bytes, but model\.json records [\d,]+ bytes — the file changed after saving; restore it, or train the model again$/);
  assert.equal(byName.get('inflated')?.status, 'damaged');
  assert.match(byName.get('inflated')?.error ?? '', /inflated\/data\.csv: sha256 is [0-9a-f]{64} but model\.json records [0-9a-f]{64} — the file changed after saving/);
  assert.deepEqual(whole.filter((p) => p.endsWith('data.csv')), []);
});

test('a 200 MB classifier.json (within the 256 MiB limit) not as saved: hashed in chunks, never read whole, by a listing or a load', async () => {
  const dir = plant('bigjson', 'json');
  truncateSync(join(dir, 'classifier.json'), 200 * 1024 * 1024);
  const { fs, whole } = recording();
  const [listed] = await new ManifestCache(fs, { verify: 'files' }).list(join(root, 'json'));
  assert.equal(listed?.status, 'damaged');
  assert.match(listed?.error ?? '', /bigjson\/classifier\.json: sha256 is [0-9a-f]{64} but model\.json records [0-9a-f]{64} — the file changed after saving; restore it, or train the model again$/);
  await assert.rejects(loadModel(fs, dir), /classifier\.json: sha256 is [0-9a-f]{64} but model\.json records/);
  assert.deepEqual(whole.filter((p) => p.endsWith('classifier.json')), []);
  assert.deepEqual(await checkModelFiles(dir, fs), { modelDir: dir, status: 'changed', changes: [{ file: 'classifier.json', change: 'modified' }] });
});
