// A saved model as a listing shows it (ModelSummary), built in one place, and the one default
// order of every listing: newest first.
import type { ModelManifest } from '../artifacts/manifest';
import type { ModelSummary } from './contracts';

/** The summary of a readable model folder. */
export function summaryOf(name: string, dir: string, mtimeMs: number, m: ModelManifest): ModelSummary {
  return {
    name, dir, status: 'ok', mtimeMs, created: m.created, layout: m.layout,
    trainAccuracy: m.metrics.trainAccuracy, validAccuracy: m.metrics.validAccuracy,
    params: { kernel: m.params.svc.kernel, C: m.params.svc.C, gamma: m.params.svc.gamma, degree: m.params.svc.degree, coef0: m.params.svc.coef0, seed: m.split.seed },
    dataSource: m.data.path, manifest: m,
  };
}

/** Newest first (model.json's time, else the folder's), then by name, then by folder (a total order). */
export function newestFirst(a: ModelSummary, b: ModelSummary): number {
  const time = (s: ModelSummary) => (s.created ? Date.parse(s.created) : s.mtimeMs);
  return time(b) - time(a) || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0);
}

