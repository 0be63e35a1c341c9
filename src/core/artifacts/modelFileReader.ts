// Reads the files of a model folder safely: only plain files that are real entries of their folder
// (never through a link), within a size limit, JSON with its line and column when it is damaged; and
// model.json checked against its schema. Apart from loadModel.ts (which also checks every hash and
// builds the pipeline), so that a listing of the models folder loads nothing of the SVM.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { osErrorCode, osUserError } from '../io/osErrors';
import { overLimit, readWithin, tooLargeError, type ReadLimit } from '../io/readWithin';
import { sha256Hex, sha256OfFile } from './hash';
import type { ModelManifest } from './manifest';
import { MANIFEST_FILE, MAX_DATA_SNAPSHOT_BYTES, parseManifest } from './manifest';
import { manifestSeal, type ManifestSeal } from './manifestSeal';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** An error's message (anything thrown, as text). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const MIB = 1024 * 1024;
/** model.json holds names and numbers only: far below this even for thousands of features. */
export const MAX_MANIFEST_BYTES = 16 * MIB;
/**
 * scaler.json, classifier.json, pipeline.json: the support vectors of a big model fit well below
 * this, and it stays below what one JavaScript string can hold (~512 MiB).
 */
export const MAX_MODEL_JSON_BYTES = 256 * MIB;

/**
 * data.csv's bytes per cell (rows × columns model.json records, plus the header row) accepted on
 * average: numbers take a few dozen, a text column a few hundred. Far beyond that, the file is not
 * the one saved, and is refused (or shown as changed) by its size without being read.
 */
const MAX_DATA_BYTES_PER_CELL = 16 * 1024;
/** Room for a long header and line ends on top of the cells. */
const DATA_SLACK_BYTES = MIB;

/** The folder a file is read from, as refusals name it, and what to do about a bad file there. */
export interface FileFolder {
  /** "model folder", "results folder". */
  readonly folder: string;
  /** Who wrote its files: "Model Lab", "model-lab tune-unit". */
  readonly writer: string;
  /** "train the model again". */
  readonly remedy: string;
}

const MODEL_FOLDER: FileFolder = { folder: 'model folder', writer: 'Model Lab', remedy: 'train the model again' };

/** A file of `where` that its writer did not write, or that was damaged. */
function notWrittenBy(where: FileFolder): string {
  return `it was not written by ${where.writer} (or was damaged); ${where.remedy}`;
}

/** A file's limit as model.json records it; `exactBytes`: the one size it was saved with (data.bytes). */
export interface RecordedLimit extends ReadLimit {
  readonly exactBytes?: number;
}

const CHANGED_AFTER_SAVING = 'the file changed after saving; restore it, or train the model again';

/**
 * The most a file that model.json lists may hold: data.csv its recorded size (data.bytes; a model
 * saved before that was recorded: by its rows and columns), the others (scaler.json, classifier.json,
 * pipeline.json, imported-from.json) MAX_MODEL_JSON_BYTES. A file larger (data.csv: of another size)
 * cannot be the one saved: it has changed, and is never read whole. `asIs` (a model read as its files
 * are now): data.csv of another size is read too, up to MAX_DATA_SNAPSHOT_BYTES.
 */
export function recordedFileLimit(manifest: ModelManifest, name: string, asIs = false): RecordedLimit {
  if (name !== manifest.data.file) return { maxBytes: MAX_MODEL_JSON_BYTES, remedy: notWrittenBy(MODEL_FOLDER) };
  const { rows, columns, bytes } = manifest.data;
  if (bytes !== undefined) {
    return asIs ? { maxBytes: MAX_DATA_SNAPSHOT_BYTES, what: 'data.csv', remedy: CHANGED_AFTER_SAVING }
      : { maxBytes: bytes, exactBytes: bytes, what: `the ${bytes} bytes model.json records`, remedy: CHANGED_AFTER_SAVING };
  }
  return {
    maxBytes: DATA_SLACK_BYTES + (rows + 1) * columns * MAX_DATA_BYTES_PER_CELL,
    what: `the ${rows} rows of ${columns} columns model.json records`,
    remedy: CHANGED_AFTER_SAVING,
  };
}

