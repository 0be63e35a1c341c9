// Input checks, fitted state and the JSON form of an SVC. fromJSON trusts nothing: every field is
// checked for kind, shape and finiteness, and errors name the field.
import type { Label, Matrix } from '../types';
import { UserError } from '../types';
import { shortJson } from '../text/shortJson';
import { compareLabels } from '../labels';
import type { SVCJSON, SVCParams } from './svc';

export interface FittedSVC {
  classes: Label[];
  gamma: number;
  d: number;
  support: Int32Array;
  sv: Float64Array;
  nSupport: Int32Array;
  dualCoef: Float64Array[];
  rawIntercept: Float64Array;
  classWeight: Float64Array;
  fitStatus: number;
  nIter: Int32Array;
}

/** Row-major copy of a matrix; every row must have the same (or the expected) width and finite values. */
export function toFlat(X: Matrix, name: string, expectedWidth?: number): { flat: Float64Array; d: number } {
  if (!Array.isArray(X)) throw new UserError(`${name} must be an array of rows.`);
  const n = X.length;
  const d = expectedWidth ?? (n > 0 ? X[0].length : 0);
  const flat = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    const row = X[r];
    if (!row || row.length !== d) {
      throw new UserError(`${name} row ${r} has ${row ? row.length : 0} features; expected ${d}.`);
    }
    for (let c = 0; c < d; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new UserError(`${name} row ${r}, column ${c} is not a finite number (${String(v)}).`);
      }
      flat[r * d + c] = v;
    }
  }
  return { flat, d };
}

const KERNELS = ['rbf', 'linear', 'poly', 'sigmoid'];

export function checkParams(p: SVCParams): void {
  const bad = (field: string, want: string, got: unknown): never => {
    throw new UserError(`SVC parameter ${field} must be ${want} (${got === undefined ? 'it is missing' : `got ${shortJson(got)}`}).`);
  };
  if (!KERNELS.includes(p.kernel)) bad('kernel', "one of 'rbf', 'linear', 'poly', 'sigmoid'", p.kernel);
  if (typeof p.C !== 'number' || !Number.isFinite(p.C) || p.C <= 0) bad('C', 'a finite number > 0', p.C);
  if (!(p.gamma === 'scale' || p.gamma === 'auto' || (typeof p.gamma === 'number' && Number.isFinite(p.gamma) && p.gamma >= 0))) {
    bad('gamma', "'scale', 'auto' or a finite number >= 0", p.gamma);
  }
  if (!Number.isInteger(p.degree) || p.degree < 0) bad('degree', 'an integer >= 0', p.degree);
  if (typeof p.coef0 !== 'number' || !Number.isFinite(p.coef0)) bad('coef0', 'a finite number', p.coef0);
  if (typeof p.tol !== 'number' || !Number.isFinite(p.tol) || p.tol <= 0) bad('tol', 'a finite number > 0', p.tol);
  if (typeof p.shrinking !== 'boolean') bad('shrinking', 'true or false', p.shrinking);
  if (!Number.isInteger(p.maxIter) || p.maxIter < -1) bad('maxIter', 'an integer >= -1 (-1 = no limit)', p.maxIter);
  if (typeof p.cacheSizeMB !== 'number' || !Number.isFinite(p.cacheSizeMB) || p.cacheSizeMB <= 0) {
    bad('cacheSizeMB', 'a finite number > 0', p.cacheSizeMB);
  }
  if (p.decisionFunctionShape !== 'ovr' && p.decisionFunctionShape !== 'ovo') bad('decisionFunctionShape', "'ovr' or 'ovo'", p.decisionFunctionShape);
  if (typeof p.breakTies !== 'boolean') bad('breakTies', 'true or false', p.breakTies);
  const cw = p.classWeight;
  if (!(cw === null || cw === 'balanced' || (typeof cw === 'object' && !Array.isArray(cw)))) {
    bad('classWeight', "null, 'balanced' or an object of weights per class", cw);
  }
  if (cw !== null && typeof cw === 'object') {
    for (const [key, v] of Object.entries(cw)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`classWeight[${JSON.stringify(key)}]`, 'a finite number >= 0', v);
    }
  }
}

export function fittedToJSON(params: SVCParams, s: FittedSVC): SVCJSON {
  const nSv = s.support.length;
  const supportVectors: number[][] = [];
  for (let i = 0; i < nSv; i++) supportVectors.push(Array.from(s.sv.subarray(i * s.d, i * s.d + s.d)));
  return {
    kind: 'SVC',
    params: { ...params, classWeight: params.classWeight && typeof params.classWeight === 'object' ? { ...params.classWeight } : params.classWeight },
    classes: [...s.classes],
    gammaValue: s.gamma,
    nFeatures: s.d,
    support: Array.from(s.support),
    supportVectors,
    nSupport: Array.from(s.nSupport),
    rawDualCoef: s.dualCoef.map((r) => Array.from(r)),
    rawDualCoefNegativeZeros: negativeZeros(s.dualCoef),
    rawIntercept: Array.from(s.rawIntercept),
    classWeight: Array.from(s.classWeight),
    fitStatus: s.fitStatus,
    nIter: Array.from(s.nIter),
  };
}

/** [row, column] of each −0.0 of the dual coefficients (libsvm returns them; JSON cannot write them). */
export function negativeZeros(rows: readonly ArrayLike<number>[]): number[][] {
  const at: number[][] = [];
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) if (Object.is(row[c], -0)) at.push([r, c]);
  });
  return at;
}

