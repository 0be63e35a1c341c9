// SIGTERM (timeout, CI, docker stop) is handled as Ctrl-C: the work stops at its next step, nothing
// is left half-written, the same line is said, and the exit status is 143 (128 + SIGTERM). It was
// not handled: the process died at once (a .tmp- folder left behind, nothing said), so a wrapper
// retrying on 143 could not tell a clean stop from a killed one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cliFile } from '../core/parallel/bundledWorker';

let cwd: string;
before(() => {
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-sigterm-'));
  // Three noisy, overlapping classes (seeded), as sweepJobs.test.ts.
  let s = 5;
  const random = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines = ['a,b,c,d,target'];
  for (let i = 0; i < 2400; i++) lines.push(`${[0, 1, 2, 3].map(() => ((i % 3) + 2.5 * random()).toFixed(3)).join(',')},${i % 3}`);
  writeFileSync(join(cwd, 'long.csv'), lines.join('\n') + '\n');
});
after(() => rmSync(cwd, { recursive: true, force: true }));

test('SIGTERM during a sweep: exit 143, Ctrl-C\'s line, the finished models kept and whole, no temporary folder', async () => {
  const out = join(cwd, 'terminated');
  const child = spawn(process.execPath, [cliFile(), 'train', '--data', 'long.csv', '--C', '0.1,0.3,1,3,10,30,100', '--gamma', 'scale,auto,0.2,2', '--jobs', '2', '--out', out], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (d) => {
    stdout += String(d);
    if (!sent && stdout.includes('Saved model to')) {
      sent = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (d) => { stderr += String(d); });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, sig) => resolve([c, sig])));
  assert.deepEqual([code, signal], [143, null], stderr);
  const kept = readdirSync(out);
  assert.ok(kept.length >= 1 && kept.length < 28, `${kept.length} of 28 kept`);
  assert.deepEqual(kept.filter((n) => n.startsWith('.')), [], 'no temporary folder');
  assert.equal(stderr.trimEnd().split('\n').at(-1), `model-lab train: cancelled after ${kept.length} of 28 models — the ${kept.length} finished one${kept.length === 1 ? ' is' : 's are'} kept, the unfinished ones left nothing behind`);
  for (const name of kept) {
    const v = spawnSync(process.execPath, [cliFile(), 'validate', join(out, name), '--json'], { cwd, encoding: 'utf8' });
    assert.equal(JSON.parse(v.stdout).status, 'matches', name);
  }
});

test('SIGTERM while predict reads piped rows: exit 143, the line saying how many rows were labelled, a whole --json document', async () => {
  const model = join(cwd, 'models', 'm');
  const trained = spawnSync(process.execPath, [cliFile(), 'train', '--out', 'models', '--name', 'm'], { cwd, encoding: 'utf8' });
  assert.equal(trained.status, 0, trained.stderr);
  for (const json of [false, true]) {
    const child = spawn(process.execPath, [cliFile(), 'predict', model, '--data', '-', ...(json ? ['--json'] : [])], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      if (out === '') child.kill('SIGTERM');
      out += String(d);
    });
    child.stderr.on('data', (d) => { err += String(d); });
    // The pipe stays open: the command is still reading when the signal comes.
    child.stdin.write(['sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)', ...Array<string>(20_000).fill('5.1,3.5,1.4,0.2'), ''].join('\n'));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, sig) => resolve([c, sig])));
    child.stdin.destroy();
    assert.deepEqual([code, signal], [143, null], err);
    const n = json ? (JSON.parse(out) as { predictions: number[] }).predictions.length : out.trimEnd().split('\n').length;
    assert.ok(n > 0 && n <= 20_000, String(n));
    assert.equal(err, `model-lab predict: cancelled after ${n} rows — the output holds their labels, the rows after them have none\n`);
  }
});
