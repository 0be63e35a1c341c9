// What every FileSystem adapter's writeFile checks before it replaces a file: only a regular file
// (or nothing) may be replaced. A planted link (model.onnx → ~/.bashrc), a folder or a device is
// refused with one line, so no write of Model Lab ever lands outside the file it names.
import { nodeCrypto } from './nodeCrypto';
import { UserError } from '../types';
import type { FileType } from './fileSystem';

/** Random hex digits in a temporary file's name (collisions are then practically impossible). */
const TEMP_NAME_BYTES = 6;

/**
 * Throws a UserError when `path` may not be replaced: a link, a folder, or a device/FIFO/socket.
 * `type` is what a stat that does not follow links reported (undefined: nothing there).
 */
export function checkWriteTarget(path: string, type: FileType | undefined, linkTarget?: string): void {
  if (type === undefined || type === 'file') return;
  if (type === 'link') {
    const where = linkTarget ? ` to ${linkTarget}` : '';
    throw new UserError(`${path}: is a symbolic link${where} — Model Lab never writes through a link (it could lead anywhere); delete the link or write to another file`);
  }
  if (type === 'directory') throw new UserError(`${path}: is a folder, not a file — give a file name to write to`);
  throw new UserError(`${path}: is a special file (a device, FIFO or socket), not a regular file — Model Lab writes only regular files; give another file name`);
}

/**
 * A fresh hidden file name for the new contents of the file named `baseName`, to be created in
 * the target's own folder (so the final rename stays on one file system) and renamed over it.
 */
export function tempFileName(baseName: string): string {
  return `.${baseName}.${nodeCrypto().randomBytes(TEMP_NAME_BYTES).toString('hex')}.tmp`;
}
