// A real ResultsView: the core trains the course's model on iris (seed 2023) into a temporary
// folder and validates it, then the extension's builder shapes it for the page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/core/usecases/train';
import { validate } from '../../src/core/usecases/validate';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import { buildRecordedView, buildResultsView } from '../../src/extension/webviews/resultsView';
import { readManifest } from '../../src/core/artifacts/loadModel';
import type { ResultsView } from '../../src/protocol/resultsPanel';

/** The view a results editor paints first: what model.json recorded, while the model reloads. */
export async function sampleRecordedView(): Promise<ResultsView> {
  const { modelDir, name } = await sampleModel();
  return buildRecordedView(name, modelDir, await readManifest(nodeFileSystem, modelDir));
}

export async function sampleView(): Promise<ResultsView> {
  const r = await sampleModel();
  const report = await validate(r.modelDir, nodeFileSystem, {});
  return buildResultsView(r.name, report, new Date('2026-11-27T10:00:00Z'));
}

async function sampleModel(): Promise<{ modelDir: string; name: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-sample-'));
  const r = await train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(dir, 'models'), name: 'iris-2023',
  }, nodeFileSystem, {});
  return { modelDir: r.modelDir, name: r.name };
}
