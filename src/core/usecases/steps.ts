// Small shared steps of the use cases: abort checks, progress, accuracy counting, course-style lines.
import type { Label } from '../types';
import type { AccuracyCount, RunControl } from './contracts';
import { pythonFloatRepr } from '../split/pythonRepr';
import { accuracyCounts } from '../metrics';

/** Throws the signal's reason (an AbortError) when the run was cancelled. */
export function checkAborted(control: RunControl | undefined): void {
  const signal = control?.signal;
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
}

/** Reports a step and checks for cancellation before it starts. */
export function step(control: RunControl | undefined, name: string, fraction?: number): void {
  checkAborted(control);
  control?.progress?.report(name, fraction);
}

/** scikit-learn's accuracy_score with the counts behind it. */
export function accuracyCount(yTrue: readonly Label[], yPred: readonly Label[]): AccuracyCount {
  return accuracyCounts(yTrue, yPred);
}

/** Python's print of a float: 1.0, 0.9666666666666667. */
export function pyFloat(x: number): string {
  return pythonFloatRepr(x);
}

export function take<T>(rows: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => rows[i]);
}
