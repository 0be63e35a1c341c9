// Table rows for the Compare Models page tests: the core's comparisonRows over summaries carrying
// scikit-learn's accuracies for the iris sweep (test/fixtures/sweep/expected.json), a damaged
// folder, and a generator for large tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonRows } from '../../src/core/experiments/comparison';
import type { ModelSummary } from '../../src/core/usecases/contracts';
import type { CompareRow } from '../../src/protocol/comparePanel';

interface Case { C: number; gamma: number | 'scale'; seed: number; trainAccuracy: number; validAccuracy: number }
export const SWEEP: Case[] = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sweep', 'expected.json'), 'utf8')).cases;

function summary(name: string, c: Case, created: string): ModelSummary {
  return {
    name, dir: `/ws/models/${name}`, status: 'ok', mtimeMs: Date.parse(created), created, layout: 'separate',
    trainAccuracy: c.trainAccuracy, validAccuracy: c.validAccuracy,
    params: { kernel: 'rbf', C: c.C, gamma: c.gamma, degree: 3, coef0: 0, seed: c.seed },
    dataSource: 'iris',
    manifest: { data: { source: 'iris', path: 'iris', rows: 150 }, split: { seed: c.seed, nTrain: 120, nTest: 30 } } as unknown as ModelSummary['manifest'],
  };
}

function withIds(summaries: ModelSummary[]): CompareRow[] {
  return comparisonRows(summaries).map((r) => ({ ...r, id: `file://${r.dir}` }));
}

export function sweepName(c: Case): string {
  return `iris-C${c.C}-g${c.gamma}-s${c.seed}`;
}

/** The six sweep models (C 0.1/1/10 × gamma scale/0.1) and one damaged folder with a hostile name. */
export function sweepRows(): CompareRow[] {
  const models = SWEEP.map((c, i) => summary(sweepName(c), c, new Date(Date.UTC(2026, 10, 27, 10, i)).toISOString()));
  const damaged: ModelSummary = { name: '<img src=x id=injected>', dir: '/ws/models/broken', status: 'damaged', error: 'model.json: not JSON (line 1, column 30)', mtimeMs: 0 };
  return withIds([...models, damaged]);
}

/** n models with C and gamma cycling through a grid; names model-1 … model-n. */
export function manyRows(n: number): CompareRow[] {
  const out: ModelSummary[] = [];
  for (let i = 1; i <= n; i++) {
    const c = SWEEP[i % SWEEP.length]!;
    out.push(summary(`model-${i}`, { ...c, seed: 2000 + (i % 50) }, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()));
  }
  return withIds(out);
}
