// The temporary names Model Lab writes under, and when a left-over one may go. A file is written
// as ".NAME.tmp-PID-STARTTICKS-HOST-RANDOM" beside NAME, a model as ".tmp-PID-STARTTICKS-HOST-RANDOM"
// in its models folder, and only names of exactly these shapes are ever removed — never a ".tmp-*"
// of the user's. One is a leftover when its owner is not running here AND nothing in it has changed
// for STALE_TEMP_MS: a pid not found here may be a live save in another PID namespace (a container)
// or on another machine, so age decides, and a live write changes its temporary every few seconds.
import { nodeCrypto } from './nodeCrypto';
import type { FileSystem } from './fileSystem';
import { paths } from './fileSystem';
import { currentOwner, ownerState, ownerTag, parseOwnerTag, type ProcessOwner } from './processOwner';

/** How long a temporary must be unchanged before it may be removed (if its owner is not running here). */
export const STALE_TEMP_MS = 10 * 60 * 1000;

const FILE_RANDOM_BYTES = 6;
/** The owner tag and random part of a temporary name (ownerTag, then hex). */
const OWNED_SUFFIX = /^(\d{1,10}-(?:\d{1,20}|x)-[0-9a-f]{8})-([0-9a-f]{8}|[0-9a-f]{12})$/;

/** A fresh hidden name, owned by this process, for the new contents of the file named `baseName`. */
export function tempFileName(baseName: string): string {
  return `.${baseName}.tmp-${ownerTag(currentOwner())}-${nodeCrypto().randomBytes(FILE_RANDOM_BYTES).toString('hex')}`;
}

/** The owner of `name` when it is a temporary of the file `baseName` exactly as tempFileName makes them. */
export function tempFileOwner(name: string, baseName: string): ProcessOwner | undefined {
  const prefix = `.${baseName}.tmp-`;
  if (!name.startsWith(prefix)) return undefined;
  const m = OWNED_SUFFIX.exec(name.slice(prefix.length));
  return m && m[2]!.length === FILE_RANDOM_BYTES * 2 ? parseOwnerTag(m[1]!) : undefined;
}

/** The owner of `suffix` ("PID-STARTTICKS-HOST-RANDOM8", a model save's temporary folder after its prefix). */
export function tempFolderOwner(suffix: string): ProcessOwner | undefined {
  const m = OWNED_SUFFIX.exec(suffix);
  return m && m[2]!.length === 8 ? parseOwnerTag(m[1]!) : undefined;
}

/** Whether a temporary whose newest change was at `newestMtimeMs` can no longer be finished by its writer. */
export function isAbandoned(owner: ProcessOwner, newestMtimeMs: number, now: number, maxAgeMs = STALE_TEMP_MS): boolean {
  return now - newestMtimeMs >= maxAgeMs && ownerState(owner) !== 'alive';
}

/**
 * Removes the temporaries of the file `path` that writers killed earlier left (kill -9, power loss:
 * a plan's snapshot can be gigabytes). Only exact tempFileName names, only regular files, only when
 * abandoned. Never throws: a write goes on whatever happens here. Returns the names removed.
 */
export async function removeStaleTempFiles(fs: Pick<FileSystem, 'readDirectory' | 'stat' | 'remove'>, path: string, now = Date.now()): Promise<string[]> {
  const dir = paths.dirname(path);
  const base = paths.basename(path);
  const removed: string[] = [];
  const entries = await fs.readDirectory(dir).catch(() => []);
  for (const entry of entries) {
    if (entry.type !== 'file') continue;
    const owner = tempFileOwner(entry.name, base);
    if (!owner) continue;
    const temp = paths.join(dir, entry.name);
    const st = await fs.stat(temp).catch(() => undefined);
    if (st?.type !== 'file' || !isAbandoned(owner, st.mtimeMs, now)) continue;
    await fs.remove(temp).then(() => removed.push(entry.name), () => undefined);
  }
  return removed;
}
