// The Tune results message contract, both ways: the view passes only with a search record the
// core's validator accepts (grid product, fold counts, ranks, best_index_); the page sends only
// 'ready' and 'openModel'; restored state keeps nothing but the model URI and the page's
// arrangement, odd values falling back. The extension's builder says why a model has no view.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { describeSearchParams, initialTuneState, parseFromTunePage, parseToTunePage, parseTuneState, type TuneView } from '../../src/protocol/tunePanel';
import { tuneMessageOf } from '../../src/extension/webviews/tuneResultsView';
import type { ModelManifest } from '../../src/core/artifacts/manifest';
import { tuneView } from './tuneView';

let view: TuneView;
before(async () => { view = await tuneView(); });

test('a view with a valid search passes as it is; a search the core refuses does not', () => {
  assert.deepEqual(parseToTunePage({ type: 'view', view }), { type: 'view', view });
  // The folder a panel followed (renamed on disk): a URI string, kept; anything else refuses the message.
  assert.deepEqual(parseToTunePage({ type: 'view', view, folder: 'file:///w/models/m2' }), { type: 'view', view, folder: 'file:///w/models/m2' });
  for (const folder of [1, '', null, 'x'.repeat(100_000)]) assert.equal(parseToTunePage({ type: 'view', view, folder }), undefined, JSON.stringify(folder).slice(0, 20));
  type Loose = Record<string, unknown> & { search: { bestIndex: number; candidates: (Record<string, unknown> & { foldScores: number[]; params: Record<string, unknown> })[] } };
  const clone = () => JSON.parse(JSON.stringify(view)) as Loose;
  const cases: [string, (v: ReturnType<typeof clone>) => void][] = [
    ['a rank 1 that is not the first', (v) => { v.search.bestIndex = 4; }],
    ['a candidate missing', (v) => { v.search.candidates.pop(); }],
    ['a fold score too many', (v) => { v.search.candidates[0]!.foldScores.push(1); }],
    ['a negative mean', (v) => { v.search.candidates[0]!.meanScore = -1; }],
    ['an unknown kernel', (v) => { v.search.candidates[0]!.params.kernel = 'cubic'; }],
    ['no train counts', (v) => { delete v.train; }],
    ['a seed that is text', (v) => { v.seed = '2023'; }],
  ];
  for (const [what, spoil] of cases) {
    const v = clone();
    spoil(v);
    assert.equal(parseToTunePage({ type: 'view', view: v }), undefined, what);
  }
  assert.deepEqual(parseToTunePage({ type: 'unavailable', name: 'm', reason: 'gone' }), { type: 'unavailable', name: 'm', reason: 'gone' });
  for (const bad of [null, 'view', { type: 'view' }, { type: 'unavailable', name: 1, reason: 'x' }, { type: 'other' }]) assert.equal(parseToTunePage(bad), undefined, JSON.stringify(bad));
});

test('messages from the page: exactly ready and openModel', () => {
  assert.deepEqual(parseFromTunePage({ type: 'openModel' }), { type: 'openModel' });
  assert.deepEqual(parseFromTunePage({ type: 'ready' }), { type: 'ready' });
  for (const bad of [{ type: 'openModel', path: '/etc' }, { type: 'revalidate' }, 'openModel', null, []]) assert.equal(parseFromTunePage(bad), undefined, JSON.stringify(bad));
});

test('restored state: the model URI and the arrangement; odd values fall back, no URI no state', () => {
  const good = { modelDir: 'file:///ws/models/t', name: 't', sort: { key: 'cvStd', direction: 'desc' }, parameter: 'gamma', expanded: [0, 3] };
  assert.deepEqual(parseTuneState(good), good);
  assert.deepEqual(parseTuneState({ modelDir: 'file:///ws/models/t', name: 't', sort: { key: 'name', direction: 'up' }, parameter: 'colour', expanded: [1.5] }), initialTuneState('file:///ws/models/t', 't'));
  assert.deepEqual(parseTuneState({ ...good, expanded: [2, 2, -1] })?.expanded, [2]);
  for (const bad of [undefined, {}, { modelDir: '', name: 't' }, { modelDir: 'x'.repeat(5000), name: 't' }, { modelDir: 'file:///a', name: 7 }]) assert.equal(parseTuneState(bad), undefined, JSON.stringify(bad)?.slice(0, 60));
});

test('best_params_ in words: only what the kernel uses', () => {
  assert.equal(describeSearchParams({ kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0 }), 'kernel=rbf, C=1.0, gamma=scale');
  assert.equal(describeSearchParams({ kernel: 'linear', C: 0.5, gamma: 'auto', degree: 3, coef0: 0 }), 'kernel=linear, C=0.5');
  assert.equal(describeSearchParams({ kernel: 'poly', C: 10, gamma: 0.1, degree: 2, coef0: 1 }), 'kernel=poly, C=10.0, gamma=0.1, degree=2, coef0=1.0');
  assert.equal(describeSearchParams({ kernel: 'sigmoid', C: 1, gamma: 'scale', degree: 3, coef0: -0.5 }), 'kernel=sigmoid, C=1.0, gamma=scale, coef0=-0.5');
});

test('the builder: a trained (not tuned) or damaged model has no view, and says why', () => {
  const manifest = { created: view.created, data: { source: 'iris', path: 'iris', rows: 150 }, split: { seed: 2023, nTrain: 120, nTest: 30 } } as unknown as ModelManifest;
  assert.match(JSON.stringify(tuneMessageOf('m', 'models/m', manifest)), /trained, not tuned/);
  assert.match(JSON.stringify(tuneMessageOf('m', 'models/m', undefined, 'model.json: not JSON (line 1)')), /cannot be loaded: model\.json: not JSON \(line 1\)/);
});

test('files changed since saving travel with the view; a malformed list is refused', () => {
  const changed = [{ file: 'model.json', change: 'modified' }];
  assert.deepEqual(parseToTunePage({ type: 'view', view: { ...view, changed } }), { type: 'view', view: { ...view, changed } });
  assert.equal(parseToTunePage({ type: 'view', view: { ...view, changed: [{ file: 1 }] } }), undefined);
  assert.equal(parseToTunePage({ type: 'view', view: { ...view, changed: 'model.json' } }), undefined);
});
