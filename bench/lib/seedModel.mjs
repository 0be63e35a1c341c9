// One iris model trained by the core's train use case, made once per bench run and shared by the
// model-listing benchmark (copied 1,000 times) and the VS Code session (the results panel).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntry } from './bundle.mjs';
import { runMeasured, failureReason } from './processes.mjs';

let pending;

/** @returns {Promise<{ ok: true, modelDir: string, name: string } | { ok: false, reason: string }>} */
export function trainSeedModel(tmpDir) {
  pending ??= (async () => {
    const trainer = await bundleEntry('bench/entries/trainOneModel.ts', tmpDir);
    if (!trainer.ok) return { ok: false, reason: trainer.reason };
    const modelsDir = join(tmpDir, 'seed-models');
    mkdirSync(modelsDir, { recursive: true });
    const r = await runMeasured(process.execPath, [trainer.file, modelsDir], { tmpDir, timeoutMs: 60_000 });
    if (!r.ok || !r.result) return { ok: false, reason: `training the seed model failed: ${failureReason(r)}` };
    return { ok: true, modelDir: r.result.modelDir, name: r.result.name };
  })();
  return pending;
}
