// Hyperparameter sweeps: list parsing and its refusals, the grid, and real sweeps on iris whose
// accuracies are scikit-learn's (test/fixtures/sweep/expected.json, scripts/fixtures/sweep.py).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gamma, Kernel } from '../../../src/core/svm/svc';
import { UserError } from '../../../src/core/types';
import type { TrainOptions } from '../../../src/core/usecases/contracts';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { defaultImportName } from '../../../src/core/interop/importJoblib';
import { loadModel } from '../../../src/core/artifacts/loadModel';
import { validate } from '../../../src/core/usecases/validate';
import { loadFixture, type Expected } from '../svm/fixtureCompare';
import { describePoint, expandGrid, gridSize, runSweep, sweepModelName, sweepVaries } from '../../../src/core/experiments/sweep';
import { parseCList, parseGammaList, parseSeedList } from '../../../src/core/experiments/valueLists';

interface Case { C: number; gamma: Gamma; seed: number; trainAccuracy: number; validAccuracy: number; nSupport: number[] }
const expected = JSON.parse(readFileSync('test/fixtures/sweep/expected.json', 'utf8')) as { grid: { C: number[]; gamma: Gamma[]; seed: number[] }; cases: Case[] };

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-sweep-')); });
after(() => rmSync(root, { recursive: true, force: true }));

function base(modelsDir: string): TrainOptions {
  return {
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir,
  };
}

const refused = (f: () => unknown, pattern: RegExp) => assert.throws(f, (e: unknown) => e instanceof UserError && pattern.test(e.message));

describe('value lists', () => {
  test('C, gamma and seed lists parse with spaces and keep their order', () => {
    assert.deepEqual(parseCList('0.1, 1, 10'), [0.1, 1, 10]);
    assert.deepEqual(parseCList('1e-3,.5,2E2'), [0.001, 0.5, 200]);
    assert.deepEqual(parseGammaList('scale, auto, 0.1, 0'), ['scale', 'auto', 0.1, 0]);
    assert.deepEqual(parseSeedList('2022,2023'), [2022, 2023]);
    assert.deepEqual(parseSeedList('0, 4294967295'), [0, 4294967295]);
    assert.deepEqual(parseCList('1'), [1]);
  });

  test('refusals name the option, the item and what to do', () => {
    refused(() => parseCList(''), /^--C is empty — give one value or a comma-separated list such as "0.1, 1, 10"$/);
    refused(() => parseCList('0.1,,10'), /^--C item 2 of "0.1,,10" is empty/);
    refused(() => parseCList('0.1, 1,'), /^--C item 3 of "0.1, 1," is empty/);
    refused(() => parseCList('0.1, abc'), /^--C item 2 of "0.1, abc": "abc" is not a number — C must be a number > 0$/);
    refused(() => parseCList('0'), /^--C "0": "0" must be > 0/);
    refused(() => parseCList('-1, 1'), /must be > 0/);
    refused(() => parseCList('1e999'), /is not a number/);
    refused(() => parseCList('1, 1.0'), /^--C lists 1.0 twice \(items 1 and 2\) — each value once$/);
    refused(() => parseCList('0x10'), /is not a number/);
    refused(() => parseGammaList('scale, Scale'), /"Scale" is neither "scale", "auto" nor a number/);
    refused(() => parseGammaList('-0.1'), /must be >= 0/);
    refused(() => parseGammaList('scale,scale'), /lists scale twice/);
    refused(() => parseSeedList('2022, 20.5'), /"20.5" must be a whole number from 0 to 4294967295/);
    refused(() => parseSeedList('4294967296'), /must be a whole number/);
    refused(() => parseSeedList('-1'), /must be a whole number/);
  });
});

