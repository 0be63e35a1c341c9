// The one check before a file of a model folder opens in an editor (Saved Models' file rows): a
// plain file passes; a link (data.csv → /etc/passwd), a FIFO, a folder, a path out of the folder or
// a file gone are refused in one line naming the file, and a link's line says where it leads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem as fs } from '../../../src/core/io/nodeFileSystem';
import { checkOpenableModelFile } from '../../../src/core/artifacts/openableModelFile';
import { UserError } from '../../../src/core/types';

let model: string;
before(() => {
  model = join(mkdtempSync(join(tmpdir(), 'model-lab-openable-')), 'leak');
  mkdirSync(join(model, 'sub'), { recursive: true });
  writeFileSync(join(model, 'model.json'), '{}');
  symlinkSync('/etc/passwd', join(model, 'data.csv'));
  symlinkSync(join(model, 'sub'), join(model, 'linked'));
  assert.equal(spawnSync('mkfifo', [join(model, 'pipe')]).status, 0);
});
after(() => rmSync(join(model, '..'), { recursive: true, force: true }));

const refusal = async (name: string) => {
  const e = await checkOpenableModelFile(fs, model, name).then(() => undefined, (x: unknown) => x);
  assert.ok(e instanceof UserError, `${name} is refused with a UserError`);
  return e.message;
};

test('a plain file of the model folder may be opened', async () => {
  await checkOpenableModelFile(fs, model, 'model.json');
});

test('a link is refused, saying where it leads; a FIFO, a folder, a link on the way, a path out and a missing file too', async () => {
  assert.equal(await refusal('data.csv'), `${join(model, 'data.csv')}: is a symbolic link to ${realpathSync('/etc/passwd')} — Model Lab opens only the plain files of a model folder, never through a link (it could point outside the model folder); nothing was opened`);
  assert.match(await refusal('pipe'), /pipe: is a special file \(a device, FIFO or socket\), not a plain file — .*nothing was opened$/);
  assert.match(await refusal('sub'), /sub: is a folder, not a plain file/);
  assert.match(await refusal('linked/x.json'), /linked: is a symbolic link to .*sub — /);
  assert.match(await refusal('../leak/model.json'), /is not a file of the model folder/);
  assert.match(await refusal('gone.json'), /gone\.json: is not there any more; nothing was opened/);
});