/** "18,002,933 bytes": exact, so that sizes one byte apart read apart. */
function countBytes(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** Whether a file of `size` bytes cannot be the one saved under `limit`: too large, or not its recorded size. */
export function notRecordedSize(size: number, limit: RecordedLimit): boolean {
  return overLimit(size, limit) || (limit.exactBytes !== undefined && size !== limit.exactBytes);
}

/**
 * Reads a file of the model folder (or of another folder of files Model Lab wrote, `where`). Each
 * path segment must be a real entry of its folder (a plain file, or a folder on the way): a symbolic
 * link could lead anywhere, so it is refused, not followed (FileSystem.stat reports a link as a link),
 * and so is a FIFO or device (a read could block forever or never end). A file larger than the limit
 * is refused by its size before it is read.
 */
export async function readBytes(fs: FileSystem, modelDir: string, name: string, limit: number | ReadLimit, where: FileFolder = MODEL_FOLDER): Promise<Uint8Array> {
  const within: ReadLimit = typeof limit === 'number' ? { maxBytes: limit, remedy: notWrittenBy(where) } : limit;
  const { file, size } = await plainFile(fs, modelDir, name, within, where);
  return readWithin(fs, file, within, size).catch((e: unknown) => { throw unreadable(e, file, where); });
}

/** Files larger than this are hashed in chunks before they are read (readRecorded). */
const HASH_FIRST_BYTES = MIB;

/**
 * A file that model.json lists, checked as readBytes checks it (and refused unread when it is not
 * of limit.exactBytes), with its sha256. `keep` false: only
 * hashed, in chunks (a listing needs no data.csv). With `expected`, a file over HASH_FIRST_BYTES is
 * hashed in chunks first and read only when it is as saved: a large file planted in its place is
 * never held (its bytes are then not returned).
 */
export async function readRecorded(fs: FileSystem, modelDir: string, name: string, limit: RecordedLimit, keep: boolean, expected?: string): Promise<{ sha256: string; bytes?: Uint8Array }> {
  const { file, size } = await plainFile(fs, modelDir, name, limit, MODEL_FOLDER);
  if (!keep || (expected !== undefined && size > HASH_FIRST_BYTES)) {
    const sha256 = await sha256OfFile(fs, file).catch((e: unknown) => { throw unreadable(e, file, MODEL_FOLDER); });
    if (!keep || sha256 !== expected) return { sha256 };
  }
  const bytes = await readWithin(fs, file, limit, size).catch((e: unknown) => { throw unreadable(e, file, MODEL_FOLDER); });
  return { sha256: sha256Hex(bytes), bytes };
}

/** readBytes' checks: every segment a real entry, the file plain, within the limit and of its recorded size (if any); its path and size. */
async function plainFile(fs: FileSystem, modelDir: string, name: string, limit: ReadLimit, where: FileFolder): Promise<{ file: string; size: number }> {
  const file = paths.join(modelDir, name);
  const segments = name.split('/');
  let path = modelDir;
  let size = 0;
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    path = paths.join(path, segments[i]);
    const entry = await fs.stat(path).catch((e: unknown) => { throw unlookable(e, path, i === 0 ? where.folder : 'folder', where); });
    if (!entry) {
      if (name === MANIFEST_FILE && where === MODEL_FOLDER) throw new UserError(`${file}: missing — this folder is not a Model Lab model (or its files were removed); train the model again or move the folder out of the models folder`);
      throw new UserError(`${file}: missing — the ${where.folder} is incomplete; ${where.remedy}`);
    }
    if (entry.type !== (last ? 'file' : 'directory')) {
      const what = entry.type === 'link' ? `a symbolic link, which could point outside the ${where.folder}`
        : entry.type === 'other' ? 'a special file (device, FIFO or socket)' : last ? 'a folder' : 'a file';
      throw new UserError(`${file}: is ${what}, not a plain ${last ? 'file' : 'folder'} — a ${where.folder} holds only the files ${where.writer} wrote; ${where.remedy}`);
    }
    size = entry.size;
  }
  // Another size than saved (data.bytes): changed, neither hashed nor read.
  const exact = (limit as RecordedLimit).exactBytes;
  if (exact !== undefined && size !== exact) {
    throw new UserError(`${file}: ${countBytes(size)}, but model.json records ${countBytes(exact)} — ${CHANGED_AFTER_SAVING}`);
  }
  if (overLimit(size, limit)) throw tooLargeError(file, size, limit);
  return { file, size };
}

