// The message contract between the extension and the results webview: only well-formed messages
// pass; everything else (extra fields, unknown types, wrong shapes) is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAccuracyCount, pythonFloat, parseFromWebview, parsePanelState, parseToWebview } from '../../src/protocol/resultsPanel';

test('messages from the webview: exactly the three known ones', () => {
  for (const type of ['ready', 'revalidate', 'revealArtifacts', 'showTuneResults'] as const) assert.deepEqual(parseFromWebview({ type }), { type });
  for (const bad of [undefined, null, 'ready', 42, [], {}, { type: 'ready', x: 1 }, { type: 'openFile', path: '/etc/passwd' }, { type: ['ready'] }, Object.create({ type: 'ready' })]) {
    assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
  }
});

test('restored panel state is checked before use', () => {
  assert.deepEqual(parsePanelState({ modelDir: 'file:///w/models/a', name: 'a', xFeature: 2, yFeature: 3 }), { modelDir: 'file:///w/models/a', name: 'a', xFeature: 2, yFeature: 3 });
  assert.deepEqual(parsePanelState({ modelDir: 'file:///w/models/a', name: 'a', xFeature: -1, yFeature: 1.5 }), { modelDir: 'file:///w/models/a', name: 'a', xFeature: undefined, yFeature: undefined });
  for (const bad of [null, {}, { modelDir: '', name: 'a' }, { modelDir: 1, name: 'a' }, { modelDir: 'x', name: 2 }]) assert.equal(parsePanelState(bad), undefined);
});

test('messages to the webview must have a known type and the view fields', () => {
  assert.deepEqual(parseToWebview({ type: 'loading', name: 'm' }), { type: 'loading', name: 'm' });
  assert.equal(parseToWebview({ type: 'results', view: { status: 'matches' } }), undefined);
  assert.equal(parseToWebview({ type: 'results', view: { status: 'great', name: 'm', modelDir: '/m', classNames: [], parameters: [], split: [], provenance: [], artifacts: [] } }), undefined);
});

test('accuracies are written like the results page and notifications show them', () => {
  assert.equal(formatAccuracyCount({ accuracy: 116 / 120, correct: 116, total: 120 }), '96.67 % (116/120)');
  assert.equal(formatAccuracyCount({ accuracy: 1, correct: 30, total: 30 }), '100.00 % (30/30)');
  assert.equal(pythonFloat(1), '1.0');
  assert.equal(pythonFloat(116 / 120), '0.9666666666666667');
});

test('the whole view is checked, not only its top-level fields', async () => {
  const { sampleView } = await import('./sampleView');
  const good = await sampleView();
  assert.ok(parseToWebview({ type: 'results', view: good }), 'the sample view passes');
  const broken: [string, (v: any) => void][] = [
    ['a string in a confusion matrix', (v) => { v.valid.confusion[0][0] = '12'; }],
    ['a per-class row without recall', (v) => { delete v.valid.perClass[0].recall; }],
    ['a parameter pair of three', (v) => { v.parameters.push(['a', 'b', 'c']); }],
    ['an accuracy above 1', (v) => { v.train.accuracy = 2; }],
    ['a point with a text coordinate', (v) => { v.data.X[0][0] = 'x'; }],
    ['an artifact without a file name', (v) => { v.artifacts.push({ sha256: 'ab' }); }],
  ];
  for (const [what, change] of broken) {
    const v = structuredClone(good) as any;
    change(v);
    assert.equal(parseToWebview({ type: 'results', view: v }), undefined, what);
  }
});