describe('grid', () => {
  test('C outermost, then gamma, then seed; names after the parameters', () => {
    const points = expandGrid(base('/m'), { C: [0.1, 10], gamma: ['scale', 0.1], seed: [2022, 2023] });
    assert.deepEqual(points.map((p) => p.name), [
      'iris-C0.1-gscale-s2022', 'iris-C0.1-gscale-s2023', 'iris-C0.1-g0.1-s2022', 'iris-C0.1-g0.1-s2023',
      'iris-C10-gscale-s2022', 'iris-C10-gscale-s2023', 'iris-C10-g0.1-s2022', 'iris-C10-g0.1-s2023',
    ]);
    assert.equal(sweepModelName({ data: { kind: 'csv', path: '/d/My Flowers.csv' }, kernel: 'rbf' }, { C: 1e21, gamma: 1e-7, seed: 1 }), 'my-flowers-C1e21-g1e-7-s1');
    assert.equal(sweepModelName({ data: { kind: 'iris' }, name: 'exp1', kernel: 'rbf' }, { C: 1, gamma: 'auto', seed: 5 }), 'exp1-C1-gauto-s5');
    // Accented letters keep their base letter; a name in another script leaves "data".
    assert.equal(sweepModelName({ data: { kind: 'csv', path: '/d/données été.csv' }, kernel: 'rbf' }, { C: 1, gamma: 'scale', seed: 1 }), 'donnees-ete-C1-gscale-s1');
    assert.equal(sweepModelName({ data: { kind: 'csv', path: '/d/붓꽃.csv' }, kernel: 'rbf' }, { C: 1, gamma: 'scale', seed: 1 }), 'data-C1-gscale-s1');
    // Imported joblib files are named by the same rule (a scaler/classifier pair after its folder).
    assert.equal(defaultImportName('/w/Modèle Été/classifier.joblib'), 'imported-modele-ete');
    assert.equal(defaultImportName('/w/db_pipeline.joblib.gz'), 'imported-db-pipeline');
    assert.equal(defaultImportName('/w/wine.pkl'), 'imported-wine');
    assert.equal(defaultImportName('/w/course/scaler.pkl'), 'imported-course');
    assert.equal(defaultImportName('/w/붓꽃.joblib'), 'imported-model');
    // Other kernels are named; a linear kernel has no gamma.
    assert.equal(sweepModelName({ data: { kind: 'iris' }, kernel: 'poly' }, { C: 1, gamma: 'scale', seed: 5 }), 'iris-poly-C1-gscale-s5');
    assert.equal(sweepModelName({ data: { kind: 'iris' }, kernel: 'linear' }, { C: 0.5, gamma: 'scale', seed: 5 }), 'iris-linear-C0.5-s5');
  });

  test("a poly or sigmoid kernel's degree and coef0 are named when they are not SVC's defaults (two models must not look alike)", () => {
    const named = (kernel: Kernel, degree: number, coef0: number): string =>
      sweepModelName({ data: { kind: 'iris' }, kernel, degree, coef0 }, { C: 1, gamma: 'scale', seed: 2023 });
    assert.equal(named('poly', 3, 0), 'iris-poly-C1-gscale-s2023');
    assert.equal(named('poly', 2, 0), 'iris-poly-d2-C1-gscale-s2023');
    assert.equal(named('poly', 0, 1), 'iris-poly-d0-r1-C1-gscale-s2023');
    assert.equal(named('poly', 3, -0.5), 'iris-poly-r-0.5-C1-gscale-s2023');
    assert.equal(named('sigmoid', 2, 1e-7), 'iris-sigmoid-r1e-7-C1-gscale-s2023');
    // Kernels that do not use them are not renamed by them.
    assert.equal(named('rbf', 2, 1), 'iris-C1-gscale-s2023');
    assert.equal(named('linear', 2, 1), 'iris-linear-C1-s2023');
    // A sweep over kernels with --degree 2 names only the poly models after it.
    const points = expandGrid({ ...base('/m'), degree: 2 }, { kernel: ['rbf', 'poly'], C: [1], gamma: ['scale'], seed: [2023] });
    assert.deepEqual(points.map((p) => p.name), ['iris-C1-gscale-s2023', 'iris-poly-d2-C1-gscale-s2023']);
  });

  test('a name that fits alone but not with the parameters of the sweep\'s longest-named model is refused about the name, with the length that fits', () => {
    const grid = { C: [1, 0.001], gamma: ['scale' as const], seed: [2023] };
    // "-C0.001-gscale-s2023" is 20 characters: 108 + 20 = 128 fits, 109 does not (the shorter C=1 name would).
    assert.deepEqual(expandGrid({ ...base('/m'), name: 'n'.repeat(108) }, grid).map((p) => p.name.length), [124, 128]);
    assert.throws(() => expandGrid({ ...base('/m'), name: 'n'.repeat(109) }, grid), (e: Error) => e instanceof UserError
      && e.message === `the name "${'n'.repeat(109)}" (109 characters) is too long for this sweep: a model is named "${'n'.repeat(109)}-C0.001-gscale-s2023" (129 characters), and a model name has at most 128 — shorten it to at most 108 characters`);
    // A name that is no name at all is still refused as such.
    assert.throws(() => expandGrid({ ...base('/m'), name: 'a/b' }, grid), /model name "a\/b-C1-gscale-s2023" is not allowed/);
  });

  test('a kernel list goes outermost; the linear kernel takes the first gamma only (it does not use gamma)', () => {
    const grid = { kernel: ['rbf', 'linear', 'poly'] as const, C: [0.1, 1], gamma: ['scale', 'auto'] as Gamma[], seed: [2023] };
    const points = expandGrid(base('/m'), grid);
    assert.deepEqual(points.map((p) => p.name), [
      'iris-C0.1-gscale-s2023', 'iris-C0.1-gauto-s2023', 'iris-C1-gscale-s2023', 'iris-C1-gauto-s2023',
      'iris-linear-C0.1-s2023', 'iris-linear-C1-s2023',
      'iris-poly-C0.1-gscale-s2023', 'iris-poly-C0.1-gauto-s2023', 'iris-poly-C1-gscale-s2023', 'iris-poly-C1-gauto-s2023',
    ]);
    assert.equal(gridSize(grid), 10);
    assert.deepEqual(points.map((p) => p.kernel), ['rbf', 'rbf', 'rbf', 'rbf', 'linear', 'linear', 'poly', 'poly', 'poly', 'poly']);
    assert.equal(describePoint(points[4]!, { kernel: true }), 'kernel=linear, C=0.1, seed=2023');
    assert.equal(describePoint(points[0]!), 'C=0.1, gamma=scale, seed=2023');
    // Without a kernel list, the base options' kernel: a linear sweep counts one model per C whatever
    // the gamma list, and is refused with a gamma list (it would train each model again: "Trained 2 models" of 4 asked).
    assert.equal(gridSize({ C: [1, 10], gamma: ['scale', 'auto'], seed: [1] }, { kernel: 'linear' }), 2);
    refused(() => expandGrid({ ...base('/m'), kernel: 'linear' }, { C: [1, 10], gamma: ['scale', 'auto'], seed: [1] }), /^the gamma list \(scale, auto\) changes no model/);
    assert.deepEqual(expandGrid({ ...base('/m'), kernel: 'linear' }, { C: [1, 10], gamma: ['scale'], seed: [1] }).map((p) => p.name), ['iris-linear-C1-s1', 'iris-linear-C10-s1']);
    refused(() => expandGrid(base('/m'), { kernel: ['rbf', 'poly'], C: Array.from({ length: 501 }, (_, i) => i + 1), gamma: ['scale'], seed: [1] }), /1002 combinations \(2 kernel × 501 C × 1 gamma × 1 seed\)/);
  });

  test('degree and coef0 lists: only the kernels that use them are trained once per value (rbf once), names and lines say them', () => {
    const grid = { kernel: ['rbf', 'poly', 'sigmoid'] as const, C: [1], gamma: ['scale'] as Gamma[], degree: [2, 3], coef0: [0, 1], seed: [2023] };
    const points = expandGrid(base('/m'), grid);
    assert.deepEqual(points.map((p) => p.name), [
      'iris-C1-gscale-s2023',
      'iris-poly-d2-C1-gscale-s2023', 'iris-poly-d2-r1-C1-gscale-s2023', 'iris-poly-C1-gscale-s2023', 'iris-poly-r1-C1-gscale-s2023',
      'iris-sigmoid-C1-gscale-s2023', 'iris-sigmoid-r1-C1-gscale-s2023',
    ]);
    assert.equal(gridSize(grid), 7);
    assert.deepEqual(points.map((p) => [p.degree, p.coef0]), [[2, 0], [2, 0], [2, 1], [3, 0], [3, 1], [2, 0], [2, 1]]);
    const varies = sweepVaries(grid);
    assert.deepEqual(varies, { kernel: true, degree: true, coef0: true });
    assert.equal(describePoint(points[0]!, varies), 'kernel=rbf, C=1, gamma=scale, seed=2023');
    assert.equal(describePoint(points[2]!, varies), 'kernel=poly, C=1, gamma=scale, degree=2, coef0=1, seed=2023');
    assert.equal(describePoint(points[6]!, varies), 'kernel=sigmoid, C=1, gamma=scale, coef0=1, seed=2023');
    // One degree is said by the names, not by every line.
    assert.equal(describePoint(points[2]!, { coef0: true }), 'C=1, gamma=scale, coef0=1, seed=2023');
    // A list that no kernel of the sweep uses would train the same model again: refused, saying which kernel uses it.
    refused(() => expandGrid(base('/m'), { kernel: ['rbf', 'linear'], C: [1], gamma: ['scale'], degree: [2, 3], seed: [1] }),
      /^the degree list \(2, 3\) changes no model: only the poly kernel uses degree, and this sweep trains rbf, linear — add poly to the kernels, or give one degree$/);
    refused(() => expandGrid(base('/m'), { C: [1, 2], gamma: ['scale'], coef0: [0, 1], seed: [1] }), /^the coef0 list \(0, 1\) changes no model: only the poly and sigmoid kernels use coef0, and this sweep trains rbf — add poly or sigmoid to the kernels, or give one coef0$/);
    refused(() => expandGrid({ ...base('/m'), kernel: 'linear' }, { C: [1], gamma: [0, 1], seed: [1] }), /^the gamma list \(0, 1\) changes no model: only the rbf, poly and sigmoid kernels use gamma, and this sweep trains linear — add rbf to the kernels, or give one gamma$/);
    refused(() => expandGrid({ ...base('/m'), kernel: 'poly' }, { C: Array.from({ length: 100 }, (_, i) => i + 1), gamma: ['scale'], degree: [1, 2, 3], coef0: [0, 1, 2, 3], seed: [1] }),
      /1200 combinations \(100 C × 1 gamma × 3 degree × 4 coef0 × 1 seed\)/);
  });

  test('a grid over the limit is refused before anything is trained', () => {
    const many = Array.from({ length: 101 }, (_, i) => i + 1);
    refused(() => expandGrid(base('/m'), { C: many, gamma: ['scale', 'auto'], seed: [1, 2, 3, 4, 5] }), /1010 combinations \(101 C × 2 gamma × 5 seed\); at most 1000/);
  });
});

