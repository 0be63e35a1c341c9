// Bad export requests on real folders: a damaged or edited model, an unsupported layout, an --out that
// is a file, a folder that cannot be written, a full disk (a real small tmpfs), a version outside
// 1.2.x, 1.4.x or 1.9.x, a recorded file the export would change — each one line naming the path, exit 1 in the CLI,
// and nothing half-written. The CLI's own usage errors exit 2.
import { test, describe, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../src/core/types';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { validate } from '../../../src/core/usecases/validate';
import { exportJoblib } from '../../../src/core/interop/exportJoblib';
import { exportPython } from '../../../src/core/interop/exportPython';
import { runCli } from '../../../src/cli/main';
import { CASES, trainCase } from './exportCases';

let root: string;
let model: string;
let saved: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-export-requests-'));
  model = (await trainCase(CASES[0]!, join(root, 'models'))).modelDir; // iris, separate
  saved = (await trainCase(CASES[1]!, join(root, 'models'))).modelDir; // iris, pipeline, --save-joblib
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the model folder to damage. */
function copyOfModel(name: string): string {
  const dir = join(root, 'copies', name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(model)) writeFileSync(join(dir, f), readFileSync(join(model, f)));
  return dir;
}

/** A real tmpfs of `size` at root/name, unmounted after the test; undefined (the test skipped) where mount is not allowed. */
function mountTmpfs(t: TestContext, name: string, size: string): string | undefined {
  const mnt = join(root, name);
  mkdirSync(mnt);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mnt], { encoding: 'utf8' });
  if (mount.status !== 0) {
    t.skip(`cannot mount a tmpfs here (${(mount.stderr || String(mount.error)).trim()})`);
    return undefined;
  }
  t.after(() => { spawnSync('umount', [mnt]); });
  return mnt;
}

/** The promise rejects with one UserError line matching `want`. */
async function refused(p: Promise<unknown>, want: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof UserError, `not a UserError: ${String(e)}`);
    assert.match(e.message, want);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

