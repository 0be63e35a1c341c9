// The light listing the Saved Models view paints from: it loads nothing of the SVM (so the view's
// first paint does not load dist/engine.js), lists like ManifestCache in 'manifest' mode, and
// refuses 'files' mode without a folder loader.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { train } from '../../../src/core/usecases/train';
import { ManifestListing } from '../../../src/core/experiments/manifestListing';
import { ManifestCache } from '../../../src/core/experiments/manifestCache';

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-listing-')); });
after(() => rmSync(root, { recursive: true, force: true }));

test('the listing module bundles nothing of the SVM, the pipeline or the CSV parser', () => {
  const r = buildSync({
    entryPoints: ['src/core/experiments/manifestListing.ts'], bundle: true, write: false, platform: 'node', format: 'cjs', metafile: true, logLevel: 'silent',
    outfile: join(root, 'listing.js'),
  });
  const inputs = Object.keys(r.metafile.inputs);
  const heavy = inputs.filter((p) => /src\/core\/(svm|pipeline|preprocessing|datasets)\b|node_modules/.test(p));
  assert.deepEqual(heavy, []);
  assert.ok(inputs.includes('src/core/artifacts/modelFileReader.ts'));
});

test("'manifest' mode lists like ManifestCache; 'files' mode needs a folder loader", async () => {
  const modelsDir = join(root, 'models');
  const base = { data: { kind: 'iris' as const }, layout: 'separate' as const, seed: 2023, trainSize: { kind: 'fraction' as const, value: 0.8 }, kernel: 'rbf' as const, gamma: 'scale' as const, degree: 3, coef0: 0, target: 'target', drop: [], modelsDir };
  await train({ ...base, C: 1, name: 'a' }, nodeFileSystem);
  await train({ ...base, C: 2, name: 'b' }, nodeFileSystem);
  const light = await new ManifestListing(nodeFileSystem).list(modelsDir);
  const full = await new ManifestCache(nodeFileSystem, { verify: 'manifest' }).list(modelsDir);
  assert.deepEqual(light, full);
  assert.deepEqual(light.map((m) => [m.name, m.status]), [['b', 'ok'], ['a', 'ok']]);
  assert.throws(() => new ManifestListing(nodeFileSystem, { verify: 'files' }), /verify "files" needs a folder loader/);
});

test('one(): a single folder exactly as list() gives it, and nothing list() would not list', async () => {
  const modelsDir = join(root, 'one-models');
  const base = { data: { kind: 'iris' as const }, layout: 'separate' as const, seed: 2023, trainSize: { kind: 'fraction' as const, value: 0.8 }, kernel: 'rbf' as const, gamma: 'scale' as const, degree: 3, coef0: 0, target: 'target', drop: [], modelsDir };
  await train({ ...base, C: 1, name: 'm' }, nodeFileSystem);
  mkdirSync(join(modelsDir, 'notes'));
  writeFileSync(join(modelsDir, 'file.txt'), 'x');
  symlinkSync(join(modelsDir, 'm'), join(modelsDir, 'linked'));
  const listing = new ManifestListing(nodeFileSystem);
  const listed = await new ManifestListing(nodeFileSystem).list(modelsDir);
  assert.deepEqual(await listing.one(modelsDir, 'm'), listed.find((s) => s.name === 'm'));
  assert.deepEqual(await listing.one(modelsDir, 'linked'), listed.find((s) => s.name === 'linked'));
  assert.equal((await listing.one(modelsDir, 'linked'))?.status, 'damaged', 'a link is never followed');
  for (const name of ['notes', 'file.txt', 'missing', '..', '.', '', 'm/..', '.hidden']) {
    assert.equal(await listing.one(modelsDir, name), undefined, name);
  }
  assert.equal(await listing.one(join(root, 'no-such-models'), 'm'), undefined);
});
