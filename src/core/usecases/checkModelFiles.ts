// Has a saved model changed since it was saved? Re-hashes the files model.json lists, in chunks,
// and says which differ (a file larger than model.json allows for it, or data.csv of another size
// than recorded, is modified, unread) — cheap (no parsing, no training data split, no predictions),
// so a file watcher can run it on every change of a model folder and every view can show "changed since saving" at once;
// restoring the file makes it "unchanged" again. model.json itself is checked against its own
// manifestSha256 (manifestSeal.ts); a model saved before that seal existed is caught by validate.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { sha256OfFile } from '../artifacts/hash';
import { notRecordedSize, readSealedManifest, recordedFileLimit } from '../artifacts/modelFileReader';
import type { ModelManifest } from '../artifacts/manifest';
import type { ManifestSeal } from '../artifacts/manifestSeal';
import { MANIFEST_FILE } from '../artifacts/manifest';

/** One file of the model folder that is not as saved. */
export interface FileChange {
  /** Name relative to the model folder, as model.json lists it. */
  readonly file: string;
  /** 'modified': other bytes; 'missing': gone; 'not-a-file': now a folder, link or special file; 'unreadable': there, but Model Lab may not read it. */
  readonly change: 'modified' | 'missing' | 'not-a-file' | 'unreadable';
}

export interface ModelFilesCheck {
  readonly modelDir: string;
  /**
   * 'unchanged': every file has the sha256 model.json records. 'changed': see `changes`.
   * 'unreadable': model.json cannot be read or is not a valid manifest (see `error`).
   * 'not-a-model': the folder holds no model.json (or is gone).
   */
  readonly status: 'unchanged' | 'changed' | 'unreadable' | 'not-a-model';
  /** The files that differ from what was saved, in model.json's order (empty unless 'changed'). */
  readonly changes: FileChange[];
  /** Why model.json could not be used (status 'unreadable'). */
  readonly error?: string;
}

/**
 * Re-hashes the files of one model folder against model.json. Never throws for what it finds on
 * disk (that is the answer); links are reported as 'not-a-file' and never followed.
 */
export async function checkModelFiles(modelDir: string, fs: FileSystem): Promise<ModelFilesCheck> {
  const base = { modelDir, changes: [] as FileChange[] };
  const dirStat = await fs.stat(modelDir).catch(() => undefined);
  if (!dirStat || dirStat.type !== 'directory') return { ...base, status: 'not-a-model' };
  const listing = await entriesOf(fs, modelDir);
  if (!listing.has(MANIFEST_FILE)) return { ...base, status: 'not-a-model' };
  let manifest: ModelManifest;
  let seal: ManifestSeal;
  try {
    ({ manifest, seal } = await readSealedManifest(fs, modelDir));
  } catch (e) {
    return { ...base, status: 'unreadable', error: e instanceof Error ? e.message : String(e) };
  }
  const listings = new Map<string, Map<string, string>>([[modelDir, listing]]);
  const changes: FileChange[] = seal === 'broken' ? [{ file: MANIFEST_FILE, change: 'modified' }] : [];
  for (const [file, recorded] of Object.entries(manifest.files)) {
    const type = await typeOf(fs, modelDir, file, listings);
    if (type === undefined) changes.push({ file, change: 'missing' });
    else if (type !== 'file') changes.push({ file, change: 'not-a-file' });
    else {
      const path = paths.join(modelDir, file);
      // Larger than model.json allows for it (data.csv: not its recorded size): modified, unread.
      const size = (await fs.stat(path).catch(() => undefined))?.size;
      if (size !== undefined && notRecordedSize(size, recordedFileLimit(manifest, file))) {
        changes.push({ file, change: 'modified' });
        continue;
      }
      // In chunks: a model's files are never held whole (a view checks many models at once).
      const hash = await sha256OfFile(fs, path).catch(() => undefined);
      if (hash === undefined) changes.push({ file, change: (await typeOf(fs, modelDir, file, new Map())) === 'file' ? 'unreadable' : 'missing' });
      else if (hash !== recorded) changes.push({ file, change: 'modified' });
    }
  }
  return { modelDir, status: changes.length > 0 ? 'changed' : 'unchanged', changes };
}

async function entriesOf(fs: FileSystem, dir: string): Promise<Map<string, string>> {
  const entries = await fs.readDirectory(dir).catch(() => []);
  return new Map(entries.map((e) => [e.name, e.type]));
}

/** The entry type of a file of the folder, segment by segment, without following links. */
async function typeOf(fs: FileSystem, modelDir: string, file: string, listings: Map<string, Map<string, string>>): Promise<string | undefined> {
  const segments = file.split('/');
  let dir = modelDir;
  for (let i = 0; i < segments.length; i++) {
    let listing = listings.get(dir);
    if (!listing) {
      listing = await entriesOf(fs, dir);
      listings.set(dir, listing);
    }
    const type = listing.get(segments[i]);
    if (type === undefined) return undefined;
    if (i === segments.length - 1) return type;
    if (type !== 'directory') return 'other';
    dir = paths.join(dir, segments[i]);
  }
  return undefined;
}
