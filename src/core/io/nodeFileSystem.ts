// FileSystem port on node:fs (the CLI, the tests, and the extension for file: URIs). A local file
// system call takes microseconds; through the promise API each one waits for a thread of libuv's
// pool and then for a turn of the event loop, which on a busy machine (a sweep's other thread
// fitting) is milliseconds. So folders, stats, renames and writes of small files are synchronous;
// a large write, every read of file contents and every fsync (it waits for the disk) go through the
// thread pool, off this thread. Every write is flushed before its rename and its folder after.
import {
  closeSync, constants, fchmodSync, fstatSync, fsync, linkSync, lstatSync, mkdirSync, openSync, promises as fsp, readdirSync, readSync, readlinkSync, realpathSync,
  renameSync, rmSync, statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CHUNK_BYTES, type FileEntry, type FileStat, type FileSystem, type FileType } from './fileSystem';
import { promisify } from 'node:util';
import { checkWriteTarget } from './writeTarget';
import { removeStaleTempFiles, tempFileName } from './tempNames';
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
 * Makes `path`, and first its missing parents; adds each folder made to `made`. Not Node's
 * { recursive: true }: where a parent is there but cannot hold folders — a symbolic link that leads
 * nowhere, a path under /proc — mkdir says ENOENT, the parent EEXIST, and Node tries again forever
 * (its promise never settles, a thread spins). Here each folder is tried again once, after its
 * parent, and a second refusal is thrown: the real cause (ENOENT, ENOTDIR, EROFS, EACCES …), which
 * the caller names in the user's terms.
 */
function makeFolder(path: string, made: string[]): void {
  try {
    mkdirSync(path);
    made.push(path);
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(path) === path) throw e;
  }
  try {
    makeFolder(dirname(path), made);
  } catch (e) {
    // A parent that is there (a folder, a file or a link): the second try below says what it is.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  mkdirSync(path);
  made.push(path);
}

const fsyncNow = promisify(fsync);

/** File systems that have no fsync for folders (some network and FUSE ones) say so with these: nothing to do there. */
const NO_FOLDER_SYNC = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EISDIR', 'EPERM', 'EACCES']);

/**
 * fsync of a folder: the names created, renamed or removed in it reach the disk. Off this thread
 * (an fsync waits for the disk). Windows cannot open a folder for it, and its renames are journaled.
 */
