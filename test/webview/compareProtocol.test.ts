// The Compare Models message contract, both ways: only well-formed messages and states pass —
// the CV columns, the facts of the two-model diff, the axis among the chart's parameters and the
// baseline included; anything else is refused or falls back to the defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_COMPARE_STATE, parseCompareState, parseFromCompareWebview, parseToCompareWebview } from '../../src/protocol/comparePanel';
import { sweepRows } from './compareRows';

test('restored state: axis among the chart parameters, baseline and diff option kept; odd values fall back', () => {
  const good = { sort: { key: 'cvMean', direction: 'desc' }, filter: 'C=10', selected: ['file:///a'], parameter: 'seed', baseline: 'file:///a', diffOnlyDifferences: true };
  assert.deepEqual(parseCompareState(good), good);
  const odd = parseCompareState({ sort: { key: 'x' }, parameter: 'colour', baseline: 7, diffOnlyDifferences: 'yes', filter: 'x'.repeat(501) });
  assert.deepEqual(odd, DEFAULT_COMPARE_STATE);
  assert.equal('baseline' in odd, false);
});

test('rows with CV columns pass; a CV mean above 1 or a fractional rank does not', () => {
  const rows = sweepRows().map((r, i) => (i === 0 ? { ...r, cvMean: 0.975, cvStd: 0.02, cvRank: 1 } : r));
  assert.ok(parseToCompareWebview({ type: 'rows', rows, folders: ['models'] }));
  assert.equal(parseToCompareWebview({ type: 'rows', rows: [{ ...rows[0]!, cvMean: 97.5 }], folders: [] }), undefined);
  assert.equal(parseToCompareWebview({ type: 'rows', rows: [{ ...rows[0]!, cvRank: 1.5 }], folders: [] }), undefined);
});

test('facts: at most two models, known groups, text values, no extra fields', () => {
  const model = (id: string) => ({ id, name: id, facts: [{ group: 'Data', label: 'sha256', value: 'ab' }] });
  assert.deepEqual(parseToCompareWebview({ type: 'facts', models: [model('a'), model('b')] }), { type: 'facts', models: [model('a'), model('b')] });
  assert.ok(parseToCompareWebview({ type: 'facts', models: [{ id: 'a', name: 'a', facts: [], error: 'model.json: not JSON' }] }));
  for (const bad of [
    { type: 'facts', models: [model('a'), model('b'), model('c')] },
    { type: 'facts', models: [{ ...model('a'), facts: [{ group: 'Secrets', label: 'x', value: 'y' }] }] },
    { type: 'facts', models: [{ ...model('a'), facts: [{ group: 'Data', label: 'rows', value: 150 }] }] },
    { type: 'facts', models: [{ ...model('a'), extra: 1 }] },
  ]) assert.equal(parseToCompareWebview(bad), undefined, JSON.stringify(bad));
});

test('messages from the page: exactly the known ones', () => {
  assert.deepEqual(parseFromCompareWebview({ type: 'selection', ids: ['a', 'a', 'b'] }), { type: 'selection', ids: ['a', 'b'] });
  for (const bad of [{ type: 'selection', ids: [1] }, { type: 'baseline', id: 'a' }, { type: 'openModel', id: '' }, { type: 'exportCsv', ids: ['a'], path: '/etc' }]) {
    assert.equal(parseFromCompareWebview(bad), undefined, JSON.stringify(bad));
  }
});
