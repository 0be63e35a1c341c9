// tune --collect: the result files of a plan's units, run anywhere, merged into exactly what an
// in-process tune gives — the same cv results, the same refit model (snapshot checked by sha256, split
// and folds rebuilt from it). A result of another search, a damaged file, or a missing or failed unit
// is named; a partial merge happens only when asked for. The folder may be shared by a whole cluster:
// its files are read only as the plain, small files tune-unit writes (never through a link, a FIFO or a
// device), and the scores that pick the refitted candidate are re-scored here before they are trusted.
import type { FileSystem } from '../../io/fileSystem';
import { paths } from '../../io/fileSystem';
import { UserError } from '../../types';
import { checkModelName } from '../../artifacts/naming';
import type { DataSpec } from '../../usecases/contracts';
import { step } from '../../usecases/steps';
import { planSearch } from './gridSearch';
import { joblibRequest, type JoblibRequest } from '../../interop/sklearn/sklearnVersion';
import { refitBest, tunedModelName, type TuneControl, type TuneResult } from './tune';
import { readSnapshot, snapshotTrainingData } from './searchSnapshot';
import { readBytes, type FileFolder } from '../../artifacts/modelFileReader';
import { verifyResults, type VerifyMode } from './verifyResults';
import type { CvUnitResult } from './cvUnit';
import {
  parseUnitFailure, parseUnitResult, resultFileName, toCvResult, UNIT_FILE, type SearchSpec, type UnitFailureFile, type UnitResultFile, type UnitTask,
} from './unitTask';

/** `saveJoblib`, `sklearnVersion`: the refitted model's scikit-learn joblib files. */
export interface CollectOptions extends JoblibRequest {
  /** Results folder (the --out of tune-unit). */
  readonly dir: string;
  /** Absolute path of the models folder for the refit model. */
  readonly modelsDir: string;
  readonly name?: string;
  /** Look for the snapshot here (by its file name) instead of its recorded path. */
  readonly dataDir?: string;
  /** Merge although units are missing or failed: their folds score nan, as a failed fit. */
  readonly partial?: boolean;
  /** Which units are re-scored here before the refit (default 'best': the best candidate's folds). */
  readonly verify?: VerifyMode;
}

/** Units named in a refusal before "and N more". */
const MAX_NAMED_UNITS = 5;

const decoder = new TextDecoder();

/**
 * A result or failure file is a few hundred bytes (the task's spec with its grid, dropped columns and
 * class names, then a score or an error line); a real search's stays far below this.
 */
export const MAX_UNIT_FILE_BYTES = 1 << 20;

const RESULTS_FOLDER: FileFolder = { folder: 'results folder', writer: 'model-lab tune-unit', remedy: 'run that unit again' };

/** The search a results folder holds: its spec, one result per finished unit, failures, missing units. */
export interface SearchResults {
  readonly spec: SearchSpec;
  readonly task: UnitTask;
  readonly results: Map<number, UnitResultFile>;
  readonly failed: Map<number, UnitFailureFile>;
  readonly missing: number[];
}

/**
 * Reads and validates every result and failure file of `dir`. Throws a UserError naming the file for a
 * damaged one, when the folder holds no results, or results of more than one search.
 */
