// Loads test/fixtures/joblib (made by scripts/fixtures/joblib_models.py with scikit-learn 1.2.1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Label } from '../../../src/core/types';
import type { JoblibFile } from '../../../src/core/interop/sklearn/sklearnModel';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'joblib');

export interface ModelCase {
  name: string;
  folder: string;
  files: string[];
  layout: 'separate' | 'pipeline';
  kernel: string;
  seed: number;
  labels: 'int' | 'unicode' | 'object';
  compress: string;
  binary: boolean;
  dataCsv: boolean;
  featureNamesIn: string[] | null;
  predictions: Label[];
  decisionOvo: number[][];
  trainAccuracy: number;
  validAccuracy: number;
  raw: {
    mean: number[]; var: number[]; scale: number[]; nSamplesSeen: number; supportVectors: number[][]; support: number[];
    dualCoef: number[][]; intercept: number[]; nSupport: number[]; classes: Label[]; gamma: number; C: number;
    degree: number; coef0: number; decisionFunctionShape: string; nIter: number[]; fitStatus: number; classWeight: number[];
  };
}

export interface Expected {
  sklearn: string;
  irisX: number[][];
  irisY: number[];
  models: ModelCase[];
  hostile: { file: string; expect: string[] }[];
}

export const expected: Expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));

export function fixtureFile(rel: string): JoblibFile {
  return { label: rel, bytes: new Uint8Array(readFileSync(join(FIXTURES, rel))) };
}

export function modelFiles(m: ModelCase): JoblibFile[] {
  return m.files.map((f) => fixtureFile(`${m.folder}/${f}`));
}

/** The rows a case was scored on: iris, without setosa for the two-class cases. */
export function caseRows(m: ModelCase): number[][] {
  return m.binary ? expected.irisX.filter((_, i) => expected.irisY[i] !== 0) : expected.irisX;
}
