// The core's FileSystem port on vscode.workspace.fs, so training and validation work the same on
// local, remote (SSH, containers, WSL) and virtual workspaces. Core paths are the URI's POSIX
// path; scheme and authority come from the workspace folder the adapter was made for.
import * as vscode from 'vscode';
import type { FileEntry, FileSystem } from './engine';

function typeOf(t: vscode.FileType): 'file' | 'directory' | 'other' {
  // Symbolic links carry the type of their target plus the SymbolicLink bit.
  if (t & vscode.FileType.Directory) return 'directory';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

export class WorkspaceFileSystem implements FileSystem {
  constructor(private readonly base: vscode.Uri) {}

  /** The URI of a core path (same scheme and authority as the workspace folder). */
  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }

  /** The core path of a URI; throws for URIs of another file system than the workspace folder. */
  pathOf(uri: vscode.Uri): string {
    if (uri.scheme !== this.base.scheme || uri.authority !== this.base.authority) {
      throw new Error(`${uri.toString()} is not on the file system of ${this.base.toString()}`);
    }
    return uri.path;
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async writeFile(path: string, data: Uint8Array): Promise<void> {
    await vscode.workspace.fs.writeFile(this.uri(path), data);
  }

  async mkdir(path: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.uri(path));
  }

  async readDirectory(path: string): Promise<FileEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]) => ({ name, type: typeOf(type) }));
  }

  async stat(path: string): Promise<{ type: 'file' | 'directory' | 'other'; size: number; mtimeMs: number } | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { type: typeOf(s.type), size: s.size, mtimeMs: s.mtime };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async rename(from: string, to: string): Promise<void> {
    // overwrite: false makes the provider fail with FileExists instead of replacing `to`.
    await vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: false });
  }

  async remove(path: string): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.uri(path), { recursive: true, useTrash: false });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
