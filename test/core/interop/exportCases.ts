// Models the export tests train: both layouts, the four kernels, int / float / bool / text labels,
// fraction and count splits, a class-names column, saved with train --save-joblib or exported afterwards.
import { resolve } from 'node:path';
import type { SplitSize } from '../../../src/core/types';
import type { Gamma, Kernel } from '../../../src/core/svm/svc';
import type { DataSpec, Layout, TrainResult } from '../../../src/core/usecases/contracts';
import { train } from '../../../src/core/usecases/train';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

export interface ExportCase {
  readonly name: string;
  readonly data: DataSpec;
  readonly target?: string;
  readonly layout: Layout;
  readonly seed: number;
  readonly trainSize?: SplitSize;
  readonly testSize?: SplitSize;
  readonly kernel: Kernel;
  readonly C?: number;
  readonly gamma?: Gamma;
  readonly degree?: number;
  readonly coef0?: number;
  /** 'save': train --save-joblib writes the files into the model folder; 'export': exportJoblib to another folder. */
  readonly via: 'save' | 'export';
  readonly labelType: string;
}

const csv = (path: string): DataSpec => ({ kind: 'csv', path: resolve(path) });
const fraction = (value: number): SplitSize => ({ kind: 'fraction', value });
const count = (value: number): SplitSize => ({ kind: 'count', value });

export const CASES: ExportCase[] = [
  { name: 'course-separate', data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: fraction(0.8), kernel: 'rbf', via: 'export', labelType: 'int' },
  { name: 'course-pipeline', data: { kind: 'iris' }, layout: 'pipeline', seed: 2023, trainSize: fraction(0.8), kernel: 'rbf', via: 'save', labelType: 'int' },
  { name: 'linear-text-count', data: csv('test/fixtures/workflow/csv/flowers.csv'), target: 'species', layout: 'separate', seed: 5, trainSize: count(70), kernel: 'linear', C: 0.5, via: 'export', labelType: 'str' },
  { name: 'poly-float-test-count', data: csv('test/fixtures/labels/float.csv'), layout: 'pipeline', seed: 3, testSize: count(40), kernel: 'poly', degree: 2, coef0: 1, gamma: 'auto', via: 'save', labelType: 'float' },
  { name: 'sigmoid-bool-binary', data: csv('test/fixtures/labels/bool.csv'), layout: 'separate', seed: 11, trainSize: fraction(0.8), kernel: 'sigmoid', gamma: 0.05, coef0: 0.5, via: 'export', labelType: 'bool' },
  { name: 'rbf-int-test-fraction', data: csv('test/fixtures/workflow/csv/signals.csv'), layout: 'pipeline', seed: 9, testSize: fraction(0.3), kernel: 'rbf', C: 10, gamma: 0.5, via: 'export', labelType: 'int' },
  { name: 'rbf-float-spellings', data: csv('test/fixtures/labels/int-and-float-spellings.csv'), layout: 'separate', seed: 2022, trainSize: fraction(0.75), kernel: 'rbf', C: 3, via: 'save', labelType: 'float' },
  { name: 'linear-bool-pipeline', data: csv('test/fixtures/labels/bool.csv'), layout: 'pipeline', seed: 0, trainSize: count(90), kernel: 'linear', via: 'save', labelType: 'bool' },
  // A column of class names beside the codes (issue 15): display only, left out of X like the dropped columns.
  { name: 'rbf-int-species-names', data: csv('test/fixtures/class-names/iris-species.csv'), layout: 'separate', seed: 2022, trainSize: fraction(0.8), kernel: 'rbf', via: 'save', labelType: 'int' },
  { name: 'rbf-float-class-name-between', data: csv('test/fixtures/class-names/iris-class-name.csv'), layout: 'pipeline', seed: 2023, trainSize: fraction(0.8), kernel: 'rbf', C: 2, via: 'export', labelType: 'float' },
];

/** Trains a case into modelsDir (folder named after the case). */
export function trainCase(c: ExportCase, modelsDir: string): Promise<TrainResult> {
  return train({
    data: c.data, layout: c.layout, seed: c.seed, trainSize: c.trainSize, testSize: c.testSize, kernel: c.kernel,
    C: c.C ?? 1, gamma: c.gamma ?? 'scale', degree: c.degree ?? 3, coef0: c.coef0 ?? 0, target: c.target ?? 'target',
    drop: ['id', 'timestamp'], modelsDir, name: c.name, saveJoblib: c.via === 'save',
  }, nodeFileSystem);
}
