// model-lab train with lists (--kernel rbf,poly --C 0.1,1,10 --gamma scale,0.1 --degree 2,3 --coef0 0,1
// --seed 2022,2023): one model per
// combination, fitted on --jobs N worker threads. Every other option is parsed and checked by
// trainOptionsOf, exactly as for one model.
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { UserError } from '../core/types';
import type { SweepGrid, SweepModel } from '../core/experiments/sweep';
import { describePoint, expandGrid, runSweep, sweepVaries } from '../core/experiments/sweep';
import { parseCList, parseGammaList, parseSeedList } from '../core/experiments/valueLists';
import { parseCoef0List, parseDegreeList, parseKernelList } from '../core/experiments/tune/gridLists';
import { MIN_SWEEP_WORK_FOR_THREADS, sweepPoolRunner } from '../core/experiments/sweepRunner';
import { WorkerPool } from '../core/parallel/workerPool';
import { TASK_HANDLERS } from '../core/parallel/taskHandlers';
import { UsageError } from './args';
import { PartialOutput } from './partialOutput';
import { EXIT_OUTPUT_CLOSED, dataWarningLine, type CliIO } from './io';
import { WORKER_FILE, type Jobs } from './workerThreads';
import type { TrainOptions } from '../core/usecases/contracts';

type Swept = 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0' | 'seed';

interface SweepArgs {
  /** The arguments with each list replaced by its first value (for the ordinary option checks). */
  readonly args: string[];
  readonly lists: Partial<Record<Swept, string>>;
}

/** Finds --kernel/--C/--gamma/--degree/--coef0/--seed values holding a comma; undefined when there is none (one model). */
export function sweepArgsOf(args: readonly string[]): SweepArgs | undefined {
  const out = [...args];
  const lists: Partial<Record<Swept, string>> = {};
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '--') break;
    const m = /^--(kernel|C|gamma|degree|coef0|seed)(?:=(.*))?$/s.exec(out[i]);
    if (!m) continue;
    const flag = m[1] as Swept;
    const inline = m[2] !== undefined;
    const value = inline ? m[2] : out[i + 1];
    if (value === undefined || (!inline && value.startsWith('--'))) continue; // parseArgs reports the missing value
    if (value.includes(',')) {
      lists[flag] = value;
      const first = value.split(',')[0].trim();
      if (inline) out[i] = `--${flag}=${first}`;
      else out[i + 1] = first;
    } else {
      delete lists[flag]; // a later single value wins, as with parseArgs
    }
    if (!inline) i++;
  }
  return Object.keys(lists).length > 0 ? { args: out, lists } : undefined;
}

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof UserError) throw new UsageError(`model-lab train: ${e.message}`);
    throw e;
  }
}

/** The listed values, checked (refusals are command-line mistakes: exit code 2). */
export function parseSweepLists(lists: SweepArgs['lists']): Partial<SweepGrid> {
  return {
    ...(lists.kernel !== undefined ? { kernel: usage(() => parseKernelList(lists.kernel!)) } : {}),
    ...(lists.C !== undefined ? { C: usage(() => parseCList(lists.C!)) } : {}),
    ...(lists.gamma !== undefined ? { gamma: usage(() => parseGammaList(lists.gamma!)) } : {}),
    ...(lists.degree !== undefined ? { degree: usage(() => parseDegreeList(lists.degree!)) } : {}),
    ...(lists.coef0 !== undefined ? { coef0: usage(() => parseCoef0List(lists.coef0!)) } : {}),
    ...(lists.seed !== undefined ? { seed: usage(() => parseSeedList(lists.seed!)) } : {}),
  };
}

/**
 * The grid: the listed values, or the single value the ordinary options resolved to. A grid that
 * cannot be trained (over the limit, a degree list no kernel uses) is a command-line mistake too.
 */
export function sweepGridOf(listed: Partial<SweepGrid>, options: TrainOptions): SweepGrid {
  const grid: SweepGrid = {
    kernel: listed.kernel ?? [options.kernel], C: listed.C ?? [options.C], gamma: listed.gamma ?? [options.gamma],
    degree: listed.degree ?? [options.degree], coef0: listed.coef0 ?? [options.coef0], seed: listed.seed ?? [options.seed],
  };
  usage(() => expandGrid(options, grid));
  return grid;
}

