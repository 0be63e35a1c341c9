// model-lab tune: GridSearchCV over StandardScaler + SVC from the command line — train's data and
// split options, value lists for the SVC parameters, --cv K, --jobs N; prints the candidates best
// first (or --json) and saves the refitted best model. Ctrl-C stops the fits and saves nothing.
import { resolve } from 'node:path';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { isAbortError } from '../core/abort';
import { parseSearchGrid } from '../core/experiments/tune/gridLists';
import { checkSearchSize } from '../core/experiments/tune/gridSearch';
import { tune, describeHowFar, type SearchOutcome, type TuneOptions, type TuneProgress, type TuneResult } from '../core/experiments/tune/tune';
import { writeSearchPlan } from '../core/experiments/tune/searchPlanFile';
import { collectSearch } from '../core/experiments/tune/collectSearch';
import { VERIFY_MODES, type VerifyMode } from '../core/experiments/tune/verifyResults';
import { searchReport, tuneReport } from '../core/experiments/tune/tuneReport';
import { PartialOutput } from './partialOutput';
import { MIN_WORK_FOR_THREADS, poolRunner } from '../core/experiments/tune/poolRunner';
import { WorkerPool } from '../core/parallel/workerPool';
import { TASK_HANDLERS } from '../core/parallel/taskHandlers';
import { asUsageError, nameOption, parseCommand, UsageError } from './args';
import { shellQuote } from '../core/text/shellQuote';
import { jobsOption, WORKER_FILE } from './workerThreads';
import { TUNE_HELP } from './help';
import { dataWarningLine, type CliIO } from './io';
import { DATA_OPTIONS, SVC_OPTIONS, dataOptionsOf, joblibOptionsOf } from './trainCommand';
import { withEnvironmentRelease } from './environmentRelease';
import { searchText, tuneText } from './tuneTable';

const OPTIONS = {
  ...DATA_OPTIONS, ...SVC_OPTIONS, cv: { type: 'string' }, yes: { type: 'boolean' }, jobs: { type: 'string' },
  plan: { type: 'string' }, collect: { type: 'string' }, partial: { type: 'boolean' }, 'data-dir': { type: 'string' }, verify: { type: 'string' },
} as const;
/** scikit-learn's default cv. */
const DEFAULT_FOLDS = 5;

/** A refusal of a flag's value is a command-line mistake: exit code 2. */
const usage = <T>(parse: () => T): T => asUsageError('tune', parse);

function foldsOf(text: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
    throw new UsageError(`model-lab tune: --cv "${text}" must be a whole number of folds, at least 2 (default ${DEFAULT_FOLDS})`);
  }
  return Number(t);
}

/** The flags each way of running tune accepts besides --help. */
const COLLECT_FLAGS = new Set(['collect', 'out', 'name', 'json', 'partial', 'data-dir', 'verify', 'save-joblib', 'sklearn-version']);
const PLAN_ONLY = ['plan'];
const COLLECT_ONLY = ['collect', 'partial', 'data-dir', 'verify'];
/** What the refit that --collect runs takes (the plan itself saves nothing). */
const REFIT_FLAGS = ['save-joblib', 'sklearn-version'];
const NOT_WITH_PLAN = ['out', 'name', 'jobs', ...REFIT_FLAGS];

/**
 * --jobs N in the distributed form: tune-unit runs one single-threaded fit and tune --collect one refit,
 * so neither takes it; the batch engine's own parallelism runs N units at a time.
 */
function jobsElsewhere(v: Record<string, unknown>): string {
  const n = typeof v.jobs === 'string' && /^\d+$/.test(v.jobs.trim()) ? v.jobs.trim() : 'N';
  const plan = typeof v.plan === 'string' ? shellQuote(v.plan) : 'plan.jsonl';
  return `run ${n} units at a time with your batch engine instead, e.g. parallel -j ${n} -a ${plan} model-lab tune-unit --out results --task {} (or xargs -P ${n})`;
}

/** Where a flag refused with --plan goes instead, in words. */
function insteadOfPlan(flag: string, v: Record<string, unknown>): string {
  switch (flag) {
    case 'out': return 'the plan saves no model: give the models folder to model-lab tune --collect DIR --out …, which saves it (tune-unit\'s --out is its results folder)';
    case 'name': return 'the plan saves no model: give the name to model-lab tune --collect DIR --name …, which saves it';
    case 'jobs': return `each unit is one single-threaded fit and tune-unit takes no --jobs: ${jobsElsewhere(v)}`;
    case 'data-dir': return 'give it to model-lab tune-unit or tune --collect, which read the snapshot';
    case 'verify': return 'give it to model-lab tune --collect, which checks the units\' results';
    default: return REFIT_FLAGS.includes(flag) ? 'give it to model-lab tune --collect, which refits and saves the model' : 'it goes with model-lab tune --collect DIR';
  }
}