/**
 * Gives the zeros of the dual coefficients their sign: from rawDualCoefNegativeZeros when recorded;
 * else (files saved before it) the sign svm_train's layout gives most of them — in the row of the
 * pair (r, c) a support vector of class c > r takes alpha · y with y = −1, so an alpha of 0 there is
 * −0.0 — though libsvm's solver may also end an alpha of the pair's first class at −0.0 (alpha[j] = −diff).
 */
function signZeros(dualCoef: Float64Array[], nSupport: readonly number[], recorded: unknown): void {
  const negative = new Set<number>();
  const nSv = dualCoef[0]?.length ?? 0;
  if (recorded === undefined) {
    const classOf: number[] = nSupport.flatMap((n, c) => new Array<number>(n).fill(c));
    dualCoef.forEach((_, r) => classOf.forEach((c, s) => { if (r < c) negative.add(r * nSv + s); }));
  } else {
    if (!Array.isArray(recorded)) fail('rawDualCoefNegativeZeros', 'must be an array of [row, column] pairs');
    recorded.forEach((at: unknown, i) => {
      const field = `rawDualCoefNegativeZeros[${i}]`;
      if (!Array.isArray(at) || at.length !== 2) fail(field, 'must be a [row, column] pair');
      const [r, c] = intArray(at, field);
      if (r! >= dualCoef.length || c! >= nSv) fail(field, `must be a position in rawDualCoef (${dualCoef.length} rows of ${nSv})`);
      if (dualCoef[r!]![c!] !== 0) fail(field, `must be the position of a 0 in rawDualCoef (rawDualCoef[${r}][${c}] is ${dualCoef[r!]![c!]})`);
      negative.add(r! * nSv + c!);
    });
  }
  dualCoef.forEach((row, r) => row.forEach((x, s) => { if (x === 0) row[s] = negative.has(r * nSv + s) ? -0 : 0; }));
}

function fail(field: string, msg: string): never {
  throw new UserError(`Saved SVC model: field "${field}" ${msg}.`);
}

function finiteArray(v: unknown, field: string, len?: number): number[] {
  if (!Array.isArray(v)) fail(field, 'must be an array of numbers');
  if (len !== undefined && v.length !== len) fail(field, `must have ${len} entries (has ${v.length})`);
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${field}[${i}]`, 'must be a finite number');
  });
  return v as number[];
}

function intArray(v: unknown, field: string, len?: number, min = 0): number[] {
  const a = finiteArray(v, field, len);
  a.forEach((x, i) => { if (!Number.isInteger(x) || x < min) fail(`${field}[${i}]`, `must be an integer >= ${min}`); });
  return a;
}

export function fittedFromJSON(json: unknown): { params: SVCParams; state: FittedSVC } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('(root)', 'must be an object');
  const j = json as Record<string, unknown>;
  if (j.kind !== 'SVC') fail('kind', j.kind === undefined ? 'is missing (it must be "SVC")' : `must be "SVC" (got ${shortJson(j.kind)})`);
  if (typeof j.params !== 'object' || j.params === null) fail('params', 'must be an object');
  const params = j.params as SVCParams;
  try {
    checkParams(params);
  } catch (e) {
    fail('params', `is invalid: ${(e as Error).message}`);
  }
  if (!Array.isArray(j.classes) || j.classes.length < 2) fail('classes', 'must be an array of at least 2 labels');
  const classes = j.classes as unknown[];
  const kind = typeof classes[0];
  classes.forEach((c, i) => {
    if (!(typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c))) || typeof c !== kind) {
      fail(`classes[${i}]`, 'must be a label of the same kind as the others (all numbers or all strings)');
    }
    if (i > 0 && compareLabels(classes[i - 1] as Label, c as Label) >= 0) fail('classes', 'must be sorted and distinct');
  });
  const k = classes.length;
  const gamma = j.gammaValue;
  if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma < 0) fail('gammaValue', 'must be a finite number >= 0');
  const d = j.nFeatures;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) fail('nFeatures', 'must be an integer >= 1');
  const nSupport = intArray(j.nSupport, 'nSupport', k);
  const nSv = nSupport.reduce((a, b) => a + b, 0);
  const support = intArray(j.support, 'support', nSv);
  if (!Array.isArray(j.supportVectors) || j.supportVectors.length !== nSv) fail('supportVectors', `must have ${nSv} rows`);
  const sv = new Float64Array(nSv * d);
  (j.supportVectors as unknown[]).forEach((row, i) => sv.set(finiteArray(row, `supportVectors[${i}]`, d), i * d));
  if (!Array.isArray(j.rawDualCoef) || j.rawDualCoef.length !== k - 1) fail('rawDualCoef', `must have ${k - 1} rows`);
  const dualCoef = (j.rawDualCoef as unknown[]).map((row, i) => Float64Array.from(finiteArray(row, `rawDualCoef[${i}]`, nSv)));
  signZeros(dualCoef, nSupport, j.rawDualCoefNegativeZeros);
  const nPairs = (k * (k - 1)) / 2;
  const rawIntercept = Float64Array.from(finiteArray(j.rawIntercept, 'rawIntercept', nPairs));
  const classWeight = Float64Array.from(finiteArray(j.classWeight, 'classWeight', k));
  const fitStatus = j.fitStatus;
  if (fitStatus !== 0 && fitStatus !== 1) fail('fitStatus', 'must be 0 or 1');
  const nIter = Int32Array.from(intArray(j.nIter, 'nIter', nPairs));
  return {
    params: { ...params },
    state: {
      classes: classes as Label[], gamma, d, support: Int32Array.from(support), sv,
      nSupport: Int32Array.from(nSupport), dualCoef, rawIntercept, classWeight, fitStatus, nIter,
    },
  };
}
