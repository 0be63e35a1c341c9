// The cached listing: same answer as listModels, but a second listing re-reads only the folders
// that changed (reads counted through a wrapper around the real nodeFileSystem).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealManifest } from '../../../src/core/artifacts/manifestSeal';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { listModels } from '../../../src/core/usecases/listModels';
import { train } from '../../../src/core/usecases/train';
import { ManifestCache } from '../../../src/core/experiments/manifestCache';

/** nodeFileSystem, counting the files read per path (whole, or in chunks as data.csv is hashed). */
function countingFs(): FileSystem & { reads: string[]; reset(): void } {
  const reads: string[] = [];
  return {
    ...nodeFileSystem,
    readFile: (p) => { reads.push(p); return nodeFileSystem.readFile(p); },
    readChunks: (p) => { reads.push(p); return nodeFileSystem.readChunks(p); },
    reads,
    reset() { reads.length = 0; },
  };
}

let root: string;
let template: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-cache-'));
  const r = await train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(root, 'template'), name: 'm',
  }, nodeFileSystem);
  template = r.modelDir;
});
after(() => rmSync(root, { recursive: true, force: true }));

/** n copies of the template folder named m0000 … (whole folders, or model.json only). */
function makeModels(dir: string, n: number, manifestOnly: boolean): void {
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(template, 'model.json'), 'utf8'));
  for (let i = 0; i < n; i++) {
    const name = `m${String(i).padStart(4, '0')}`;
    if (manifestOnly) {
      mkdirSync(join(dir, name));
    } else {
      cpSync(template, join(dir, name), { recursive: true });
    }
    // Distinct names and times, so the newest-first order is defined.
    writeFileSync(join(dir, name, 'model.json'), JSON.stringify(sealManifest({ ...manifest, name, created: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() }), null, 2));
  }
}

const strip = (xs: { name: string; status: string; error?: string; mtimeMs: number }[]) => xs.map((x) => ({ ...x }));

