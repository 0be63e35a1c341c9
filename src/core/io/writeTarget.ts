// What every FileSystem adapter's writeFile checks before it replaces a file: only a regular file
// (or nothing) may be replaced. A planted link (model.onnx → ~/.bashrc), a folder or a device is
// refused with one line, so no write of Model Lab ever lands outside the file it names.
import { UserError } from '../types';
import type { FileType } from './fileSystem';

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
