// The node FileSystem port: rename must never replace anything (model folders rely on it); files are
// read whole or in chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { nodeFileSystem as fs } from '../../../src/core/io/nodeFileSystem';
import { CHUNK_BYTES } from '../../../src/core/io/fileSystem';

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

test('readChunks: the file in chunks of at most CHUNK_BYTES, the same bytes; a FIFO or a folder is refused without hanging', async () => {
  const d = mkdtempSync(join(tmpdir(), 'model-lab-nodefs-'));
  try {
    const bytes = new Uint8Array(2.5 * CHUNK_BYTES).map((_, i) => (i * 7) & 0xff);
    writeFileSync(join(d, 'f'), bytes);
    const chunks: Uint8Array[] = [];
    // Copied: a chunk is valid until the next is asked for.
    for await (const c of fs.readChunks(join(d, 'f'))) chunks.push(c.slice());
    assert.deepEqual(chunks.map((c) => c.length), [CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES / 2]);
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(bytes));
    writeFileSync(join(d, 'empty'), '');
    for await (const c of fs.readChunks(join(d, 'empty'))) assert.fail(`no chunk expected, got ${c.length} bytes`);
    execFileSync('mkfifo', [join(d, 'fifo')]);
    const drain = async (path: string) => { for await (const c of fs.readChunks(path)) void c; };
    await assert.rejects(drain(join(d, 'fifo')), /fifo: is a special file \(device, FIFO or socket\), not a plain file/);
    await assert.rejects(drain(d), /is a folder, not a plain file|EISDIR/);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
