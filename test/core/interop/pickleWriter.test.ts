// The pickle writer against CPython's own picklers (protocol 4 as joblib writes it with the pure-Python
// pickle._Pickler, protocol 2 as its C pickler writes object arrays): the same bytes for ints of every
// size, floats (-0.0 included), str and bytes of every length (a frame's worth and beyond), batches of
// more than 1000 items, memo indices past 255, tuples of every arity; and Model Lab's reader reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PickleWriter } from '../../../src/core/interop/pickle/pickleWriter';
import { PyBytesOut, pyDict, pyFloat, pyInt, pyList, pyTuple, type PyOut } from '../../../src/core/interop/pickle/pickleOut';
import { readPickle } from '../../../src/core/interop/pickle/pickleReader';
import { ByteCursor } from '../../../src/core/interop/pickle/byteCursor';
import { joblibHooks } from '../../../src/core/interop/joblib/joblibHooks';
import { PyDict, PyList, PyTuple, type PyValue } from '../../../src/core/interop/pickle/pickleValues';
import { SCRIPTS, requireScikitLearn, runPython } from './python/debianPython';

const ints = (...v: (number | bigint)[]): PyOut[] => v.map((x) => pyInt(x));

function cases(): Record<string, PyOut> {
  const shared = 's'.repeat(300);
  const many = Array.from({ length: 300 }, (_, i) => `k${i}`);
  return {
    ints: pyList(ints(0, 1, 255, 256, 65535, 65536, -1, -(2 ** 31), 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2n ** 63n, -(2n ** 63n), 2n ** 64n, -(2n ** 64n), 127, 128, -128, -129)),
    floats: pyList([0, -0, 1.5, 1e300, -2.5e-308].map(pyFloat)),
    strings: pyList(['', 'a', 'é€𝄞', shared, shared, 'x'.repeat(256)]),
    'big-string': pyList(['é'.repeat(40000), pyInt(1)]),
    bytes: pyList([0, 1, 300, 70000].map((n, i) => new PyBytesOut(new Uint8Array(n).fill('xxyz'.charCodeAt(i))))),
    'long-list': pyList(Array.from({ length: 2500 }, (_, i) => pyInt(i))),
    'big-dict': pyDict(Array.from({ length: 1001 }, (_, i) => [`key${i}`, pyInt(i)] as const)),
    'dict-of-1000': pyDict(Array.from({ length: 1000 }, (_, i) => [`key${i}`, pyInt(i)] as const)),
    'list-of-1001': pyList(Array.from({ length: 1001 }, (_, i) => pyInt(i))),
    'one-item': pyList([pyList([pyInt(7)]), pyDict([['k', pyInt(7)]]), pyDict([]), pyList([])]),
    'memo-beyond-256': pyList([...many, many[0]!, many[299]!]),
    tuples: pyList([pyTuple(), pyTuple(pyInt(1)), pyTuple(...ints(1, 2)), pyTuple(...ints(1, 2, 3)), pyTuple(...ints(1, 2, 3, 4)), pyTuple(pyTuple())]),
    nested: pyDict([['a', pyList([null, true, false, pyDict([['b', pyTuple(pyFloat(1), 'c')]])])]]),
  };
}

/** A read-back value in plain JavaScript (lists, objects, numbers, strings, byte lengths). */
function plain(v: PyValue): unknown {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(plain);
  if (v instanceof PyDict) return Object.fromEntries([...v.entries].map(([k, x]) => [String(k), plain(x)]));
  if (typeof v === 'object' && v !== null && 'bytes' in v) return (v as { bytes: Uint8Array }).bytes.length;
  return v;
}

test('the same bytes as CPython for protocols 4 and 2, and Model Lab\'s reader reads them back', () => {
  requireScikitLearn();
  const r = runPython([join(SCRIPTS, 'pickle_cases.py')], tmpdir());
  assert.equal(r.code, 0, r.err);
  const reference = JSON.parse(r.out) as Record<string, { '4': string; '2': string }>;
  const mine = cases();
  assert.deepEqual(Object.keys(mine), Object.keys(reference));
  for (const [name, value] of Object.entries(mine)) {
    for (const protocol of [4, 2] as const) {
      const got = Buffer.from(new PickleWriter(protocol).dump(value));
      const want = Buffer.from(reference[name]![String(protocol) as '4' | '2'], 'hex');
      const at = got.findIndex((b, i) => b !== want[i]);
      const where = at < 0 ? got.length : at;
      assert.ok(got.equals(want), `${name}, protocol ${protocol}: ${got.length} vs ${want.length} bytes, first difference at ${where}: ` +
        `${got.subarray(Math.max(0, where - 8), where + 8).toString('hex')} vs ${want.subarray(Math.max(0, where - 8), where + 8).toString('hex')}`);
    }
    // The reader knows protocol 4; big integers come back as bigint.
    const back = plain(readPickle(new ByteCursor(new PickleWriter(4).dump(value), name), joblibHooks));
    assert.ok(back !== undefined, name);
  }
  assert.deepEqual(plain(readPickle(new ByteCursor(new PickleWriter(4).dump(mine.nested!), 'nested'), joblibHooks)), { a: [null, true, false, { b: [1, 'c'] }] });
});
