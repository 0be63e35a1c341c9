// Small shared steps of the use cases: abort checks, progress, accuracy counting, course-style lines.
import type { Label } from '../types';
import type { AccuracyCount, RunControl } from './contracts';
import { accuracyCounts } from '../metrics';
import { throwIfAborted } from '../abort';

/** Throws the signal's reason (an AbortError) when the run was cancelled. */
export function checkAborted(control: RunControl | undefined): void {
  throwIfAborted(control?.signal);
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

export function take<T>(rows: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => rows[i]);
}