export async function readSearchResults(dir: string, fs: FileSystem): Promise<SearchResults> {
  const st = await fs.stat(dir);
  if (st?.type === 'link') {
    // As a models folder that is a link: refused, showing where it leads (a shared folder could point it anywhere).
    const where = st.linkTarget !== undefined ? `leads to ${st.linkTarget}` : 'leads somewhere else';
    throw new UserError(`${dir}: the results folder is a symbolic link that ${where} — Model Lab does not read results through a link; give --collect the real folder${st.linkTarget !== undefined ? ` (${st.linkTarget})` : ''}`);
  }
  if (st?.type === 'file' || st?.type === 'other') {
    throw new UserError(`${dir}: is ${st.type === 'file' ? 'a file' : 'a special file (device, FIFO or socket)'}, not a results folder — give --collect the --out folder of model-lab tune-unit`);
  }
  if (!st) throw new UserError(`${dir}: no results folder there — give --collect the --out folder of model-lab tune-unit`);
  const names = (await fs.readDirectory(dir)).map((e) => e.name).filter((n) => UNIT_FILE.test(n)).sort();
  const searches = new Set(names.map((n) => UNIT_FILE.exec(n)![1]));
  if (searches.size > 1) throw new UserError(`${dir}: results of ${searches.size} different searches (${[...searches].join(', ')}) — collect one search per folder`);
  const results = new Map<number, UnitResultFile>();
  const failed = new Map<number, UnitFailureFile>();
  for (const name of names) {
    const path = paths.join(dir, name);
    // A link (to another folder's result, to /dev/zero), a FIFO or an oversized file is refused before it is read.
    const bytes = await readBytes(fs, dir, name, MAX_UNIT_FILE_BYTES, RESULTS_FOLDER);
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(bytes));
    } catch {
      throw new UserError(`${path}: not a JSON result file (cut off or edited?) — run that unit again`);
    }
    let r: UnitResultFile | undefined;
    try {
      if (UNIT_FILE.exec(name)![3] !== undefined) {
        const f = parseUnitFailure(json);
        failed.set(f.unit, f);
      } else {
        r = parseUnitResult(json);
      }
    } catch (e) {
      throw new UserError(`${path}: ${(e as Error).message} — run that unit again`);
    }
    if (r === undefined) continue;
    if (name !== resultFileName(r.search, r.unit)) throw new UserError(await misnamedResult(dir, name, bytes, r, names, fs));
    results.set(r.unit, r);
  }
  const first = results.values().next().value;
  if (first === undefined) {
    throw new UserError(`${dir}: no unit results (tune-…-unit-N.json)${failed.size ? ` — ${failed.size} unit${failed.size === 1 ? '' : 's'} failed, e.g.: ${failed.values().next().value!.error}` : ' — run the plan\'s units first (model-lab tune-unit)'}`);
  }
  for (const r of results.values()) {
    if (r.search !== first.search) throw new UserError(`${dir}: unit ${r.unit} belongs to search ${r.search.slice(0, 12)}…, unit ${first.unit} to ${first.search.slice(0, 12)}… — collect one search per folder`);
  }
  for (const f of failed.keys()) if (results.has(f)) failed.delete(f); // a later successful run wins
  const missing: number[] = [];
  for (let u = 0; u < first.task.units; u++) if (!results.has(u) && !failed.has(u)) missing.push(u);
  return { spec: first.task.spec, task: first.task, results, failed, missing };
}

/**
 * A whole result under a name that is not its unit's (a stray `cp`, a hand rename): running the unit
 * again would not remove it, so the refusal says which file it is and to delete or rename it.
 */
async function misnamedResult(dir: string, name: string, bytes: Uint8Array, r: UnitResultFile, names: readonly string[], fs: FileSystem): Promise<string> {
  const right = resultFileName(r.search, r.unit);
  const what = `the result of unit ${r.unit} of search ${r.search.slice(0, 12)}…`;
  const path = paths.join(dir, name);
  if (!names.includes(right)) return `${path}: it holds ${what}, whose file is named ${right} — rename it to that`;
  const other = await readBytes(fs, dir, right, MAX_UNIT_FILE_BYTES, RESULTS_FOLDER).catch(() => undefined);
  if (other !== undefined && other.length === bytes.length && other.every((b, i) => b === bytes[i])) {
    return `${path}: a copy of ${right} (${what}) under another name — delete it`;
  }
  return `${path}: it holds ${what} under another name, and ${right} holds another result of that unit — delete this file (or both, and run unit ${r.unit} again)`;
}

/** "unit 17 (candidate 4 of 12, fold 3 of 5)". */
function unitName(task: UnitTask, unit: number): string {
  const candidates = task.units / task.spec.cv;
  return `unit ${unit} (candidate ${Math.floor(unit / task.spec.cv) + 1} of ${candidates}, fold ${(unit % task.spec.cv) + 1} of ${task.spec.cv})`;
}

