// Turns a tuned model's model.json into what the Tune results page shows (or why it shows
// nothing). Only reshaping and wording here: every number is the search record's or the metrics'.
import type { FileChange, ModelManifest } from '../engine';
import type { ToTunePage, TuneView } from '../../protocol/tunePanel';

/** The data as the page names it; `path`: the CSV file as the user reads it (relative to the workspace). */
function dataText(m: ModelManifest, path = m.data.path): string {
  if (m.data.source === 'iris') return 'the built-in iris data';
  return `${path} (${m.data.rows} rows)`;
}

/**
 * The page's message for a listed model: its view when model.json holds a search, otherwise why
 * there is nothing to show (damaged, or trained rather than tuned). `where` is the folder and
 * `dataPath` the CSV file as the user reads them; `changes`: its files changed since saving.
 */
export function tuneMessageOf(name: string, where: string, manifest: ModelManifest | undefined, error?: string, dataPath?: string, changes: readonly FileChange[] = []): ToTunePage {
  if (!manifest || error !== undefined) return { type: 'unavailable', name, reason: `the model cannot be loaded: ${error ?? 'model.json is missing or unreadable'}` };
  const m = manifest;
  const { search } = m;
  if (!search) return { type: 'unavailable', name, reason: 'this model was trained, not tuned: its model.json holds no search (Tune Iris Model… makes a tuned model)' };
  const view: TuneView = {
    name,
    modelDir: where,
    created: m.created,
    data: dataText(m, dataPath),
    seed: m.split.seed,
    nTrain: m.split.nTrain,
    nValid: m.split.nTest,
    search,
    train: { accuracy: m.metrics.trainAccuracy, correct: m.metrics.trainCorrect, total: m.metrics.trainTotal },
    valid: { accuracy: m.metrics.validAccuracy, correct: m.metrics.validCorrect, total: m.metrics.validTotal },
    ...(changes.length > 0 ? { changed: changes.map((c) => ({ file: c.file, change: c.change })) } : {}),
  };
  return { type: 'view', view };
}
