// V8 flags the SVM needs are set only while it compiles (scopedV8Flags.ts): afterwards V8's flags are
// as node started them — so Node keeps using the code it cached for its own modules — and the
// compiled module still has what the flags gave it. Seen through WebAssembly.validate of a module that
// needs relaxed SIMD, which Node 20 has only behind a flag (this file runs in a process of its own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withV8Flags } from '../../../src/core/svm/scopedV8Flags';
import { RELAXED_MADD, compiledSvm, svmBuild } from '../../../src/core/svm/svmEngine';
import { SVC } from '../../../src/core/svm/svc';
import { loadIris } from '../../../src/core/datasets/iris';

const RELAXED = { set: '--experimental-wasm-relaxed-simd', restore: '--no-experimental-wasm-relaxed-simd' };
const asStarted = WebAssembly.validate(RELAXED_MADD);

test('withV8Flags sets the flags for the call only, also when it throws', { skip: asStarted && 'this node has relaxed SIMD on by default' }, () => {
  assert.equal(withV8Flags([RELAXED], () => WebAssembly.validate(RELAXED_MADD)), true);
  assert.equal(WebAssembly.validate(RELAXED_MADD), false);
  assert.throws(() => withV8Flags([RELAXED], () => { throw new Error('inside'); }), /inside/);
  assert.equal(WebAssembly.validate(RELAXED_MADD), false);
});

test('after the SVM compiled, V8\'s flags are as node started them, and the FMA build (relaxed SIMD) still fits', () => {
  compiledSvm();
  assert.equal(WebAssembly.validate(RELAXED_MADD), asStarted);
  // This machine's FMA3 fuses relaxed madd: the FMA build is chosen, and its functions that V8
  // compiles only now, at their first call, still take relaxed SIMD.
  assert.equal(svmBuild(), process.env['MODEL_LAB_SVM_BUILD'] === 'portable' ? 'portable' : 'fma');
  const { X, y } = loadIris();
  const model = new SVC().fit(X, y);
  assert.deepEqual(model.nSupport, [7, 29, 24], "scikit-learn's SVC().fit(load_iris()) n_support_");
  assert.equal(WebAssembly.validate(RELAXED_MADD), asStarted);
});