describe('ManifestCache', () => {
  test("'files' mode lists exactly what listModels lists, damaged folders included", async () => {
    const dir = join(root, 'same');
    makeModels(dir, 3, false);
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'model.json'), '{}');
    mkdirSync(join(dir, '.tmp-abc'));
    writeFileSync(join(dir, 'm0001', 'classifier.json'), '{"kind": "SVC"}'); // hash no longer matches
    const cache = new ManifestCache(nodeFileSystem, { verify: 'files' });
    assert.deepEqual(strip(await cache.list(dir)), strip(await listModels(dir, nodeFileSystem)));
    const listed = await cache.list(dir);
    // Damaged folders sort by folder time (now), the others by model.json's "created" (2026-01-01 + i s).
    assert.deepEqual(listed.map((s) => `${s.name}:${s.status}`).sort(), ['broken:damaged', 'm0000:ok', 'm0001:damaged', 'm0002:ok']);
    assert.deepEqual(listed.filter((s) => s.status === 'ok').map((s) => s.name), ['m0002', 'm0000']);
    assert.match(listed.find((s) => s.name === 'm0001')!.error!, /classifier\.json: sha256 is [0-9a-f]{64} but model\.json records/);
  });

  test("'manifest' mode reads model.json once per folder, then only changed folders", async () => {
    const dir = join(root, 'counted');
    makeModels(dir, 20, false);
    const fs = countingFs();
    const cache = new ManifestCache(fs);
    const first = await cache.list(dir);
    assert.equal(first.length, 20);
    assert.ok(first.every((s) => s.status === 'ok'));
    assert.equal(fs.reads.length, 20);
    assert.ok(fs.reads.every((p) => p.endsWith('/model.json')));
    assert.deepEqual(cache.lastStats, { folders: 20, reused: 0, read: 20 });

    fs.reset();
    const second = await cache.list(dir);
    assert.equal(fs.reads.length, 0);
    assert.deepEqual(second, first);
    assert.deepEqual(cache.lastStats, { folders: 20, reused: 20, read: 0 });

    // Rewrite one model.json in place (the folder's mtime does not change), add one, remove one.
    const m5 = join(dir, 'm0005', 'model.json');
    const manifest = JSON.parse(readFileSync(m5, 'utf8'));
    writeFileSync(m5, JSON.stringify({ ...manifest, metrics: { ...manifest.metrics, validAccuracy: 0.5 } }));
    utimesSync(m5, new Date(), new Date(Date.now() + 5000));
    makeModels(join(root, 'extra'), 21, false);
    cpSync(join(root, 'extra', 'm0020'), join(dir, 'm0020'), { recursive: true });
    rmSync(join(dir, 'm0007'), { recursive: true });
    fs.reset();
    const third = await cache.list(dir);
    assert.deepEqual(fs.reads.map((p) => p.slice(dir.length + 1)).sort(), ['m0005/model.json', 'm0020/model.json']);
    assert.equal(third.length, 20);
    assert.equal(third.find((s) => s.name === 'm0005')!.validAccuracy, 0.5);
    assert.equal(third.some((s) => s.name === 'm0007'), false);
    assert.equal(third[0].name, 'm0020');
  });

  test("'files' mode re-reads a folder when any of its files changes, even with the same folder mtime", async () => {
    const dir = join(root, 'files-mode');
    makeModels(dir, 5, false);
    const fs = countingFs();
    const cache = new ManifestCache(fs, { verify: 'files' });
    await cache.list(dir);
    assert.equal(fs.reads.length, 5 * 4); // model.json, scaler.json, classifier.json, data.csv
    fs.reset();
    await cache.list(dir);
    assert.equal(fs.reads.length, 0);
    const data = join(dir, 'm0003', 'data.csv');
    writeFileSync(data, readFileSync(data, 'utf8').replace('5.1', '5.2'));
    utimesSync(data, new Date(), new Date(Date.now() + 5000));
    fs.reset();
    const listed = await cache.list(dir);
    assert.deepEqual(new Set(fs.reads.map((p) => p.slice(dir.length + 1).split('/')[0])), new Set(['m0003']));
    assert.equal(listed.find((s) => s.name === 'm0003')!.status, 'damaged');
    // invalidate() forces a read even without a change.
    cache.invalidate(join(dir, 'm0001'));
    fs.reset();
    await cache.list(dir);
    assert.deepEqual(new Set(fs.reads.map((p) => p.slice(dir.length + 1).split('/')[0])), new Set(['m0001']));
  });

  test('a missing models folder lists nothing', async () => {
    assert.deepEqual(await new ManifestCache(nodeFileSystem).list(join(root, 'nope')), []);
  });

  test('1,000 model folders: first and cached listing (times printed; MODEL_LAB_BENCH=1 adds listModels)', async () => {
    const dir = join(root, 'thousand');
    makeModels(dir, 1000, true);
    const fs = countingFs();
    const cache = new ManifestCache(fs);
    let t = performance.now();
    const first = await cache.list(dir);
    const firstMs = performance.now() - t;
    assert.equal(first.length, 1000);
    assert.ok(first.every((s) => s.status === 'ok'));
    assert.equal(fs.reads.length, 1000);
    fs.reset();
    t = performance.now();
    const again = await cache.list(dir);
    const againMs = performance.now() - t;
    assert.equal(fs.reads.length, 0);
    assert.equal(again.length, 1000);
    assert.equal(again[0].name, 'm0999');

    let extra = '';
    if (process.env.MODEL_LAB_BENCH) {
      // Whole folders, for comparison with listModels (loads and hashes every file): slow, opt-in.
      const full = join(root, 'thousand-full');
      makeModels(full, 1000, false);
      t = performance.now();
      const listed = await listModels(full, nodeFileSystem);
      const listModelsMs = performance.now() - t;
      assert.ok(listed.every((s) => s.status === 'ok'));
      const filesCache = new ManifestCache(nodeFileSystem, { verify: 'files' });
      t = performance.now();
      await filesCache.list(full);
      const filesFirstMs = performance.now() - t;
      t = performance.now();
      await filesCache.list(full);
      extra = `; listModels ${listModelsMs.toFixed(0)} ms; 'files' cache: first ${filesFirstMs.toFixed(0)} ms, cached ${(performance.now() - t).toFixed(0)} ms`;
    }
    console.log(`[1000 models] manifest cache: first ${firstMs.toFixed(0)} ms, cached ${againMs.toFixed(0)} ms${extra}`);
  });
});
