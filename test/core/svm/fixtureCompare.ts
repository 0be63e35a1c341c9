// Shared helpers for comparing an SVC against the scikit-learn fixtures in test/fixtures/svc.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Label } from '../../../src/core/types';
import { SVC, type SVCParams } from '../../../src/core/svm/svc';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'svc');

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export interface Expected {
  classes: Label[];
  gamma: number;
  support: number[];
  nSupport: number[];
  dualCoef: number[][];
  intercept: number[];
  rawDualCoef: number[][];
  rawIntercept: number[];
  fitStatus: number;
  nIter: number[];
  classWeight: number[];
  predictTrain: Label[];
  predictTest: Label[];
  decision_ovo: number[] | number[][];
  decision_ovr?: number[] | number[][];
}

/** scikit-learn's snake_case SVC keyword arguments to SVCParams. */
export function toParams(p: Record<string, unknown>): Partial<SVCParams> {
  const map: Record<string, keyof SVCParams> = {
    kernel: 'kernel', C: 'C', gamma: 'gamma', degree: 'degree', coef0: 'coef0', tol: 'tol', shrinking: 'shrinking',
    max_iter: 'maxIter', class_weight: 'classWeight', cache_size: 'cacheSizeMB', break_ties: 'breakTies',
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (!(k in map)) throw new Error(`unmapped sklearn parameter ${k}`);
    out[map[k]] = v;
  }
  return out as Partial<SVCParams>;
}

export interface Comparison {
  structureEqual: boolean;
  problems: string[];
  coefDiff: number;
  interceptDiff: number;
  decisionDiff: number;
  bitExact: boolean;
}

function maxDiff(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i].length !== b[i].length) return Infinity;
    for (let j = 0; j < a[i].length; j++) m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
  }
  return m;
}

function asRows(v: number[] | number[][]): number[][] {
  return v.map((r) => (Array.isArray(r) ? r : [r]));
}

export function compareFit(m: SVC, e: Expected, Xtrain: number[][], Xtest: number[][]): Comparison {
  const problems: string[] = [];
  const eq = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what}: got ${JSON.stringify(a).slice(0, 200)} want ${JSON.stringify(b).slice(0, 200)}`);
  };
  eq('classes', m.classes, e.classes);
  eq('gamma', m.gammaValue, e.gamma);
  eq('support', m.support, e.support);
  eq('nSupport', m.nSupport, e.nSupport);
  eq('fitStatus', m.fitStatus, e.fitStatus);
  eq('nIter', m.nIter, e.nIter);
  eq('classWeight', m.classWeight, e.classWeight);
  const supportVectors = m.supportVectors;
  eq('supportVectors', supportVectors, e.support.map((i) => Xtrain[i]));
  eq('predictTrain', m.predict(Xtrain), e.predictTrain);
  eq('predictTest', m.predict(Xtest), e.predictTest);
  const coefDiff = Math.max(maxDiff(m.rawDualCoef, e.rawDualCoef), maxDiff(m.dualCoef, e.dualCoef));
  const interceptDiff = Math.max(maxDiff([m.rawIntercept], [e.rawIntercept]), maxDiff([m.intercept], [e.intercept]));
  let decisionDiff = maxDiff(m.decisionFunction(Xtest, 'ovo'), asRows(e.decision_ovo));
  if (e.decision_ovr) decisionDiff = Math.max(decisionDiff, maxDiff(m.decisionFunction(Xtest, 'ovr'), asRows(e.decision_ovr)));
  const bitExact = problems.length === 0 && coefDiff === 0 && interceptDiff === 0 && decisionDiff === 0;
  return { structureEqual: problems.length === 0, problems, coefDiff, interceptDiff, decisionDiff, bitExact };
}