describe('runSweep on iris', () => {
  test('trains exactly one model per combination with scikit-learn\'s accuracies', async () => {
    const modelsDir = join(root, 'full');
    const steps: string[] = [];
    const fractions: number[] = [];
    const result = await runSweep(base(modelsDir), expected.grid, nodeFileSystem, { progress: { report: (s, f) => { steps.push(s); fractions.push(f ?? NaN); } } });
    assert.equal(result.cancelled, false);
    assert.equal(result.planned, 6);
    const names = expected.cases.map((c) => `iris-C${c.C}-g${c.gamma}-s${c.seed}`);
    assert.deepEqual(readdirSync(modelsDir).sort(), [...names].sort());
    assert.deepEqual(result.models.map((m) => m.result.name), names);
    for (const [i, c] of expected.cases.entries()) {
      const m = result.models[i];
      assert.equal(m.result.train.accuracy, c.trainAccuracy, `train accuracy ${names[i]}`);
      assert.equal(m.result.valid.accuracy, c.validAccuracy, `valid accuracy ${names[i]}`);
      const loaded = await loadModel(nodeFileSystem, m.result.modelDir);
      assert.equal(loaded.manifest.params.svc.C, c.C);
      assert.equal(loaded.manifest.params.svc.gamma, c.gamma);
      assert.equal(loaded.manifest.split.seed, c.seed);
      assert.deepEqual(loaded.pipeline.svc.nSupport, c.nSupport);
      assert.equal(loaded.manifest.metrics.validAccuracy, c.validAccuracy);
    }
    // One progress stream: every step names its model, fractions never go back, the last is 1.
    assert.ok(steps.some((s) => s.startsWith('Model 1 of 6 (C=0.1, gamma=scale, seed=2023): ')));
    assert.ok(steps.some((s) => s.startsWith('Model 6 of 6 (C=10, gamma=0.1, seed=2023): ')));
    for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i] >= fractions[i - 1], `fraction ${fractions[i]} after ${fractions[i - 1]}`);
    assert.equal(fractions.at(-1), 1);
    // A sweep model validates like any other.
    assert.equal((await validate(result.models[5].result.modelDir, nodeFileSystem)).status, 'matches');
  });

  test('a sweep over degree and coef0 fits each model with its own: two of them are scikit-learn\'s fixtures, bit for bit', async () => {
    const modelsDir = join(root, 'poly');
    const grid = { kernel: ['poly'] as Kernel[], C: [1, 3], gamma: ['scale'] as Gamma[], degree: [2, 4], coef0: [0.5, 1], seed: [2023] };
    const variants = loadFixture<{ cases: { name: string; expected: Expected }[] }>('variants.json');
    const result = await runSweep({ ...base(modelsDir), kernel: 'poly' }, grid, nodeFileSystem);
    assert.equal(result.models.length, 8);
    // SVC(kernel='poly', degree=2, coef0=1) and SVC(kernel='poly', degree=4, coef0=0.5, C=3) on iris (seed 2023).
    for (const [name, fixture] of [['iris-poly-d2-r1-C1-gscale-s2023', 'poly degree=2 coef0=1'], ['iris-poly-d4-r0.5-C3-gscale-s2023', 'poly degree=4 coef0=0.5 C=3']]) {
      const m = result.models.find((x) => x.result.name === name);
      assert.ok(m, name);
      const expected = variants.cases.find((c) => c.name === fixture)!.expected;
      const loaded = await loadModel(nodeFileSystem, m.result.modelDir);
      assert.deepEqual([loaded.manifest.params.svc.degree, loaded.manifest.params.svc.coef0], [m.degree, m.coef0]);
      assert.deepEqual(loaded.pipeline.svc.support, expected.support, name);
      // Every bit of dual_coef_, its -0.0s too (classifier.json's rawDualCoefNegativeZeros).
      assert.deepEqual(loaded.pipeline.svc.dualCoef, expected.dualCoef, name);
      assert.deepEqual(loaded.pipeline.svc.intercept, expected.intercept, name);
    }
  });

  test('running the same sweep again never overwrites: the new folders get -2', async () => {
    const modelsDir = join(root, 'again');
    const grid = { C: [0.1, 1], gamma: ['scale'] as Gamma[], seed: [2023] };
    await runSweep(base(modelsDir), grid, nodeFileSystem);
    const second = await runSweep(base(modelsDir), grid, nodeFileSystem);
    assert.deepEqual(second.models.map((m) => m.result.name), ['iris-C0.1-gscale-s2023-2', 'iris-C1-gscale-s2023-2']);
    assert.deepEqual(readdirSync(modelsDir).sort(), ['iris-C0.1-gscale-s2023', 'iris-C0.1-gscale-s2023-2', 'iris-C1-gscale-s2023', 'iris-C1-gscale-s2023-2']);
  });

  test('cancelling mid-sweep leaves only the completed models and no temporary folder', async () => {
    const modelsDir = join(root, 'cancel');
    const controller = new AbortController();
    // Abort while model 3 is being fitted: models 1 and 2 are saved, model 3 must leave nothing.
    const progress = { report: (s: string) => { if (s.startsWith('Model 3 of 6') && s.includes('Fitting')) controller.abort(); } };
    const result = await runSweep(base(modelsDir), expected.grid, nodeFileSystem, { signal: controller.signal, progress });
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.models.map((m) => m.result.name), ['iris-C0.1-gscale-s2023', 'iris-C0.1-g0.1-s2023']);
    assert.deepEqual(readdirSync(modelsDir).sort(), ['iris-C0.1-g0.1-s2023', 'iris-C0.1-gscale-s2023']);
    for (const m of result.models) assert.equal((await validate(m.result.modelDir, nodeFileSystem)).status, 'matches');
  });

  test('an already aborted signal trains nothing', async () => {
    const modelsDir = join(root, 'pre-aborted');
    const result = await runSweep(base(modelsDir), expected.grid, nodeFileSystem, { signal: AbortSignal.abort() });
    assert.deepEqual([result.cancelled, result.models.length], [true, 0]);
    assert.deepEqual(readdirSync(root).includes('pre-aborted') ? readdirSync(modelsDir) : [], []);
  });

  test('a sweep that saves nothing leaves no folder behind: cancelled in its first fit, or refused (out/models, both made before the fits, go again)', async () => {
    const out = join(root, 'saved-nothing');
    const controller = new AbortController();
    const progress = { report: (s: string) => { if (s.startsWith('Model 1 of 6') && s.includes('Fitting')) controller.abort(); } };
    const cancelled = await runSweep(base(join(out, 'models')), expected.grid, nodeFileSystem, { signal: controller.signal, progress });
    assert.deepEqual([cancelled.cancelled, cancelled.models.length], [true, 0]);
    assert.equal(existsSync(out), false, 'out/ is gone');
    const options = { ...base(join(out, 'models')), trainSize: { kind: 'count' as const, value: 200 } };
    await assert.rejects(runSweep(options, { C: [1, 2], gamma: ['scale'], seed: [2023] }, nodeFileSystem), UserError);
    assert.equal(existsSync(out), false, 'out/ is gone after the refusal');
    // A models folder that was there stays, empty as it was.
    const kept = join(root, 'kept-empty');
    mkdirSync(kept);
    await runSweep(base(kept), expected.grid, nodeFileSystem, { signal: AbortSignal.abort() });
    assert.deepEqual(readdirSync(kept), []);
  });

  test('a refusal names the combination and the models saved before it', async () => {
    const modelsDir = join(root, 'refused');
    // 200 training rows out of 150 is impossible: scikit-learn's refusal, prefixed with the combination.
    const options = { ...base(modelsDir), trainSize: { kind: 'count' as const, value: 200 } };
    await assert.rejects(runSweep(options, { C: [1, 2], gamma: ['scale'], seed: [2023] }, nodeFileSystem),
      (e: unknown) => e instanceof UserError && /^model 1 of 2 \(C=1, gamma=scale, seed=2023\): /.test(e.message));
  });
});
