// Part 4: listing 1,000 saved models (the core's listModels, in a fresh process), and the
// results panel's first paint (a real VS Code: see vscodeSession.mjs).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntry, ROOT } from '../lib/bundle.mjs';
import { trainSeedModel } from '../lib/seedModel.mjs';
import { vscodeSessions } from './vscodeSession.mjs';
import { runMeasured, median, failureReason } from '../lib/processes.mjs';
/** src/core/artifacts/manifest.ts MANIFEST_FILE. */
const MANIFEST = 'model.json';

const MODEL_COUNT = 1000;
const LIST_MODELS = 'src/core/usecases/listModels.ts';

/** One model trained by the core, copied MODEL_COUNT times with its name edited to the folder's. */
export async function makeModelsFolder(tmpDir) {
  const seed = await trainSeedModel(tmpDir);
  if (!seed.ok) return seed;
  const source = seed.modelDir;
  const manifest = JSON.parse(readFileSync(join(source, MANIFEST), 'utf8'));
  const modelsDir = join(tmpDir, 'models');
  mkdirSync(modelsDir);
  for (let i = 1; i <= MODEL_COUNT; i++) {
    const name = `model-${String(i).padStart(4, '0')}`;
    cpSync(source, join(modelsDir, name), { recursive: true });
    writeFileSync(join(modelsDir, name, MANIFEST), JSON.stringify({ ...manifest, name }, null, 2) + '\n');
  }
  return { ok: true, modelsDir, files: readdirSync(source).length };
}

async function listingRow({ runs, tmpDir }) {
  const row = {
    id: 'list-1000-models',
    what: `Saved Models listing of ${MODEL_COUNT.toLocaleString('en')} models as the tree reads them (model.json only, fresh process)`,
    unit: 'ms',
    target: '< 300 ms',
  };
  if (!existsSync(join(ROOT, LIST_MODELS))) return { ...row, ours: { status: 'not measured', reason: `${LIST_MODELS} missing` } };
  const lister = await bundleEntry('bench/entries/listModels.ts', tmpDir);
  if (!lister.ok) return { ...row, ours: { status: 'failed', reason: lister.reason } };
  const folder = await makeModelsFolder(tmpDir);
  if (!folder.ok) return { ...row, ours: { status: 'not measured', reason: folder.reason } };
  const done = [];
  for (let i = 0; i < runs; i++) {
    const r = await runMeasured(process.execPath, [lister.file, folder.modelsDir], { tmpDir, timeoutMs: 60_000 });
    if (!r.ok || !r.result) return { ...row, ours: { status: 'failed', reason: failureReason(r) } };
    done.push(r);
  }
  const { count, damaged, firstDamage } = done[0].result;
  const value = median(done.map((r) => r.result.ms));
  const complete = count === MODEL_COUNT && damaged === 0;
  return {
    ...row,
    ours: {
      status: 'measured', runs: done.length, value, peakRssMB: median(done.map((r) => r.peakRssMB)),
      note: `${count} listed, ${damaged} damaged; cached refresh ${median(done.map((r) => r.result.refreshMs)).toFixed(0)} ms; full listModels with every hash checked ${median(done.map((r) => r.result.fullMs)).toFixed(0)} ms; ${folder.files} files per model; whole process ${(median(done.map((r) => r.wallSeconds)) * 1000).toFixed(0)} ms`,
    },
    met: complete ? value < 300 : false,
    note: complete ? undefined : `expected ${MODEL_COUNT} sound models${firstDamage ? `; first damage: ${firstDamage}` : ''}`,
  };
}

export async function benchModels({ runs, sessions, tmpDir, log }) {
  const listing = await listingRow({ runs, tmpDir });
  log(`models: listing ${listing.ours.value?.toFixed(1) ?? listing.ours.reason}`);
  return [
    listing,
    {
      id: 'results-panel-first-paint',
      what: 'Results panel, open to first paint',
      unit: 'ms',
      ours: (await vscodeSessions({ sessions, tmpDir, log })).panel,
    },
  ];
}
