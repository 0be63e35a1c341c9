// Running one portable task (model-lab tune-unit) and writing its small result file. The task is data
// from a plan, possibly made elsewhere: it is validated, its snapshot's sha256 checked, and nothing in
// it is executed. Files are written whole (temporary name, then rename), so a reader never sees half.
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FileSystem } from '../../io/fileSystem';
import { paths } from '../../io/fileSystem';
import { throwIfAborted } from '../../abort';
import { stratifiedKFold } from './stratifiedKFold';
import { runCvUnit } from './cvUnit';
import { readSnapshot, snapshotTrainingData } from './searchSnapshot';
import { RESULT_FORMAT, UNIT_FORMAT_VERSION, type UnitOutcome, type UnitResultFile, type UnitTask } from './unitTask';

export interface UnitTaskOptions {
  /** Look for the snapshot here (by its file name) instead of its recorded path. */
  readonly dataDir?: string;
  readonly signal?: AbortSignal;
}

/**
 * Runs one task: reads and checks the snapshot, splits it and makes the folds as the plan did, fits
 * and scores the unit. A failed fit is an outcome (scikit-learn's nan), not an error. Throws a
 * UserError when the snapshot is missing or changed.
 */
export async function runUnitTask(task: UnitTask, fs: FileSystem, options: UnitTaskOptions = {}): Promise<UnitResultFile> {
  const started = performance.now();
  const bytes = await readSnapshot(task.spec, fs, options.dataDir);
  const training = await snapshotTrainingData(task.spec, bytes, options.signal);
  throwIfAborted(options.signal);
  const { folds } = stratifiedKFold(training.yTrain, task.spec.cv);
  const r = runCvUnit({ X: training.XTrain, y: training.yTrain }, folds[task.fold], { candidate: task.candidate, fold: task.fold, params: task.params });
  const outcome: UnitOutcome = 'error' in r ? { error: r.error } : { correct: r.correct, total: r.total };
  return {
    format: RESULT_FORMAT, formatVersion: UNIT_FORMAT_VERSION, search: task.search, unit: task.unit, outcome, task,
    host: hostname(), seconds: (performance.now() - started) / 1000,
  };
}

const encoder = new TextEncoder();

/**
 * Writes a file whole and durably: a temporary file in the same folder (flushed to the disk), then
 * a rename, then the folder synced. `replace` lets it replace an older file of that name in one
 * rename; otherwise an existing one makes this throw (EEXIST).
 */
export async function writeWhole(fs: FileSystem, path: string, bytes: Uint8Array, replace: boolean): Promise<void> {
  if (replace) return fs.writeFile(path, bytes);
  const temp = await fs.writeTemp(path, bytes);
  try {
    await fs.rename(temp, path); // never over an existing file; syncs the folder
  } catch (e) {
    await fs.remove(temp).catch(() => undefined);
    throw e;
  }
}

/** Writes `value` as one JSON line to dir/name, whole, replacing an older file of that unit. */
export async function writeUnitFile(fs: FileSystem, dir: string, name: string, value: unknown): Promise<string> {
  await fs.mkdir(dir);
  const target = paths.join(dir, name);
  await writeWhole(fs, target, encoder.encode(JSON.stringify(value) + '\n'), true);
  return target;
}
