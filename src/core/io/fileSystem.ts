// The core's only window on storage. The CLI uses nodeFileSystem; the extension adapts
// vscode.workspace.fs, so models work the same on local, remote and virtual workspaces.

export interface FileEntry {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'other';
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates or replaces the file; parent folders must exist. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Creates the folder and its parents; no error if it exists. */
  mkdir(path: string): Promise<void>;
  readDirectory(path: string): Promise<FileEntry[]>;
  /** Undefined when nothing is there. mtimeMs: last modification time. */
  stat(path: string): Promise<{ type: 'file' | 'directory' | 'other'; size: number; mtimeMs: number } | undefined>;
  /** Fails if `to` exists (never overwrites). */
  rename(from: string, to: string): Promise<void>;
  /** Recursive; no error if it does not exist. */
  remove(path: string): Promise<void>;
}

/** Paths in the core are POSIX-style absolute paths (the extension maps them to/from URIs). */
export { posix as paths } from 'node:path';
