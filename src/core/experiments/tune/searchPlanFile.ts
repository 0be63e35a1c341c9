// tune --plan: the search written as portable units instead of run — the data snapshot (beside the
// plan, with its sha256) and one self-contained JSON task per line, for any batch engine to run with
// model-lab tune-unit. Every refusal of an in-process tune happens here, before anything is written.
import type { FileSystem } from '../../io/fileSystem';
import { paths } from '../../io/fileSystem';
import { UserError } from '../../types';
import { withOsErrors } from '../../io/osErrors';
import { sha256Hex, sha256OfFile } from '../../artifacts/hash';
import { loadTrainingData } from '../../usecases/train';
import { writeWhole } from './unitFiles';
import { checkSearchSize, planSearch } from './gridSearch';
import type { TuneControl, TuneOptions } from './tune';
import { searchId, unitTasks, type SearchSpec } from './unitTask';

export interface WrittenPlan {
  /** Absolute paths of the plan (JSON lines) and of the data snapshot it names. */
  readonly plan: string;
  readonly data: string;
  readonly sha256: string;
  readonly search: string;
  readonly units: number;
  readonly candidates: number;
  readonly folds: number;
}

/** plan.jsonl → plan.data.csv, beside it. */
export function snapshotFileFor(planPath: string): string {
  return planPath.replace(/(\.jsonl?)?$/, '.data.csv');
}

/**
 * Reads and splits the data, plans the search (refusing what tune refuses) and writes the snapshot and
 * the plan. Refuses an existing plan file, or an existing snapshot with other bytes; nothing is half
 * written.
 */
export async function writeSearchPlan(options: Omit<TuneOptions, 'modelsDir' | 'name'>, planPath: string, fs: FileSystem, control: TuneControl = {}): Promise<WrittenPlan> {
  // The grid's shape before reading data; its size is asked about once the folds are known to be possible.
  checkSearchSize(options.grid, options.cv, true);
  if (await fs.stat(planPath)) throw new UserError(`${planPath}: a plan is already there — remove it or give --plan another file`);
  const training = await loadTrainingData(options, fs, control);
  const plan = planSearch(training.yTrain, options.grid, options.cv, options.confirmed ?? false, training.label);
  if (plan.warning !== undefined) control.onWarning?.(plan.warning);
  const dataPath = snapshotFileFor(planPath);
  const sha256 = sha256Hex(training.source.bytes);
  const existing = await fs.stat(dataPath);
  // Its size first, then its hash in chunks: a different file (of any size) is never read whole.
  if (existing && (existing.type !== 'file' || existing.size !== training.source.bytes.length || (await sha256OfFile(fs, dataPath)) !== sha256)) {
    throw new UserError(`${dataPath}: a different data snapshot is already there — remove it or give --plan another file`);
  }
  const spec: SearchSpec = {
    data: {
      path: dataPath, sha256, target: training.dataset.target, dropped: training.dataset.dropped ?? [],
      provenance: training.source.provenance,
      ...(training.source.targetNames !== undefined ? { targetNames: training.source.targetNames } : {}),
    },
    split: { seed: options.seed, trainSize: options.trainSize ?? null, testSize: options.testSize ?? null },
    cv: options.cv,
    grid: options.grid,
    layout: options.layout,
  };
  const lines = unitTasks(spec, plan).map((t) => JSON.stringify(t)).join('\n') + '\n';
  // A full or read-only disk names the plan and --plan, not "a file"; a snapshot written for a plan
  // that could not be written goes again.
  const writing = { path: planPath, doing: 'cannot write the plan', choose: 'choose another plan file (--plan)' };
  await withOsErrors(writing, () => fs.mkdir(paths.dirname(planPath)));
  if (!existing) await withOsErrors({ ...writing, path: dataPath, doing: 'cannot write the data snapshot of the plan' }, () => writeWhole(fs, dataPath, training.source.bytes, false));
  try {
    await withOsErrors(writing, () => writeWhole(fs, planPath, new TextEncoder().encode(lines), false));
  } catch (e) {
    if (!existing) await fs.remove(dataPath).catch(() => undefined);
    throw e;
  }
  return { plan: planPath, data: dataPath, sha256, search: searchId(spec), units: plan.units.length, candidates: plan.candidates.length, folds: plan.nSplits };
}
