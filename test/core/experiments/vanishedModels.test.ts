// A model folder removed while a listing runs (compare, Saved Models) is left out, not shown as
// "damaged — no such model folder" or with the OS's raw "ENOENT: … scandir" text; a model really
// damaged is still listed as damaged. The real node file system, with the folder removed at an exact
// point: between the listing's directory read and the model's read, or as its model.json is read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { train } from '../../../src/core/usecases/train';
import { listModels } from '../../../src/core/usecases/listModels';
import { ManifestListing } from '../../../src/core/experiments/manifestListing';
import { ManifestCache } from '../../../src/core/experiments/manifestCache';
import type { ModelSummary } from '../../../src/core/usecases/contracts';

let root: string;
let pristine: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-vanished-'));
  pristine = join(root, 'pristine');
  const base = { data: { kind: 'iris' as const }, layout: 'separate' as const, seed: 2023, trainSize: { kind: 'fraction' as const, value: 0.8 }, kernel: 'rbf' as const, gamma: 'scale' as const, degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: pristine };
  for (const [C, name] of [[1, 'kept'], [2, 'gone'], [3, 'broken']] as const) await train({ ...base, C, name }, nodeFileSystem);
  writeFileSync(join(pristine, 'broken', 'classifier.json'), '{"kind": "SVC"}'); // really damaged: its sha256 differs
});
after(() => rmSync(root, { recursive: true, force: true }));

/** The node file system, removing the folder `gone` (for real) when `when` is first true of a call. */
function removingWhen(modelsDir: string, when: (call: 'stat' | 'readFile', path: string) => boolean): FileSystem {
  const gone = join(modelsDir, 'gone');
  let removed = false;
  const maybe = (call: 'stat' | 'readFile', path: string) => {
    if (!removed && when(call, path)) {
      removed = true;
      rmSync(gone, { recursive: true });
    }
  };
  return {
    ...nodeFileSystem,
    stat: (path) => { maybe('stat', path); return nodeFileSystem.stat(path); },
    readFile: (path) => { maybe('readFile', path); return nodeFileSystem.readFile(path); },
    readDirectory: (path) => nodeFileSystem.readDirectory(path),
  };
}

/** Each listing, and how it shows `broken` (a 'manifest' listing reads model.json only, which is sound). */
const LISTINGS: [string, (fs: FileSystem, dir: string) => Promise<ModelSummary[]>, 'ok' | 'damaged'][] = [
  ['listModels', (fs, dir) => listModels(dir, fs), 'damaged'],
  ["ManifestCache 'files' (compare)", (fs, dir) => new ManifestCache(fs, { verify: 'files' }).list(dir), 'damaged'],
  ["ManifestListing 'manifest' (Saved Models, compare --quick)", (fs, dir) => new ManifestListing(fs).list(dir), 'ok'],
];

for (const [what, list, broken] of LISTINGS) {
  const assertListing = (listed: ModelSummary[]) => {
    assert.deepEqual(listed.map((m) => [m.name, m.status]).sort(), [['broken', broken], ['kept', 'ok']], JSON.stringify(listed.map((m) => [m.name, m.error])));
    for (const m of listed) assert.doesNotMatch(m.error ?? '', /ENOENT|scandir|no such/);
  };

  test(`${what}: a folder removed between the directory read and the model read is left out`, async () => {
    const modelsDir = join(root, `between-${what.split(' ')[0]}-${Math.random().toString(36).slice(2)}`);
    cpSync(pristine, modelsDir, { recursive: true });
    const gone = join(modelsDir, 'gone');
    // The listing's first look at the folder itself comes after the models folder was read (and model.json was seen there).
    const listed = await list(removingWhen(modelsDir, (call, path) => call === 'stat' && path === gone), modelsDir);
    assertListing(listed);
  });

  test(`${what}: a folder removed as its model.json is read is left out; no raw OS text`, async () => {
    const modelsDir = join(root, `reading-${what.split(' ')[0]}-${Math.random().toString(36).slice(2)}`);
    cpSync(pristine, modelsDir, { recursive: true });
    const listed = await list(removingWhen(modelsDir, (call, path) => call === 'readFile' && path === join(modelsDir, 'gone', 'model.json')), modelsDir);
    assertListing(listed);
  });
}

test("a really damaged model is still listed as damaged, with its reason ('files' mode)", async () => {
  const listed = await new ManifestCache(nodeFileSystem, { verify: 'files' }).list(pristine);
  const broken = listed.find((m) => m.name === 'broken');
  assert.equal(broken?.status, 'damaged');
  assert.match(broken?.error ?? '', /classifier\.json: sha256 is .* the file changed after saving/);
});
