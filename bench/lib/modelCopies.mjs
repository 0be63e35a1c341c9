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
  const manifest = JSON.parse(readFileSync(join(source, MANIFEST), 'utf8'));
  const created = Date.parse(manifest.created);
  mkdirSync(modelsDir, { recursive: true });
  const names = [];
  for (let i = 1; i <= count; i++) {
    const name = `model-${String(i).padStart(4, '0')}`;
    cpSync(source, join(modelsDir, name), { recursive: true });
    const edited = sealed({ ...manifest, name, ...(olderBy ? { created: new Date(created - i * olderBy).toISOString() } : {}) });
    writeFileSync(join(modelsDir, name, MANIFEST), JSON.stringify(edited, null, 2) + '\n');
    names.push(name);
  }
  return names;
}

/** The manifest with its seal renewed, as src/core/artifacts/manifestSeal.ts makes it: each copy is as saved. */
function sealed(manifest) {
  const { manifestSha256: _old, ...rest } = manifest;
  return { ...rest, manifestSha256: createHash('sha256').update(JSON.stringify(rest)).digest('hex') };
}
