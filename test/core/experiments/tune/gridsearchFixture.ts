// test/fixtures/gridsearch/expected.json (scripts/fixtures/gridsearch.py): scikit-learn 1.2.1's
// GridSearchCV and StratifiedKFold on the data sets the tune tests run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Label, SplitSize } from '../../../../src/core/types';
import type { Gamma, Kernel } from '../../../../src/core/svm/svc';
import type { SearchGrid } from '../../../../src/core/artifacts/searchRecord';
import type { DataSpec } from '../../../../src/core/usecases/contracts';

export interface FixtureFolds { train: number[]; test: number[] }

export interface GridCase {
  id: string;
  data: string;
  target: string;
  drop: string[];
  seed: number;
  trainSize: SplitSize | null;
  testSize: SplitSize | null;
  cv: number;
  grid: Partial<{ C: number[]; gamma: Gamma[]; kernel: Kernel[]; degree: number[]; coef0: number[] }>;
  folds: FixtureFolds[];
  warnings: string[];
  fitFailures: string[];
  candidates: { params: Record<string, number | string>; splitScores: (number | null)[]; mean: number | null; std: number | null; rank: number }[];
  bestIndex: number;
  bestParams: Record<string, number | string>;
  bestScore: number | null;
  trainAccuracy: number;
  validAccuracy: number;
  refitSupport: number[];
}

export interface KFoldCase { y: Label[]; cv: number; folds?: FixtureFolds[]; error?: string; warnings: string[] }

export const fixture = JSON.parse(readFileSync('test/fixtures/gridsearch/expected.json', 'utf8')) as {
  sklearn: string;
  cases: GridCase[];
  kfold: KFoldCase[];
  ranks: { means: (number | null)[]; ranks: number[] }[];
};

/** The case's grid with scikit-learn's defaults for the lists it does not give. */
export function gridOf(c: GridCase): SearchGrid {
  return { kernel: c.grid.kernel ?? ['rbf'], C: c.grid.C ?? [1], gamma: c.grid.gamma ?? ['scale'], degree: c.grid.degree ?? [3], coef0: c.grid.coef0 ?? [0] };
}

export function dataOf(c: GridCase): DataSpec {
  return c.data === 'iris' ? { kind: 'iris' } : { kind: 'csv', path: resolve('test/fixtures/gridsearch', c.data) };
}

export function dataOptionsOf(c: GridCase) {
  return {
    data: dataOf(c), target: c.target, drop: c.drop, seed: c.seed,
    ...(c.trainSize ? { trainSize: c.trainSize } : {}), ...(c.testSize ? { testSize: c.testSize } : {}),
  };
}
