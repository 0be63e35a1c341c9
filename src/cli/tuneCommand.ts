// model-lab tune: GridSearchCV over StandardScaler + SVC from the command line — train's data and
// split options, value lists for the SVC parameters, --cv K, --jobs N; prints the candidates best
// first (or --json) and saves the refitted best model. Ctrl-C stops the fits and saves nothing.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { UserError } from '../core/types';
import { isAbortError } from '../core/abort';
import { parseSearchGrid } from '../core/experiments/tune/gridLists';
import { checkSearchSize } from '../core/experiments/tune/gridSearch';
import { tune, describeProgress, type TuneProgress } from '../core/experiments/tune/tune';
import { tuneReport } from '../core/experiments/tune/tuneReport';
import { poolRunner } from '../core/experiments/tune/poolRunner';
import { WorkerPool } from '../core/parallel/workerPool';
import { intOption, parseCommand, UsageError } from './args';
import { TUNE_HELP } from './help';
import type { CliIO } from './io';
import { DATA_OPTIONS, SVC_OPTIONS, dataOptionsOf } from './trainCommand';
import { tuneText } from './tuneTable';

const OPTIONS = { ...DATA_OPTIONS, ...SVC_OPTIONS, cv: { type: 'string' }, yes: { type: 'boolean' }, jobs: { type: 'string' } } as const;
/** scikit-learn's default cv. */
const DEFAULT_FOLDS = 5;
/** --jobs beyond this is a typo, not a machine. */
const MAX_JOBS = 256;
/** The worker threads' program, built next to dist/cli.js by scripts/build.mjs. */
const WORKER_FILE = join(__dirname, 'engineWorker.js');

/** A refusal of a flag's value is a command-line mistake: exit code 2. */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof UserError && !(e instanceof UsageError)) throw new UsageError(`model-lab tune: ${e.message}`);
    throw e;
  }
}

function foldsOf(text: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
    throw new UsageError(`model-lab tune: --cv "${text}" must be a whole number of folds, at least 2 (default ${DEFAULT_FOLDS})`);
  }
  return Number(t);
}

/** "after 17 of 60 fits (candidate 4 of 12, fold 2 of 5 was running)". */
function howFar(p: TuneProgress | undefined): string {
  if (p === undefined) return 'before the cross-validation started';
  return `after ${p.done} of ${p.total} fits (${describeProgress(p).replace(/^C/, 'c')} ${p.done === p.total ? 'was the last' : 'was running'})`;
}

export async function runTune(args: string[], io: CliIO): Promise<number> {
  const { values: v } = parseCommand('tune', args, OPTIONS, 0);
  if (v.help) {
    io.out(TUNE_HELP);
    return 0;
  }
  const common = dataOptionsOf('tune', v, io.cwd);
  const grid = usage(() => parseSearchGrid({ kernel: v.kernel, C: v.C, gamma: v.gamma, degree: v.degree, coef0: v.coef0 }));
  const cv = foldsOf(v.cv ?? String(DEFAULT_FOLDS));
  const confirmed = v.yes ?? false;
  usage(() => checkSearchSize(grid, cv, confirmed));
  // --jobs 1: every fit in this thread; more: a pool of worker threads (the results are the same).
  const jobs = v.jobs !== undefined ? intOption('tune', 'jobs', v.jobs, 1, MAX_JOBS) : availableParallelism();
  const pool = jobs > 1 ? new WorkerPool(WORKER_FILE, jobs) : undefined;

  let lastStatus = '';
  const setStatus = (text: string) => {
    if (text !== lastStatus) io.status?.(text);
    lastStatus = text;
  };
  let where: TuneProgress | undefined;
  // Ctrl-C stays graceful throughout: the fits yield between units, so the abort is seen within one fit.
  let result;
  try {
    result = await tune({ ...common, grid, cv, confirmed }, nodeFileSystem, {
      signal: io.signal,
      ...(pool !== undefined ? { runner: poolRunner(pool) } : {}),
      progress: { report: (step, fraction) => setStatus(step === 'Done' ? '' : `${step}… ${Math.floor((fraction ?? 0) * 100)}%`) },
      onProgress: (p) => { where = p; },
      onWarning: (w) => io.err(`model-lab tune: warning: ${w}\n`),
    });
  } catch (e) {
    if (!isAbortError(e)) throw e;
    setStatus('');
    io.err(`model-lab tune: cancelled ${howFar(where)} — nothing was saved\n`);
    return 130;
  } finally {
    setStatus('');
    await pool?.close();
  }
  const report = tuneReport(result);
  io.out(v.json ? JSON.stringify(report) + '\n' : tuneText(report, grid, result.model.train.total));
  return 0;
}
