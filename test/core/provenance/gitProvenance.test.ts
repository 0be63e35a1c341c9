// Git provenance read from .git without running git, checked against real repositories made here
// with the git command (the tests' own repositories; the code under test never runs git): the
// commit and branch git reports, and "dirty" exactly when `git status` lists a tracked change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitProvenance, parseGitProvenance } from '../../../src/core/provenance/gitProvenance';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { runSweep } from '../../../src/core/experiments/sweep';

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-git-')); });
after(() => rmSync(root, { recursive: true, force: true }));

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
// git's stderr is kept (it is in the error if git fails), not printed: the line-end test makes git warn
// "LF will be replaced by CRLF" on purpose, which would read like a failure in the test output.
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const provenance = (dir: string) => gitProvenance(dir, nodeFileSystem);

/** git's own answer: HEAD, and whether a tracked file differs (untracked files do not count). */
function gitSays(dir: string) {
  const status = git(dir, 'status', '--porcelain', '--untracked-files=no');
  return { commit: git(dir, 'rev-parse', 'HEAD'), dirty: status !== '' };
}

let counter = 0;
function repo(files: Record<string, string> = { 'train.py': 'print(1)\n', 'data/iris.csv': 'a,b,target\n1,2,0\n' }, init: string[] = []): string {
  const dir = join(root, `repo-${++counter}`);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main', ...init);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

test('outside a repository, and before the first commit: nothing to record', async () => {
  const plain = join(root, 'plain');
  mkdirSync(plain);
  assert.equal(await provenance(plain), undefined);
  const empty = join(root, 'empty');
  mkdirSync(empty);
  git(empty, 'init', '-q');
  assert.equal(await provenance(empty), undefined);
});

test('a clean checkout: the commit and branch git reports, not dirty — also from a subfolder', async () => {
  const dir = repo();
  const p = await provenance(join(dir, 'data'));
  assert.deepEqual(p, { commit: gitSays(dir).commit, branch: 'main', dirty: false });
});

test('dirty exactly when git status lists a tracked change: edited, staged, deleted; untracked files do not count', async () => {
  const dir = repo();
  // nodeFileSystem stats the tracked files in one go (statMany); a file system without it, one at a time.
  const oneByOne = { ...nodeFileSystem, statMany: undefined };
  const check = async (what: string, dirty: boolean, changed?: string[]) => {
    assert.equal(gitSays(dir).dirty, dirty, `git itself, ${what}`);
    for (const [how, p] of [['in one go', await provenance(dir)], ['one at a time', await gitProvenance(dir, oneByOne)]] as const) {
      assert.equal(p?.dirty, dirty, `${what} (${how})`);
      assert.deepEqual(p?.changed, changed, `${what} (${how})`);
    }
  };
  writeFileSync(join(dir, 'notes.txt'), 'untracked\n');
  await check('an untracked file', false);
  appendFileSync(join(dir, 'train.py'), 'print(2)\n');
  await check('an edited file', true, ['train.py']);
  writeFileSync(join(dir, 'train.py'), 'print(1)\n'); // same content again, new mtime: re-hashed, clean
  await check('the edit undone', false);
  writeFileSync(join(dir, 'data/iris.csv'), 'a,b,target\n1,2,1\n');
  git(dir, 'add', 'data/iris.csv');
  await check('a staged change', true, ['data/iris.csv']);
  git(dir, 'commit', '-q', '-m', 'second');
  await check('after committing it', false);
  unlinkSync(join(dir, 'train.py'));
  await check('a deleted file', true, ['train.py']);
  git(dir, 'checkout', '-q', '--', 'train.py');
  git(dir, 'rm', '-q', '--cached', 'train.py');
  await check('a file removed from the index only', true, ['train.py']);
});

test('detached HEAD, packed refs and packed (delta) objects, index v4, a linked worktree', async () => {
  const dir = repo();
  // Many similar versions of one file, packed aggressively: trees and blobs become deltas.
  for (let i = 0; i < 12; i++) {
    appendFileSync(join(dir, 'train.py'), `print(${i})\n`.repeat(20));
    writeFileSync(join(dir, `part-${i % 3}.txt`), `version ${i}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `v${i}`);
  }
  git(dir, 'gc', '-q', '--aggressive', '--prune=now');
  assert.ok(existsSync(join(dir, '.git', 'packed-refs')) && !existsSync(join(dir, '.git', 'refs', 'heads', 'main')));
  assert.deepEqual(await provenance(dir), { commit: gitSays(dir).commit, branch: 'main', dirty: false });
  // A staged change invalidates the cache-tree: the whole committed tree is read back from the pack.
  writeFileSync(join(dir, 'part-1.txt'), 'staged\n');
  git(dir, 'add', 'part-1.txt');
  assert.deepEqual((await provenance(dir))!.changed, ['part-1.txt']);
  git(dir, 'reset', '-q', '--hard');
  git(dir, 'update-index', '--index-version', '4');
  appendFileSync(join(dir, 'part-2.txt'), 'more\n');
  assert.deepEqual({ ...(await provenance(dir))!, commit: '' }, { commit: '', branch: 'main', dirty: true, changed: ['part-2.txt'] });
  git(dir, 'checkout', '-q', '--', 'part-2.txt');
  git(dir, 'checkout', '-q', '--detach', 'HEAD~3');
  assert.deepEqual(await provenance(dir), { commit: gitSays(dir).commit, dirty: false });
  git(dir, 'checkout', '-q', 'main');
  const linked = join(root, `linked-${counter}`);
  git(dir, 'worktree', 'add', '-q', '-b', 'side', linked);
  assert.deepEqual(await provenance(linked), { commit: gitSays(linked).commit, branch: 'side', dirty: false });
  appendFileSync(join(linked, 'train.py'), 'x = 1\n');
  assert.deepEqual((await provenance(linked))!.changed, ['train.py']);
});

test('a SHA-256 repository', async () => {
  const dir = repo(undefined, ['--object-format=sha256']);
  const p = (await provenance(dir))!;
  assert.match(p.commit, /^[0-9a-f]{64}$/);
  assert.deepEqual(p, { commit: gitSays(dir).commit, branch: 'main', dirty: false });
  appendFileSync(join(dir, 'train.py'), '#\n');
  assert.equal((await provenance(dir))!.dirty, true);
});

test('bounded: too many files, or a repository that converts contents, make dirtiness "unknown", never wrong', async () => {
  const dir = repo({ 'a.txt': '1\n', 'b.txt': '2\n', 'c.txt': '3\n' });
  const capped = (await gitProvenance(dir, nodeFileSystem, { maxFiles: 2 }))!;
  assert.deepEqual({ dirty: capped.dirty, note: capped.note }, { dirty: 'unknown', note: 'more than 2 tracked files' });
  appendFileSync(join(dir, 'a.txt'), 'x\n');
  const budget = (await gitProvenance(dir, nodeFileSystem, { maxHashBytes: 1 }))!;
  assert.equal(budget.dirty, 'unknown');
  // Line-end conversion: the work tree holds CRLF, the blob LF. Touched but unchanged, git says clean;
  // the bytes cannot be compared without running git's conversion, so it is "unknown", not "dirty".
  const crlf = repo({ '.gitattributes': '*.txt text eol=crlf\n', 'a.txt': 'one\ntwo\n' });
  rmSync(join(crlf, 'a.txt'));
  git(crlf, 'checkout', '-q', '--', 'a.txt');
  assert.equal(readFileSync(join(crlf, 'a.txt'), 'utf8'), 'one\r\ntwo\r\n');
  const later = new Date(Date.now() + 5000);
  utimesSync(join(crlf, 'a.txt'), later, later);
  assert.equal(gitSays(crlf).dirty, false);
  assert.equal((await provenance(crlf))!.dirty, 'unknown');
});

test('never runs anything the repository configures (fsmonitor, hooks, filters)', async () => {
  const dir = repo({ 'a.csv': 'x\n', '.gitattributes': '*.csv filter=evil\n' });
  const marker = join(root, `ran-${counter}`);
  git(dir, 'config', 'core.fsmonitor', `touch ${marker}`);
  git(dir, 'config', 'filter.evil.clean', `touch ${marker}`);
  git(dir, 'config', 'filter.evil.smudge', `touch ${marker}`);
  writeFileSync(join(dir, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
  const later = new Date(Date.now() + 5000);
  utimesSync(join(dir, 'a.csv'), later, later); // stat changed: re-hashed (a filter would run in git)
  const p = await provenance(dir);
  assert.equal(p?.commit, git(dir, 'rev-parse', 'HEAD'));
  assert.equal(existsSync(marker), false, 'nothing of the repository was executed');
});

test('training records the workspace\'s commit in model.json and the validation report carries it', async () => {
  const dir = repo();
  appendFileSync(join(dir, 'train.py'), '# tuning\n');
  const result = await train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1,
    gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(dir, 'models'), workspaceDir: dir,
  }, nodeFileSystem);
  const manifest = JSON.parse(readFileSync(join(result.modelDir, 'model.json'), 'utf8'));
  assert.deepEqual(manifest.git, { commit: gitSays(dir).commit, branch: 'main', dirty: true, changed: ['train.py'] });
  assert.deepEqual(Object.keys(manifest).slice(-3), ['files', 'git', 'manifestSha256']);
  const report = await validate(result.modelDir, nodeFileSystem);
  assert.equal(report.status, 'matches');
  assert.deepEqual(report.git, manifest.git);
  // A model trained outside any repository has no "git" field.
  const outside = await train({ ...(await import('./irisOptions')).irisOptions(join(root, 'no-repo-models')) }, nodeFileSystem);
  assert.equal(JSON.parse(readFileSync(join(outside.modelDir, 'model.json'), 'utf8')).git, undefined);
});

test('a sweep reads the workspace\'s git state once, and every model records it', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`src/f${i}.py`] = `print(${i})\n`;
  const dir = repo(files);
  appendFileSync(join(dir, 'src/f7.py'), '# edited\n');
  let trackedStats = 0;
  const tracked = (path: string) => path.startsWith(join(dir, 'src') + '/');
  const counting = {
    ...nodeFileSystem,
    stat: (path: string) => {
      if (tracked(path)) trackedStats++;
      return nodeFileSystem.stat(path);
    },
    statMany: (list: readonly string[]) => {
      trackedStats += list.filter(tracked).length;
      return nodeFileSystem.statMany!(list);
    },
  };
  const result = await runSweep({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1,
    gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(dir, 'models'), workspaceDir: dir,
  }, { C: [0.1, 1, 10, 100], gamma: ['scale'], seed: [2023] }, counting);
  assert.equal(result.models.length, 4);
  for (const m of result.models) {
    const manifest = JSON.parse(readFileSync(join(m.result.modelDir, 'model.json'), 'utf8'));
    assert.deepEqual(manifest.git, { commit: gitSays(dir).commit, branch: 'main', dirty: true, changed: ['src/f7.py'] });
  }
  // Each tracked file once (and the edited one once more, to re-hash it): not once per model.
  assert.equal(trackedStats, 41);
});

test('model.json\'s "git" field is checked when read', () => {
  assert.deepEqual(parseGitProvenance({ commit: 'a'.repeat(40), dirty: 'unknown', note: 'n' }), { commit: 'a'.repeat(40), dirty: 'unknown', note: 'n' });
  assert.throws(() => parseGitProvenance({ commit: 'xyz', dirty: false }), /field "git.commit": expected a commit id/);
  assert.throws(() => parseGitProvenance({ commit: 'a'.repeat(40), dirty: 'maybe' }), /field "git.dirty"/);
  assert.throws(() => parseGitProvenance([]), /field "git": expected an object/);
});
