// A saved model as a listing shows it (ModelSummary), built in one place, and the one default
// order of every listing: newest first.
import type { ModelManifest } from '../artifacts/manifest';
import type { ModelSummary } from './contracts';
import { naturalCompare } from '../text/naturalCompare';

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


/** The orders a list of models can be shown in. */
export type ModelOrder = 'validAccuracy' | 'created' | 'name';

/** Compare's Name order (naturalCompare): C0.01 before C0.1 before C0.11 before C10. */
const byName = (a: ModelSummary, b: ModelSummary) => naturalCompare(a.name, b.name) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0);

/**
 * A total order for `order`: validation accuracy highest first (damaged models last), newest first,
 * or by name; ties fall back to newest first, then name.
 */
export function compareModels(order: ModelOrder): (a: ModelSummary, b: ModelSummary) => number {
  if (order === 'created') return newestFirst;
  if (order === 'name') return byName;
  return (a, b) => (b.validAccuracy ?? -1) - (a.validAccuracy ?? -1) || newestFirst(a, b);
}

/** How a list of models can be grouped. */
export type ModelGrouping = 'none' | 'data';

/** The group a model belongs to under `grouping` (a label shown as the group's title). */
export function groupOf(s: ModelSummary, grouping: ModelGrouping): string {
  if (grouping === 'none') return '';
  const m = s.manifest;
  if (!m) return 'damaged';
  if (m.data.source === 'iris') return 'built-in iris data';
  if (m.data.source === 'postgres') return `database: ${m.data.path}`;
  return m.data.path;
}
