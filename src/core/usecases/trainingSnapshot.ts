// The data a training run (or a sweep, a tuning run, parallel workers) trains on, read once: the
// bytes saved as data.csv beside every model, and the dataset parsed from exactly those bytes.
// A sweep loads one snapshot and hands it to every train() call, so every model of it is trained
// on the same rows even while a generator keeps inserting into the table.
//
// The snapshot is plain data (bytes, arrays, strings): it can be posted to a worker as is.
import type { FileSystem } from '../io/fileSystem';
import type { Dataset, DropnaRecord, SourceSnapshot } from '../datasets/dataset';
import type { LabelType } from '../labels';
import { readSource } from '../datasets/loadSource';
import { dropAlso, parseCsvDataset } from '../datasets/csvDataset';
import { renumberLines } from '../datasets/csvPieces';
import { countCsvRows, sampleCsvRows, sampleIndices } from '../datasets/csvSample';
import type { RunControl, TrainOptions } from './contracts';
import { checkTrainRows, countText } from './trainingLimits';
import { checkSnapshotSize } from '../artifacts/modelArtifacts';
import { step } from './steps';
import { remedyError, UserError } from '../types';

/** The data of a training run; the same object for every model trained on it. */
export type TrainingSnapshot = SourceSnapshot;

/** What model.json's data.sample records when the run trained on a sample. */
export interface SampleRecord {
  /** How to draw the same rows in Python. */
  readonly method: 'pandas.DataFrame.sample';
  /** Rows drawn (n=) and the rows they were drawn from. */
  readonly n: number;
  readonly fromRows: number;
  readonly randomState: number;
}

/** Lines of left-out rows that model.json keeps (the count is always whole). */
const DROPNA_LINES_KEPT = 20;

/**
 * Sources larger than this are counted before they are parsed, so that refusing one costs no parse
 * (a parsed row takes ~300 bytes of heap: 64 MB of CSV, ~1.7 M rows, parse within ~500 MB).
 */
const COUNT_FIRST_BYTES = 64 * (1 << 20);
/** Share of a training run's progress (0 … 1) spent on reading the data. */
const READ_SHARE = 0.2;

/**
 * Reads the run's data once: from options.data, with options.target/drop (and options.classNames,
 * when not empty, naming the classes), sampled to options.maxRows (seed: options.seed) and checked
 * against the training-rows limit. Progress goes from 0 to 0.2 ("Reading data", "Counting rows",
 * "Sampling"). Throws UserError naming the data.
 */
