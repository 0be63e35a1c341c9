// The FileSystem port on vscode.workspace.fs behaves as the core expects (the same contract the
// node adapter meets): missing paths, no-overwrite rename, recursive remove.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { workspaceFolder } from './helpers';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';

test('WorkspaceFileSystem meets the core FileSystem contract', async () => {
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const root = fs.pathOf(vscode.Uri.joinPath(workspaceFolder().uri, '.fs-test'));
  await fs.remove(root);
  assert.equal(await fs.stat(root), undefined);
  await fs.mkdir(`${root}/a/b`);
  await fs.mkdir(`${root}/a/b`);
  await fs.writeFile(`${root}/a/b/x.txt`, new TextEncoder().encode('hello'));
  await fs.writeFile(`${root}/y.txt`, new TextEncoder().encode('other'));
  assert.equal(new TextDecoder().decode(await fs.readFile(`${root}/a/b/x.txt`)), 'hello');
  const st = await fs.stat(`${root}/a/b/x.txt`);
  assert.equal(st?.type, 'file');
  assert.equal(st?.size, 5);
  assert.deepEqual((await fs.readDirectory(root)).map((e) => `${e.name}:${e.type}`).sort(), ['a:directory', 'y.txt:file']);
  await assert.rejects(fs.rename(`${root}/y.txt`, `${root}/a/b/x.txt`));
  assert.equal(new TextDecoder().decode(await fs.readFile(`${root}/a/b/x.txt`)), 'hello');
  await fs.rename(`${root}/a`, `${root}/c`);
  assert.equal((await fs.stat(`${root}/c/b`))?.type, 'directory');
  await fs.remove(root);
  await fs.remove(root);
  assert.equal(await fs.stat(root), undefined);
});

// Issue 18, items 2 and 6 through the extension's adapter: the same behaviour as the CLI. Links are
// reported as links, Validate refuses a model folder's linked files instead of showing the target,
// and writes never go through a link.
test('WorkspaceFileSystem: links are links — validate refuses them, writes never follow them', async () => {
  const { symlinkSync, writeFileSync, readFileSync, unlinkSync } = await import('node:fs');
  const { train } = await import('../../../src/core/usecases/train');
  const { validate } = await import('../../../src/core/usecases/validate');
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const root = fs.pathOf(vscode.Uri.joinPath(workspaceFolder().uri, '.fs-links'));
  await fs.remove(root);
  try {
    await fs.mkdir(root);
    const secret = `${root}/secret.json`;
    writeFileSync(vscode.Uri.file(secret).fsPath, '{"token": "SECRET-TOKEN-do-not-show"}');
    const trained = await train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: `${root}/models`, name: 'm',
    }, fs);
    for (const [file, target] of [['data.csv', '/etc/passwd'], ['scaler.json', secret]] as const) {
      const native = vscode.Uri.file(`${trained.modelDir}/${file}`).fsPath;
      const saved = readFileSync(native);
      unlinkSync(native);
      symlinkSync(target, native);
      assert.equal((await fs.stat(`${trained.modelDir}/${file}`))?.type, 'link');
      const report = await validate(trained.modelDir, fs);
      assert.equal(report.status, 'could-not-load');
      assert.match(report.error ?? '', new RegExp(`${file.replace('.', '\\.')}: is a symbolic link, which could point outside the model folder`));
      assert.ok(!JSON.stringify(report).includes('SECRET-TOKEN') && !JSON.stringify(report).includes('root:x:0:0'));
      unlinkSync(native);
      writeFileSync(native, saved);
    }
    assert.equal((await validate(trained.modelDir, fs)).status, 'matches');
    // A planted link where Model Lab writes: refused with one line, the target untouched.
    symlinkSync(vscode.Uri.file(secret).fsPath, vscode.Uri.file(`${root}/out.csv`).fsPath);
    await assert.rejects(fs.writeFile(`${root}/out.csv`, new TextEncoder().encode('x')), /out\.csv: is a symbolic link to .*secret\.json — Model Lab never writes through a link/);
    assert.match(readFileSync(vscode.Uri.file(secret).fsPath, 'utf8'), /SECRET-TOKEN/);
  } finally {
    await fs.remove(root);
  }
});
