// A real Tune results view: the core tunes iris as GridSearchCV would (the gridsearch fixture's case
// "iris-k5-twelve": C 0.1, 1, 10, 100 × gamma scale, auto, 0.5, cv=5) into a temporary folder, and
// the extension's builder shapes the saved model.json for the page. The Tune page harness serves it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tune } from '../../src/core/experiments/tune/tune';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import { parseManifest } from '../../src/core/artifacts/manifest';
import { tuneMessageOf } from '../../src/extension/webviews/tuneResultsView';
import { initialTuneState, type TuneView } from '../../src/protocol/tunePanel';
import { fixture, gridOf, dataOptionsOf, type GridCase } from '../core/experiments/tune/gridsearchFixture';
import { startWebviewHarness, type Harness } from './pageHarness';

export const CASE_ID = 'iris-k5-twelve';
export const MODEL_URI = 'file:///ws/models/iris-tuned-cv5-s2023';

export function fixtureCase(id = CASE_ID): GridCase {
  const c = fixture.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no gridsearch fixture case ${id}`);
  return c;
}

/** Tunes the fixture case with the core and returns the page's view of the saved model. */
export async function tuneView(c = fixtureCase()): Promise<TuneView> {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-tune-view-'));
  let manifest;
  let name;
  try {
    const r = await tune({ ...dataOptionsOf(c), layout: 'separate', grid: gridOf(c), cv: c.cv, modelsDir: join(dir, 'models'), name: 'iris-tuned-cv5-s2023' }, nodeFileSystem);
    manifest = parseManifest(JSON.parse(readFileSync(join(r.model.modelDir, 'model.json'), 'utf8')));
    name = r.model.name;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const message = tuneMessageOf(name, 'models/iris-tuned-cv5-s2023', manifest);
  if (message.type !== 'view') throw new Error(`no view: ${message.reason}`);
  return message.view;
}

/** The Tune results page (webview/tunePage.ts in the panels' shell), as a new panel on MODEL_URI starts. */
export function startTuneHarness(): Promise<Harness> {
  return startWebviewHarness({
    entry: 'webview/tunePage.ts',
    bundle: 'tunePage.js',
    styles: ['results.css', 'compare.css', 'tune.css'],
    metaState: initialTuneState(MODEL_URI, 'iris-tuned-cv5-s2023'),
    viewport: { width: 1200, height: 1100 },
  });
}
