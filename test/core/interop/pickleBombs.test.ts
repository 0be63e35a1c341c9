// Issue 18, item 4: a 249 KB joblib file killed the extension host (and the CLI) with a V8 fatal
// "invalid size" error. Every bomb here — the DUP bomb and its cousins (MARK floods, length
// claims, memo growth, values floods, deep nesting, copy amplification, huge numpy shape claims) —
// must end in a UserError naming the file, in a process whose heap is capped: a fatal error
// would kill that process instead, and the test fails. Peak memory is printed for each bomb.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOMBS } from './pickleBombs';
import { runCliSync } from '../hardening/cliProcess';

/** The heap the reader must live within (V8's old space; a default extension host has far more). */
const HEAP_MB = 512;
/** Only a guard against a hang: the work budget ends every bomb long before. */
const HANG_GUARD_MS = 180_000;

let dir: string;
const files = new Map<string, string>();
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'model-lab-pickle-bombs-'));
  BOMBS.forEach((bomb, i) => {
    const file = join(dir, `bomb-${i}.joblib`);
    writeFileSync(file, bomb.build());
    files.set(bomb.name, file);
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('pickle bombs end in a UserError within a capped heap', () => {
  for (const bomb of BOMBS) {
    test(bomb.name, () => {
      const file = files.get(bomb.name)!;
      const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', join(__dirname, 'pickleBombRunner.ts'), file], {
        encoding: 'utf8', timeout: HANG_GUARD_MS,
      });
      assert.equal(r.signal, null, `the reader process was killed (${r.signal}): ${r.stderr.slice(-2000)}`);
      assert.equal(r.status, 0, `the reader process crashed (exit ${r.status}) — a fatal error: ${r.stderr.slice(-2000)}`);
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { name: string; message: string; ms: number; maxRssMB: number };
      assert.equal(out.name, 'UserError', `expected a UserError, got ${out.name}: ${out.message}`);
      assert.ok(out.message.startsWith(file), `the message names the file: ${out.message}`);
      assert.match(out.message, bomb.reason);
      assert.ok(!/\n/.test(out.message), 'one line');
      console.log(`# ${bomb.name}: ${statSync(file).size} bytes → refused after ${out.ms.toFixed(0)} ms, peak RSS ${out.maxRssMB.toFixed(0)} MB — expected refusal: "${out.message.slice(file.length + 2)}"`);
    });
  }
});

test('the issue\'s 249 KB DUP bomb through the CLI: exit 1, one line, no crash (heap capped at 256 MB)', () => {
  const bomb = BOMBS[0]!;
  const file = files.get(bomb.name)!;
  const size = statSync(file).size;
  assert.ok(size < 300_000, `the bomb is the issue's size (${size} bytes)`);
  const r = runCliSync(['validate', file], dir, ['--max-old-space-size=256']);
  assert.equal(r.signal, null, r.err);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^model-lab validate: .*bomb-0\.joblib \(zlib-decompressed\): byte \d+: the pickle puts more than 1048576 values on its stack \(a DUP or value flood\); refusing it\n$/);
});
