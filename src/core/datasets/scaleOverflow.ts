// Values so large that StandardScaler's variance overflows a double. numpy sums the squared
// deviations from the column's mean; past ~1.3e154 one square is already infinite, and scikit-learn
// then scales by inf and its SVC refuses the result ("The dual coefficients or intercepts are not
// finite. The input data may contain large values"). Said here, at the line, before any fit — not
// later as a field of a model file the user never saw.
import { lineError, type UserError } from '../types';
import { pythonFloat } from '../text/pythonFloat';

/**
 * The error for the first feature column whose squared deviations from its mean do not sum to a
 * finite number (naming the line of its value farthest from the mean), or undefined.
 */
export function scaleOverflow(file: string, X: readonly (readonly number[])[], names: readonly string[], lines: readonly number[]): UserError | undefined {
  const n = X.length;
  if (n === 0) return undefined;
  for (let j = 0; j < names.length; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += X[i]![j]!;
    let mean = sum / n;
    // A sum that overflowed: the mean of values scaled down keeps the farthest value findable.
    if (!Number.isFinite(mean)) {
      let scaled = 0;
      for (let i = 0; i < n; i++) scaled += X[i]![j]! / n;
      mean = scaled;
    }
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = X[i]![j]! - mean;
      squares += d * d;
    }
    if (Number.isFinite(squares) && Number.isFinite(sum)) continue;
    let far = 0;
    for (let i = 1; i < n; i++) if (Math.abs(X[i]![j]! - mean) > Math.abs(X[far]![j]! - mean)) far = i;
    return lineError(file, lines[far]!, names[j], `${pythonFloat(X[far]![j]!)} is too large to scale: the column's variance overflows a double (scikit-learn's StandardScaler overflows too, and its SVC then refuses the data) — fix the row, or give the column in a larger unit`);
  }
  return undefined;
}
