// A real ResultsView: the core trains the course's model on iris (seed 2023) into a temporary
// folder and validates it, then the extension's builder shapes it for the page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/core/usecases/train';
import { validate } from '../../src/core/usecases/validate';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import { buildResultsView } from '../../src/extension/webviews/resultsView';
import type { ResultsView } from '../../src/protocol/resultsPanel';

export async function sampleView(): Promise<ResultsView> {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-sample-'));
  const r = await train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(dir, 'models'), name: 'iris-2023',
  }, nodeFileSystem, {});
  const report = await validate(r.modelDir, nodeFileSystem, {});
  return buildResultsView(r.name, report, new Date('2026-11-27T10:00:00Z'));
}
