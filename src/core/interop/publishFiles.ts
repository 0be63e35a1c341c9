// Writes exported files into a folder so that none is ever half-written or missing: each goes to a
// hidden temporary name in the same folder first, flushed to the disk, and only when all are written
// is each renamed over its file (one rename each: a reader never finds it absent), then the folder is
// synced. Everything is checked before the first byte is written; any failure removes the temporary
// files. A crash between two renames leaves the first file new and the second old (or absent if it
// never existed), never a missing one (docs/artifact-format.md).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { sha256Hex } from '../artifacts/hash';
import { osUserError, placeError, type PlaceChoice } from '../io/osErrors';
import { checkWriteTarget } from '../io/writeTarget';
import { abortError } from '../abort';

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
  /** What Model Lab was doing, for messages: 'cannot write the ONNX file'. */
  readonly doing: string;
  /** How the user picks another place, for messages: 'choose another folder ({option})' (--out). */
  readonly choose: PlaceChoice;
  /**
   * Asked, before anything is written, about files already there with other bytes (not the model's
   * recorded ones): an earlier export for another release, or a file of the user's. False: nothing
   * is written and the abort error is thrown. Without it they are replaced (the CLI's --out, as cp).
   */
  readonly confirmReplace?: ReplaceQuestion;
}

/** Whether to replace these files (absolute paths), which hold other bytes than the export's. */
export type ReplaceQuestion = (paths: readonly string[]) => Promise<boolean>;

export interface Published {
  /** The files' paths, in the order given. */
  readonly paths: string[];
  /** Those that replaced a file with other bytes. */
  readonly replaced: string[];
}

/** How an export's reader picks another place without --out: the export always writes into the model folder there. */
export const EXPORT_ELSEWHERE = 'copy the model into another models folder';

/** An OS refusal on a path the user chose, in the core's one wording; anything else is passed on unchanged. */
function userFacing(e: unknown, path: string, req: PublishRequest): unknown {
  return osUserError(e, { path, doing: req.doing, choose: req.choose, creates: true }) ?? e;
}

/** Publishes the files. Throws a UserError naming the path, or the abort error when a replacement was declined. */
export async function publishFiles(fs: FileSystem, req: PublishRequest): Promise<Published> {
  const dirStat = await fs.stat(req.dir).catch((e: unknown) => { throw userFacing(e, req.dir, req); });
  if (dirStat && dirStat.type !== 'directory') throw placeError(`${req.dir}: exists and is not a folder`, req.choose);
  const targets = [...req.files].map(([name, bytes]) => ({ name, bytes, path: paths.join(req.dir, name) }));
  const pending: typeof targets = [];
  const replaced: string[] = [];
  for (const t of targets) {
    const st = await fs.stat(t.path).catch((e: unknown) => { throw userFacing(e, t.path, req); });
    checkWriteTarget(t.path, st?.type, st?.linkTarget); // a planted link, a folder or a device is refused
    const recorded = req.recorded?.[t.name];
    if (recorded !== undefined && st) {
      if (recorded === sha256Hex(t.bytes)) continue; // the model's own copy, already identical
      throw placeError(`${t.path}: is part of the model (model.json records its sha256) and this export would change it`, req.choose);
    }
    if (st?.type === 'file' && (st.size !== t.bytes.length || !equalBytes(await fs.readFile(t.path), t.bytes))) replaced.push(t.path);
    pending.push(t);
  }
  if (replaced.length > 0 && req.confirmReplace && !(await req.confirmReplace(replaced))) throw abortError(undefined, 'replacing was declined');
  const temps: string[] = [];
  try {
    if (!dirStat) await fs.mkdir(req.dir);
    for (const t of pending) temps.push(await fs.writeTemp(t.path, t.bytes));
    for (let i = 0; i < pending.length; i++) {
      await fs.replace(temps[i]!, pending[i]!.path);
      temps[i] = '';
    }
    if (pending.length > 0) await fs.syncFolder(req.dir);
  } catch (e) {
    await Promise.all(temps.filter((p) => p !== '').map((p) => fs.remove(p).catch(() => undefined)));
    // A folder made for this export and still empty goes too: nothing is left behind.
    if (!dirStat && (await fs.readDirectory(req.dir).catch(() => undefined))?.length === 0) await fs.remove(req.dir).catch(() => undefined);
    // One file: name it; several: name their folder.
    throw userFacing(e, targets.length === 1 ? targets[0]!.path : req.dir, req);
  }
  return { paths: targets.map((t) => t.path), replaced };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
