// Issue 12, "Resource errors are user errors": a models folder the user may not write (EACCES),
// a read-only file system (EROFS) and a full disk (ENOSPC) end as ONE line naming the folder, the
// cause in plain words and what to do — exit 1, never "internal error … exit 70", never after the
// accuracies were printed as if all went well, and nothing left behind. Real file systems: a
// tmpfs remounted read-only, a tiny tmpfs filled up, a folder the unprivileged user `nobody`
// may not write (the tests run as root, who may write anywhere). Where mounting is not allowed the
// mount tests are skipped with the reason printed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cliPath, runCliSync, type CliRun } from './cliProcess';
import { anyOsUserError, osUserError } from '../../../src/core/io/osErrors';
import { holdDeletedModel, renameModel } from '../../../src/core/artifacts/modelFolderOps';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { UserError } from '../../../src/core/types';

let root: string;
const mounts: string[] = [];
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-resource-'));
  chmodSync(root, 0o755);
});
after(() => {
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  rmSync(root, { recursive: true, force: true });
});

/** Mounts a tmpfs of `size` at a new folder; undefined (and why) where this machine does not allow it. */
function mountTmpfs(name: string, size: string): { dir: string } | { skip: string } {
  const dir = join(root, name);
  mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()})` };
  mounts.push(dir);
  return { dir };
}

/** A tmpfs holding models/`model` (trained by the CLI), then remounted read-only; or why not here. */
function readOnlyWithModel(name: string, model: string): { dir: string } | { skip: string } {
  const m = mountTmpfs(name, '4m');
  if ('skip' in m) return m;
  const good = runCliSync(['train', '--out', 'models', '--name', model], m.dir);
  assert.equal(good.code, 0, good.err);
  const remount = spawnSync('mount', ['-o', 'remount,ro', m.dir], { encoding: 'utf8' });
  return remount.status === 0 ? m : { skip: `cannot remount read-only (${remount.stderr.trim()})` };
}

function assertUserLine(r: CliRun, command: string, pattern: RegExp): void {
  assert.equal(r.code, 1, `exit 1, not ${r.code}: ${r.err}`);
  assert.equal(r.err.split('\n').length, 2, `one line: ${r.err}`);
  assert.match(r.err, new RegExp(`^model-lab ${command}: `));
  assert.doesNotMatch(r.err, /internal error/);
  assert.match(r.err, pattern);
}

describe('a read-only file system (EROFS)', () => {
  test('train into it: exit 1, one line naming the models folder, no accuracies printed', (t) => {
    const m = readOnlyWithModel('ro', 'before');
    if ('skip' in m) return t.skip(m.skip);
    for (const out of ['models', 'new-models']) {
      const r = runCliSync(['train', '--out', out], m.dir);
      assertUserLine(r, 'train', new RegExp(`^model-lab train: ${join(m.dir, out)}: cannot save the model in this models folder — the file system is read-only; choose another models folder \\(--out\\) on a writable disk\\n$`));
      assert.equal(r.out, '', 'no "Train Accuracy" before a failed save');
    }
    assert.deepEqual(readdirSync(join(m.dir, 'models')), ['before']);
    // The other writers say the same kind of line.
    const csv = runCliSync(['compare', '--out', 'models', '--csv', 'table.csv'], m.dir);
    assertUserLine(csv, 'compare', /table\.csv: cannot write the CSV file — the file system is read-only; choose another file \(--csv\) on a writable disk\n$/);
    const onnx = runCliSync(['export', 'models/before', '--format', 'onnx'], m.dir);
    assertUserLine(onnx, 'export', /model\.onnx: cannot write the ONNX file — the file system is read-only; choose another file \(--out\) on a writable disk\n$/);
  });
});

describe('a read-only file system (EROFS): work on a model in place', () => {
  test('Delete and Rename say what they could not do to the model (not the hidden holding folder) and that nothing changed', async (t) => {
    const m = readOnlyWithModel('ro-ops', 'kept');
    if ('skip' in m) return t.skip(m.skip);
    const model = join(m.dir, 'models', 'kept');
    await assert.rejects(holdDeletedModel(nodeFileSystem, model), (e: Error) => {
      assert.equal(e.message, `${model}: cannot delete the model — the file system is read-only; nothing was deleted`);
      return e instanceof UserError;
    });
    await assert.rejects(renameModel(nodeFileSystem, model, 'renamed'), (e: Error) => {
      assert.equal(e.message, `${model}: cannot rename it to "renamed" — the file system is read-only; the model keeps its name`);
      return e instanceof UserError;
    });
    assert.deepEqual(readdirSync(join(m.dir, 'models')), ['kept']);
    // A cause that is not about the place keeps its own fix before what stayed.
    const busy = osUserError(Object.assign(new Error('busy'), { code: 'EBUSY' }), { path: '/m/x', doing: 'cannot delete the model', unchanged: 'nothing was deleted' });
    assert.equal(busy?.message, '/m/x: cannot delete the model — the file or folder is in use by another program; close that program and try again; nothing was deleted');
  });
});

describe('a full disk (ENOSPC)', () => {
  test('train onto a tiny, nearly full tmpfs: exit 1, "the disk is full", nothing left behind', (t) => {
    const m = mountTmpfs('full', '64k');
    if ('skip' in m) return t.skip(m.skip);
    // Fill it but for a few KB: the save starts (folders are made) and runs out of space on a file.
    const filler = join(m.dir, 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4096', 'count=64'], { encoding: 'utf8' });
    rmSync(filler);
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4096', 'count=13'], { encoding: 'utf8' });
    for (const out of ['models', 'existing']) {
      if (out === 'existing') mkdirSync(join(m.dir, out));
      const r = runCliSync(['train', '--out', out], m.dir);
      assertUserLine(r, 'train', new RegExp(`^model-lab train: ${join(m.dir, out)}: cannot save the model in this models folder — the disk is full; free some space, or choose another models folder \\(--out\\) on another disk\\n$`));
      assert.equal(r.out, '', 'no accuracies before a failed save');
    }
    // Nothing left behind: no temporary folder, no half model; the models folder this save made is gone.
    assert.deepEqual(readdirSync(m.dir).sort(), ['existing', 'filler']);
    assert.deepEqual(readdirSync(join(m.dir, 'existing')), []);
    // With space again, the same command works.
    rmSync(filler);
    assert.equal(runCliSync(['train', '--out', 'models'], m.dir).code, 0);
  });

  test('tune --plan and tune-unit onto a nearly full tmpfs: one line naming the plan (--plan) or the results folder (--out); no snapshot left without its plan', (t) => {
    const m = mountTmpfs('full-plan', '64k');
    if ('skip' in m) return t.skip(m.skip);
    // One page free: the iris snapshot (2.7 KB) fits, the plan of 2 × 3 units after it does not.
    const filler = join(m.dir, 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4096', 'count=15'], { encoding: 'utf8' });
    const grid = ['--C', '1,10', '--gamma', 'scale', '--cv', '3'];
    const plan = runCliSync(['tune', ...grid, '--plan', 'plan.jsonl'], m.dir);
    assertUserLine(plan, 'tune', new RegExp(`^model-lab tune: ${join(m.dir, 'plan')}\\.jsonl: cannot write the plan — the disk is full; free some space, or choose another plan file \\(--plan\\) on another disk\\n$`));
    assert.deepEqual(readdirSync(m.dir).sort(), ['filler'], 'no snapshot without its plan, no temporary file');
    // A unit's result into a full results folder: the plan is written elsewhere.
    const plans = join(root, 'plans');
    mkdirSync(plans, { recursive: true });
    assert.equal(runCliSync(['tune', ...grid, '--plan', join(plans, 'plan.jsonl')], m.dir).code, 0);
    spawnSync('dd', ['if=/dev/zero', `of=${join(m.dir, 'filler-2')}`, 'bs=4096', 'count=64'], { encoding: 'utf8' });
    const unit = runCliSync(['tune-unit', '--plan', join(plans, 'plan.jsonl'), '--index', '0', '--out', 'results'], m.dir);
    assertUserLine(unit, 'tune-unit', new RegExp(`^model-lab tune-unit: ${join(m.dir, 'results')}: cannot write the unit's result in this results folder — the disk is full; free some space, or choose another results folder \\(--out\\) on another disk\\n$`));
  });
});