/** The folder's missing and failed units in words, or undefined when there are none. */
export function describeIncomplete(s: SearchResults): string | undefined {
  const bad = [...s.missing.map((u) => ({ u, why: 'no result' })), ...[...s.failed.values()].map((f) => ({ u: f.unit, why: `failed${f.host ? ` on ${f.host}` : ''}: ${f.error}` }))].sort((a, b) => a.u - b.u);
  if (bad.length === 0) return undefined;
  const shown = bad.slice(0, MAX_NAMED_UNITS).map((b) => `${unitName(s.task, b.u)} ${b.why}`).join('; ');
  return `${bad.length} of ${s.task.units} units have no result: ${shown}${bad.length > MAX_NAMED_UNITS ? `; and ${bad.length - MAX_NAMED_UNITS} more` : ''}`;
}

/** The DataSpec a model name is made from (iris, the CSV's name, the table). */
function dataSpecOf(spec: SearchSpec): DataSpec {
  const p = spec.data.provenance;
  if (p.source === 'iris') return { kind: 'iris' };
  if (p.source === 'postgres') return { kind: 'postgres', spec: { url: p.path } };
  return { kind: 'csv', path: p.path };
}

/**
 * Merges a results folder into the in-process result: checks the snapshot's sha256, rebuilds the
 * split and folds, scores, refits the best candidate and saves it. Throws a UserError (naming units)
 * for missing or failed units unless `partial`, and for anything readSearchResults refuses.
 */
export async function collectSearch(options: CollectOptions, fs: FileSystem, control: TuneControl = {}): Promise<TuneResult> {
  const joblib = joblibRequest(options);
  step(control, 'Reading results', 0);
  const found = await readSearchResults(options.dir, fs);
  const incomplete = describeIncomplete(found);
  if (incomplete !== undefined && !options.partial) {
    throw new UserError(`${incomplete} — run them again (model-lab tune-unit … --out ${options.dir}), or add --partial to merge without them (their folds score nan)`);
  }
  if (incomplete !== undefined) control.onWarning?.(`merging without them: ${incomplete}`);
  const { spec } = found;
  const name = options.name !== undefined ? checkModelName(options.name) : tunedModelName(dataSpecOf(spec), spec.cv, spec.split.seed);
  step(control, 'Reading the data snapshot', 0.05);
  const bytes = await readSnapshot(spec, fs, options.dataDir);
  const training = await snapshotTrainingData(spec, bytes, control.signal);
  const plan = planSearch(training.yTrain, spec.grid, spec.cv, true, training.label);
  if (plan.warning !== undefined) control.onWarning?.(plan.warning);
  const results: CvUnitResult[] = plan.units.map((u, i) => {
    const r = found.results.get(i);
    // The folds are rebuilt here: a result counting another number of test rows was edited (or is of other data).
    const rows = plan.folds[u.fold]!.test.length;
    if (r !== undefined && !('error' in r.outcome) && r.outcome.total !== rows) {
      throw new UserError(`${paths.join(options.dir, resultFileName(r.search, i))}: field "outcome.total": expected ${rows} (the test rows of fold ${u.fold + 1}), found ${r.outcome.total} — run that unit again`);
    }
    return r !== undefined ? toCvResult(r.task, r.outcome) : { candidate: u.candidate, fold: u.fold, error: 'no result (merged with --partial)' };
  });
  // The results are trusted only once the units that matter give the same here.
  const verify = options.verify ?? 'best';
  if (verify !== 'none') {
    const what = verify === 'best' ? 'Re-scoring the best candidate' : 'Re-scoring every unit';
    step(control, what, 0.1);
    await verifyResults(verify, { X: training.XTrain, y: training.yTrain }, plan, results, {
      dir: options.dir, task: found.task, fromFile: new Set(found.results.keys()),
    }, {
      ...(control.signal !== undefined ? { signal: control.signal } : {}),
      onStart: (done, total) => control.progress?.report(`${what}: ${done + 1} of ${total}`, 0.1 + (0.8 * done) / total),
    });
  }
  return refitBest(training, plan, results, {
    seed: spec.split.seed,
    ...(spec.split.trainSize !== null ? { trainSize: spec.split.trainSize } : {}),
    ...(spec.split.testSize !== null ? { testSize: spec.split.testSize } : {}),
  }, {
    layout: spec.layout, modelsDir: options.modelsDir, name, ...joblib,
  }, fs, control);
}
