// Course options on iris for a models folder (shared by the provenance tests).
import type { TrainOptions } from '../../../src/core/usecases/contracts';

export function irisOptions(modelsDir: string): TrainOptions {
  return {
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1,
    gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir,
  };
}
