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
