// Short texts describing a saved model's settings, shared by the tree tooltip and the results page.
import type { SplitSize } from './engine';

export function describeSplitSize(s: SplitSize | null): string {
  if (!s) return 'complement of the test size';
  return s.kind === 'count' ? `${s.value} rows` : `${s.value} of the rows`;
}
