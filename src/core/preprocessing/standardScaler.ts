// sklearn.preprocessing.StandardScaler (scikit-learn 1.2.1, dense data, no sample weights),
// reproducing numpy's operation order so that mean_, var_ and scale_ match bit for bit:
// fit is _incremental_mean_and_var on a fresh scaler, transform is `X -= mean_; X /= scale_`.
import type { Matrix } from '../types';
import { UserError } from '../types';
import { shortJson } from '../text/shortJson';
import { numpySum } from './numpySum';

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

/**
 * How the training matrix sits in numpy's memory, which fixes the summation order:
 * 'F' (column-contiguous: what pandas DataFrames such as load_iris(as_frame=True) give; each
 * column summed pairwise) or 'C' (row-major numpy arrays: rows added one after another).
 */
export type MemoryLayout = 'F' | 'C';

const EPS = 2.220446049250313e-16; // np.finfo(np.float64).eps

/** _is_constant_feature: variance within the 2-pass algorithm's error bound of zero. */
export function isConstantFeature(variance: number, mean: number, nSamples: number): boolean {
  const t = nSamples * mean * EPS;
  const upperBound = nSamples * EPS * variance + t * t;
  return variance <= upperBound;
}

function columnMajor(X: Matrix, what: string): { data: Float64Array; n: number; d: number } {
  const n = X.length;
  if (n === 0) throw new UserError(`${what}: found an array with 0 samples; StandardScaler needs at least 1.`);
  const d = X[0]!.length;
  if (d === 0) throw new UserError(`${what}: found an array with 0 features; StandardScaler needs at least 1.`);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    if (row.length !== d) throw new UserError(`${what}: row ${i} has ${row.length} values, expected ${d} like row 0.`);
    for (let j = 0; j < d; j++) {
      const v = row[j]!;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new UserError(`${what}: row ${i}, column ${j} is ${String(v)}; StandardScaler needs finite numbers.`);
      }
      data[j * n + i] = v;
    }
  }
  return { data, n, d };
}

/** np.sum(A, axis=0) for an n×d matrix stored column by column, in the given memory layout's order. */
function columnSums(data: Float64Array, n: number, d: number, layout: MemoryLayout): Float64Array {
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    if (layout === 'F') out[j] = numpySum(data, j * n, n, 1);
    else {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += data[j * n + i]!;
      out[j] = acc;
    }
  }
  return out;
}

export class StandardScaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  mean: Float64Array | null = null;
  var: Float64Array | null = null;
  scale: Float64Array | null = null;
  nSamplesSeen = 0;
  /** Number of features seen by fit (0 before fit). */
  nFeatures = 0;
  constructor(options: { withMean?: boolean; withStd?: boolean } = {}) {
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  /** Fits on rows of X; `layout` says how scikit-learn would have held X (default: pandas-like 'F'). */
  fit(X: Matrix, layout: MemoryLayout = 'F'): this {
    const { data, n, d } = columnMajor(X, 'StandardScaler.fit');
    this.nFeatures = d;
    this.nSamplesSeen = n;
    this.mean = null;
    this.var = null;
    this.scale = null;
    if (!this.withMean && !this.withStd) return this;
    // _incremental_mean_and_var with last_mean = last_variance = 0, last_sample_count = 0.
    const newSum = columnSums(data, n, d, layout);
    const mean = new Float64Array(d);
    for (let j = 0; j < d; j++) mean[j] = (0 + newSum[j]!) / n;
    this.mean = mean; // kept even when withMean is false, as scikit-learn does
    if (this.withStd) {
      const temp = new Float64Array(n * d);
      for (let j = 0; j < d; j++) {
        const t = newSum[j]! / n;
        for (let i = 0; i < n; i++) temp[j * n + i] = data[j * n + i]! - t;
      }
      const correction = columnSums(temp, n, d, layout);
      for (let k = 0; k < temp.length; k++) temp[k] = temp[k]! * temp[k]!;
      const unnormalized = columnSums(temp, n, d, layout);
      const variance = new Float64Array(d);
      const scale = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const c = correction[j]!;
        variance[j] = (unnormalized[j]! - (c * c) / n) / n;
        scale[j] = isConstantFeature(variance[j]!, mean[j]!, n) ? 1 : Math.sqrt(variance[j]!);
      }
      this.var = variance;
      this.scale = scale;
    }
    return this;
  }

  private checkFitted(X: Matrix, what: string): void {
    if (this.nFeatures === 0) throw new UserError(`${what}: this StandardScaler is not fitted yet; call fit first.`);
    X.forEach((row, i) => {
      if (row.length !== this.nFeatures) {
        throw new UserError(`${what}: row ${i} has ${row.length} features, but the scaler was fitted with ${this.nFeatures}.`);
      }
    });
  }

  /** (x - mean_) / scale_, one IEEE operation each, as numpy's in-place `X -= mean_; X /= scale_`. */
  transform(X: Matrix): number[][] {
    this.checkFitted(X, 'StandardScaler.transform');
    const mean = this.withMean ? this.mean : null;
    const scale = this.withStd ? this.scale : null;
    return X.map((row) =>
      row.map((v, j) => {
        let x = v;
        if (mean) x -= mean[j]!;
        if (scale) x /= scale[j]!;
        return x;
      }),
    );
  }

  fitTransform(X: Matrix, layout: MemoryLayout = 'F'): number[][] {
    return this.fit(X, layout).transform(X);
  }

  /** x * scale_ + mean_, as numpy's `X *= scale_; X += mean_`. */
  inverseTransform(X: Matrix): number[][] {
    this.checkFitted(X, 'StandardScaler.inverseTransform');
    const mean = this.withMean ? this.mean : null;
    const scale = this.withStd ? this.scale : null;
    return X.map((row) =>
      row.map((v, j) => {
        let x = v;
        if (scale) x *= scale[j]!;
        if (mean) x += mean[j]!;
        return x;
      }),
    );
  }

  toJSON(): StandardScalerJSON {
    if (this.nFeatures === 0) throw new UserError('StandardScaler.toJSON: this StandardScaler is not fitted yet.');
    return {
      kind: 'StandardScaler',
      withMean: this.withMean,
      withStd: this.withStd,
      nFeatures: this.nFeatures,
      nSamplesSeen: this.nSamplesSeen,
      mean: this.mean ? Array.from(this.mean) : null,
      var: this.var ? Array.from(this.var) : null,
      scale: this.scale ? Array.from(this.scale) : null,
    };
  }

  /** Rejects anything that is not a StandardScalerJSON (wrong kind, shape, non-finite numbers). */
  static fromJSON(json: unknown): StandardScaler {
    return scalerFromJSON(json);
  }
}

