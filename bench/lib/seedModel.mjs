// One iris model trained by the core's train use case, made once per bench run and shared by the
// model-listing benchmark (copied 1,000 times) and the VS Code session (the results panel); and one
// tuned by the core's tune use case, for the session's Tune results page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntry } from './bundle.mjs';
import { runMeasured, failureReason } from './processes.mjs';

const pending = {};

/** @returns {Promise<{ ok: true, modelDir: string, name: string } | { ok: false, reason: string }>} */
export function trainSeedModel(tmpDir) {
  pending.trained ??= makeModel('bench/entries/trainOneModel.ts', 'training', tmpDir);
  return pending.trained;
}

/** The same for the tuned model (iris, 6 candidates × 3 folds). */
export function tuneSeedModel(tmpDir) {
  pending.tuned ??= makeModel('bench/entries/tuneOneModel.ts', 'tuning', tmpDir);
  return pending.tuned;
}

async function makeModel(entry, doing, tmpDir) {
  const maker = await bundleEntry(entry, tmpDir);
  if (!maker.ok) return { ok: false, reason: maker.reason };
  const modelsDir = join(tmpDir, 'seed-models');
  mkdirSync(modelsDir, { recursive: true });
  const r = await runMeasured(process.execPath, [maker.file, modelsDir], { tmpDir, timeoutMs: 60_000 });
  if (!r.ok || !r.result) return { ok: false, reason: `${doing} the seed model failed: ${failureReason(r)}` };
  return { ok: true, modelDir: r.result.modelDir, name: r.result.name };
}
