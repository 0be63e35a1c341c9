// The compiled SVM has two builds (scripts/build.mjs): the FMA one, which the other tests of this
// folder run where the hardware fuses (as here), and the portable one that emulates each fused
// multiply-add, for machines without. This file runs the numerics, the scikit-learn parity and the
// OpenBLAS kernel tests
// again on the portable build, and checks that the engine picks the build the machine calls for.
import './usePortableBuild';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { svmBuild } from '../../../src/core/svm/svmEngine';
import './numerics.test';
import './svcParity.test';
import './blasKernels.test';

test('MODEL_LAB_SVM_BUILD=portable runs the portable build', () => {
  assert.equal(svmBuild(), 'portable');
});

test('without it, the engine runs the FMA build exactly where the processor has FMA', () => {
  const fma = /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8')) || process.arch === 'arm64';
  const script = "process.stdout.write(require('./src/core/svm/svmEngine').svmBuild());";
  const env = { ...process.env };
  delete env['MODEL_LAB_SVM_BUILD'];
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, fma ? 'fma' : 'portable');
});
