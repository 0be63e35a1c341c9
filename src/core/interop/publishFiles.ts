// Writes exported files into a folder so that none is ever half-written: each goes to a hidden
// temporary name in the same folder first, and only when all are written is each renamed into place.
// Everything is checked before the first byte is written; any failure removes the temporary files.
import { randomBytes } from 'node:crypto';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { sha256Hex } from '../artifacts/hash';

export interface PublishRequest {
  /** The folder the files go to; created when missing. */
  readonly dir: string;
  /** File name (no folders) → contents. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /**
   * Files of a model folder whose sha256 model.json records: they may be rewritten with the same bytes
   * (nothing to do) but never changed, or the model would read as damaged.
   */
  readonly recorded?: Readonly<Record<string, string>>;
  /** What to tell the user to change when the folder cannot be used (e.g. 'choose another folder with --out'). */
  readonly fix: string;
}

const CAUSES: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', NoPermissions: 'permission denied', EROFS: 'read-only file system',
  ENOSPC: 'no space left on the disk', EDQUOT: 'disk quota exceeded', ENOTDIR: 'a part of the path is a file', EISDIR: 'it is a folder',
};

/** An OS refusal on a path the user chose, in one line; anything unexpected is passed on unchanged. */
function userFacing(e: unknown, path: string, fix: string): unknown {
  const code = (e as { code?: unknown })?.code;
  const cause = typeof code === 'string' ? CAUSES[code] : undefined;
  return cause ? new UserError(`${path}: cannot write there (${cause}) — ${fix}`) : e;
}

/** Publishes the files; returns their paths in the order given. Throws a UserError naming the path. */
export async function publishFiles(fs: FileSystem, req: PublishRequest): Promise<string[]> {
  const dirStat = await fs.stat(req.dir).catch((e: unknown) => { throw userFacing(e, req.dir, req.fix); });
  if (dirStat && dirStat.type !== 'directory') throw new UserError(`${req.dir}: exists and is not a folder — ${req.fix}`);
  const targets = [...req.files].map(([name, bytes]) => ({ name, bytes, path: paths.join(req.dir, name) }));
  const pending: typeof targets = [];
  for (const t of targets) {
    const st = await fs.stat(t.path).catch((e: unknown) => { throw userFacing(e, t.path, req.fix); });
    if (st && st.type !== 'file') throw new UserError(`${t.path}: exists and is not a file — remove it or ${req.fix}`);
    const recorded = req.recorded?.[t.name];
    if (recorded !== undefined && st) {
      if (recorded === sha256Hex(t.bytes)) continue; // the model's own copy, already identical
      throw new UserError(`${t.path}: is part of the model (model.json records its sha256) and this export would change it — ${req.fix}`);
    }
    pending.push(t);
  }
  const temps: string[] = [];
  try {
    if (!dirStat) await fs.mkdir(req.dir);
    for (const t of pending) {
      const temp = paths.join(req.dir, `.${t.name}.tmp-${randomBytes(6).toString('hex')}`);
      temps.push(temp);
      await fs.writeFile(temp, t.bytes);
    }
    for (let i = 0; i < pending.length; i++) {
      const t = pending[i]!;
      if (await fs.stat(t.path)) await fs.remove(t.path);
      await fs.rename(temps[i]!, t.path);
      temps[i] = '';
    }
  } catch (e) {
    await Promise.all(temps.filter((p) => p !== '').map((p) => fs.remove(p).catch(() => undefined)));
    throw userFacing(e, req.dir, req.fix);
  }
  return targets.map((t) => t.path);
}
