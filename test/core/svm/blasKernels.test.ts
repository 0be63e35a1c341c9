// scikit-learn's SVC takes its dot products from OpenBLAS, whose ddot kernel depends on the
// processor: Haswell's (AVX2) or SkylakeX's (AVX-512), which round differently in the last bit. The
// engine reproduces both and picks the one OpenBLAS picks here (openBlasKernel.ts). Checked against
// Debian's scipy / scikit-learn 1.2.1 with each kernel forced (OPENBLAS_CORETYPE): the dot products
// bit for bit, and whole fits through the CLI (dual coefficients, intercepts, support vectors).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlasKernel, type BlasKernel } from '../../../src/core/svm/openBlasKernel';
import { putF64, svmBuild, svmInstance } from '../../../src/core/svm/svmEngine';
import { runCliSync } from '../hardening/cliProcess';
import { PYTHON } from '../interop/python/debianPython';

const REFERENCE = join(__dirname, 'python', 'blas_reference.py');
const CORETYPE: Record<BlasKernel, string> = { haswell: 'Haswell', skylakex: 'SkylakeX' };

function python(args: string[], kernel?: BlasKernel): unknown {
  const env = { ...process.env };
  delete env['OPENBLAS_CORETYPE'];
  if (kernel) env['OPENBLAS_CORETYPE'] = CORETYPE[kernel];
  const r = spawnSync(PYTHON, [REFERENCE, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'model-lab-blas-'));
  const r = spawnSync(PYTHON, ['-c', [
    'import sys',
    'from sklearn.datasets import load_iris, load_wine, load_digits',
    'for name, load in [("iris", load_iris), ("wine", load_wine), ("digits", load_digits)]:',
    '    d = load(as_frame=True).frame',
    '    d.columns = [f"f{i}" for i in range(d.shape[1] - 1)] + ["target"]',
    '    d.to_csv(f"{sys.argv[1]}/{name}.csv", index=False)',
  ].join('\n'), dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the kernel: MODEL_LAB_BLAS_KERNEL, else OPENBLAS_CORETYPE, else AVX-512 (avx512f and avx512vl) in /proc/cpuinfo', () => {
  const avx2 = 'processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\n';
  const avx512 = 'processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq avx512vl avx512_bf16\n';
  assert.equal(openBlasKernel({ MODEL_LAB_BLAS_KERNEL: 'haswell', OPENBLAS_CORETYPE: 'SkylakeX' }, () => avx512), 'haswell');
  assert.equal(openBlasKernel({ MODEL_LAB_BLAS_KERNEL: 'SkylakeX' }, () => avx2), 'skylakex');
  for (const core of ['SkylakeX', 'COOPERLAKE', 'sapphirerapids']) assert.equal(openBlasKernel({ OPENBLAS_CORETYPE: core }, () => avx2), 'skylakex', core);
  for (const core of ['Haswell', 'Zen', 'Sandybridge']) assert.equal(openBlasKernel({ OPENBLAS_CORETYPE: core }, () => avx512), 'haswell', core);
  if (process.arch === 'x64' && process.platform === 'linux') {
    assert.equal(openBlasKernel({}, () => avx512), 'skylakex');
    assert.equal(openBlasKernel({}, () => avx2), 'haswell');
    assert.equal(openBlasKernel({}, () => avx512.replace(' avx512vl', '')), 'haswell', 'AVX512VL is what OpenBLAS asks for');
    assert.equal(openBlasKernel({}, () => ''), 'haswell');
    // This machine: the kernel found from the real /proc/cpuinfo is the one this OpenBLAS chose.
    const arch = python(['arch']) as string;
    const expected: BlasKernel = ['SkylakeX', 'Cooperlake', 'SapphireRapids'].includes(arch) ? 'skylakex' : 'haswell';
    assert.equal(openBlasKernel({}), expected, `OpenBLAS chose ${arch} here`);
  }
});

for (const kernel of ['haswell', 'skylakex'] as const) {
  test(`blas_dot with the ${kernel} kernel is OpenBLAS's ddot bit for bit, n = 1 … 300 and longer (${svmBuild()} build)`, () => {
    const w = svmInstance(kernel);
    const cases = python(['ddot', '17'], kernel) as [number[], number[], number][];
    const wrong = cases.filter(([x, y, want]) => {
      w.svm_reset();
      return w.blas_dot(putF64(w, Float64Array.from(x)), putF64(w, Float64Array.from(y)), x.length) !== want;
    }).map(([x]) => x.length);
    assert.deepEqual(wrong, [], `lengths that differ of ${cases.length}`);
  });
}

test('fits through the CLI with the SkylakeX kernel equal scikit-learn\'s with OpenBLAS\'s SkylakeX kernel (iris, wine, digits; linear, poly, rbf)', () => {
  let differsFromHaswell = 0;
  for (const [data, kernels] of [['iris', ['linear', 'poly', 'rbf']], ['wine', ['linear', 'poly']], ['digits', ['linear', 'rbf']]] as const) {
    for (const svcKernel of kernels) {
      const csv = join(dir, `${data}.csv`);
      const fitWith = (kernel: BlasKernel) => {
        const out = mkdtempSync(join(dir, 'models-'));
        const r = runCliSync(['train', '--data', csv, '--kernel', svcKernel, '--drop', '', '--out', out], dir, [], { MODEL_LAB_BLAS_KERNEL: kernel });
        assert.equal(r.code, 0, r.err);
        const c = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!, 'classifier.json'), 'utf8'));
        return { rawDualCoef: c.rawDualCoef, rawIntercept: c.rawIntercept, support: c.support };
      };
      const ours = fitWith('skylakex');
      // As JSON text: classifier.json keeps no signed zeros (the joblib export restores them), so -0 is 0 on both sides.
      assert.equal(JSON.stringify(ours), JSON.stringify(python(['fit', csv, svcKernel], 'skylakex')), `${data}, ${svcKernel}`);
      if (JSON.stringify(ours) !== JSON.stringify(fitWith('haswell'))) differsFromHaswell++;
    }
  }
  assert.ok(differsFromHaswell >= 3, `the two kernels give other fits (${differsFromHaswell} of 7 differ), so this test tells them apart`);
});
