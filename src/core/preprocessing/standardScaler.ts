// CONTRACT STUB — replaced by the real implementation.
import type { Matrix } from '../types';

export interface StandardScalerJSON {
  kind: 'StandardScaler';
  withMean: boolean;
  withStd: boolean;
  nFeatures: number;
  nSamplesSeen: number;
  mean: number[] | null;
  var: number[] | null;
  scale: number[] | null;
}

export class StandardScaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  mean: Float64Array | null = null;
  var: Float64Array | null = null;
  scale: Float64Array | null = null;
  nSamplesSeen = 0;
  constructor(options: { withMean?: boolean; withStd?: boolean } = {}) {
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }
  fit(_X: Matrix): this { throw new Error('not implemented'); }
  transform(_X: Matrix): number[][] { throw new Error('not implemented'); }
  fitTransform(X: Matrix): number[][] { return this.fit(X).transform(X); }
  inverseTransform(_X: Matrix): number[][] { throw new Error('not implemented'); }
  toJSON(): StandardScalerJSON { throw new Error('not implemented'); }
  /** Rejects anything that is not a StandardScalerJSON (wrong kind, shape, non-finite numbers). */
  static fromJSON(_json: unknown): StandardScaler { throw new Error('not implemented'); }
}
