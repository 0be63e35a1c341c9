// FileSystem port on node:fs/promises (the CLI and the tests; the extension adapts vscode.workspace.fs).
import { promises as fsp } from 'node:fs';
import type { FileEntry, FileSystem } from './fileSystem';

function typeOf(d: { isFile(): boolean; isDirectory(): boolean }): 'file' | 'directory' | 'other' {
  return d.isFile() ? 'file' : d.isDirectory() ? 'directory' : 'other';
}

function existsError(to: string): Error {
  const e = new Error(`EEXIST: cannot rename onto an existing path '${to}'`) as NodeJS.ErrnoException;
  e.code = 'EEXIST';
  return e;
}

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    const b = await fsp.readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  async writeFile(path, data) {
    await fsp.writeFile(path, data);
  },
  async mkdir(path) {
    await fsp.mkdir(path, { recursive: true });
  },
  async readDirectory(path): Promise<FileEntry[]> {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries.map((d) => ({ name: d.name, type: typeOf(d) }));
  },
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { type: typeOf(s), size: s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
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
    if (await nodeFileSystem.stat(to)) throw existsError(to);
    await fsp.rename(from, to);
  },
  async remove(path) {
    await fsp.rm(path, { recursive: true, force: true });
  },
};