const entries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('refusals of the core (expected errors)', () => {
  test('an edited model: the sha256 mismatch, and nothing written', async () => {
    const dir = copyOfModel('edited');
    const classifier = join(dir, 'classifier.json');
    writeFileSync(classifier, readFileSync(classifier, 'utf8').replace('"C": 1', '"C": 2'));
    const out = join(root, 'out-edited');
    await refused(exportJoblib(dir, nodeFileSystem, { out }), /classifier\.json: sha256 is [0-9a-f]{64} but model\.json records [0-9a-f]{64} — the file changed after saving/);
    await refused(exportPython(dir, nodeFileSystem), /classifier\.json: sha256 is/);
    assert.deepEqual(entries(out), []);
    assert.equal(entries(dir).some((f) => f.endsWith('.joblib') || f.endsWith('.py') || f.includes('.tmp-')), false);
  });

  test('a damaged model (data.csv cut short)', async () => {
    const dir = copyOfModel('damaged');
    const data = join(dir, 'data.csv');
    writeFileSync(data, readFileSync(data).subarray(0, 500));
    await refused(exportJoblib(dir, nodeFileSystem), /data\.csv: 500 bytes, but model\.json records [\d,]+ bytes — the file changed after saving/);
    // Cut to another file of the recorded size: its sha256 tells.
    const whole = readFileSync(join(model, 'data.csv'));
    writeFileSync(data, Buffer.concat([whole.subarray(0, whole.length - 2), Buffer.from('9\n')]));
    await refused(exportJoblib(dir, nodeFileSystem), /data\.csv: sha256 is .* the file changed after saving/);
  });

  test('an unsupported layout', async () => {
    const dir = copyOfModel('layout');
    const manifest = join(dir, 'model.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"layout": "separate"', '"layout": "ensemble"'));
    await refused(exportJoblib(dir, nodeFileSystem), /model\.json: field "layout": expected one of "separate", "pipeline", found "ensemble"/);
  });

  test('--out that exists as a file; a target name taken by a folder', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    await refused(exportJoblib(model, nodeFileSystem, { out: file }), /a-file: exists and is not a folder — choose another folder \(--out DIR\)/);
    const out = join(root, 'out-folder-in-the-way');
    mkdirSync(join(out, 'classifier.joblib'), { recursive: true });
    await refused(exportJoblib(model, nodeFileSystem, { out }), /classifier\.joblib: is a folder, not a file/);
    assert.deepEqual(entries(out), ['classifier.joblib'], 'scaler.joblib not written either');
    mkdirSync(join(root, 'script-is-a-folder.py'));
    await refused(exportPython(model, nodeFileSystem, { out: join(root, 'script-is-a-folder.py') }), /script-is-a-folder\.py: is a folder, not a file/);
  });

  test('a folder that cannot be written', async (t) => {
    let out: string;
    if (process.getuid?.() === 0) {
      out = '/sys/kernel'; // root may write anywhere else; sysfs refuses new files even to root
    } else {
      out = join(root, 'read-only');
      mkdirSync(out);
      chmodSync(out, 0o555);
      t.after(() => chmodSync(out, 0o755));
    }
    await refused(exportJoblib(model, nodeFileSystem, { out }), /: cannot write the scikit-learn files — permission denied; ask for permission to write there, or choose another folder \(--out DIR\)/);
    assert.equal(entries(out).some((f) => f.includes('.tmp-') || f.endsWith('.joblib')), false);
  });

  test('a scikit-learn version other than 1.2.x, 1.4.x and 1.9.x is refused by name', async () => {
    for (const v of ['1.3.0', '1.1.3', '1.5.2', '1.10.0', '2.0.0', '1.2', 'latest']) {
      await refused(exportJoblib(model, nodeFileSystem, { out: join(root, 'v'), sklearnVersion: v }),
        new RegExp(`^scikit-learn ${v.replace(/\./g, '\\.')} is not supported for export: Model Lab writes objects for scikit-learn 1\\.2\\.x, 1\\.4\\.x or 1\\.9\\.x \\(tested with 1\\.2\\.1, 1\\.4\\.2 and 1\\.9\\.0;`));
    }
    assert.deepEqual(entries(join(root, 'v')), []);
  });

  test('a joblib file the manifest records is never changed (another version into the model folder): the refusal names both releases; without one asked for, the saved files\' release is kept', async () => {
    const before = readFileSync(join(saved, 'model_pipeline.joblib'));
    await refused(exportJoblib(saved, nodeFileSystem, { sklearnVersion: '1.2.0' }),
      new RegExp(`^${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the model_pipeline\\.joblib saved with the model \\(model\\.json records it\\) is for scikit-learn 1\\.2\\.1; an export for 1\\.2\\.0 would replace it — export into another folder \\(--out DIR\\), or for 1\\.2\\.1 \\(--sklearn-version 1\\.2\\.1\\)$`));
    assert.ok(readFileSync(join(saved, 'model_pipeline.joblib')).equals(before));
    const again = await exportJoblib(saved, nodeFileSystem);
    assert.deepEqual([again.sklearnVersion, again.versionFrom], ['1.2.1', 'saved']);
    assert.ok(readFileSync(join(saved, 'model_pipeline.joblib')).equals(before));
    assert.equal((await validate(saved, nodeFileSystem)).status, 'matches');
    // Into another folder it is fine.
    const r = await exportJoblib(saved, nodeFileSystem, { out: join(root, 'v120'), sklearnVersion: '1.2.0' });
    assert.equal(r.sklearnVersion, '1.2.0');
  });

  test('a full disk (a real 16 KiB tmpfs): nothing half-written, no temporary file left', async (t) => {
    const mnt = mountTmpfs(t, 'tmpfs', '16k');
    if (!mnt) return;
    // Leave room for scaler.joblib (about 1 KB) but not for classifier.joblib (about 5 KB).
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(16 * 1024 - 3 * 1024));
    await refused(exportJoblib(model, nodeFileSystem, { out: mnt }), /tmpfs: cannot write the scikit-learn files — the disk is full; free some space, or choose another folder \(--out DIR\) on another disk/);
    assert.deepEqual(entries(mnt), ['filler']);
    // A new folder named by --out is made for the export: when the export fails, it goes too.
    await refused(exportJoblib(model, nodeFileSystem, { out: join(mnt, 'exported') }), /exported: cannot write the scikit-learn files — the disk is full/);
    assert.deepEqual(entries(mnt), ['filler']);
  });

  test('a read-only disk (a real tmpfs remounted read-only): the CLI names --out; the remedy for a front end with settings names no flag', async (t) => {
    const mnt = mountTmpfs(t, 'ro', '4m');
    if (!mnt) return;
    const inside = (await trainCase(CASES[0]!, join(mnt, 'models'))).modelDir;
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', mnt]).status, 0, 'remounted read-only');
    const detail = async (p: Promise<unknown>) => {
      const e = await p.then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof UserError, `not a UserError: ${String(e)}`);
      return { message: e.message, base: e.detail.base, remedy: e.detail.remedy };
    };
    assert.deepEqual(await detail(exportJoblib(inside, nodeFileSystem)), {
      message: `${inside}: cannot write the scikit-learn files — the file system is read-only; choose another folder (--out DIR) on a writable disk`,
      base: `${inside}: cannot write the scikit-learn files — the file system is read-only`,
      remedy: { option: 'out', text: 'choose another folder ({option} DIR) on a writable disk', settingText: 'copy the model into another models folder on a writable disk' },
    });
    // Saving a model there: a front end with settings names its models-folder setting instead of --out.
    const saved = await detail(trainCase(CASES[0]!, join(mnt, 'models')));
    assert.equal(saved.message, `${join(mnt, 'models')}: cannot save the model in this models folder — the file system is read-only; choose another models folder (--out) on a writable disk`);
    assert.deepEqual(saved.remedy, { option: 'out', text: 'choose another models folder ({option}) on a writable disk', settingText: 'choose another models folder ({option}) on a writable disk' });
  });
});

