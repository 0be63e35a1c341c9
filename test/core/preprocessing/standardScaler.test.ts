// StandardScaler against scikit-learn 1.2.1 (test/fixtures/numerics/scaler.json, made by
// scripts/fixtures/numerics.py): iris fitted from a pandas frame for seeds 0..99, 2022, 2023,
// constant features, with_mean/with_std off, row-major arrays and random data up to 50,000 rows.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StandardScaler, type MemoryLayout } from '../../../src/core/preprocessing/standardScaler';
import { RandomState } from '../../../src/core/random/randomState';
import { trainTestSplitIndices } from '../../../src/core/split/trainTestSplit';
import { UserError } from '../../../src/core/types';

interface IrisCase {
  seed: number;
  trainIdx: number[];
  validIdx: number[];
  mean: number[];
  var: number[];
  scale: number[];
  nSamplesSeen: number;
  trainT: number[][];
  validT: number[][];
}
interface OtherCase {
  name: string;
  layout: MemoryLayout;
  withMean: boolean;
  withStd: boolean;
  nSamplesSeen: number;
  mean: number[] | null;
  var: number[] | null;
  scale: number[] | null;
  transformRows: number[];
  transform: number[][];
  inverse: number[][];
  data?: number;
  random?: { seed: number; n: number; scale: number[]; shift: number[] };
}
const fx = JSON.parse(readFileSync(join(__dirname, '../../fixtures/numerics/scaler.json'), 'utf8')) as {
  iris: number[][];
  irisCases: IrisCase[];
  otherCases: OtherCase[];
  otherData: number[][][];
};

/** Compares element by element; returns the largest absolute difference and whether all were identical. */
function compare(actual: ArrayLike<number> | null, expected: readonly number[] | null, what: string): { exact: boolean; maxDiff: number } {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return { exact: true, maxDiff: 0 };
  }
  assert.equal(actual.length, expected.length, what);
  let maxDiff = 0;
  let exact = true;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) exact = false;
    maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
  }
  assert.ok(maxDiff <= 1e-12, `${what}: differs by ${maxDiff}`);
  return { exact, maxDiff };
}

function matrixFor(c: OtherCase): number[][] {
  if (c.data !== undefined) return fx.otherData[c.data]!;
  const r = c.random!;
  const rs = new RandomState(r.seed);
  // numpy fills random_sample((n, d)) row by row; the arithmetic is elementwise IEEE, as in the script.
  return Array.from({ length: r.n }, () => r.scale.map((s, j) => (rs.randomSample() - 0.5) * s + r.shift[j]!));
}

