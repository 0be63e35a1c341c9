// model-lab train with lists and --jobs N, end to end (the bundled CLI with poolWorker.js beside it):
// the same model files whatever N is, one block of lines per model, a bad --jobs refused, and Ctrl-C
// keeping the finished models with nothing half-written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cliFile } from '../core/parallel/bundledWorker';
import { modelFolderContents as contents } from './modelFolderContents';

let cwd: string;
before(() => {
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-cli-sweep-jobs-'));
  writeRows(join(cwd, 'rows.csv'), 900);
});
after(() => rmSync(cwd, { recursive: true, force: true }));

interface CliRun { code: number | null; out: string; err: string }

function run(args: string[]): CliRun {
  const r = spawnSync(process.execPath, [cliFile(), 'train', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Three noisy, overlapping classes (seeded). */
function writeRows(path: string, n: number): void {
  let s = 5;
  const random = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines = ['a,b,c,d,target'];
  for (let i = 0; i < n; i++) lines.push(`${[0, 1, 2, 3].map(() => ((i % 3) + 2.5 * random()).toFixed(3)).join(',')},${i % 3}`);
  writeFileSync(path, lines.join('\n') + '\n');
}

/** The blocks of lines the sweep printed, one per model ("[i/N] C=…" and its three lines), sorted. */
const blocks = (out: string) => out.trim().split('\n\n').filter((b) => b.startsWith('[')).map((b) => b.replace(/Saved model to .*/, '')).sort();

test('--jobs 1, 2 and 3 save the same model files and print the same blocks; --json lists the models in grid order', () => {
  const args = ['--data', 'rows.csv', '--C', '0.1,1,10', '--gamma', 'scale,0.5', '--seed', '1,2'];
  const one = run([...args, '--jobs', '1', '--out', 'j1']);
  assert.equal(one.code, 0, one.err);
  const want = contents(join(cwd, 'j1'));
  assert.equal(Object.keys(want).length, 12 * 4);
  // In this thread the blocks come in grid order.
  assert.deepEqual(one.out.trim().split('\n\n').filter((b) => b.startsWith('[')).map((b) => b.split('\n')[0]).slice(0, 3), ['[1/12] C=0.1, gamma=scale, seed=1', '[2/12] C=0.1, gamma=scale, seed=2', '[3/12] C=0.1, gamma=0.5, seed=1']);
  for (const jobs of ['2', '3']) {
    const r = run([...args, '--jobs', jobs, '--out', `j${jobs}`]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(contents(join(cwd, `j${jobs}`)), want, `--jobs ${jobs}`);
    assert.deepEqual(blocks(r.out), blocks(one.out), `--jobs ${jobs}`);
    assert.match(r.out, /\nTrained 12 models in .*j\d — compare them with: model-lab compare --out /);
  }
  const json = run([...args, '--jobs', '2', '--out', 'json', '--json']);
  assert.equal(json.code, 0, json.err);
  const names = JSON.parse(json.out).models.map((m: { name: string }) => m.name);
  assert.deepEqual(names.slice(0, 3), ['rows-C0.1-gscale-s1', 'rows-C0.1-gscale-s2', 'rows-C0.1-g0.5-s1']);
});

test('a bad --jobs is a usage error (exit 2) naming the flag', () => {
  for (const bad of ['0', '-1', 'two', '1.5', '257']) {
    const r = run(['--C', '1,2', '--jobs', bad]);
    assert.equal(r.code, 2, `--jobs ${bad}`);
    assert.equal(r.err, `model-lab train: --jobs "${bad}" must be a whole number from 1 to 256\n`);
  }
});

// SIGTERM (timeout, CI, docker stop) is handled as Ctrl-C, with 128 + 15: it killed the process at once.
for (const [signal, said, exit, folder] of [['SIGINT', 'Ctrl-C', 130, 'cancelled'], ['SIGTERM', 'SIGTERM', 143, 'terminated']] as const) {
  test(`${said} during a sweep on worker threads: exit ${exit}, the finished models kept and whole, no temporary folder`, async () => {
    writeRows(join(cwd, 'long.csv'), 2400);
    const out = join(cwd, folder);
    const child = spawn(process.execPath, [cliFile(), 'train', '--data', 'long.csv', '--C', '0.1,0.3,1,3,10,30,100', '--gamma', 'scale,auto,0.2,2', '--jobs', '2', '--out', out], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => {
      stdout += String(d);
      if (!sent && stdout.includes('Saved model to')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d) => { stderr += String(d); });
    const [code, killedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, sig) => resolve([c, sig])));
    assert.deepEqual([code, killedBy], [exit, null], stderr);
    const kept = readdirSync(out);
    assert.ok(kept.length >= 1 && kept.length < 28, `${kept.length} of 28 kept`);
    assert.deepEqual(kept.filter((n) => n.startsWith('.')), [], 'no temporary folder');
    assert.equal(stderr.trimEnd().split('\n').at(-1), `model-lab train: cancelled after ${kept.length} of 28 models — the ${kept.length} finished one${kept.length === 1 ? ' is' : 's are'} kept, the unfinished ones left nothing behind`);
    for (const name of kept) {
      const v = spawnSync(process.execPath, [cliFile(), 'validate', join(out, name), '--json'], { cwd, encoding: 'utf8' });
      assert.equal(JSON.parse(v.stdout).status, 'matches', name);
    }
  });
}
