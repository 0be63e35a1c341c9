// A real ResultsView: the core trains the course's model on iris (seed 2023) into a temporary
// folder and validates it, then the extension's builder shapes it for the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/core/usecases/train';
import { validate } from '../../src/core/usecases/validate';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import { buildRecordedView, buildResultsView } from '../../src/extension/webviews/resultsView';
import { readManifest } from '../../src/core/artifacts/loadModel';
import type { ResultsView } from '../../src/protocol/resultsPanel';
import { tune } from '../../src/core/experiments/tune/tune';
import { importJoblib } from '../../src/core/interop/importJoblib';
import { fixture, gridOf, dataOptionsOf } from '../core/experiments/tune/gridsearchFixture';

/** The view a results editor paints first: what model.json recorded, while the model reloads. */
export function sampleRecordedView(): Promise<ResultsView> {
  return withSampleModel(async (modelDir, name) => buildRecordedView(name, modelDir, await readManifest(nodeFileSystem, modelDir)));
}

export function sampleView(): Promise<ResultsView> {
  return withSampleModel(async (modelDir, name) => buildResultsView(name, await validate(modelDir, nodeFileSystem, {}), new Date('2026-11-27T10:00:00Z')));
}

/** The results of the course's scaler.joblib + classifier.joblib (scikit-learn 1.2.1) imported, then validated. */
export async function sampleImportedView(): Promise<ResultsView> {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-sample-'));
  try {
    const course = join(__dirname, '..', 'fixtures', 'joblib', 'models', 'course-separate');
    const r = await importJoblib({ path: join(course, 'scaler.joblib'), modelsDir: join(dir, 'models'), name: 'imported-course' }, nodeFileSystem);
    return buildResultsView(r.name, await validate(r.modelDir, nodeFileSystem, {}), new Date('2026-11-27T10:00:00Z'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Trains the sample model into a temporary folder, makes the view, removes the folder. */
async function withSampleModel(use: (modelDir: string, name: string) => Promise<ResultsView>): Promise<ResultsView> {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-sample-'));
  try {
    const r = await train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(dir, 'models'), name: 'iris-2023',
    }, nodeFileSystem, {});
    return await use(r.modelDir, r.name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The results of a tuned model: the gridsearch fixture's case `id` tuned by the core, then validated. */
export async function sampleTunedView(id: string): Promise<ResultsView> {
  const c = fixture.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no gridsearch fixture case ${id}`);
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-sample-tuned-'));
  try {
    const r = await tune({ ...dataOptionsOf(c), layout: 'separate', grid: gridOf(c), cv: c.cv, confirmed: true, modelsDir: join(dir, 'models'), name: 'tuned' }, nodeFileSystem);
    const report = await validate(r.model.modelDir, nodeFileSystem, {});
    return buildResultsView(r.model.name, report, new Date('2026-11-27T10:00:00Z'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
