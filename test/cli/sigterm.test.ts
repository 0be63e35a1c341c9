// SIGTERM (timeout, CI, docker stop) is handled as Ctrl-C: the work stops at its next step, nothing
// is left half-written, the same line is said, and the exit status is 143 (128 + SIGTERM). It was
// not handled: the process died at once (a .tmp- folder left behind, nothing said), so a wrapper
// retrying on 143 could not tell a clean stop from a killed one. The sweep's case is beside
// Ctrl-C's in sweepJobs.test.ts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cliFile } from '../core/parallel/bundledWorker';

let cwd: string;
before(() => {
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-sigterm-'));
});
after(() => rmSync(cwd, { recursive: true, force: true }));

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
