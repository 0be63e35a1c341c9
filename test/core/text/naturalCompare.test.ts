// The one name order (Compare's table and CSV, the Saved Models view's Sort by Name, `model-lab
// compare`): numbers with their decimals by value, before words; case aside; a total order.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { naturalCompare } from '../../../src/core/text/naturalCompare';
import { sortRows, type ComparisonRow } from '../../../src/core/experiments/comparison';
import { compareModels } from '../../../src/core/usecases/modelSummary';
import type { ModelSummary } from '../../../src/core/usecases/contracts';

/** A tester's sweep names, in the order Sort by Name must give (Compare sorted C0.1-g0.1 first, C0.01 second). */
const IN_ORDER = [
  'iris-C0.01-gscale-s2023', 'iris-C0.02-gscale-s2023', 'iris-C0.09-gscale-s2023',
  'iris-C0.1-g0.1-s2023', 'iris-C0.1-gscale-s2023', 'iris-C0.1-gscale-s2023-2',
  'iris-C0.11-gscale-s2023', 'iris-C0.2-gscale-s2023', 'iris-C1-gscale-s2023', 'iris-C2-gscale-s2023', 'iris-C10-gscale-s2023',
];
const shuffled = [IN_ORDER[5], IN_ORDER[3], IN_ORDER[8], IN_ORDER[0], IN_ORDER[10], IN_ORDER[4], IN_ORDER[7], IN_ORDER[1], IN_ORDER[9], IN_ORDER[6], IN_ORDER[2]] as string[];

test('numbers with decimals by value: C0.01 < C0.02 < C0.1 < C0.11 < C0.2 < C1 < C2 < C10; numbers before words', () => {
  assert.deepEqual([...shuffled].sort(naturalCompare), IN_ORDER);
  assert.deepEqual(['model-10', 'model-2', 'Model-3'].sort(naturalCompare), ['model-2', 'Model-3', 'model-10']);
});

test('a total order: equal values written differently, and case, still get one place each', () => {
  const names = ['m0.10', 'm0.1', 'M0.1', 'm00.1', 'run-99999999999999999999', 'run-100000000000000000000'];
  const sorted = [...names].sort(naturalCompare);
  assert.deepEqual([...names].reverse().sort(naturalCompare), sorted);
  assert.deepEqual(sorted.slice(-2), ['run-99999999999999999999', 'run-100000000000000000000']);
  for (const a of names) for (const b of names) assert.ok(Math.sign(naturalCompare(a, b)) === -Math.sign(naturalCompare(b, a)) && (naturalCompare(a, b) === 0) === (a === b), `${a} ${b}`);
});

test('Compare (sortRows, so its page and CSV), the Saved Models view and the CLI sort names the same way', () => {
  const rows = shuffled.map((name) => ({ name, dir: `/m/${name}`, status: 'ok' }) as ComparisonRow);
  assert.deepEqual(sortRows(rows, 'name', 'asc').map((r) => r.name), IN_ORDER);
  assert.deepEqual(sortRows(rows, 'name', 'desc').map((r) => r.name), [...IN_ORDER].reverse());
  const summaries = shuffled.map((name) => ({ name, dir: `/m/${name}`, status: 'ok', mtimeMs: 0 }) as ModelSummary);
  assert.deepEqual(summaries.sort(compareModels('name')).map((s) => s.name), IN_ORDER);
});