function fail(field: string, problem: string): never {
  throw new UserError(`StandardScaler JSON: field "${field}" ${problem}.`);
}

function readVector(o: Record<string, unknown>, field: string, d: number, required: boolean, positive = false): Float64Array | null {
  const v = o[field];
  if (v === null || v === undefined) {
    if (required) fail(field, 'is missing but the settings need it');
    return null;
  }
  if (!Array.isArray(v)) fail(field, 'must be an array of numbers or null');
  if (v.length !== d) fail(field, `has ${v.length} values but nFeatures is ${d}`);
  const out = new Float64Array(d);
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(field, `has a non-finite or non-number value at index ${i}`);
    if (positive && !(x > 0)) fail(field, `must hold values > 0 (index ${i} is ${x})`);
    if (field === 'var' && x < 0) fail(field, `must hold values >= 0 (index ${i} is ${x})`);
    out[i] = x;
  });
  return out;
}

function scalerFromJSON(json: unknown): StandardScaler {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new UserError('StandardScaler JSON: expected an object with kind "StandardScaler".');
  }
  const o = json as Record<string, unknown>;
  if (o.kind !== 'StandardScaler') fail('kind', o.kind === undefined ? 'is missing (it must be "StandardScaler")' : `must be "StandardScaler", got ${shortJson(o.kind)}`);
  if (typeof o.withMean !== 'boolean') fail('withMean', 'must be true or false');
  if (typeof o.withStd !== 'boolean') fail('withStd', 'must be true or false');
  const d = o.nFeatures;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) fail('nFeatures', 'must be a whole number >= 1');
  const n = o.nSamplesSeen;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) fail('nSamplesSeen', 'must be a whole number >= 1');
  const scaler = new StandardScaler({ withMean: o.withMean, withStd: o.withStd });
  scaler.nFeatures = d;
  scaler.nSamplesSeen = n;
  scaler.mean = readVector(o, 'mean', d, o.withMean);
  scaler.var = readVector(o, 'var', d, o.withStd);
  scaler.scale = readVector(o, 'scale', d, o.withStd, true);
  // scikit-learn's scale_ is sqrt(var_), 1 for a constant feature (_handle_zeros_in_scale).
  const v = scaler.var;
  scaler.scale?.forEach((s, i) => {
    if (v && s !== Math.sqrt(v[i]!) && s !== 1) fail('scale', `index ${i} is ${s}, but the square root of var's ${v[i]} is ${Math.sqrt(v[i]!)} (scale is sqrt(var), or 1 for a constant feature)`);
  });
  return scaler;
}