export async function loadTrainingSnapshot(
  options: Pick<TrainOptions, 'data' | 'target' | 'drop' | 'dropna' | 'classNames' | 'seed' | 'maxRows' | 'trainSize' | 'testSize' | 'trainRowsLimit' | 'cacheSizeMB'>,
  fs: FileSystem,
  control: RunControl = {},
): Promise<TrainingSnapshot> {
  const { signal } = control;
  const report = (name: string, from: number, to: number) => (f: number) => control.progress?.report(name, READ_SHARE * (from + (to - from) * f));
  step(control, 'Reading data', 0);
  const read = await readSource(options.data, fs, signal, { dropna: options.dropna === true, columns: { target: options.target, drop: options.drop } });
  const readAt = new Date().toISOString();
  const label = read.fileLabel;
  let bytes = read.bytes;
  let lineOf: ((line: number) => number) | undefined;
  let sample: SampleRecord | undefined;
  let parseFrom = 0; // share of the reading progress already used by counting and sampling
  if (options.maxRows !== undefined || bytes.length > COUNT_FIRST_BYTES) {
    step(control, 'Counting rows', 0);
    const rows = await countCsvRows(bytes, { signal, onProgress: report('Counting rows', 0, 0.3) });
    parseFrom = 0.3;
    if (options.maxRows !== undefined && options.maxRows < rows) {
      step(control, `Sampling ${countText(options.maxRows)} of ${countText(rows)} rows`, READ_SHARE * 0.3);
      const drawn = await sampleCsvRows(bytes, label, sampleIndices(rows, options.maxRows, options.seed), { signal, onProgress: report('Sampling', 0.3, 0.6) });
      parseFrom = 0.6;
      bytes = drawn.bytes;
      lineOf = drawn.lineOf;
      sample = { method: 'pandas.DataFrame.sample', n: options.maxRows, fromRows: rows, randomState: options.seed };
    } else {
      checkTrainRows(rows, options, label);
    }
  }
  // Data.csv too large to keep is refused before it is parsed (dropna may yet leave rows out: after it).
  if (options.dropna !== true) checkSnapshotSize(bytes.length, label);
  if (parseFrom > 0) step(control, 'Reading data', READ_SHARE * parseFrom);
  const parse = (from: Uint8Array, dropna: boolean, progress: (f: number) => void, labelType?: LabelType) => parseCsvDataset(from, {
    fileLabel: label, target: options.target, drop: options.drop, dropna, offerDropna: true, ...(labelType ? { labelType } : {}),
    ...(options.classNames !== undefined && options.classNames.length > 0 ? { classNames: options.classNames } : {}),
    control: { signal, onProgress: progress },
  });
  let dataset;
  let dropna: DropnaRecord | undefined;
  try {
    // A table's text labels stay text however they read (textLabels).
    const textLabels = read.textLabels ? 'str' as const : undefined;
    dataset = await parse(bytes, options.dropna === true, report('Reading data', parseFrom, 1), textLabels);
    if (dataset.missing !== undefined) {
      // data.csv keeps the rows trained on, as with a sample; parsed again from exactly those bytes.
      const { rows, lines, labelMissing } = dataset.missing;
      const fromRows = rows.length + dataset.X.length;
      const left = new Set(rows);
      const kept = Int32Array.from({ length: fromRows }, (_, i) => i).filter((i) => !left.has(i));
      const drawn = await sampleCsvRows(bytes, label, kept, { signal });
      const before = lineOf;
      lineOf = before ? (line) => before(drawn.lineOf(line)) : drawn.lineOf;
      dropna = {
        method: 'pandas.DataFrame.dropna', subset: [...dataset.featureNames, dataset.target], rows: rows.length, fromRows,
        lines: lines.slice(0, DROPNA_LINES_KEPT).map((l) => (before ? before(l) : l)),
      };
      bytes = drawn.bytes;
      // A missing label made pandas read a column of integers as float64, which dropna keeps: the
      // classes are 0.0, 1.0 … in scikit-learn, as model.json's labelType then records.
      dataset = await parse(bytes, false, () => undefined, labelMissing && dataset.labelType === 'int' ? 'float' : textLabels);
    }
  } catch (e) {
    throw lineOf ? renumberLines(e, label, lineOf) : e;
  }
  checkTrainRows(dataset.X.length, options, label);
  checkSnapshotSize(bytes.length, label);
  // Rows left out here (a CSV, by line), or by the source (a table's rows with a NULL, by id).
  const left = dropna ?? (read.provenance.dropna as DropnaRecord | undefined);
  if (left) {
    const [where, at] = left.lines ? ['line', left.lines] : ['id', left.ids ?? []];
    const shown = at.slice(0, 5).join(', ') + (left.rows > 5 ? ' …' : '');
    control.log?.(`${label}: left out ${countText(left.rows)} of ${countText(left.fromRows)} rows with a missing value in a feature or the label (${where}${left.rows === 1 ? '' : 's'} ${shown}), as pandas' dropna() — ${countText(dataset.X.length)} rows remain`);
  }
  const headerLine = dataset.headerLine === undefined ? undefined : lineOf ? lineOf(dataset.headerLine) : dataset.headerLine;
  const index = indexColumnWarning(dataset.featureNames, label, options.drop ?? ['id', 'timestamp'], dataset.X, headerLine);
  if (index !== undefined) control.onDataWarning?.(index);
  const padding = paddingWarning(dataset.padded, label, dataset.target, headerLine);
  if (padding !== undefined) control.onDataWarning?.(padding);
  return {
    bytes,
    dataset,
    provenance: { ...read.provenance, readAt, ...(sample ? { sample } : {}), ...(dropna ? { dropna } : {}) },
    ...(read.targetNames ? { targetNames: read.targetNames } : {}),
  };
}

