// Which .joblib files make one model: a Pipeline file alone, or a scaler file and a classifier
// file. Given only one half, the other is looked for beside it under the course's names.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError, remedyError } from '../types';
import { readEstimator, type JoblibFile } from './sklearn/sklearnModel';

export const SCALER_NAMES = ['scaler.joblib', 'scaler.joblib.gz', 'scaler.pkl'];
export const CLASSIFIER_NAMES = ['classifier.joblib', 'classifier.joblib.gz', 'svc.joblib', 'classifier.pkl'];

/** Refuses anything bigger: a StandardScaler + SVC file is kilobytes, a big one is not a course model. */
export const MAX_JOBLIB_BYTES = 64 * 1024 * 1024;

export async function readJoblibFile(fs: FileSystem, path: string): Promise<JoblibFile> {
  const st = await fs.stat(path);
  if (!st) throw new UserError(`${path}: no such file`);
  if (st.type === 'link') {
    throw new UserError(`${path}: is a symbolic link${st.linkTarget ? ` to ${st.linkTarget}` : ''} — Model Lab does not follow links it did not make (they could lead anywhere); give the file itself`);
  }
  if (st.type !== 'file') throw new UserError(`${path}: not a file`);
  if (st.size > MAX_JOBLIB_BYTES) throw new UserError(`${path}: ${st.size} bytes is too large for a StandardScaler/SVC model file (limit ${MAX_JOBLIB_BYTES})`);
  return { label: path, bytes: await fs.readFile(path) };
}

async function findBeside(fs: FileSystem, dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const n of names) {
    const p = paths.join(dir, n);
    if ((await fs.stat(p))?.type === 'file') return p;
  }
  return undefined;
}

/** The files of the model `path` belongs to (1 or 2), read. */
export async function collectModelFiles(fs: FileSystem, path: string, classifierPath?: string): Promise<JoblibFile[]> {
  const main = await readJoblibFile(fs, path);
  if (classifierPath !== undefined) return [main, await readJoblibFile(fs, classifierPath)];
  const { kind } = readEstimator(main);
  if (kind === 'Pipeline') return [main];
  const dir = paths.dirname(path);
  const want = kind === 'StandardScaler' ? CLASSIFIER_NAMES : SCALER_NAMES;
  const other = await findBeside(fs, dir, want.filter((n) => paths.join(dir, n) !== path));
  if (!other) {
    const role = kind === 'StandardScaler' ? 'classifier (SVC)' : 'scaler (StandardScaler)';
    const missing = kind === 'StandardScaler' ? 'classifier' : 'scaler';
    // --classifier takes the other half whichever it is: the two are told apart by what they hold.
    throw remedyError(`${path} holds only ${kind === 'SVC' ? 'an' : 'a'} ${kind}; no ${role} file (${want.join(', ')}) was found beside it`, {
      option: 'classifier', text: `Give the ${missing}'s file with {option} PATH${missing === 'scaler' ? ' (it takes the other half of the pair, whichever it is)' : ''}.`, settingText: `put the ${missing} beside it as ${want[0]}`,
    }, {}, '. ');
  }
  return kind === 'StandardScaler' ? [main, await readJoblibFile(fs, other)] : [await readJoblibFile(fs, other), main];
}
