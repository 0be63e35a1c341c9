// A model folder or models folder that the user may not enter (mode 000, or 700 owned by someone
// else), run as `nobody`: every command names that folder in the words of osErrors.ts. validate said
// Node's raw "EACCES: permission denied, lstat '…/m2/model.json'" (also in --json's "error"); compare
// and train --out named "…/models/model.json", a file that is not there, instead of the folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cliFile } from '../core/parallel/bundledWorker';

const asRoot = process.getuid?.() === 0;
const skip = asRoot ? false : 'needs root, to run the CLI as nobody (setpriv)';
let root: string;

/** The CLI run as nobody (a user the folders' modes shut out). */
function asNobody(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, cliFile(), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  if (!asRoot) return;
  root = mkdtempSync(join(tmpdir(), 'model-lab-unreadable-'));
  chmodSync(dirname(cliFile()), 0o755); // the test's own bundle, for nobody to run
  chmodSync(root, 0o755);
  const r = spawnSync(process.execPath, [cliFile(), 'train', '--out', join(root, 'perm', 'models'), '--name', 'm2'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  chmodSync(join(root, 'perm'), 0o755);
  chmodSync(join(root, 'perm', 'models'), 0o755);
});
after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test('a model folder nobody may enter: validate (and --json), predict and export name it, permission denied', { skip }, () => {
  const m2 = join(root, 'perm', 'models', 'm2');
  const line = `${m2}: cannot look inside the model folder — permission denied; ask for access to it, or train the model again`;
  for (const mode of [0o000, 0o700]) {
    chmodSync(m2, mode);
    const v = asNobody(['validate', m2]);
    assert.deepEqual([v.code, v.err], [1, `model-lab validate: ${line}\n`]);
    const j = asNobody(['validate', m2, '--json']);
    assert.equal(JSON.parse(j.out).error, line);
    for (const [command, ...args] of [['predict', m2, '--data', 'iris'], ['export', m2, '--format', 'python', '--out', 'exported']]) {
      const r = asNobody([command, ...args]);
      assert.deepEqual([r.code, r.err], [1, `model-lab ${command}: ${line}\n`]);
    }
  }
  chmodSync(m2, 0o755);
});

test('a models folder nobody may enter: compare and train --out name the folder, not a model.json inside it', { skip }, () => {
  const models = join(root, 'perm2', 'models');
  mkdirSync(models, { recursive: true });
  chmodSync(join(root, 'perm2'), 0o755);
  const line = `${models}: cannot look inside the models folder — permission denied; ask for access to it, or choose another models folder (--out)`;
  for (const mode of [0o000, 0o700]) {
    chmodSync(models, mode);
    const c = asNobody(['compare', '--out', models]);
    assert.deepEqual([c.code, c.err], [1, `model-lab compare: ${line}\n`]);
    const t = asNobody(['train', '--out', models]);
    assert.deepEqual([t.code, t.err], [1, `model-lab train: ${line}\n`]);
  }
  chmodSync(models, 0o755);
});
