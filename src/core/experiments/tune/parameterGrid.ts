// sklearn.model_selection.ParameterGrid over {"svc__C", "svc__coef0", "svc__degree", "svc__gamma",
// "svc__kernel"}: keys sorted by name (uppercase "C" first), their product taken with the last key
// varying fastest. That order is the candidates' order in cv_results_, and it breaks rank ties.
import { UserError } from '../../types';
import type { SearchGrid, SearchParams } from '../../artifacts/searchRecord';
import { kernelUses } from '../../svm/kernelParameters';

/** A grid of more fits than this (candidates × folds) needs the user's explicit go-ahead (--yes). */
export const MAX_FITS_WITHOUT_CONFIRMATION = 500;

/** Number of candidates: the product of the lists' lengths. */
export function candidateCount(grid: SearchGrid): number {
  return grid.C.length * grid.coef0.length * grid.degree.length * grid.gamma.length * grid.kernel.length;
}

/** Refuses an empty list with ParameterGrid's message and the flag to fix. */
export function checkGridLists(grid: SearchGrid): void {
  const empty = (['kernel', 'C', 'gamma', 'degree', 'coef0'] as const).find((k) => grid[k].length === 0);
  if (empty !== undefined) throw new UserError(`Parameter grid for parameter 'svc__${empty}' need to be a non-empty sequence — give --${empty} at least one value`);
}

/** Every candidate in GridSearchCV's order: C outermost, then coef0, degree, gamma, kernel fastest. */
export function expandParameterGrid(grid: SearchGrid): SearchParams[] {
  checkGridLists(grid);
  const out: SearchParams[] = [];
  for (const C of grid.C) {
    for (const coef0 of grid.coef0) {
      for (const degree of grid.degree) {
        for (const gamma of grid.gamma) {
          for (const kernel of grid.kernel) out.push({ kernel, C, gamma, degree, coef0 });
        }
      }
    }
  }
  return out;
}

/** Candidate `index` of expandParameterGrid(grid), without expanding the grid (a mixed-radix number). */
export function candidateAt(grid: SearchGrid, index: number): SearchParams {
  let rest = index;
  const digit = <T>(values: readonly T[]): T => {
    const v = values[rest % values.length];
    rest = Math.floor(rest / values.length);
    return v;
  };
  // The fastest list is the last digit: kernel, then gamma, degree, coef0, C.
  const kernel = digit(grid.kernel);
  const gamma = digit(grid.gamma);
  const degree = digit(grid.degree);
  const coef0 = digit(grid.coef0);
  const C = digit(grid.C);
  return { kernel, C, gamma, degree, coef0 };
}

/** "C=1, gamma=scale, kernel=rbf" (degree and coef0 only where the kernel uses them). */
export function describeParams(p: SearchParams): string {
  const parts = [`kernel=${p.kernel}`, `C=${p.C}`];
  if (kernelUses(p.kernel, 'gamma')) parts.push(`gamma=${p.gamma}`);
  if (kernelUses(p.kernel, 'degree')) parts.push(`degree=${p.degree}`);
  if (kernelUses(p.kernel, 'coef0')) parts.push(`coef0=${p.coef0}`);
  return parts.join(', ');
}
