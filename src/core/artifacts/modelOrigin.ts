// Where a saved model came from — trained by Model Lab, or imported from scikit-learn files — worded
// once for every view: the results page, Saved Models, Compare (its facts and its table/CSV) and the
// CLI. model.json's "imported" names the files; a model imported before that field was written is
// known by the imported-from.json its files list.
import type { ModelManifest } from './manifest';
import { IMPORT_RECORD_FILE } from './manifestImport';

export interface ModelOrigin {
  readonly kind: 'trained' | 'imported';
  /** The files it was imported from, by name ("scaler.joblib + classifier.joblib"); undefined when not recorded. */
  readonly files?: string;
  /** The scikit-learn release of those files, when recorded. */
  readonly sklearnVersion?: string;
  /** What wrote the model folder ("model-lab 0.1.0"). */
  readonly tool: string;
  /** When it was trained or imported (ISO 8601). */
  readonly created: string;
}

/** Never throws: a listing may hold a partial manifest (read structurally), whose missing parts are left out. */
export function modelOrigin(m: Pick<ModelManifest, 'tool' | 'created' | 'files' | 'imported'>): ModelOrigin {
  const tool = m.tool ? `${m.tool.name} ${m.tool.version}` : 'an unknown tool';
  if (m.imported) {
    return { kind: 'imported', files: m.imported.files.map((f) => f.name).join(' + '), sklearnVersion: m.imported.sklearnVersion, tool, created: m.created };
  }
  if (m.files?.[IMPORT_RECORD_FILE] !== undefined) return { kind: 'imported', tool, created: m.created };
  return { kind: 'trained', tool, created: m.created };
}

/** "scaler.joblib + classifier.joblib (scikit-learn 1.2.1)"; for an older import, where its files are named. */
export function importedFilesText(o: ModelOrigin): string {
  if (o.files === undefined) return `scikit-learn files (named in ${IMPORT_RECORD_FILE})`;
  return `${o.files}${o.sklearnVersion !== undefined ? ` (scikit-learn ${o.sklearnVersion})` : ''}`;
}

/** Compare's origin (a fact, a column): "trained", or "imported from scaler.joblib + classifier.joblib (scikit-learn 1.2.1)". */
export function originLabel(o: ModelOrigin): string {
  return o.kind === 'imported' ? `imported from ${importedFilesText(o)}` : 'trained';
}

/** "imported from scaler.joblib + classifier.joblib (scikit-learn 1.2.1) by model-lab 0.1.0" or "trained by model-lab 0.1.0". */
export function originText(o: ModelOrigin): string {
  return o.kind === 'imported' ? `imported from ${importedFilesText(o)} by ${o.tool}` : `trained by ${o.tool}`;
}

/** Compare's "tool": what made the model — scikit-learn for an imported one, said with what imported it. */
export function toolText(o: ModelOrigin): string {
  if (o.kind === 'trained') return o.tool;
  return `scikit-learn${o.sklearnVersion !== undefined ? ` ${o.sklearnVersion}` : ''} (imported by ${o.tool})`;
}

/** When its recorded accuracies were recorded: "trained" or "imported" ("recorded when it was …"). */
export function recordedWhen(o: ModelOrigin): 'trained' | 'imported' {
  return o.kind;
}
