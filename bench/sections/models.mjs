// Part 4: listing 1,000 saved models (the listing the Saved Models view paints from, in a fresh
// process), and the latencies a user feels in a real VS Code (vscodeSession.mjs): a results editor's
// first paint, Compare Models with 1,002 models, both after Reload Window, and a Tune results page.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntry, ROOT } from '../lib/bundle.mjs';
import { trainSeedModel } from '../lib/seedModel.mjs';
import { beside, FIGURES, vscodeSessions } from './vscodeSession.mjs';
import { runMeasured, median, failureReason } from '../lib/processes.mjs';
import { copyModels } from '../lib/modelCopies.mjs';

const MODEL_COUNT = 1000;
const LIST_MODELS = 'src/core/usecases/listModels.ts';

/** One model trained by the core, copied MODEL_COUNT times with its name edited to the folder's. */
export async function makeModelsFolder(tmpDir) {
  const seed = await trainSeedModel(tmpDir);
  if (!seed.ok) return seed;
  const modelsDir = join(tmpDir, 'models');
  copyModels(seed.modelDir, modelsDir, MODEL_COUNT);
  return { ok: true, modelsDir, files: readdirSync(seed.modelDir).length };
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

/**
 * Figures that open a page, shown beside a page of VS Code's that opens under the same conditions:
 * a session's first webview beside the floor for a scripted page, later webviews (which wait for
 * code-server's webview service worker) beside VS Code's own Markdown preview.
 */
const REFERENCE_FOR = {
  resultsValidate: ['referenceScripted', 'VS Code floor, scripted page'],
  resultsClick: ['markdownPreview', 'Markdown preview'],
  compareOpen: ['markdownPreview', 'Markdown preview'],
  tuneOpen: ['markdownPreview', 'Markdown preview'],
  restoreResults: ['referenceRestore', 'VS Code floor, scripted page restored'],
};

/** The VS Code figures of this section with issue 17's targets (milliseconds). */
const UI_TARGETS = {
  resultsValidate: 300,
  resultsValidated: undefined,
  resultsClick: 300,
  compareOpen: 300,
  compareTabBack: 1000,
  resultsTabBack: 1000,
  restoreResults: 1000,
  restoreCompare: 1000,
  tuneOpen: 300,
  tuneTabBack: 1000,
  markdownPreview: undefined,
  referenceStatic: undefined,
  referenceScripted: undefined,
  referenceRestore: undefined,
};

export async function benchModels({ runs, sessions, tmpDir, log }) {
  const listing = await listingRow({ runs, tmpDir });
  log(`models: listing ${listing.ours.value?.toFixed(1) ?? listing.ours.reason}`);
  const ui = await vscodeSessions({ sessions, tmpDir, log });
  const rows = Object.entries(UI_TARGETS).map(([key, limit]) => ({
    id: `ui-${key}`,
    what: FIGURES[key],
    unit: 'ms',
    ours: ui[key],
    ...(REFERENCE_FOR[key] ? beside(ui[key], ui[REFERENCE_FOR[key][0]], REFERENCE_FOR[key][1]) : {}),
    target: limit === undefined ? undefined : `< ${limit.toLocaleString('en')} ms`,
    met: limit === undefined || ui[key]?.value === undefined ? undefined : ui[key].value < limit,
  }));
  return [listing, ...rows];
}
