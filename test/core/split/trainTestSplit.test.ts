// train_test_split indices against scikit-learn 1.2.1 (test/fixtures/numerics/split.json): full index
// arrays for a few cases, a CRC-32 of the index sequence for every (n, sizes, seed) case, and refusals.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainTestSplitIndices, parseSplitSize, validateShuffleSplit } from '../../../src/core/split/trainTestSplit';
import { pythonFloat } from '../../../src/core/text/pythonFloat';
import { RandomState } from '../../../src/core/random/randomState';
import { UserError, type SplitSize } from '../../../src/core/types';
import { crc32Int32 } from './crc32';

type Spec = ['f' | 'i', number] | null;
interface Group {
  n: number;
  test: Spec;
  train: Spec;
  shuffle: boolean;
  error?: string;
  nTrain?: number;
  nTest?: number;
  seedStep?: number;
  crc?: number[];
  trainIdx?: number[];
  testIdx?: number[];
}
interface Full {
  n: number;
  test: Spec;
  train: Spec;
  seed: number;
  trainIdx: number[];
  testIdx: number[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/numerics/split.json'), 'utf8')) as {
  seeds: number[];
  groups: Group[];
  full: Full[];
};

const size = (s: Spec): SplitSize | undefined => (s === null ? undefined : { kind: s[0] === 'f' ? 'fraction' : 'count', value: s[1] });
const describeCase = (g: { n: number; test: Spec; train: Spec }) => `n=${g.n} test=${JSON.stringify(g.test)} train=${JSON.stringify(g.train)}`;

describe('trainTestSplitIndices matches scikit-learn', () => {
  test('full index arrays (iris seeds 2023/2022/0, n up to 20,000)', () => {
    for (const f of fixture.full) {
      const r = trainTestSplitIndices(f.n, { testSize: size(f.test), trainSize: size(f.train), randomState: f.seed });
      assert.deepEqual(r.train, f.trainIdx, describeCase(f));
      assert.deepEqual(r.test, f.testIdx, describeCase(f));
    }
  });

  test('every (n, sizes, seed) case by CRC-32 of the indices', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const g of fixture.groups) {
      if (!g.shuffle || g.crc === undefined) continue;
      const seeds = fixture.seeds.filter((_, i) => i % g.seedStep! === 0);
      assert.equal(seeds.length, g.crc.length);
      const { nTrain, nTest } = validateShuffleSplit(g.n, size(g.test), size(g.train), { kind: 'fraction', value: 0.25 });
      assert.equal(nTrain, g.nTrain, describeCase(g));
      assert.equal(nTest, g.nTest, describeCase(g));
      seeds.forEach((seed, k) => {
        // Same draws as trainTestSplitIndices, without building number[] copies (keeps 100k+ cases fast).
        const perm = new RandomState(seed).permutation(g.n);
        const crc = crc32Int32(perm.subarray(nTest, nTest + nTrain), crc32Int32(perm.subarray(0, nTest)));
        checked++;
        if (crc !== g.crc![k]) mismatches.push(`${describeCase(g)} seed=${seed}`);
      });
    }
    // The public function on a sample of the same cases, through its own path.
    const g = fixture.groups.find((x) => x.n === 257 && x.crc && x.test?.[0] === 'f' && x.train === null)!;
    fixture.seeds.forEach((seed, k) => {
      const r = trainTestSplitIndices(g.n, { testSize: size(g.test), randomState: seed });
      assert.equal(crc32Int32(Int32Array.from(r.train), crc32Int32(Int32Array.from(r.test))), g.crc![k]);
    });
    assert.ok(checked > 100_000, `only ${checked} cases`);
    assert.deepEqual(mismatches.slice(0, 5), []);
    console.log(`split cases checked: ${checked}, mismatches: ${mismatches.length}`);
  });

  test('shuffle=false: first n_train rows train, next n_test rows test', () => {
    let n = 0;
    for (const g of fixture.groups) {
      if (g.shuffle || g.error) continue;
      const r = trainTestSplitIndices(g.n, { testSize: size(g.test), trainSize: size(g.train), shuffle: false, randomState: 5 });
      assert.deepEqual(r, { train: g.trainIdx, test: g.testIdx }, describeCase(g));
      n++;
    }
    assert.ok(n > 40);
  });

