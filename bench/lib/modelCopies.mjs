// Many saved models made from one: copies of a model folder named model-0001 …, each model.json
// edited to carry its folder's name (and, optionally, an older creation time, so the original stays
// the newest: the first row of Saved Models).
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** src/core/artifacts/manifest.ts MANIFEST_FILE. */
const MANIFEST = 'model.json';

/** Copies `source` `count` times into `modelsDir`; `olderBy` ms makes copy i that much older per step. */
export function copyModels(source, modelsDir, count, { olderBy } = {}) {
  const manifest = readManifest(source);
  const created = Date.parse(manifest.created);
  mkdirSync(modelsDir, { recursive: true });
  const names = [];
  for (let i = 1; i <= count; i++) {
    const name = `model-${String(i).padStart(4, '0')}`;
    writeCopy(source, manifest, modelsDir, name, olderBy ? new Date(created - i * olderBy) : undefined);
    names.push(name);
  }
  return names;
}

/** Copies `source` into `modelsDir` as `name`, its model.json edited to carry that name and, given, `created`. */
export function copyModelAs(source, modelsDir, name, created) {
  writeCopy(source, readManifest(source), modelsDir, name, created);
}

function writeCopy(source, manifest, modelsDir, name, created) {
  cpSync(source, join(modelsDir, name), { recursive: true });
  const edited = sealed({ ...manifest, name, ...(created ? { created: created.toISOString() } : {}) });
  writeFileSync(join(modelsDir, name, MANIFEST), JSON.stringify(edited, null, 2) + '\n');
}

const readManifest = (modelDir) => JSON.parse(readFileSync(join(modelDir, MANIFEST), 'utf8'));

/** When the model in `modelDir` was made (its model.json's `created`), in ms since the epoch. */
export function createdOf(modelDir) {
  return Date.parse(readManifest(modelDir).created);
}

/** The manifest with its seal renewed, as src/core/artifacts/manifestSeal.ts makes it: each copy is as saved. */
function sealed(manifest) {
  const { manifestSha256: _old, ...rest } = manifest;
  return { ...rest, manifestSha256: createHash('sha256').update(JSON.stringify(rest)).digest('hex') };
}
