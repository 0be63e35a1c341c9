// FileSystem port on node:fs/promises (the CLI, the tests, and the extension for file: URIs).
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { FileEntry, FileStat, FileSystem, FileType } from './fileSystem';
import { checkWriteTarget, tempFileName } from './writeTarget';
import { nextTurn } from '../nextTurn';

/** Exclusive create that refuses a link at the last path component (O_NOFOLLOW where the OS has it). */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const NEW_FILE_MODE = 0o666;
const PERMISSION_BITS = 0o7777;

function typeOf(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileType {
  return d.isFile() ? 'file' : d.isDirectory() ? 'directory' : d.isSymbolicLink() ? 'link' : 'other';
}

function existsError(to: string): Error {
  const e = new Error(`EEXIST: cannot rename onto an existing path '${to}'`) as NodeJS.ErrnoException;
  e.code = 'EEXIST';
  return e;
}

/**
 * Makes `path`, and first its missing parents. Not Node's { recursive: true }: where a parent is
 * there but cannot hold folders — a symbolic link that leads nowhere, a path under /proc — mkdir
 * says ENOENT, the parent EEXIST, and Node tries again forever (its promise never settles, a thread
 * spins). Here each folder is tried again once, after its parent, and a second refusal is thrown:
 * the real cause (ENOENT, ENOTDIR, EROFS, EACCES …), which the caller names in the user's terms.
 */
async function makeFolder(path: string): Promise<void> {
  try {
    await fsp.mkdir(path);
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(path) === path) throw e;
  }
  try {
    await makeFolder(dirname(path));
  } catch (e) {
    // A parent that is there (a folder, a file or a link): the second try below says what it is.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  await fsp.mkdir(path);
}

async function lstatOrUndefined(path: string) {
  try {
    return await fsp.lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Where a link really leads (its target's real path, or where it points when that does not exist);
 * undefined when it cannot be read. Synchronous: links are rare and this is two system calls.
 */
function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(dirname(path), readlinkSync(path));
    } catch {
      return undefined;
    }
  }
}

/** The port's FileStat of what lstat reported for `path`. */
function statOf(path: string, s: Stats): FileStat {
  const type = typeOf(s);
  if (type !== 'link') return { type, size: s.size, mtimeMs: s.mtimeMs };
  const linkTarget = realTarget(path);
  return { type, size: s.size, mtimeMs: s.mtimeMs, ...(linkTarget !== undefined ? { linkTarget } : {}) };
}

/** stat without the thread pool: undefined when nothing is there or it cannot be looked at. */
function statNow(path: string): FileStat | undefined {
  try {
    const s = lstatSync(path, { throwIfNoEntry: false });
    return s ? statOf(path, s) : undefined;
  } catch {
    return undefined;
  }
}

/** statMany does this many stats, then lets the event loop turn (a few milliseconds at most). */
const STATS_PER_TURN = 500;

async function checkTarget(path: string): Promise<{ mode: number } | undefined> {
  const st = await lstatOrUndefined(path);
  const type = st ? typeOf(st) : undefined;
  checkWriteTarget(path, type, type === 'link' ? realTarget(path) : undefined);
  return st ? { mode: st.mode & PERMISSION_BITS } : undefined;
}

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    const b = await fsp.readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  async writeFile(path, data) {
    const existing = await checkTarget(path);
    const temp = join(dirname(path), tempFileName(basename(path)));
    const handle = await fsp.open(temp, CREATE_NEW, NEW_FILE_MODE);
    try {
      try {
        await handle.writeFile(data);
        // A replaced file keeps its permissions (a private CSV stays private).
        if (existing) await handle.chmod(existing.mode);
      } finally {
        await handle.close();
      }
      // Look again just before the rename: rename() replaces a link or file put there meanwhile
      // itself (it never writes through it), but a link there now still deserves the refusal.
      await checkTarget(path);
      await fsp.rename(temp, path);
    } catch (e) {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw e;
    }
  },
  async mkdir(path) {
    try {
      await makeFolder(path);
    } catch (e) {
      // A folder (or a link to one) there already is what was asked for; anything else keeps the refusal.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && (await fsp.stat(path).catch(() => undefined))?.isDirectory()) return;
      throw e;
    }
  },
  async readDirectory(path): Promise<FileEntry[]> {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries.map((d) => ({ name: d.name, type: typeOf(d) }));
  },
  async stat(path): Promise<FileStat | undefined> {
    const s = await lstatOrUndefined(path);
    return s ? statOf(path, s) : undefined;
  },
  // A local stat takes a few microseconds; through the promise API most of the time is queueing on
  // libuv's thread pool. In chunks, so the event loop (an extension host) is never held long.
  async statMany(list) {
    const out: (FileStat | undefined)[] = [];
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && i % STATS_PER_TURN === 0) await nextTurn();
      out.push(statNow(list[i]));
    }
    return out;
  },
  async rename(from, to) {
    const source = await fsp.lstat(from);
    if (source.isFile()) {
      // link() fails with EEXIST instead of replacing: an atomic no-overwrite move for files.
      await fsp.link(from, to);
      await fsp.unlink(from);
      return;
    }
    // POSIX rename() silently replaces an empty folder, so look first (the window is tiny and
    // model names are unique per run); a non-empty folder makes rename() fail anyway.
    if (await lstatOrUndefined(to)) throw existsError(to);
    await fsp.rename(from, to);
  },
  async remove(path) {
    await fsp.rm(path, { recursive: true, force: true });
  },
};

/**
 * nodeFileSystem with synchronous stats and small-file reads, for listing many model folders (the
 * Saved Models view, the listing benchmark): a listing makes two stats and reads one model.json per
 * model folder, and the promise versions spend most of their time queueing on libuv's thread pool
 * (a read is four trips: open, fstat, read, close), while a local lstat takes ~10 µs. 1,000 models,
 * fresh process, this 2-core machine (bench/entries/listModels.ts): promise stats and reads 356–412 ms,
 * synchronous stats 288–309 ms, synchronous stats and reads 169–185 ms. The event loop turns every
 * READS_PER_TURN reads, so an extension host is never held long.
 */
export const nodeListingFileSystem: FileSystem = {
  ...nodeFileSystem,
  async stat(path) {
    const s = lstatSync(path, { throwIfNoEntry: false });
    return s ? statOf(path, s) : undefined;
  },
  async readFile(path) {
    if (++readsSinceTurn >= READS_PER_TURN) {
      readsSinceTurn = 0;
      await nextTurn();
    }
    return readSmallFileNow(path) ?? nodeFileSystem.readFile(path);
  },
};

/** Synchronous reads between two turns of the event loop (a few milliseconds of model.json files). */
const READS_PER_TURN = 64;
let readsSinceTurn = 0;
/** Larger files (a data.csv) are read with the promise API, off this thread. */
const MAX_SYNC_READ_BYTES = 1 << 20;

/**
 * A plain file of at most MAX_SYNC_READ_BYTES read at once; undefined for a larger one (which the
 * promise API then reads). Opened without blocking, and anything but a plain file is refused: a
 * FIFO put in place of a file after its stat (readBytes checks the type first) cannot hang a thread.
 */
function readSmallFileNow(path: string): Uint8Array | undefined {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${path}: is ${st.isDirectory() ? 'a folder' : 'a special file (device, FIFO or socket)'}, not a plain file`);
    if (st.size > MAX_SYNC_READ_BYTES) return undefined;
    const out = new Uint8Array(st.size);
    let at = 0;
    while (at < out.length) {
      const n = readSync(fd, out, at, out.length - at, at);
      if (n === 0) return out.subarray(0, at); // shrank while read
      at += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
