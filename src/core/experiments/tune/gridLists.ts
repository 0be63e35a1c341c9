// The value lists of a tune grid as typed on a command line or in an input box ("0.1, 1, 10"):
// C and gamma as sweeps read them (experiments/sweep.ts), plus kernel, degree and coef0 lists.
import type { Kernel } from '../../svm/svc';
import { UserError } from '../../types';
import type { SearchGrid } from '../../artifacts/searchRecord';
import { parseCList, parseGammaList, parseList } from '../valueLists';

const KERNELS: readonly Kernel[] = ['rbf', 'linear', 'poly', 'sigmoid'];
/** train's own bound on --degree. */
const MAX_DEGREE = 1000;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The lists as typed, one per swept parameter; a missing one takes SVC's default. */
export type GridTexts = Partial<Record<keyof SearchGrid, string>>;

function nonEmpty(text: string, what: string, example: string): void {
  if (text.trim() === '') throw new UserError(`${what} is empty — give one value or a comma-separated list such as ${example}`);
}

/** Kernels, e.g. "rbf, linear". */
export function parseKernelList(text: string, what = '--kernel'): Kernel[] {
  nonEmpty(text, what, '"rbf, linear"');
  return parseList<Kernel>(text, what, (item) => (KERNELS.includes(item as Kernel) ? (item as Kernel) : { error: `is not a kernel — use ${KERNELS.join(', ')}` }));
}

/** Polynomial degrees: whole numbers 0 … 1000, e.g. "2, 3". */
export function parseDegreeList(text: string, what = '--degree'): number[] {
  nonEmpty(text, what, '"2, 3"');
  return parseList(text, what, (item) => {
    const v = Number(item);
    return /^\+?\d+$/.test(item) && v <= MAX_DEGREE ? v : { error: `must be a whole number from 0 to ${MAX_DEGREE}` };
  });
}

/** coef0 values: any finite numbers, e.g. "0, 0.5, -1". */
export function parseCoef0List(text: string, what = '--coef0'): number[] {
  nonEmpty(text, what, '"0, 0.5, -1"');
  return parseList(text, what, (item) => {
    const v = Number(item);
    return NUMBER.test(item) && Number.isFinite(v) ? v : { error: 'is not a number' };
  });
}

/**
 * The grid from the typed lists; SVC's defaults (rbf, 1, scale, 3, 0) for the ones not given. Throws a
 * UserError naming the list (as `nameOf` words it: "--C" on the command line, "C" in an input box) and item.
 */
export function parseSearchGrid(texts: GridTexts, nameOf: (key: keyof SearchGrid) => string = (k) => `--${k}`): SearchGrid {
  return {
    kernel: texts.kernel !== undefined ? parseKernelList(texts.kernel, nameOf('kernel')) : ['rbf'],
    C: texts.C !== undefined ? parseCList(texts.C, nameOf('C')) : [1],
    gamma: texts.gamma !== undefined ? parseGammaList(texts.gamma, nameOf('gamma')) : ['scale'],
    degree: texts.degree !== undefined ? parseDegreeList(texts.degree, nameOf('degree')) : [3],
    coef0: texts.coef0 !== undefined ? parseCoef0List(texts.coef0, nameOf('coef0')) : [0],
  };
}
