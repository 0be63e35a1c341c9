// Reading a whole file with a size limit: the one place that refuses a file too large to hold, with
// one line naming the file, its size, the limit and what to do — before anything is read when the
// size is known, and also when Node itself refuses (its readFile stops at 2 GiB with a RangeError
// that names no file: "File size (2147483648) is greater than 2 GiB").
import type { FileSystem } from './fileSystem';
import { placeError, type PlaceChoice } from './osErrors';
import { UserError } from '../types';

/** The most Node's readFile reads whole (2 GiB less a byte; one Buffer cannot hold more). */
export const MAX_WHOLE_FILE_BYTES = 2 ** 31 - 1;

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** "812 bytes", "16.0 MiB", "2.0 GiB". */
export function sizeText(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GiB`;
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

export interface ReadLimit {
  /** Bytes accepted; above MAX_WHOLE_FILE_BYTES, that limit applies. */
  readonly maxBytes: number;
  /** What the limit is for, after "Model Lab accepts for": default "this file". */
  readonly what?: string;
  /** What to do, after the dash: words, or how the user picks another file (a flag, a setting). */
  readonly remedy: string | PlaceChoice;
}

/** The limit that applies: the caller's, and never more than Node reads whole. */
function limitOf(limit: ReadLimit): number {
  return Math.min(limit.maxBytes, MAX_WHOLE_FILE_BYTES);
}

/** Whether a file of `size` bytes is refused by `limit` (never read whole). */
export function overLimit(size: number, limit: ReadLimit): boolean {
  return size > limitOf(limit);
}

/** "<path>: 400.0 MiB is more than the 12.8 MiB Model Lab accepts for <what> — <remedy>". */
export function tooLargeError(path: string, size: number | undefined, limit: ReadLimit): UserError {
  const max = limitOf(limit);
  const maxText = max === MAX_WHOLE_FILE_BYTES ? '2 GiB' : sizeText(max);
  // Where Node's limit is the lower one, the caller's reason for its own does not apply.
  const what = max < limit.maxBytes ? 'a file read at once' : limit.what ?? 'this file';
  const base = `${path}: ${size !== undefined ? sizeText(size) : 'it'} is more than the ${maxText} Model Lab accepts for ${what}`;
  return typeof limit.remedy === 'string' ? new UserError(`${base} — ${limit.remedy}`) : placeError(base, limit.remedy);
}

/** A plain file's size; undefined for a link (stat does not follow it) or what cannot be looked at. */
async function fileSize(fs: FileSystem, path: string): Promise<number | undefined> {
  const st = await fs.stat(path).catch(() => undefined);
  return st?.type === 'file' ? st.size : undefined;
}

/** Node's refusal to read a file whole (over 2 GiB). */
function isTooLargeToRead(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_FS_FILE_TOO_LARGE';
}

/**
 * Reads `path` whole unless it is larger than the limit: then throws tooLargeError without reading.
 * `size` is the caller's stat of it, when it has one (else it is looked at here; a link is read as
 * the caller allows, and refused by its size once read). Other errors (no such file, permission)
 * pass unchanged, for the caller to name in its words.
 */
export async function readWithin(fs: FileSystem, path: string, limit: ReadLimit, size?: number): Promise<Uint8Array> {
  const max = limitOf(limit);
  const known = size ?? await fileSize(fs, path);
  if (known !== undefined && overLimit(known, limit)) throw tooLargeError(path, known, limit);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    // Grew past 2 GiB since the stat, or a link to such a file.
    if (isTooLargeToRead(e)) throw tooLargeError(path, await fileSize(fs, path), limit);
    throw e;
  }
  if (bytes.length > max) throw tooLargeError(path, bytes.length, limit);
  return bytes;
}