/**
 * A feature that is a row index rather than a measurement. scikit-learn would train on it too, so it
 * stays a feature, but the model then learns the rows' order (in a file sorted by class, as iris
 * files are, it predicts the label from it alone): the user is told, with the fix. Two kinds:
 * - named as pandas names a header field it found empty ("Unnamed: 0"): nearly always the row index
 *   of a DataFrame written with to_csv() and read back;
 * - whatever its name, integers that count the rows in file order (0, 1, 2 … or 1, 2, 3 …, up or
 *   down, at least ROW_NUMBER_MIN_ROWS of them): Kaggle's Iris.csv "Id", a table's serial key
 *   under another name than the dropped "id".
 */
export function indexColumnWarning(
  featureNames: readonly string[], fileLabel: string, drop: readonly string[], X?: readonly (readonly number[])[], headerLine?: number,
): UserError | undefined {
  // The header's cell, for a front end that marks it (the message names the file and column already).
  const at = (column: string) => (headerLine === undefined ? {} : { line: headerLine, column });
  const unnamed = featureNames.find((n) => /^Unnamed: \d+$/.test(n));
  if (unnamed !== undefined) {
    return remedyError(`${fileLabel}: the column "${unnamed}" is a row index that pandas wrote (DataFrame.to_csv without index=False), and it is trained on as a feature, so the model learns the order of the rows`,
      dropAlso(drop, unnamed, 'leave it out with {option}'), at(unnamed));
  }
  const j = X === undefined ? -1 : featureNames.findIndex((_, k) => countsRows(X, k));
  if (X === undefined || j < 0) return undefined;
  const column = featureNames[j];
  const first = X[0][j];
  const step = X[1][j] - first;
  return remedyError(`${fileLabel}: the column "${column}" numbers the rows (${first}, ${first + step}, ${first + 2 * step} … ${X[X.length - 1][j]}), and it is trained on as a feature, so the model learns the order of the rows`,
    dropAlso(drop, column, 'leave it out with {option}'), at(column));
}

/** Fewer rows than this can count up by chance (a small feature of consecutive integers). */
const ROW_NUMBER_MIN_ROWS = 20;

/** Column k holds integers that go up (or down) by exactly 1 from each row to the next. */
function countsRows(X: readonly (readonly number[])[], k: number): boolean {
  if (X.length < ROW_NUMBER_MIN_ROWS || !Number.isInteger(X[0][k])) return false;
  const step = X[1][k] - X[0][k];
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < X.length; i++) if (X[i][k] - X[i - 1][k] !== step) return false;
  return true;
}

/**
 * Header names or text labels with spaces around them: Model Lab trims them, pandas keeps them, so
 * in Python the same file has other column names (the course's df.drop(columns=["target"]) fails,
 * an exported scaler's feature names do not match) and other classes. The numbers are the same once
 * Python strips them too, as the exported Python script does (pythonScript.ts).
 */
export function paddingWarning(padded: Dataset['padded'], fileLabel: string, target: string, headerLine?: number): UserError | undefined {
  if (padded === undefined) return undefined;
  const { names, label } = padded;
  const shown = names.slice(0, 3).map((n) => JSON.stringify(n)).join(', ') + (names.length > 3 ? ', …' : '');
  const what = [
    ...(names.length > 0 ? [`${names.length === 1 ? 'a column name' : `${names.length} column names`} (${shown})`] : []),
    ...(label !== undefined ? [`text labels (${JSON.stringify(label)})`] : []),
  ].join(' and ');
  const strip = [
    ...(names.length > 0 ? ['df.columns = df.columns.str.strip()'] : []),
    ...(label !== undefined ? [`df[${JSON.stringify(target)}] = df[${JSON.stringify(target)}].str.strip()`] : []),
  ].join('; ');
  return new UserError(
    `${fileLabel}: ${what} ${names.length === 1 && label === undefined ? 'has spaces around it' : 'have spaces around them'}, which Model Lab trims and pandas keeps — in Python, strip them after pd.read_csv (${strip}) as the exported Python script does, or save the file without them`,
    headerLine === undefined || names.length === 0 ? {} : { line: headerLine },
  );
}
