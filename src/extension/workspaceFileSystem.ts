// The core's FileSystem port for a workspace folder, so training and validation work the same on
// local, remote (SSH, containers, WSL) and virtual workspaces. Core paths are the URI's POSIX
// path; scheme and authority come from the workspace folder the adapter was made for.
// file: URIs (local, and remote windows, where the extension host runs beside the files) go
// through node's fs, exactly as the CLI does: links are reported as links and writes use an
// exclusive create that never follows one. Other schemes get the closest vscode.workspace.fs
// allows: the SymbolicLink bit of stat, a fresh temporary name, and a rename over a plain file only;
// vscode.workspace.fs has no fsync, so there durability is the provider's (syncFolder does nothing).
import { posix as paths } from 'node:path';
import * as vscode from 'vscode';
import { checkWriteTarget, nodeFileSystem, removeStaleTempFiles, tempFileName, type FileEntry, type FileStat, type FileSystem, type FileType } from './engine';

function typeOf(t: vscode.FileType): FileType {
  // A symbolic link carries the type of its target plus the SymbolicLink bit: it is reported as
  // the link it is, so that readers refuse it instead of following it.
  if (t & vscode.FileType.SymbolicLink) return 'link';
  if (t & vscode.FileType.Directory) return 'directory';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

export class WorkspaceFileSystem implements FileSystem {
  /** file: URIs are reached with node's fs directly. */
  private readonly local: boolean;

  /** Many stats in one go (FileSystem.statMany): for file: URIs only; elsewhere one stat at a time. */
  readonly statMany?: (paths: readonly string[]) => Promise<(FileStat | undefined)[]>;

  constructor(private readonly base: vscode.Uri) {
    this.local = base.scheme === 'file';
    const many = nodeFileSystem.statMany;
    if (this.local && many) this.statMany = (list) => many(list.map((p) => this.native(p)));
  }

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

  private native(path: string): string {
    return this.uri(path).fsPath;
  }

  async readFile(path: string): Promise<Uint8Array> {
    if (this.local) return nodeFileSystem.readFile(this.native(path));
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async *readChunks(path: string): AsyncIterable<Uint8Array> {
    if (this.local) {
      yield* nodeFileSystem.readChunks(this.native(path));
      return;
    }
    // vscode.workspace.fs reads whole files only: callers check the size (stat) before.
    yield await vscode.workspace.fs.readFile(this.uri(path));
  }

  async writeFile(path: string, data: Uint8Array, options?: { readonly syncFolder?: boolean }): Promise<void> {
    if (this.local) return nodeFileSystem.writeFile(this.native(path), data, options);
    const temp = await this.writeTemp(path, data);
    try {
      await this.replace(temp, path);
    } catch (e) {
      await this.remove(temp).catch(() => undefined);
      throw e;
    }
  }

  async writeTemp(path: string, data: Uint8Array): Promise<string> {
    if (this.local) return paths.join(paths.dirname(path), paths.basename(await nodeFileSystem.writeTemp(this.native(path), data)));
    await removeStaleTempFiles(this, path);
    checkWriteTarget(path, (await this.stat(path))?.type);
    // vscode.workspace.fs has no exclusive create: a random name that is not there yet comes closest.
    const temp = paths.join(paths.dirname(path), tempFileName(paths.basename(path)));
    if (await this.stat(temp)) throw vscode.FileSystemError.FileExists(this.uri(temp));
    await vscode.workspace.fs.writeFile(this.uri(temp), data);
    return temp;
  }

  async replace(from: string, to: string): Promise<void> {
    if (this.local) return nodeFileSystem.replace(this.native(from), this.native(to));
    checkWriteTarget(to, (await this.stat(to))?.type);
    await vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: true });
  }

  async syncFolder(path: string): Promise<void> {
    if (this.local) return nodeFileSystem.syncFolder(this.native(path));
  }

  async mkdir(path: string, options?: { readonly syncParent?: boolean }): Promise<void> {
    if (this.local) return nodeFileSystem.mkdir(this.native(path), options);
    await vscode.workspace.fs.createDirectory(this.uri(path));
  }

  async readDirectory(path: string): Promise<FileEntry[]> {
    if (this.local) return nodeFileSystem.readDirectory(this.native(path));
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]) => ({ name, type: typeOf(type) }));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    if (this.local) return nodeFileSystem.stat(this.native(path));
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { type: typeOf(s.type), size: s.size, mtimeMs: s.mtime };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async rename(from: string, to: string): Promise<void> {
    if (this.local) return nodeFileSystem.rename(this.native(from), this.native(to));
    // overwrite: false makes the provider fail with FileExists instead of replacing `to`.
    await vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: false });
  }

  async remove(path: string): Promise<void> {
    if (this.local) return nodeFileSystem.remove(this.native(path));
    try {
      await vscode.workspace.fs.delete(this.uri(path), { recursive: true, useTrash: false });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