describe('model-lab export (the CLI, in process)', () => {
  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['export', ...args], { out: (s) => { out += s; }, err: (s) => { err += s; }, cwd: root });
    return { code, out, err };
  };

  test('joblib, python and python to standard output', async () => {
    const j = await cli(model, '--format', 'joblib', '--out', 'cli-out');
    assert.equal(j.code, 0, j.err);
    assert.equal(j.out, `Wrote ${join(root, 'cli-out', 'scaler.joblib')} + ${join(root, 'cli-out', 'classifier.joblib')} (scikit-learn 1.2.1, layout separate)\n`);
    const p = await cli(model, '--format', 'python', '--out', 'cli-train.py');
    assert.equal(p.code, 0, p.err);
    assert.match(p.out, /^Wrote .*cli-train\.py — run it with python3/);
    const s = await cli(model, '--format', 'python', '--out', '-');
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /^classifier = SVC\(\)$/m);
    assert.ok(s.out.includes(`DATA = Path(${JSON.stringify(join(model, 'data.csv'))})`));
  });

  test('refusals: one line on stderr, exit 1 (2 for a release it does not write for) (expected error lines)', async () => {
    const dir = copyOfModel('cli-edited');
    writeFileSync(join(dir, 'scaler.json'), readFileSync(join(dir, 'scaler.json'), 'utf8').replace('"withMean": true', '"withMean": false'));
    for (const format of ['joblib', 'python', 'onnx']) {
      const r = await cli(dir, '--format', format, '--out', join(root, format === 'joblib' ? 'cli-refused-joblib' : `cli-refused.${format}`));
      assert.equal(r.code, 1);
      assert.match(r.err, /^model-lab export: .*scaler\.json: sha256 is [0-9a-f]{64} but model\.json records [0-9a-f]{64} — the file changed after saving; restore it, or train the model again\n$/);
      assert.equal(r.out, '');
    }
    // A release Model Lab does not write for is a bad flag value: exit 2, as from train and tune (it was 1).
    const v = await cli(model, '--format', 'joblib', '--sklearn-version', '1.3.0', '--out', join(root, 'cli-v'));
    assert.equal(v.code, 2);
    assert.match(v.err, /^model-lab export: scikit-learn 1\.3\.0 is not supported for export: .* — choose the release your Python has, or the nearest, with --sklearn-version \(a file for another release loads with an InconsistentVersionWarning\)\n$/);
  });

  test('usage errors exit 2', async () => {
    assert.deepEqual(await cli(model), { code: 2, out: '', err: 'model-lab export: give --format joblib|python|onnx\n' });
    assert.equal((await cli(model, '--format', 'pickle')).err, 'model-lab export: --format "pickle" must be one of joblib, python, onnx\n');
    assert.equal((await cli(model, '--format', 'python', '--sklearn-version', '1.2.1')).err, 'model-lab export: --sklearn-version goes with --format joblib, not python\n');
    assert.equal((await cli(model, '--format', 'joblib', '--out', '-')).err, 'model-lab export: --out - (standard output) goes with --format python\n');
    assert.equal((await cli('--format', 'joblib')).code, 2);
    // --out naming a .joblib file: refused before anything is written (no folder called model.joblib).
    assert.deepEqual(await cli(model, '--format', 'joblib', '--out', 'model.joblib'), {
      code: 2, out: '', err: "model-lab export: --out model.joblib names a .joblib file, but the joblib export writes the course's files (scaler.joblib + classifier.joblib, or model_pipeline.joblib) into a folder — give a folder, e.g. --out model\n",
    });
    assert.equal(existsSync(join(root, 'model.joblib')), false);
    // A folder that happens to be called so is still a folder.
    mkdirSync(join(root, 'kept.joblib'));
    assert.equal((await cli(model, '--format', 'joblib', '--out', 'kept.joblib')).code, 0);
    assert.ok(existsSync(join(root, 'kept.joblib', 'classifier.joblib')));
    // --out named for another format (a typo in one of two flags): refused, nothing written.
    assert.deepEqual(await cli(model, '--format', 'python', '--out', 'model.onnx'), {
      code: 2, out: '', err: 'model-lab export: --out model.onnx is named for --format onnx, but --format python writes a Python script — give --out model.py, or --format onnx\n',
    });
    assert.deepEqual(await cli(model, '--format', 'onnx', '--out', 'Model.PY'), {
      code: 2, out: '', err: 'model-lab export: --out Model.PY is named for --format python, but --format onnx writes an ONNX model — give --out Model.onnx, or --format python\n',
    });
    assert.equal((await cli(model, '--format', 'onnx', '--out', 'm.joblib')).err, 'model-lab export: --out m.joblib is named for --format joblib, but --format onnx writes an ONNX model — give --out m.onnx\n');
    for (const f of ['model.onnx', 'Model.PY', 'm.joblib']) assert.equal(existsSync(join(root, f)), false, f);
    // Other names are taken as given.
    assert.equal((await cli(model, '--format', 'python', '--out', 'train.txt')).code, 0);
    assert.ok(existsSync(join(root, 'train.txt')));
  });
});
