// nodeFileSystem.statMany against its own stat, on a real folder: the same answers in the same order,
// across its chunks, and undefined where nothing can be looked at. nodeListingFileSystem's synchronous
// reads against the promise reads, a FIFO, and the event loop they must let turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem, nodeListingFileSystem } from '../../../src/core/io/nodeFileSystem';

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

test('the listing reads what readFile reads: empty, small, 1 MB, past 1 MB (read off the thread), through a link', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-listread-'));
  try {
    const sizes = [0, 1, 4096, 1 << 20, (1 << 20) + 1, 3 << 20];
    for (const size of sizes) writeFileSync(join(dir, `f${size}`), Buffer.alloc(size, size % 251));
    symlinkSync(join(dir, 'f4096'), join(dir, 'link'));
    for (const name of [...sizes.map((n) => `f${n}`), 'link']) {
      const path = join(dir, name);
      assert.deepEqual(Buffer.from(await nodeListingFileSystem.readFile(path)), Buffer.from(await nodeFileSystem.readFile(path)), name);
    }
    await assert.rejects(nodeListingFileSystem.readFile(join(dir, 'missing')), { code: 'ENOENT' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the listing refuses a FIFO or a folder at once instead of waiting for a writer', { timeout: 10_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-listread-'));
  try {
    const fifo = join(dir, 'model.json');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    // The promise read would wait here for a writer that never comes (the test's timeout).
    await assert.rejects(nodeListingFileSystem.readFile(fifo), { message: `${fifo}: is a special file (device, FIFO or socket), not a plain file` });
    mkdirSync(join(dir, 'sub'));
    await assert.rejects(nodeListingFileSystem.readFile(join(dir, 'sub')), { message: `${join(dir, 'sub')}: is a folder, not a plain file` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the listing\'s synchronous reads let the event loop turn (an extension host stays responsive)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-listread-'));
  try {
    const file = join(dir, 'model.json');
    writeFileSync(file, '{}');
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    turns = 0;
    for (let i = 0; i < 640; i++) await nodeListingFileSystem.readFile(file);
    ticking = false;
    // Without the turns, every read resolves before any immediate runs: 0.
    assert.ok(turns >= 9, `the event loop turned ${turns} times during 640 reads`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mkdir makes missing parents; where a parent is there but cannot hold folders (a link to nowhere, /proc) it throws the cause instead of spinning as Node\'s recursive mkdir does', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-mkdir-'));
  try {
    await nodeFileSystem.mkdir(join(dir, 'a', 'b', 'c'));
    assert.equal((await nodeFileSystem.stat(join(dir, 'a', 'b', 'c')))?.type, 'directory');
    await nodeFileSystem.mkdir(join(dir, 'a', 'b')); // there already: no error
    symlinkSync(join(dir, 'a'), join(dir, 'to-a'));
    await nodeFileSystem.mkdir(join(dir, 'to-a')); // a link to a folder is a folder there
    writeFileSync(join(dir, 'file'), 'x');
    await assert.rejects(nodeFileSystem.mkdir(join(dir, 'file')), { code: 'EEXIST' });
    await assert.rejects(nodeFileSystem.mkdir(join(dir, 'file', 'models')), { code: 'ENOTDIR' });
    // These two never settled with { recursive: true } (Node 20): mkdir says ENOENT, the parent EEXIST, forever.
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    await assert.rejects(nodeFileSystem.mkdir(join(dir, 'dangling', 'models')), { code: 'ENOENT' });
    await assert.rejects(nodeFileSystem.mkdir('/proc/model-lab-test/models'), { code: 'ENOENT' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeFile does the same on both sides of its synchronous size (1 MB): contents, kept permissions, a link or folder refused and left as it was, no temporary file left', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-write-'));
  try {
    for (const size of [0, 1, 1 << 20, (1 << 20) + 1, 3 << 20]) {
      const data = new Uint8Array(Buffer.alloc(size, size % 251));
      const file = join(dir, `f${size}`);
      await nodeFileSystem.writeFile(file, data);
      assert.deepEqual(readFileSync(file), Buffer.from(data), `new file of ${size} bytes`);
      chmodSync(file, 0o600);
      await nodeFileSystem.writeFile(file, data.subarray(0, Math.floor(size / 2)));
      assert.equal(readFileSync(file).length, Math.floor(size / 2), `replaced file of ${size} bytes`);
      assert.equal(statSync(file).mode & 0o777, 0o600, `a replaced file of ${size} bytes keeps its permissions`);
      const link = join(dir, `link${size}`);
      symlinkSync(join(dir, 'victim'), link);
      await assert.rejects(nodeFileSystem.writeFile(link, data), /is a symbolic link .*never writes through a link/, `link, ${size} bytes`);
      assert.equal(lstatSync(link).isSymbolicLink(), true);
      mkdirSync(join(dir, `folder${size}`));
      await assert.rejects(nodeFileSystem.writeFile(join(dir, `folder${size}`), data), /is a folder, not a file/, `folder, ${size} bytes`);
    }
    assert.equal(existsSync(join(dir, 'victim')), false, 'nothing was written through a link');
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
    await assert.rejects(nodeFileSystem.writeFile(join(dir, 'missing', 'f'), new Uint8Array(1)), { code: 'ENOENT' });
    await assert.rejects(nodeFileSystem.writeFile(join(dir, 'missing', 'g'), new Uint8Array((1 << 20) + 1)), { code: 'ENOENT' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
