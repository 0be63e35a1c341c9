// Random and mutated inputs: the reader must either read the file or refuse it with a UserError —
// never another exception, never a hang (its work is bounded per input byte).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, gzipSync } from 'node:zlib';
import seedrandom from 'seedrandom';
import { UserError } from '../../../src/core/types';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { expected, modelFiles } from './fixtures';

const rng = seedrandom('model-lab-joblib-fuzz');
const int = (n: number): number => Math.floor(rng() * n);

const legit = expected.models
  .filter((m) => m.compress === 'None')
  .flatMap((m) => modelFiles(m).map((f) => f.bytes));

function mutate(src: Uint8Array): Uint8Array {
  let b = Uint8Array.from(src);
  const edits = 1 + int(6);
  for (let e = 0; e < edits; e++) {
    switch (int(5)) {
      case 0: b[int(b.length)] = int(256); break; // random byte
      case 1: b[int(b.length)] ^= 1 << int(8); break; // bit flip
      case 2: b = b.subarray(0, int(b.length)); break; // truncate
      case 3: { // duplicate a chunk somewhere else
        const at = int(b.length);
        const len = int(64);
        const chunk = b.subarray(at, at + len);
        const to = int(b.length);
        const out = new Uint8Array(b.length + chunk.length);
        out.set(b.subarray(0, to));
        out.set(chunk, to);
        out.set(b.subarray(to), to + chunk.length);
        b = out;
        break;
      }
      default: { // a large little-endian number where a length may be
        const at = int(Math.max(1, b.length - 8));
        for (let k = 0; k < 8 && at + k < b.length; k++) b[at + k] = k < 4 ? 0xff : int(256);
      }
    }
    if (b.length === 0) break;
  }
  return b;
}

function randomBytes(): Uint8Array {
  const n = int(300);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  if (n >= 2 && rng() < 0.6) b.set([0x80, rng() < 0.5 ? 4 : 2]);
  return b;
}

test('3000 random and mutated files: a result or a UserError, nothing else', () => {
  const outcomes = new Map<string, number>();
  const cases = 3000;
  for (let i = 0; i < cases; i++) {
    let bytes: Uint8Array;
    const kind = i % 6;
    if (kind === 0) bytes = randomBytes();
    else if (kind === 4) bytes = deflateSync(mutate(legit[int(legit.length)]!));
    else if (kind === 5) bytes = mutate(gzipSync(legit[int(legit.length)]!));
    else bytes = mutate(legit[int(legit.length)]!);
    try {
      importSklearnModel([{ label: `case-${i}.joblib`, bytes }]);
      outcomes.set('read', (outcomes.get('read') ?? 0) + 1);
    } catch (e) {
      if (!(e instanceof UserError)) {
        assert.fail(`case ${i} (kind ${kind}, ${bytes.length} bytes) threw ${(e as Error)?.name}: ${(e as Error)?.stack}`);
      }
      assert.match(e.message, new RegExp(`case-${i}\\.joblib`), 'the message names the file');
      const reason = e.message.replace(/^[^:]*: (byte \d+: )?/, '').replace(/[\d.]+/g, '#').slice(0, 40);
      outcomes.set(reason, (outcomes.get(reason) ?? 0) + 1);
    }
  }
  // The mutations reach deep into the reader, not only its first check.
  assert.ok(outcomes.size >= 15, `only ${outcomes.size} distinct outcomes: ${[...outcomes.keys()].join(' | ')}`);
});