async function syncFolderNow(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
  } catch (e) {
    if (NO_FOLDER_SYNC.has((e as NodeJS.ErrnoException).code ?? '')) return;
    throw e;
  }
  try {
    await fsyncNow(fd);
  } catch (e) {
    if (!NO_FOLDER_SYNC.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    closeSync(fd);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  return lstatSync(path, { throwIfNoEntry: false });
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

/** Whether `path` is a folder or a link to one. */
function isFolderNow(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** stat that never throws: undefined when nothing is there or it cannot be looked at. */
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

function checkTarget(path: string): { mode: number } | undefined {
  const st = lstatOrUndefined(path);
  const type = st ? typeOf(st) : undefined;
  checkWriteTarget(path, type, type === 'link' ? realTarget(path) : undefined);
  return st ? { mode: st.mode & PERMISSION_BITS } : undefined;
}

/**
 * One rename(2) of `from` over `to` when `to` is absent or a regular file. rename() replaces a link
 * put there after the look itself (it never writes through it), so the window only decides whether
 * such a link is refused or replaced.
 */
function replaceNow(from: string, to: string): void {
  checkTarget(to);
  renameSync(from, to);
}

/**
 * Writes at most this many bytes synchronously (a model's JSON files, a small data.csv: well under
 * a millisecond); a larger file goes through the promise API, so an extension host is never held.
 */
const MAX_SYNC_WRITE_BYTES = 1 << 20;

/** readChunks' smallest buffer (a file that grows while read is read on in chunks of it). */
const MIN_CHUNK_BYTES = 64 * 1024;

/** writeTemp for a small file, without the thread pool but for the fsync (see writeTemp). */
async function writeSmallTemp(temp: string, data: Uint8Array, mode: number | undefined): Promise<void> {
  const fd = openSync(temp, CREATE_NEW, NEW_FILE_MODE);
  try {
    for (let at = 0; at < data.byteLength; ) at += writeSync(fd, data, at);
    // A replaced file keeps its permissions (a private CSV stays private).
    if (mode !== undefined) fchmodSync(fd, mode);
    await fsyncNow(fd);
  } finally {
    closeSync(fd);
  }
}

/** writeTemp for a large file, through the promise API. */
async function writeLargeTemp(temp: string, data: Uint8Array, mode: number | undefined): Promise<void> {
  const handle = await fsp.open(temp, CREATE_NEW, NEW_FILE_MODE);
  try {
    await handle.writeFile(data);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    const b = await fsp.readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  async *readChunks(path) {
    // Opened without blocking and checked to be a plain file: a FIFO cannot hang the read.
    const handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw new Error(`${path}: is ${st.isDirectory() ? 'a folder' : 'a special file (device, FIFO or socket)'}, not a plain file`);
      // No larger than the file (a listing hashes many small files: 1 MiB each would be churn).
      const buffer = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(st.size, MIN_CHUNK_BYTES)));
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  },
  async writeFile(path, data, options) {
    const temp = await nodeFileSystem.writeTemp(path, data);
    try {
      replaceNow(temp, path);
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    if (options?.syncFolder !== false) await syncFolderNow(dirname(path));
  },
  async writeTemp(path, data) {
    await removeStaleTempFiles(nodeFileSystem, path);
    const existing = checkTarget(path);
    const temp = join(dirname(path), tempFileName(basename(path)));
    try {
      await (data.byteLength <= MAX_SYNC_WRITE_BYTES ? writeSmallTemp : writeLargeTemp)(temp, data, existing?.mode);
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    return temp;
  },
  async replace(from, to) {
    replaceNow(from, to);
  },
  syncFolder: syncFolderNow,
  async mkdir(path, options) {
    const made: string[] = [];
    try {
      makeFolder(path, made);
    } catch (e) {
      // A folder (or a link to one) there already is what was asked for; anything else keeps the refusal.
      if (!((e as NodeJS.ErrnoException).code === 'EEXIST' && isFolderNow(path))) throw e;
    }
    if (options?.syncParent !== false) for (const d of made) await syncFolderNow(dirname(d));
  },
  async readDirectory(path): Promise<FileEntry[]> {
    return readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, type: typeOf(d) }));
  },
  async stat(path): Promise<FileStat | undefined> {
    const s = lstatOrUndefined(path);
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
    if (lstatSync(from).isFile()) {
      // link() fails with EEXIST instead of replacing: an atomic no-overwrite move for files.
      linkSync(from, to);
      unlinkSync(from);
    } else {
      // POSIX rename() silently replaces an empty folder, so look first (the window is tiny and
      // model names are unique per run); a non-empty folder makes rename() fail anyway.
      if (lstatOrUndefined(to)) throw existsError(to);
      renameSync(from, to);
    }
    await syncFolderNow(dirname(to));
    if (dirname(from) !== dirname(to)) await syncFolderNow(dirname(from));
  },
  async remove(path) {
    await fsp.rm(path, { recursive: true, force: true });
  },
};

/**
 * nodeFileSystem with synchronous small-file reads too, for listing many model folders (the
 * Saved Models view, the listing benchmark): a listing makes two stats and reads one model.json per
 * model folder, and the promise versions spend most of their time queueing on libuv's thread pool
 * (a read is four trips: open, fstat, read, close), while a local lstat takes ~10 µs. 1,000 models,
 * fresh process, this 2-core machine (bench/entries/listModels.ts): promise stats and reads 356–412 ms,
 * synchronous stats 288–309 ms, synchronous stats and reads 169–185 ms. The event loop turns every
 * READS_PER_TURN reads, so an extension host is never held long.
 */
export const nodeListingFileSystem: FileSystem = {
  ...nodeFileSystem,
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