describe('StandardScaler matches scikit-learn', () => {
  test('iris, pandas frame, train_size=0.8, 102 seeds: mean_, var_, scale_, transform of train and valid rows', () => {
    let exactCases = 0;
    let maxDiff = 0;
    for (const c of fx.irisCases) {
      const split = trainTestSplitIndices(150, { trainSize: { kind: 'fraction', value: 0.8 }, randomState: c.seed });
      assert.deepEqual(split.train, c.trainIdx);
      const Xtr = c.trainIdx.map((i) => fx.iris[i]!);
      const Xva = c.validIdx.map((i) => fx.iris[i]!);
      const s = new StandardScaler().fit(Xtr);
      assert.equal(s.nSamplesSeen, c.nSamplesSeen);
      const parts = [
        compare(s.mean, c.mean, `seed ${c.seed} mean_`),
        compare(s.var, c.var, `seed ${c.seed} var_`),
        compare(s.scale, c.scale, `seed ${c.seed} scale_`),
        compare(s.transform(Xtr).flat(), c.trainT.flat(), `seed ${c.seed} transform(train)`),
        compare(s.transform(Xva).flat(), c.validT.flat(), `seed ${c.seed} transform(valid)`),
      ];
      if (parts.every((p) => p.exact)) exactCases++;
      maxDiff = Math.max(maxDiff, ...parts.map((p) => p.maxDiff));
    }
    console.log(`iris scaler cases bit-exact: ${exactCases}/${fx.irisCases.length}, largest difference ${maxDiff}`);
    assert.equal(exactCases, fx.irisCases.length);
  });

  test('the course reference row: seed 2023, [4.9 3.1 1.5 0.1]', () => {
    const c = fx.irisCases.find((x) => x.seed === 2023)!;
    const Xtr = c.trainIdx.map((i) => fx.iris[i]!);
    assert.deepEqual(Xtr[0], [4.9, 3.1, 1.5, 0.1]);
    const row = new StandardScaler().fit(Xtr).transform([Xtr[0]!])[0]!;
    assert.deepEqual(row.map((v) => Number(v.toFixed(8))), [-1.17088947, 0.11301185, -1.34354813, -1.48656219]);
  });

  test('constant features, with_mean/with_std off, row-major layout, random data up to 50,000 rows', () => {
    let exactCases = 0;
    let maxDiff = 0;
    for (const c of fx.otherCases) {
      const X = c.name.startsWith('iris') ? fx.irisCases.find((x) => x.seed === 2023)!.trainIdx.map((i) => fx.iris[i]!) : matrixFor(c);
      const s = new StandardScaler({ withMean: c.withMean, withStd: c.withStd }).fit(X, c.layout);
      assert.equal(s.nSamplesSeen, c.nSamplesSeen, c.name);
      const rows = c.transformRows.map((i) => X[i]!);
      const t = s.transform(rows);
      const parts = [
        compare(s.mean, c.mean, `${c.name} mean_`),
        compare(s.var, c.var, `${c.name} var_`),
        compare(s.scale, c.scale, `${c.name} scale_`),
        compare(t.flat(), c.transform.flat(), `${c.name} transform`),
        compare(s.inverseTransform(t).flat(), c.inverse.flat(), `${c.name} inverse_transform`),
      ];
      if (parts.every((p) => p.exact)) exactCases++;
      else console.log(`not bit-exact: ${c.name}`);
      maxDiff = Math.max(maxDiff, ...parts.map((p) => p.maxDiff));
    }
    console.log(`other scaler cases bit-exact: ${exactCases}/${fx.otherCases.length}, largest difference ${maxDiff}`);
    assert.equal(exactCases, fx.otherCases.length);
  });
});

describe('StandardScaler JSON', () => {
  const X = [[1, 2], [3, 5], [4, 9]];
  test('round trip keeps every bit and the settings', () => {
    for (const opts of [{}, { withMean: false }, { withStd: false }, { withMean: false, withStd: false }]) {
      const s = new StandardScaler(opts).fit(X);
      const json = JSON.parse(JSON.stringify(s.toJSON()));
      const back = StandardScaler.fromJSON(json);
      assert.deepEqual(back.toJSON(), s.toJSON());
      assert.deepEqual(back.transform(X), s.transform(X));
    }
  });

  test('refuses malformed JSON with a UserError naming the field', () => {
    const good = new StandardScaler().fit(X).toJSON();
    const bad: [unknown, string][] = [
      [null, 'object'],
      [[], 'object'],
      [{ ...good, kind: 'MinMaxScaler' }, '"kind"'],
      [{ ...good, withMean: 'yes' }, '"withMean"'],
      [{ ...good, nFeatures: 3 }, '"mean"'],
      [{ ...good, nFeatures: 0 }, '"nFeatures"'],
      [{ ...good, nSamplesSeen: 1.5 }, '"nSamplesSeen"'],
      [{ ...good, mean: [1, 'a'] }, '"mean"'],
      [{ ...good, mean: [1] }, '"mean"'],
      [{ ...good, mean: null }, '"mean"'],
      [{ ...good, scale: [1, 0] }, '"scale"'],
      [{ ...good, scale: [1, -2] }, '"scale"'],
      [{ ...good, var: [1, -2] }, '"var"'],
      [{ ...good, scale: null }, '"scale"'],
      [JSON.parse(JSON.stringify({ ...good, mean: [1, Infinity] })), '"mean"'],
    ];
    for (const [json, field] of bad) {
      assert.throws(() => StandardScaler.fromJSON(json), (e: unknown) => e instanceof UserError && e.message.includes(field), JSON.stringify(json));
    }
  });

  test('refuses unusable input with messages that say where', () => {
    const s = new StandardScaler();
    assert.throws(() => s.transform(X), /not fitted/);
    assert.throws(() => s.fit([]), /0 samples/);
    assert.throws(() => s.fit([[1, 2], [3]]), /row 1 has 1 values/);
    assert.throws(() => s.fit([[1, NaN]]), /row 0, column 1/);
    s.fit(X);
    assert.throws(() => s.transform([[1, 2, 3]]), /fitted with 2/);
  });
});
