// nodeFileSystem.statMany against its own stat, on a real folder: the same answers in the same order,
// across its chunks, and undefined where nothing can be looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';

test('statMany answers what stat answers, path by path and in order, past its chunk size', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-statmany-'));
  try {
    const paths: string[] = [];
    for (let i = 0; i < 1201; i++) {
      const file = join(dir, `f${i}.txt`);
      writeFileSync(file, 'x'.repeat(i % 7));
      paths.push(file);
    }
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'f3.txt'), join(dir, 'link'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    // Between the files: a folder, links, a missing file, a path under a file (ENOTDIR).
    paths.splice(600, 0, join(dir, 'sub'), join(dir, 'link'), join(dir, 'dangling'), join(dir, 'missing'), join(dir, 'f1.txt', 'below'));
    const many = await nodeFileSystem.statMany!(paths);
    assert.equal(many.length, paths.length);
    for (let i = 0; i < paths.length; i++) {
      const one = await nodeFileSystem.stat(paths[i]!).catch(() => undefined);
      assert.deepEqual(many[i], one, paths[i]);
    }
    assert.equal(many[600]?.type, 'directory');
    assert.deepEqual([many[601]?.type, many[601]?.linkTarget], ['link', join(dir, 'f3.txt')]);
    assert.equal(many[602]?.type, 'link');
    assert.equal(many[603], undefined);
    assert.equal(many[604], undefined);
    assert.deepEqual([many[0]?.type, many[0]?.size, many[1205]?.size], ['file', 0, 1200 % 7]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