/** Refuses flags that mean nothing in the chosen mode, naming the first one. */
function checkFlags(v: Record<string, unknown>): void {
  const given = Object.keys(v).filter((k) => v[k] !== undefined && k !== 'help');
  if (v.collect !== undefined) {
    const extra = given.find((k) => !COLLECT_FLAGS.has(k));
    if (extra === 'jobs') throw new UsageError(`model-lab tune: --jobs does not go with --collect — the units ran the search and --collect refits one model: ${jobsElsewhere(v)}`);
    if (extra !== undefined) throw new UsageError(`model-lab tune: --${extra} does not go with --collect — the search (data, grid, folds) comes from the results; --collect takes --out, --name, --save-joblib, --sklearn-version, --json, --partial, --data-dir and --verify`);
    return;
  }
  if (v.plan !== undefined) {
    const extra = given.find((k) => NOT_WITH_PLAN.includes(k) || COLLECT_ONLY.includes(k));
    if (extra !== undefined) throw new UsageError(`model-lab tune: --${extra} does not go with --plan — ${insteadOfPlan(extra, v)}`);
    return;
  }
  const extra = given.find((k) => COLLECT_ONLY.includes(k) || PLAN_ONLY.includes(k));
  if (extra !== undefined) throw new UsageError(`model-lab tune: --${extra} goes with --collect DIR`);
}

export async function runTune(args: string[], io: CliIO): Promise<number> {
  const { values: v } = parseCommand('tune', args, OPTIONS, 0);
  if (v.help) {
    io.out(TUNE_HELP);
    return 0;
  }
  checkFlags(v);
  if (v.collect !== undefined) return runCollect(v, io);
  const { options: common, sayWritten } = await withEnvironmentRelease(dataOptionsOf('tune', v, io.cwd), io, 'tune');
  const grid = usage(() => parseSearchGrid({ kernel: v.kernel, C: v.C, gamma: v.gamma, degree: v.degree, coef0: v.coef0 }));
  const cv = foldsOf(v.cv ?? String(DEFAULT_FOLDS));
  const confirmed = v.yes ?? false;
  usage(() => checkSearchSize(grid, cv, confirmed));
  const warn = (w: string) => io.err(`model-lab tune: warning: ${w}\n`);
  if (v.plan !== undefined) return runPlan({ ...common, grid, cv, confirmed }, resolve(io.cwd, v.plan), v.json ?? false, io, warn);
  // --jobs 1: every fit in this thread; N: this thread and N - 1 worker threads (the results are the same).
  // Without --jobs, a search too small to gain from threads (iris) stays in this thread.
  const { jobs, explicit } = jobsOption('tune', v.jobs);
  const minWork = explicit ? 0 : MIN_WORK_FOR_THREADS;
  const pool = jobs > 1 ? new WorkerPool(WORKER_FILE, jobs, { thisThread: TASK_HANDLERS }) : undefined;
  const status = statusLine(io);
  let where: TuneProgress | undefined;
  const json = v.json ?? false;
  const refit = refitWatch(json, io);
  // Ctrl-C stays graceful throughout: the fits yield between units (or run in workers), so the abort is seen at once.
  let result;
  try {
    result = await tune({ ...common, grid, cv, confirmed }, nodeFileSystem, {
      signal: io.signal,
      ...(pool !== undefined ? { runner: poolRunner(pool, minWork) } : {}),
      progress: status.progress,
      onProgress: (p) => { where = p; },
      onWarning: warn,
      onDataWarning: dataWarningLine(io, 'tune'),
      onSearched: refit.onSearched,
    });
  } catch (e) {
    status.clear(); // before the search's table, if the refit failed after it was scored
    if (!isAbortError(e)) throw refit.failed(e);
    const cancelled = `cancelled ${describeHowFar(where)} — nothing was saved`;
    refit.cancelled(cancelled);
    io.err(`model-lab tune: ${cancelled}\n`);
    return 130;
  } finally {
    status.clear();
    await pool?.close();
  }
  printResult(result, json, io);
  sayWritten();
  return 0;
}

/**
 * A refit that fails or is cancelled after the search was scored still prints the search's
 * candidates and best (minutes of work, not lost with the error): with --json in one document with
 * the failure in "error" (PartialOutput), otherwise the table, then the error on stderr. Nothing was saved.
 */
