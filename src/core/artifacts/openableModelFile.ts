// The one check before a file of a model folder is opened in an editor. An editor follows links and
// reads FIFOs and devices: a cloned repository's data.csv → /etc/passwd would show (and, saved, write
// through to) the target. Only a plain file that is a real entry of its folder may be opened; anything
// else is refused in one line that says what it is (and, for a link, where it leads).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';

/** Throws a UserError naming the file unless `name` (relative to the model folder) is a plain file there. */
export async function checkOpenableModelFile(fs: FileSystem, modelDir: string, name: string): Promise<void> {
  const segments = name.split('/');
  const file = paths.join(modelDir, name);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new UserError(`${file}: is not a file of the model folder ${modelDir}; nothing was opened`);
  let path = modelDir;
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    path = paths.join(path, segments[i]!);
    const entry = await fs.stat(path);
    if (!entry) throw new UserError(`${path}: is not there any more; nothing was opened`);
    if (entry.type === (last ? 'file' : 'directory')) continue;
    if (entry.type === 'link') {
      const where = entry.linkTarget !== undefined ? ` to ${entry.linkTarget}` : '';
      throw new UserError(`${path}: is a symbolic link${where} — Model Lab opens only the plain files of a model folder, never through a link (it could point outside the model folder); nothing was opened`);
    }
    const what = entry.type === 'other' ? 'a special file (a device, FIFO or socket)' : last ? 'a folder' : 'a file';
    throw new UserError(`${path}: is ${what}, not a plain ${last ? 'file' : 'folder'} — Model Lab opens only the plain files of a model folder; nothing was opened`);
  }
}
