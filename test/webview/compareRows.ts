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

function summary(name: string, c: Case, created: string, data = { source: 'iris', path: 'iris' }): ModelSummary {
  return {
    name, dir: `/ws/models/${name}`, status: 'ok', mtimeMs: Date.parse(created), created, layout: 'separate',
    trainAccuracy: c.trainAccuracy, validAccuracy: c.validAccuracy,
    params: { kernel: 'rbf', C: c.C, gamma: c.gamma, degree: 3, coef0: 0, seed: c.seed },
    dataSource: data.path,
    manifest: { data: { ...data, rows: 150 }, split: { seed: c.seed, nTrain: 120, nTest: 30 } } as unknown as ModelSummary['manifest'],
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

/**
 * The sweep's six iris models and two of a penguins CSV, whose validation accuracies (made up, in
 * thirtieths) are below iris's: models of two data sources, each with its own best.
 */
export function mixedDataRows(): CompareRow[] {
  const iris = SWEEP.map((c, i) => summary(sweepName(c), c, new Date(Date.UTC(2026, 10, 27, 10, i)).toISOString()));
  const penguins = [26 / 30, 27 / 30].map((validAccuracy, i) => summary(`penguins-C${i + 1}`, { ...SWEEP[0]!, C: i + 1, validAccuracy }, new Date(Date.UTC(2026, 10, 28, 10, i)).toISOString(), { source: 'csv', path: '/ws/data/penguins.csv' }));
  return withIds([...iris, ...penguins]);
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

/**
 * 100 models of a C × gamma × seed grid (5 × 5 × 4; gamma with "scale" and "auto"), with made-up
 * accuracies in thirtieths: the page's layout at a realistic sweep size (not numbers to trust).
 */
export function gridRows(): CompareRow[] {
  const out: ModelSummary[] = [];
  const Cs = [0.1, 1, 10, 100, 1000];
  const gammas: (number | 'scale' | 'auto')[] = [0.001, 0.01, 0.1, 'scale', 'auto'];
  let i = 0;
  for (const C of Cs) for (const gamma of gammas) for (const seed of [1, 2, 3, 4]) {
    i++;
    // Smooth in C and gamma, a little noise by seed: lines that can be told apart.
    const ci = Cs.indexOf(C);
    const gi = gammas.indexOf(gamma);
    const valid = (20 + ci + ((gi * 2) % 5) + (seed % 3)) / 30;
    const train = (96 + ci * 3 + gi * 2 + seed) / 120;
    out.push({
      ...summary(`g-C${C}-g${gamma}-s${seed}`, { C, gamma: gamma as number | 'scale', seed, trainAccuracy: train, validAccuracy: valid }, new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString()),
      params: { kernel: 'rbf', C, gamma, degree: 3, coef0: 0, seed },
    });
  }
  return withIds(out);
}

/** 100 models on 50 different CSV files × C 1 and 10: 50 lines, for the legend at its worst. */
export function manyDataRows(): CompareRow[] {
  const out: ModelSummary[] = [];
  for (let d = 0; d < 50; d++) for (const C of [1, 10]) {
    const s = summary(`d${d}-C${C}`, { C, gamma: 'scale', seed: 2023, trainAccuracy: (100 + d % 20) / 120, validAccuracy: (20 + (d + C) % 11) / 30 }, new Date(Date.UTC(2026, 9, 1) + d * 120_000 + C).toISOString());
    out.push({ ...s, dataSource: `/ws/data/part-${d}.csv`, manifest: { data: { source: 'csv', path: `/ws/data/part-${d}.csv`, rows: 150 }, split: { seed: 2023, nTrain: 120, nTest: 30 } } as unknown as ModelSummary['manifest'] });
  }
  return withIds(out);
}