/**
 * An OS refusal to look at an entry: a permission refusal means its folder may not be entered (a
 * look at an entry needs no right on the entry itself), so the folder is named; anything else as unreadable.
 */
function unlookable(e: unknown, path: string, folder: string, where: FileFolder): unknown {
  const code = osErrorCode(e);
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'NoPermissions') return unreadable(e, path, where);
  return osUserError(e, { path: paths.dirname(path), doing: `cannot look inside the ${folder}`, access: 'either', choose: where.remedy }) ?? e;
}

/** An OS refusal to read a file (permission, a disk error) as the user's line naming it; anything else as it is. */
function unreadable(e: unknown, file: string, where: FileFolder): unknown {
  return osUserError(e, { path: file, doing: 'cannot read it', access: 'read', choose: where.remedy }) ?? e;
}

/** Parses a model file's bytes as JSON; throws a UserError naming the file, line and column when it is not. */
export function parseJson(bytes: Uint8Array, file: string): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new UserError(`${file}: not valid JSON (the bytes are not UTF-8 text) — the file was damaged; train the model again`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Say where, as an editor shows it: line and column rather than a character offset.
    const detail = errorText(e).replace(/\s*\(line \d+ column \d+\)/, '');
    const at = /at position (\d+)/.exec(detail);
    let where = '';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    const what = /end of JSON input/.test(detail) ? ': it ends too early (cut off?)' : `${where} (${detail.replace(/ in JSON at position \d+/, '')})`;
    throw new UserError(`${file}: not valid JSON${what} — the file was edited or damaged; train the model again`);
  }
  // Model Lab nests a few levels; a crafted file nested thousands deep would overflow the stack of
  // whatever walks it next (the seal's JSON.stringify), which says only "Maximum call stack size exceeded".
  if (nestedDeeperThan(json, MAX_JSON_DEPTH)) {
    throw new UserError(`${file}: nested more than ${MAX_JSON_DEPTH} levels deep — it was not written by Model Lab (or was edited); train the model again`);
  }
  return json;
}

/** Model files nest 5 levels at most; this leaves room and stays far from any stack limit. */
const MAX_JSON_DEPTH = 64;

/** True when arrays and objects in `json` nest more than `max` levels (walked without recursion). */
function nestedDeeperThan(json: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[json, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [value, depth] = top;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Reads and checks model.json only (no hashes): enough for listings. */
export async function readManifest(fs: FileSystem, modelDir: string): Promise<ModelManifest> {
  return (await readSealedManifest(fs, modelDir)).manifest;
}

/** Reads and checks model.json, and whether it is as saved (its manifestSha256). */
export async function readSealedManifest(fs: FileSystem, modelDir: string): Promise<{ manifest: ModelManifest; seal: ManifestSeal }> {
  const file = paths.join(modelDir, MANIFEST_FILE);
  const json = parseJson(await readBytes(fs, modelDir, MANIFEST_FILE, MAX_MANIFEST_BYTES), file);
  try {
    return { manifest: parseManifest(json), seal: manifestSeal(json) };
  } catch (e) {
    throw new UserError(`${file}: ${errorText(e)}`);
  }
}
