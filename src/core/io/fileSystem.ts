// The core's only window on storage. The CLI uses nodeFileSystem; the extension adapts
// vscode.workspace.fs, so models work the same on local, remote and virtual workspaces.
// A cloned repository is untrusted input: the port never follows a symbolic link on its own.
// stat and readDirectory report links as 'link', and writeFile never writes through one.

/** 'link': a symbolic link (not followed). 'other': a device, FIFO or socket. */
export type FileType = 'file' | 'directory' | 'link' | 'other';

export interface FileEntry {
  readonly name: string;
  readonly type: FileType;
}

export interface FileStat {
  readonly type: FileType;
  readonly size: number;
  /** Last modification time (ms since 1970). */
  readonly mtimeMs: number;
  /** For a link: where it really leads (absolute, links resolved), when the file system can tell. */
  readonly linkTarget?: string;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /**
   * A file's bytes in chunks of at most CHUNK_BYTES, so that a caller that only hashes or counts
   * never holds the whole file (a 400 MB data.csv planted in a cloned repository). A chunk is valid
   * until the next is asked for (its buffer may be reused). Refuses (throws) a folder or a
   * device/FIFO/socket. A file system that cannot read part of a file (vscode.workspace.fs off
   * file: URIs) gives it as one chunk: callers check its size (stat) first.
   */
  readChunks(path: string): AsyncIterable<Uint8Array>;
  /**
   * The one safe writer: writeTemp, then replace, then syncFolder of the target's folder — so once
   * it resolves the file survives a power loss. `syncFolder: false` leaves that last step to a caller
   * that writes several files into one folder and syncs it once (a model's temporary folder).
   * Throws a UserError naming `path` when it is a link, a folder or a device/FIFO/socket; nothing is
   * changed then. Parent folders must exist.
   */
  writeFile(path: string, data: Uint8Array, options?: { readonly syncFolder?: boolean }): Promise<void>;
  /**
   * Writes `data` to a new temporary file beside `path` (tempNames.ts: exclusive create, never
   * through a link; a replaced file's permissions), flushed to the disk (fsync), and returns its
   * path. First removes temporaries of `path` that killed writers left (removeStaleTempFiles).
   * Refuses (UserError) a `path` that is a link, a folder or a device/FIFO/socket.
   */
  writeTemp(path: string, data: Uint8Array): Promise<string>;
  /**
   * Moves `from` over `to` with one rename, so `to` is never missing: only when `to` is absent or
   * a regular file (looked at just before; the rename replaces a link put there meanwhile itself,
   * never what it leads to). Throws a UserError for a link, a folder or a device/FIFO/socket.
   * Does not sync the folder (syncFolder).
   */
  replace(from: string, to: string): Promise<void>;
  /**
   * Makes the folder's entries (files created, renamed in or out) survive a power loss: fsync of the
   * folder. Nothing where the file system offers no such call (vscode.workspace.fs off file: URIs).
   */
  syncFolder(path: string): Promise<void>;
  /**
   * Creates the folder and its parents, each made durable in its parent (syncFolder); no error if it
   * exists. `syncParent: false` for a temporary folder whose contents are published by a rename.
   */
  mkdir(path: string, options?: { readonly syncParent?: boolean }): Promise<void>;
  readDirectory(path: string): Promise<FileEntry[]>;
  /** Undefined when nothing is there. Does not follow a link: a link is reported as 'link'. */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * Optional: the stats of many paths, in order, as stat reports them but undefined also where a
   * path cannot be looked at — for a file system that does it faster than one stat at a time (local
   * files: ~3 µs each in one go against ~13 µs through the thread pool). Without it, callers stat
   * one at a time.
   */
  statMany?(paths: readonly string[]): Promise<(FileStat | undefined)[]>;
  /** Fails if `to` exists (never overwrites). Syncs the folders of `to` and `from` afterwards. */
  rename(from: string, to: string): Promise<void>;
  /** Recursive; no error if it does not exist. Removes a link itself, never what it points to. */
  remove(path: string): Promise<void>;
}

/** readChunks' chunk size: 1 MiB keeps a hash at the disk's speed and its memory negligible. */
export const CHUNK_BYTES = 1 << 20;

/** Paths in the core are POSIX-style absolute paths (the extension maps them to/from URIs). */
export { posix as paths } from 'node:path';
