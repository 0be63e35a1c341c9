// The node FileSystem port: rename must never replace anything (model folders rely on it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem as fs } from '../../../src/core/io/nodeFileSystem';

test('rename never overwrites a file, an empty folder or a full folder', async () => {
  const d = mkdtempSync(join(tmpdir(), 'model-lab-nodefs-'));
  try {
    writeFileSync(join(d, 'a'), 'A');
    writeFileSync(join(d, 'b'), 'B');
    await assert.rejects(fs.rename(join(d, 'a'), join(d, 'b')), { code: 'EEXIST' });
    assert.equal(readFileSync(join(d, 'b'), 'utf8'), 'B');
    assert.equal(readFileSync(join(d, 'a'), 'utf8'), 'A');
    await fs.rename(join(d, 'a'), join(d, 'c'));
    assert.equal(await fs.stat(join(d, 'a')), undefined);
    assert.equal(readFileSync(join(d, 'c'), 'utf8'), 'A');

    mkdirSync(join(d, 'src'));
    writeFileSync(join(d, 'src', 'x'), 'x');
    mkdirSync(join(d, 'empty'));
    mkdirSync(join(d, 'full'));
    writeFileSync(join(d, 'full', 'y'), 'y');
    await assert.rejects(fs.rename(join(d, 'src'), join(d, 'empty')), { code: 'EEXIST' });
    await assert.rejects(fs.rename(join(d, 'src'), join(d, 'full')));
    assert.equal(readFileSync(join(d, 'full', 'y'), 'utf8'), 'y');
    await fs.rename(join(d, 'src'), join(d, 'moved'));
    assert.equal(readFileSync(join(d, 'moved', 'x'), 'utf8'), 'x');
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('stat, readDirectory, mkdir -p, remove of nothing', async () => {
  const d = mkdtempSync(join(tmpdir(), 'model-lab-nodefs-'));
  try {
    assert.equal(await fs.stat(join(d, 'none')), undefined);
    await fs.mkdir(join(d, 'p', 'q'));
    await fs.mkdir(join(d, 'p', 'q'));
    await fs.writeFile(join(d, 'p', 'f.txt'), new TextEncoder().encode('hi'));
    assert.deepEqual((await fs.readDirectory(join(d, 'p'))).sort((a, b) => a.name.localeCompare(b.name)), [
      { name: 'f.txt', type: 'file' }, { name: 'q', type: 'directory' },
    ]);
    const st = await fs.stat(join(d, 'p', 'f.txt'));
    assert.equal(st?.type, 'file');
    assert.equal(st?.size, 2);
    assert.equal(new TextDecoder().decode(await fs.readFile(join(d, 'p', 'f.txt'))), 'hi');
    await fs.remove(join(d, 'none'));
    await fs.remove(join(d, 'p'));
    assert.equal(await fs.stat(join(d, 'p')), undefined);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