function modelJson(m: SweepModel) {
  const r = m.result;
  return {
    model: r.modelDir, name: r.name, kernel: m.kernel, C: m.C, gamma: m.gamma, degree: m.degree, coef0: m.coef0, seed: m.seed,
    trainAccuracy: r.train.accuracy, validAccuracy: r.valid.accuracy,
    train: { correct: r.train.correct, total: r.train.total },
    valid: { correct: r.valid.correct, total: r.valid.total },
  };
}

/**
 * Runs the sweep, its models fitted on `jobs` worker threads (1: in this thread); exit code 0, 130
 * when Ctrl-C stopped it (finished models are kept), or EXIT_OUTPUT_CLOSED when the output was
 * closed before the last model was started. Throws a UserError when the worker threads' program is
 * missing (an unbuilt checkout); a failure after a model was saved is, with --json, a PartialOutput
 * listing the saved models.
 */
export async function runTrainSweep(options: TrainOptions, grid: SweepGrid, how: { json: boolean; jobs: Jobs; sayWritten?: () => void }, io: CliIO): Promise<number> {
  const { json, jobs } = how;
  let lastStatus = '';
  const setStatus = (text: string) => {
    if (text !== lastStatus) io.status?.(text);
    lastStatus = text;
  };
  const line = (text: string) => {
    setStatus('');
    io.out(text + '\n');
  };
  // More than one thread: the models are fitted on a pool (by default only when the sweep is big
  // enough to gain from it; the pool is made when first used); the files are the same whatever fits them.
  let pool: WorkerPool | undefined;
  const poolOf = () => (pool ??= new WorkerPool(WORKER_FILE, jobs.jobs, { thisThread: TASK_HANDLERS }));
  let saved = 0;
  const varies = sweepVaries(grid);
  // Ctrl-C stays graceful for the whole sweep (no io.cancelMode switching): switching removes
  // node's SIGINT handle, and a Ctrl-C that handle caught while JavaScript was busy is then
  // dropped. The abort is seen between two fits of this thread (which fits models too with --jobs
  // N), and then stops the worker threads at once; a model still being fitted leaves nothing behind.
  // The models saved so far, by grid index: a failure midway still lists them with --json.
  const kept: SweepModel[] = [];
  let planned = 0;
  let result;
  try {
    result = await runSweep(options, grid, nodeFileSystem, {
      signal: io.signal,
      // A closed output (`| head -1`): finish and save the models in progress, start no other, say nothing.
      stop: io.outputClosed,
      ...(jobs.jobs > 1 ? { runner: sweepPoolRunner(poolOf, jobs.explicit ? 0 : MIN_SWEEP_WORK_FOR_THREADS) } : {}),
      progress: {
        report(step) {
          setStatus(step.startsWith('Trained') ? '' : `${step}…`);
        },
      },
      log: json ? undefined : line,
      onDataWarning: dataWarningLine(io, 'train'),
      // Each model's lines come as one block when it is saved ("[3/8] …", its accuracies, its folder).
      onSave: json ? undefined : (i, total, p) => line(`${saved++ > 0 ? '\n' : ''}[${i + 1}/${total}] ${describePoint(p, varies)}`),
      onModel: (m, i, total) => {
        kept[i] = m;
        planned = total;
      },
    });
  } catch (e) {
    const models = kept.filter((m) => m !== undefined);
    // The models saved before the failure hold .joblib files too: which release they are for is said all the same.
    if (models.length > 0) how.sayWritten?.();
    if (json && models.length > 0) throw new PartialOutput({ models: models.map(modelJson), planned, cancelled: false }, e);
    throw e;
  } finally {
    setStatus('');
    await pool?.close();
  }
  const done = result.models.length;
  if (done > 0) how.sayWritten?.();
  if (result.stopped) return EXIT_OUTPUT_CLOSED;
  if (json) {
    io.out(JSON.stringify({ models: result.models.map(modelJson), planned: result.planned, cancelled: result.cancelled }) + '\n');
  } else if (!result.cancelled) {
    io.out(`\nTrained ${done} models in ${options.modelsDir} — compare them with: model-lab compare --out ${JSON.stringify(options.modelsDir)}\n`);
  }
  if (result.cancelled) {
    io.err(done === 0
      ? `model-lab train: cancelled before the first of ${result.planned} models was finished — nothing was saved\n`
      : `model-lab train: cancelled after ${done} of ${result.planned} models — the ${done} finished one${done === 1 ? ' is' : 's are'} kept, the unfinished ones left nothing behind\n`);
    return 130;
  }
  return 0;
}
