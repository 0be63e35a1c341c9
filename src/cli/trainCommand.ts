// model-lab train: the course workflow from the command line.
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { parseSplitSize } from '../core/split/trainTestSplit';
import { train } from '../core/usecases/train';
import type { DataSpec, Layout, TrainOptions } from '../core/usecases/contracts';
import type { Gamma, Kernel } from '../core/svm/svc';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { parseDataSpec } from '../core/datasets/dataSpec';
import { checkClassNamesList } from '../core/datasets/classNames';
import { UserError } from '../core/types';
import { joblibRequest } from '../core/interop/sklearn/sklearnVersion';
import { choiceOption, intOption, nameOption, numberOption, parseCommand, UsageError } from './args';
import { TRAIN_HELP } from './help';
import { withEnvironmentRelease } from './environmentRelease';
import { statusLine } from './statusLine';
import { dataWarningLine, type CliIO } from './io';
import { parseSweepLists, runTrainSweep, sweepArgsOf, sweepGridOf } from './trainSweep';
import { jobsOption, type Jobs } from './workerThreads';

/** The options train and tune share: where the data comes from, how it is split, where the model goes. */
export const DATA_OPTIONS = {
  data: { type: 'string' }, layout: { type: 'string' }, seed: { type: 'string' },
  'train-size': { type: 'string' }, 'test-size': { type: 'string' },
  target: { type: 'string' }, drop: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' },
  'save-joblib': { type: 'boolean' }, 'allow-cleartext-password': { type: 'boolean' }, dropna: { type: 'boolean' },
  'max-rows': { type: 'string' }, 'train-rows-limit': { type: 'string' }, 'sklearn-version': { type: 'string' },
  json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

/** Largest --max-rows / --train-rows-limit accepted (a permutation of the rows is drawn). */
const MAX_ROWS_FLAG = 0x7fffffff;

/** SVC's parameters: one value each for train, value lists for tune. */
export const SVC_OPTIONS = {
  kernel: { type: 'string' }, C: { type: 'string', short: 'C' }, gamma: { type: 'string' }, degree: { type: 'string' }, coef0: { type: 'string' },
} as const;

/** train's own options: display names of the classes (tune reads them from the data only). */
const NAMING_OPTIONS = { 'class-names': { type: 'string' } } as const;

const OPTIONS = { ...DATA_OPTIONS, ...SVC_OPTIONS, ...NAMING_OPTIONS, jobs: { type: 'string' } } as const;

/** The parsed values of DATA_OPTIONS. */
export type DataValues = { readonly [K in Exclude<keyof typeof DATA_OPTIONS, 'json' | 'help' | 'save-joblib' | 'allow-cleartext-password' | 'dropna'>]?: string }
  & { readonly 'save-joblib'?: boolean; readonly 'allow-cleartext-password'?: boolean; readonly dropna?: boolean };

/** The options of train other than SVC's parameters. */
export type DataAndOutputOptions = Omit<TrainOptions, 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0' | 'cacheSizeMB'>;

/**
 * --data as a DataSpec (core parseDataSpec); a URL with a password is a usage error that never shows it.
 * `allowCleartextPassword` (--allow-cleartext-password) goes with a PostgreSQL URL.
 */
export function dataSpecOf(text: string, cwd: string, command = 'train', allowCleartextPassword = false): DataSpec {
  // A model records its data as a file it can be checked against again: a pipe cannot be.
  if (text === '-') throw new UsageError(`model-lab ${command}: --data - (standard input) is for predict only — save the rows to a CSV file and give its path with --data`);
  let data: DataSpec;
  try {
    data = parseDataSpec(text, (path) => resolve(cwd, path), '--data');
  } catch (e) {
    if (e instanceof UserError) throw new UsageError(`model-lab ${command}: ${e.message}`);
    throw e;
  }
  if (data.kind === 'csv') refuseSpecialFile(data.path, command);
  return data.kind === 'postgres' && allowCleartextPassword ? { ...data, spec: { ...data.spec, allowCleartextPassword: true } } : data;
}

/**
 * A device (/dev/zero, a disk) never ends: read whole it would fill the memory. A pipe (/dev/stdin,
 * a FIFO) is rows for predict to label as they come, but not data a model can keep (as --data -).
 */
function refuseSpecialFile(path: string, command: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined || st.isFile() || st.isDirectory()) return; // the reader says what is wrong with those
  if (st.isFIFO() && command === 'predict') return;
  const what = st.isFIFO() ? 'a pipe' : st.isSocket() ? 'a socket' : 'a device';
  throw new UserError(`${path}: is ${what}, not a data file — ${command === 'predict' ? 'give a CSV file, or pipe the rows in with --data -' : 'save the rows to a CSV file and give its path with --data'}`);
}

