// What a model is, as labelled facts in groups (parameters, metrics, data, split, provenance), read
// from its model.json; and the side-by-side diff of two models' facts, differences marked. The
// Compare page shows the diff when exactly two models are selected.
import type { ModelManifest } from '../artifacts/manifest';
import { pythonFloat } from '../text/pythonFloat';
import { kernelUses } from '../svm/kernelParameters';
import { modelOrigin, originLabel, toolText } from '../artifacts/modelOrigin';

export type FactGroup = 'Parameters' | 'Metrics' | 'Data' | 'Split' | 'Provenance';

/** The groups in the order a diff shows them. */
export const FACT_GROUPS: readonly FactGroup[] = ['Parameters', 'Metrics', 'Data', 'Split', 'Provenance'];

export interface Fact {
  readonly group: FactGroup;
  readonly label: string;
  readonly value: string;
}

export interface FactDiffRow {
  readonly group: FactGroup;
  readonly label: string;
  /** Each model's value; undefined: the model has no such fact. */
  readonly a?: string;
  readonly b?: string;
  readonly differs: boolean;
}

/** PostgreSQL snapshot details that data may carry (docs/artifact-format.md), in display order. */
const POSTGRES_FIELDS = ['host', 'port', 'database', 'user', 'table', 'orderBy', 'limit', 'query'] as const;

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pythonFloat(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A float parameter as Python prints it (C=1 is 1.0, as in the table); words ("scale") as they are. */
function float(v: number | string): string {
  return typeof v === 'number' ? pythonFloat(v) : v;
}

function accuracy(fraction: number, correct: number, total: number): string {
  return `${pythonFloat(fraction)} (${correct}/${total})`;
}

/** An optional git record (commit, dirty) if model.json carries one; no writer records it yet. */
function gitOf(m: ModelManifest): { commit?: string; dirty?: boolean } | undefined {
  const raw = (m as { git?: unknown; provenance?: { git?: unknown } }).git ?? (m as { provenance?: { git?: unknown } }).provenance?.git;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const g = raw as { commit?: unknown; dirty?: unknown };
  return {
    ...(typeof g.commit === 'string' ? { commit: g.commit } : {}),
    ...(typeof g.dirty === 'boolean' ? { dirty: g.dirty } : {}),
  };
}

/** The facts of a model, from its parsed model.json, in a fixed order; never throws. */
export function modelFacts(m: ModelManifest): Fact[] {
  const out: Fact[] = [];
  const add = (group: FactGroup, label: string, value: unknown) => {
    const t = text(value);
    if (t !== undefined) out.push({ group, label, value: t });
  };
  const svc = m.params.svc;
  add('Parameters', 'kernel', svc.kernel);
  add('Parameters', 'C', float(svc.C));
  if (kernelUses(svc.kernel, 'gamma')) add('Parameters', 'gamma', float(svc.gamma));
  if (kernelUses(svc.kernel, 'degree')) add('Parameters', 'degree', svc.degree);
  if (kernelUses(svc.kernel, 'coef0')) add('Parameters', 'coef0', float(svc.coef0));
  add('Parameters', 'class_weight', svc.classWeight ?? 'None');
  add('Parameters', 'tol', float(svc.tol));
  add('Parameters', 'scaler', `with_mean=${m.params.scaler.withMean}, with_std=${m.params.scaler.withStd}`);
  add('Parameters', 'layout', m.layout);

  const mt = m.metrics;
  add('Metrics', 'train accuracy', accuracy(mt.trainAccuracy, mt.trainCorrect, mt.trainTotal));
  add('Metrics', 'validation accuracy', accuracy(mt.validAccuracy, mt.validCorrect, mt.validTotal));
  const search = (m as { search?: { cv?: { nSplits?: unknown }; bestIndex?: number; candidates?: { meanScore?: unknown; stdScore?: unknown; rank?: unknown }[] } }).search;
  const chosen = search?.bestIndex === undefined ? undefined : search.candidates?.[search.bestIndex];
  if (search && chosen) {
    add('Metrics', 'CV folds', search.cv?.nSplits);
    add('Metrics', 'CV mean', chosen.meanScore);
    add('Metrics', 'CV std', chosen.stdScore);
    add('Metrics', 'CV rank', chosen.rank);
    add('Metrics', 'CV candidates', search.candidates?.length);
  }

  const d = m.data;
  add('Data', 'source', d.source);
  add('Data', 'path', d.path);
  add('Data', 'rows', d.rows);
  add('Data', 'sha256', d.sha256);
  const idRange = d.idRange;
  if (Array.isArray(idRange) && idRange.length === 2) add('Data', 'id range', `${text(idRange[0])} … ${text(idRange[1])}`);
  for (const f of POSTGRES_FIELDS) add('Data', f, d[f]);
  add('Data', 'target', d.target);
  add('Data', 'features', m.featureNames.join(', '));
  add('Data', 'dropped', d.dropped.length > 0 ? d.dropped.join(', ') : '(none)');
  add('Data', 'classes', m.classNames.join(', '));

  const s = m.split;
  add('Split', 'seed', s.seed);
  add('Split', 'train rows', s.nTrain);
  add('Split', 'validation rows', s.nTest);

  // Trained by Model Lab or imported from scikit-learn files (modelOrigin.ts: one wording for every view).
  const origin = modelOrigin(m);
  add('Provenance', 'origin', originLabel(origin));
  add('Provenance', 'created', m.created);
  add('Provenance', 'tool', toolText(origin));
  const git = gitOf(m);
  if (git?.commit !== undefined) add('Provenance', 'git commit', git.commit);
  if (git?.dirty !== undefined) add('Provenance', 'git dirty', git.dirty ? 'yes (uncommitted changes)' : 'no');
  return out;
}

/**
 * Two models' facts side by side: every label either has, grouped (FACT_GROUPS order) and in the
 * order the first model lists them (the second's extra labels after), `differs` where the values
 * are not equal (a fact one of them lacks differs).
 */
export function diffFacts(a: readonly Fact[], b: readonly Fact[]): FactDiffRow[] {
  const rows: FactDiffRow[] = [];
  for (const group of FACT_GROUPS) {
    const inA = a.filter((f) => f.group === group);
    const inB = b.filter((f) => f.group === group);
    const labels = [...new Set([...inA.map((f) => f.label), ...inB.map((f) => f.label)])];
    for (const label of labels) {
      const va = inA.find((f) => f.label === label)?.value;
      const vb = inB.find((f) => f.label === label)?.value;
      rows.push({ group, label, ...(va !== undefined ? { a: va } : {}), ...(vb !== undefined ? { b: vb } : {}), differs: va !== vb });
    }
  }
  return rows;
}
