// Ctrl-C during a long fit in the CLI's own thread. The fit runs in WebAssembly without returning to
// the event loop, where the graceful Ctrl-C handler waits: a sweep's last fit, or tune's refit, went
// on to the end (hours on 200,000 rows), saved and exited 0. From 2,000 training rows the CLI lets
// Ctrl-C end the process at once during a fit in its thread (longWork.ts): the models saved before
// it stay, the one being fitted leaves nothing. Smaller fits keep the graceful stop and its summary
// line (sweepJobs.test.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { cliFile } from '../core/parallel/bundledWorker';

let cwd: string;
before(() => {
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-ctrl-c-'));
  // Two classes that overlap everywhere (seeded): with C=1000 one fit of 16,000 rows takes far longer than the test waits.
  let s = 7;
  const random = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines = ['a,b,c,d,target'];
  for (let i = 0; i < 20_000; i++) lines.push(`${[0, 1, 2, 3].map(() => (random() * 4).toFixed(4)).join(',')},${random() < 0.5 ? 0 : 1}`);
  writeFileSync(join(cwd, 'slow.csv'), lines.join('\n') + '\n');
});
after(() => rmSync(cwd, { recursive: true, force: true }));

/** Runs the CLI, sends SIGINT once `ready` is seen on stderr (the status line) or after `ms`; the exit code or signal. */
async function interrupted(args: string[], ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  const child = spawn(process.execPath, [cliFile(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += String(d); });
  child.stdout.resume();
  const timer = setTimeout(() => child.kill('SIGINT'), ms);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, sig) => resolve([c, sig])));
  clearTimeout(timer);
  return { code, signal, err };
}

test('Ctrl-C during the last fit of a sweep, in the CLI\'s thread: the process ends at once (130), nothing saved; it went on, saved and exited 0', async () => {
  for (const jobs of ['1', '2']) {
    const out = join(cwd, `sweep-${jobs}`);
    const r = await interrupted(['train', '--data', 'slow.csv', '--C', '1000,2000', '--out', out, '--jobs', jobs, '--json'], 1500);
    assert.ok(r.code === 130 || r.signal === 'SIGINT', `--jobs ${jobs}: ${r.code} ${r.signal} ${r.err}`);
    assert.deepEqual(existsSync(out) ? readdirSync(out) : [], [], `--jobs ${jobs}: no model (and no temporary folder) left`);
  }
});

test('Ctrl-C during tune\'s fits in the CLI\'s thread: the process ends at once, nothing saved', async () => {
  const out = join(cwd, 'tuned');
  const r = await interrupted(['tune', '--data', 'slow.csv', '--C', '1000', '--cv', '2', '--out', out, '--jobs', '1'], 1500);
  assert.ok(r.code === 130 || r.signal === 'SIGINT', `${r.code} ${r.signal} ${r.err}`);
  assert.deepEqual(existsSync(out) ? readdirSync(out) : [], []);
});