describe('a folder the user may not write (EACCES)', () => {
  test('train as an unprivileged user into a root-owned 0755 folder: exit 1, "permission denied"', (t) => {
    const id = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' });
    if (id.status !== 0) return t.skip('no user "nobody" to run as');
    // A copy of the CLI bundle that `nobody` can read.
    const bin = join(root, 'bin');
    mkdirSync(bin, { mode: 0o755 });
    copyFileSync(cliPath(), join(bin, 'cli.js'));
    chmodSync(join(bin, 'cli.js'), 0o644);
    for (const f of ['svm.wasm', 'svm-fma.wasm']) { // the compiled SVM the bundle loads from beside itself
      copyFileSync(join(dirname(cliPath()), f), join(bin, f));
      chmodSync(join(bin, f), 0o644);
    }
    const work = join(root, 'locked');
    mkdirSync(join(work, 'models'), { recursive: true, mode: 0o755 });
    chmodSync(work, 0o755);
    const asNobody = (args: string[]) => {
      const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, join(bin, 'cli.js'), ...args], { cwd: work, encoding: 'utf8' });
      return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr } as CliRun;
    };
    const r = asNobody(['train', '--out', 'models']);
    if (r.code === null || /setpriv/.test(r.err)) return t.skip(`cannot switch to user nobody here (${r.err.trim()})`);
    assertUserLine(r, 'train', new RegExp(`^model-lab train: ${join(work, 'models')}: cannot save the model in this models folder — permission denied; ask for permission to write there, or choose another models folder \\(--out\\)\\n$`));
    assert.equal(r.out, '');
    assert.deepEqual(readdirSync(join(work, 'models')), []);
    const fresh = asNobody(['train', '--out', 'sub/models']);
    assertUserLine(fresh, 'train', /sub\/models: cannot save the model in this models folder — permission denied/);
    assert.equal(existsSync(join(work, 'sub')), false);
    // Reading a file the user may not read is theirs too: one line naming it, exit 1.
    writeFileSync(join(work, 'private.csv'), 'a,target\n1,0\n');
    chmodSync(join(work, 'private.csv'), 0o600);
    const read = asNobody(['train', '--data', 'private.csv', '--out', '/tmp/never']);
    assertUserLine(read, 'train', new RegExp(`^model-lab train: ${join(work, 'private.csv')}: cannot read the data file — permission denied; ask for permission to read it, or check the path given with --data\\n$`));
    // A model whose files the user may not read (root's model, made 0600): named as a read, not a raw EACCES.
    assert.equal(runCliSync(['train', '--out', join(work, 'models')], work).code, 0);
    const model = join(work, 'models', 'iris-C1-gscale-s2023');
    chmodSync(join(model, 'model.json'), 0o600);
    const readModel = `${join(model, 'model.json')}: cannot read it — permission denied; ask for permission to read it, or train the model again`;
    for (const args of [['validate', model], ['predict', model, '--data', 'iris'], ['export', model, '--format', 'onnx', '--out', '/tmp/never']]) {
      assertUserLine(asNobody(args), args[0]!, new RegExp(`^model-lab ${args[0]}: ${readModel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
    }
    const json = asNobody(['validate', model, '--json']);
    assert.equal(JSON.parse(json.out).error, readModel);
    // compare lists a file it may not read as unreadable, not missing.
    chmodSync(join(model, 'model.json'), 0o644);
    chmodSync(join(model, 'scaler.json'), 0o600);
    const compare = asNobody(['compare', '--out', join(work, 'models')]);
    assert.match(compare.out, /iris-C1-gscale-s2023: scaler\.json \(unreadable\)/);
  });
});

test('the mapping: every OS refusal is one plain line naming the path, the cause and what to do', () => {
  const cases: [string, RegExp][] = [
    ['EACCES', /— permission denied; ask for permission to write there, or choose X$/],
    ['EPERM', /— the operation is not permitted there; ask for permission/],
    ['EROFS', /— the file system is read-only; choose X on a writable disk$/],
    ['ENOSPC', /— the disk is full; free some space, or choose X on another disk$/],
    ['EDQUOT', /— your disk quota is used up; free some space, or choose X on another disk$/],
    ['EIO', /— the disk reported an input\/output error; check the disk/],
    ['NoPermissions', /— permission denied/], // vscode.FileSystemError's code
  ];
  for (const [code, pattern] of cases) {
    const e = Object.assign(new Error(`${code}: raw text`), { code });
    const u = osUserError(e, { path: '/data/models', doing: 'cannot save the model', choose: 'choose X' });
    assert.ok(u, code);
    assert.match(u.message, /^\/data\/models: cannot save the model — /);
    assert.match(u.message, pattern);
  }
  assert.equal(osUserError(new Error('a bug'), { path: '/x', doing: 'y' }), undefined, 'not an OS error: passed on as it is');
  // Reading: the permission to read is named; an open whose flags are unknown names neither.
  const eacces = Object.assign(new Error('EACCES: raw'), { code: 'EACCES' });
  assert.equal(osUserError(eacces, { path: '/d.csv', doing: 'cannot read the data file', choose: 'choose X', access: 'read' })?.message, '/d.csv: cannot read the data file — permission denied; ask for permission to read it, or choose X');
  assert.equal(anyOsUserError(Object.assign(new Error('EACCES: raw'), { code: 'EACCES', syscall: 'open', path: '/m.json' }))?.message, '/m.json: cannot open it — permission denied; ask for access to it, or choose another place');
  assert.equal(anyOsUserError(Object.assign(new Error('EACCES: raw'), { code: 'EACCES', syscall: 'scandir', path: '/m' }))?.message, '/m: cannot list the folder — permission denied; ask for permission to read it, or choose another place');
  assert.equal(anyOsUserError(Object.assign(new Error('EACCES: raw'), { code: 'EACCES', syscall: 'mkdir', path: '/m' }))?.message, '/m: cannot create the folder — permission denied; ask for permission to write there, or choose another place');
});