function refitWatch(json: boolean, io: CliIO) {
  let searched: SearchOutcome | undefined;
  const printSearch = (s: SearchOutcome) => io.out(searchText(searchReport(s), s.search.grid));
  return {
    onSearched: (s: SearchOutcome) => { searched = s; },
    failed: (e: unknown): unknown => {
      if (!searched) return e;
      if (json) return new PartialOutput({ ...searchReport(searched) }, e);
      printSearch(searched);
      return e;
    },
    cancelled: (text: string) => {
      if (!searched) return;
      if (json) io.out(JSON.stringify({ ...searchReport(searched), error: text }) + '\n');
      else printSearch(searched);
    },
  };
}

/** The transient status line on a terminal ("Candidate 4 of 12, fold 2 of 5… 35%"). */
function statusLine(io: CliIO) {
  let last = '';
  const set = (text: string) => {
    if (text !== last) io.status?.(text);
    last = text;
  };
  return {
    progress: { report: (step: string, fraction?: number) => set(step === 'Done' ? '' : `${step}… ${Math.floor((fraction ?? 0) * 100)}%`) },
    clear: () => set(''),
  };
}

function printResult(result: TuneResult, json: boolean, io: CliIO): void {
  const report = tuneReport(result);
  io.out(json ? JSON.stringify(report) + '\n' : tuneText(report, result.search.grid, result.model.train.total));
}

/** tune --plan FILE: the snapshot and one task per unit, nothing run. */
async function runPlan(options: Omit<TuneOptions, 'modelsDir' | 'name'>, planPath: string, json: boolean, io: CliIO, warn: (w: string) => void): Promise<number> {
  const status = statusLine(io);
  let written;
  try {
    written = await writeSearchPlan(options, planPath, nodeFileSystem, { signal: io.signal, progress: status.progress, onWarning: warn, onDataWarning: dataWarningLine(io, 'tune') });
  } finally {
    status.clear();
  }
  if (json) {
    io.out(JSON.stringify(written) + '\n');
    return 0;
  }
  io.out([
    `Planned ${written.units} units (${written.candidates} candidates × ${written.folds} folds) in ${written.plan}`,
    `Data snapshot ${written.data} (sha256 ${written.sha256})`,
    'Run every line, e.g. on this machine:',
    `  parallel -a ${shellQuote(written.plan)} model-lab tune-unit --out results --task {}`,
    `or one line per job: model-lab tune-unit --plan ${shellQuote(written.plan)} --index N --out results   (N = 0 … ${written.units - 1})`,
    'then: model-lab tune --collect results',
    '',
  ].join('\n'));
  return 0;
}

/** --verify best|all|none (default best). */
function verifyOption(text: string | undefined): VerifyMode {
  const mode = (text ?? 'best').trim().toLowerCase();
  if (!(VERIFY_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`model-lab tune: --verify "${text}" must be best (re-score the best candidate's folds, the default), all (every unit) or none (trust the results as written)`);
  }
  return mode as VerifyMode;
}

/** tune --collect DIR: the units' results merged into the in-process result and refit model. */
async function runCollect(
  v: { collect?: string; out?: string; name?: string; json?: boolean; partial?: boolean; 'data-dir'?: string; verify?: string; 'save-joblib'?: boolean; 'sklearn-version'?: string }, io: CliIO,
): Promise<number> {
  const name = nameOption('tune', v.name);
  const verify = verifyOption(v.verify);
  const status = statusLine(io);
  const json = v.json ?? false;
  const refit = refitWatch(json, io);
  const release = await withEnvironmentRelease(joblibOptionsOf('tune', v), io, 'tune');
  let result;
  try {
    result = await collectSearch({
      dir: resolve(io.cwd, v.collect!), modelsDir: resolve(io.cwd, v.out ?? 'models'), partial: v.partial ?? false, verify,
      ...(name !== undefined ? { name } : {}),
      ...(v['data-dir'] !== undefined ? { dataDir: resolve(io.cwd, v['data-dir']) } : {}),
      ...release.options,
    }, nodeFileSystem, { signal: io.signal, progress: status.progress, onWarning: (w) => io.err(`model-lab tune: warning: ${w}\n`), onSearched: refit.onSearched });
  } catch (e) {
    // Ctrl-C too goes to main.ts's line ("cancelled — nothing was saved"), with the search in "error"'s document.
    status.clear();
    throw refit.failed(e);
  } finally {
    status.clear();
  }
  printResult(result, json, io);
  release.sayWritten();
  return 0;
}
