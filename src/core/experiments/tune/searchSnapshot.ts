// The data side of a portable search: the plan's snapshot file, found (at the recorded path or in
// --data-dir), checked against its sha256 and parsed and split exactly as tune did in-process, so a
// unit on another machine sees the very rows the in-process search saw.
import type { FileSystem } from '../../io/fileSystem';
import { paths } from '../../io/fileSystem';
import { UserError } from '../../types';
import { sha256Hex } from '../../artifacts/hash';
import { withOsErrors } from '../../io/osErrors';
import { MAX_WHOLE_FILE_BYTES, readWithin } from '../../io/readWithin';
import { parseCsvDataset } from '../../datasets/csvDataset';
import type { SourceSnapshot } from '../../datasets/dataset';
import { splitTrainingData, type TrainingData } from '../../usecases/train';
import type { SearchSpec } from './unitTask';

/** Where the snapshot is: the recorded path, or the same file name inside `dataDir`. */
export function snapshotPath(spec: SearchSpec, dataDir?: string): string {
  return dataDir !== undefined ? paths.join(dataDir, paths.basename(spec.data.path)) : spec.data.path;
}

/**
 * Reads the snapshot and checks its sha256. Throws a UserError naming the file when it is missing, not
 * a file, too large to read, unreadable, or not the bytes the plan recorded.
 */
export async function readSnapshot(spec: SearchSpec, fs: FileSystem, dataDir?: string): Promise<Uint8Array> {
  const path = snapshotPath(spec, dataDir);
  const st = await fs.stat(path).catch(() => undefined);
  if (!st) throw new UserError(`${path}: the search's data snapshot is not there — copy it from the planning machine or give --data-dir`);
  if (st.type !== 'file') throw new UserError(`${path}: the search's data snapshot is not a file`);
  // Planning read it whole: a snapshot of 2 GiB or more is not the one the plan recorded.
  const bytes = await withOsErrors({ path, doing: "cannot read the search's data snapshot", access: 'read', choose: 'copy it again from the planning machine, or give --data-dir' },
    () => readWithin(fs, path, { maxBytes: MAX_WHOLE_FILE_BYTES, what: "a search's data snapshot", remedy: 'it is not the snapshot the plan recorded; copy it again from the planning machine, or plan again' }, st.size));
  const hash = sha256Hex(bytes);
  if (hash !== spec.data.sha256) {
    throw new UserError(`${path}: sha256 ${hash.slice(0, 12)}… is not the plan's ${spec.data.sha256.slice(0, 12)}… — the data snapshot changed since planning; plan again`);
  }
  return bytes;
}

/** The snapshot's rows split as the in-process search split them (the same SourceSnapshot the refit saves). */
export async function snapshotTrainingData(spec: SearchSpec, bytes: Uint8Array, signal?: AbortSignal): Promise<TrainingData> {
  const fileLabel = paths.basename(spec.data.path);
  const dataset = await parseCsvDataset(bytes, { fileLabel, target: spec.data.target, drop: spec.data.dropped, control: { signal } });
  const source: SourceSnapshot = {
    bytes, dataset, provenance: spec.data.provenance,
    ...(spec.data.targetNames !== undefined ? { targetNames: spec.data.targetNames } : {}),
  };
  return splitTrainingData(source, dataset, {
    seed: spec.split.seed,
    ...(spec.split.trainSize !== null ? { trainSize: spec.split.trainSize } : {}),
    ...(spec.split.testSize !== null ? { testSize: spec.split.testSize } : {}),
  }, fileLabel);
}