  test("refusals carry scikit-learn's ValueError text", () => {
    let n = 0;
    for (const g of fixture.groups) {
      if (!g.error) continue;
      assert.throws(
        () => trainTestSplitIndices(g.n, { testSize: size(g.test), trainSize: size(g.train), shuffle: g.shuffle, randomState: 0 }),
        (e: unknown) => e instanceof UserError && e.message === g.error,
        `${describeCase(g)} should fail with: ${g.error}`,
      );
      n++;
    }
    assert.ok(n >= 40, `only ${n} refusals`);
  });

  test('refuses what Python could not even express', () => {
    const bad: [number, Parameters<typeof trainTestSplitIndices>[1]][] = [
      [10, { testSize: { kind: 'fraction', value: NaN } }],
      [10, { testSize: { kind: 'count', value: 2.5 } }],
      [10, { randomState: -1 }],
      [10, { randomState: 2 ** 32 }],
      [10, { randomState: 0.5 }],
      [-1, {}],
      [1.5, {}],
    ];
    for (const [n, o] of bad) assert.throws(() => trainTestSplitIndices(n, o), UserError, JSON.stringify([n, o]));
  });

  test('seed 2^32-1 is accepted; without a seed the split is still a valid partition', () => {
    assert.equal(trainTestSplitIndices(150, { randomState: 2 ** 32 - 1 }).test.length, 38);
    const r = trainTestSplitIndices(150, { trainSize: { kind: 'count', value: 100 } });
    assert.equal(r.train.length, 100);
    assert.equal(r.test.length, 50);
    assert.deepEqual([...r.train, ...r.test].sort((x, y) => x - y), Array.from({ length: 150 }, (_, i) => i));
  });
});

describe('parseSplitSize', () => {
  test('decimal point or exponent means a fraction, digits only mean a count', () => {
    assert.deepEqual(parseSplitSize('0.8'), { kind: 'fraction', value: 0.8 });
    assert.deepEqual(parseSplitSize(' .25 '), { kind: 'fraction', value: 0.25 });
    assert.deepEqual(parseSplitSize('1.'), { kind: 'fraction', value: 1 });
    assert.deepEqual(parseSplitSize('8e-1'), { kind: 'fraction', value: 0.8 });
    assert.deepEqual(parseSplitSize('120'), { kind: 'count', value: 120 });
    assert.deepEqual(parseSplitSize('1'), { kind: 'count', value: 1 });
  });
  test('refuses garbage with a message naming the input', () => {
    for (const t of ['', 'abc', '0.8x', '1/2', 'NaN', 'Infinity', '1e', '--1', '0x10', '99999999999999999999']) {
      assert.throws(() => parseSplitSize(t, '--train-size'), (e: unknown) => e instanceof UserError && e.message.includes(`"${t}"`), t);
    }
  });
  test('"1.0" (fraction) and "1" (count) split differently, as 1.0 and 1 do in scikit-learn', () => {
    assert.throws(() => trainTestSplitIndices(10, { trainSize: parseSplitSize('1.0') }), /train_size=1.0 should be/);
    assert.equal(trainTestSplitIndices(10, { trainSize: parseSplitSize('1'), randomState: 0 }).train.length, 1);
  });
});

test("pythonFloat writes floats as Python's repr does", () => {
  const cases: [number, string][] = [
    [1, '1.0'], [0.25, '0.25'], [1e-5, '1e-05'], [0.0001, '0.0001'], [1e16, '1e+16'], [123456789012345.6, '123456789012345.6'],
    [1.5, '1.5'], [-0.5, '-0.5'], [0.9999999999999999, '0.9999999999999999'], [2.5e-7, '2.5e-07'], [1.1, '1.1'], [0.30000000000000004, '0.30000000000000004'],
    [1e22, '1e+22'], [1.2345e-300, '1.2345e-300'], [0, '0.0'], [Infinity, 'inf'], [NaN, 'nan'], [100, '100.0'],
  ];
  for (const [x, s] of cases) assert.equal(pythonFloat(x), s, String(x));
});