/** The data, split, layout and output options as train reads them (usage errors name `command`). */
export function dataOptionsOf(command: string, v: DataValues, cwd: string): DataAndOutputOptions {
  const sizeOf = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    try {
      return parseSplitSize(text, `--${flag}`);
    } catch (e) {
      throw new UsageError(`model-lab ${command}: ${(e as Error).message}`);
    }
  };
  let trainSize = sizeOf('train-size', v['train-size']);
  const testSize = sizeOf('test-size', v['test-size']);
  if (trainSize === undefined && testSize === undefined) trainSize = { kind: 'fraction', value: 0.8 };
  return {
    data: dataSpecOf(v.data ?? 'iris', cwd, command, v['allow-cleartext-password'] === true),
    layout: choiceOption<Layout>(command, 'layout', v.layout ?? 'separate', ['separate', 'pipeline']),
    seed: intOption(command, 'seed', v.seed ?? '2023', 0, 4294967295),
    trainSize,
    testSize,
    target: v.target ?? 'target',
    drop: (v.drop ?? 'id,timestamp').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    modelsDir: resolve(cwd, v.out ?? 'models'),
    name: nameOption(command, v.name),
    ...joblibOptionsOf(command, v),
    ...(v.dropna ? { dropna: true } : {}),
    ...(v['max-rows'] !== undefined ? { maxRows: intOption(command, 'max-rows', v['max-rows'], 3, MAX_ROWS_FLAG) } : {}),
    ...(v['train-rows-limit'] !== undefined ? { trainRowsLimit: intOption(command, 'train-rows-limit', v['train-rows-limit'], 0, MAX_ROWS_FLAG) } : {}),
    workspaceDir: cwd,
  };
}

/**
 * --save-joblib and --sklearn-version, which goes with it: a release the files can be written for
 * (else a usage error, before anything is read or fitted).
 */
export function joblibOptionsOf(command: string, v: { readonly 'save-joblib'?: boolean; readonly 'sklearn-version'?: string }): { saveJoblib?: true; sklearnVersion?: string } {
  const version = v['sklearn-version'];
  if (!v['save-joblib'] && version !== undefined) {
    throw new UsageError(`model-lab ${command}: --sklearn-version goes with --save-joblib (the release the joblib files are written for)`);
  }
  try {
    return joblibRequest({ saveJoblib: v['save-joblib'] === true, ...(version !== undefined ? { sklearnVersion: version } : {}) });
  } catch (e) {
    if (e instanceof UserError) throw new UsageError(`model-lab ${command}: ${e.message}`);
    throw e;
  }
}

/** --class-names a,b,c: one name per class in class order; an empty or repeated name is a usage error. */
export function classNamesOf(command: string, text: string): string[] {
  try {
    return checkClassNamesList(text.split(','));
  } catch (e) {
    if (e instanceof UserError) throw new UsageError(`model-lab ${command}: --class-names: ${e.message}`);
    throw e;
  }
}

/** The command line of `model-lab train` as TrainOptions, or 'help'; throws UsageError for a bad option. */
export function trainOptionsOf(args: string[], cwd: string): { options: TrainOptions; json: boolean; jobs: Jobs } | 'help' {
  const { values: v } = parseCommand('train', args, OPTIONS, 0);
  if (v.help) return 'help';
  const c = 'train';
  const common = dataOptionsOf(c, v, cwd);
  const gammaText = v.gamma ?? 'scale';
  const gamma: Gamma = gammaText === 'scale' || gammaText === 'auto' ? gammaText : numberOption(c, 'gamma', gammaText, (x) => x >= 0, '"scale", "auto" or a number >= 0');
  const options: TrainOptions = {
    ...common,
    kernel: choiceOption<Kernel>(c, 'kernel', v.kernel ?? 'rbf', ['rbf', 'linear', 'poly', 'sigmoid']),
    C: numberOption(c, 'C', v.C ?? '1', (x) => x > 0, 'a number > 0'),
    gamma,
    degree: intOption(c, 'degree', v.degree ?? '3', 0, 1000),
    coef0: numberOption(c, 'coef0', v.coef0 ?? '0', () => true, 'a number'),
    ...(v['class-names'] !== undefined ? { classNames: classNamesOf(c, v['class-names']) } : {}),
  };
  // --jobs is checked for one model too (a script may pass it always); only a sweep has models to share out.
  return { options, json: v.json ?? false, jobs: jobsOption(c, v.jobs) };
}

export async function runTrain(args: string[], io: CliIO): Promise<number> {
  // Lists (--C 0.1,1,10) make a sweep: one model per combination (trainSweep.ts).
  const sweep = sweepArgsOf(args);
  const listed = sweep ? parseSweepLists(sweep.lists) : undefined;
  const parsed = trainOptionsOf(sweep?.args ?? args, io.cwd);
  if (parsed === 'help') {
    io.out(TRAIN_HELP);
    return 0;
  }
  const { json, jobs } = parsed;
  const { options, sayWritten } = await withEnvironmentRelease(parsed.options, io, 'train');
  if (listed) {
    // Said once models are saved, also by a sweep stopped or failed midway.
    return runTrainSweep(options, sweepGridOf(listed, options), { json, jobs, sayWritten }, io);
  }
  // Fitting and scoring run synchronously with nothing on disk yet: let Ctrl-C end the process.
  const status = statusLine(io, (step) => io.cancelMode?.(step.startsWith('Fitting') || step === 'Scoring' ? 'immediate' : 'graceful'));
  let result;
  try {
    result = await train(options, nodeFileSystem, {
      signal: io.signal, progress: status.progress, onDataWarning: dataWarningLine(io, 'train'),
      log: json ? undefined : (line) => { status.clear(); io.out(line + '\n'); },
    });
  } finally {
    io.cancelMode?.('graceful');
    status.clear();
  }
  if (json) {
    io.out(JSON.stringify({
      model: result.modelDir, name: result.name,
      trainAccuracy: result.train.accuracy, validAccuracy: result.valid.accuracy,
      train: { correct: result.train.correct, total: result.train.total },
      valid: { correct: result.valid.correct, total: result.valid.total },
    }) + '\n');
  }
  sayWritten();
  return 0;
}
