// Labels new rows with a saved model, or with the .joblib file(s) scikit-learn saved (predictor.ts).
// Columns are matched by name, so order and extra columns (id, the target) do not matter; an iris
// feature missing under the model's name is found under the course's other spelling
// (columnAliases.ts). A scikit-learn model fitted without column names reads the columns by position,
// all but the label column, id and timestamp. When the label column is there the accuracy is
// reported too.
// The rows are read and labelled in batches as they stream in, so a file of millions of rows costs
// the memory of one batch (predictStream); predict() collects the batches for small files.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import type { Label } from '../types';
import { UserError, lineError } from '../types';
import { isAbortError } from '../abort';
import { loadPredictor, NOT_FEATURES, type ModelToPredictWith, type Predictor } from './predictor';
import { notANumberError, parseFiniteNumber, refuseNonHeader } from '../datasets/csvDataset';
import { refuseCredentialUrl } from '../datasets/dataSpec';
import { osUserError, placeError } from '../io/osErrors';
import { DATA_CHOICE } from '../datasets/loadSource';
import type { LabelType } from '../labels';
import { forEachStreamedCsvRecord, PIECE_BYTES } from '../datasets/csvPieces';
import { aliasesOf, matchColumns, type AliasUse } from '../datasets/columnAliases';
import { labelKey, pythonLabel } from '../labels';
import type { AccuracyCount, PredictResult, RunControl } from './contracts';
import { accuracyCount, step } from './steps';

/** Rows labelled at a time: large enough to keep the kernel loops busy, small enough to stay bounded. */
export const PREDICT_BATCH_ROWS = 65536;

/** One batch of labelled rows, in input order. */
export interface PredictBatch {
  readonly predictions: Label[];
  /** Display names of the predicted classes (iris: setosa, ...). */
  readonly names: string[];
  /** Index of each prediction in the model's classes (what a compact store keeps). */
  readonly classIndices: number[];
  /** How the classes are typed (to print labels as Python does). */
  readonly labelType: LabelType;
  /** True when some class has a name other than its label (iris: 0 is setosa): print both. */
  readonly named: boolean;
}

export interface PredictStreamResult {
  /** The model folder, or the .joblib file(s) joined with " + ". */
  readonly modelDir: string;
  /** The columns read, as the model names them (by position: the file's names). */
  readonly featureNames: string[];
  readonly classNames: string[];
  /** Rows labelled (all of them unless stopped). */
  readonly rows: number;
  /** Set when the file has the target column: accuracy of the predictions against it. */
  readonly accuracy?: AccuracyCount;
  /** True when `stop` ended the reading early. */
  readonly stopped: boolean;
  /** How the model's classes are typed (for printing labels as Python does). */
  readonly labelType: LabelType;
  /** The model's features that were read from a column of another spelling (columnAliases.ts). */
  readonly aliases: AliasUse[];
  /**
   * With an accuracy: the rows whose true label is none of the model's classes (they count as
   * wrong, as in accuracy_score), and the first of them, so that a label column coded otherwise
   * (0, 1, 2 against setosa, …) is said rather than shown as a bare low accuracy.
   */
  readonly unknownLabels?: UnknownLabels;
}

export interface UnknownLabels {
  readonly rows: number;
  readonly first: { readonly label: string; readonly line: number };
  /** The label column, and the model's classes as Python prints them ("0 (setosa)" when named). */
  readonly column: string;
  readonly classes: readonly string[];
}

/** The line saying that some true labels are none of the model's classes, e.g. for stderr. */
export function unknownLabelsNote(fileLabel: string, rows: number, u: UnknownLabels): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const share = u.rows === rows ? `all ${count(rows)} rows have` : `${count(u.rows)} of ${count(rows)} rows have`;
  return `${fileLabel}: ${share} a label in "${u.column}" that is none of the model's classes (${u.classes.join(', ')}), e.g. ${JSON.stringify(u.first.label)} on line ${u.first.line} — they count as wrong in the accuracy; is the label column coded otherwise than in the training data?`;
}

export interface PredictStreamControl extends RunControl {
  /** When aborted, reading stops after the current batch (e.g. nobody reads the output any more). */
  readonly stop?: AbortSignal;
  /**
   * The rows arrive as they are written (a pipe, `tail -f`): each batch of whole lines is labelled
   * and handed over as soon as it has arrived, instead of once PREDICT_BATCH_ROWS are read.
   */
  readonly live?: boolean;
  /** The header's fields, then each data row's, as read (before onBatch gets the row's prediction). */
  readonly onFields?: (fields: readonly string[]) => void;
}

/**
 * A true label from the data as the model's classes are typed (pandas' types, model.json's
 * labelType): numbers by value (accuracy_score compares 1 and 1.0 as equal), booleans as 'True' /
 * 'False', text as it is. Typed one value at a time, so the file can stream.
 */
function truthLabel(text: string, labelType: LabelType): Label {
  const t = text.trim();
  if (labelType === 'int' || labelType === 'float') {
    const v = Number(t);
    return t !== '' && Number.isFinite(v) ? v : t;
  }
  if (labelType === 'bool') return /^true$/i.test(t) ? 'True' : /^false$/i.test(t) ? 'False' : t;
  return t;
}

/** The line saying which columns were read under another spelling, e.g. for stderr or a log. */
export function aliasNote(fileLabel: string, aliases: readonly AliasUse[]): string {
  const pairs = aliases.map((a) => `"${a.found}" for "${a.wanted}"`).join(', ');
  return `${fileLabel}: columns matched by alias (docs/cli.md): ${pairs}`;
}

/**
 * Labels the rows of a CSV byte stream with the model (a model folder, or scikit-learn's .joblib
 * file(s): ModelToPredictWith), handing each batch to onBatch as soon as it is labelled. `fileLabel`
 * names the data in messages; when a feature is read under an alias, control.log gets aliasNote's
 * line before the first batch. Throws UserError (naming the file, line and column) for a row it
 * cannot label — after onBatch got every row before it —, AbortError when the signal fires.
 */
export async function predictStream(
  model: ModelToPredictWith,
  chunks: AsyncIterable<Uint8Array>,
  fileLabel: string,
  fs: FileSystem,
  onBatch: (batch: PredictBatch) => void,
  control: PredictStreamControl = {},
): Promise<PredictStreamResult> {
  step(control, 'Loading model', 0);
  const m = await loadPredictor(fs, model);
  for (const note of m.notes) control.log?.(`${m.source}: ${note}`);
  step(control, 'Predicting', 0.3);
  const classIndex = new Map(m.classes.map((c, i) => [labelKey(c), i]));
  const named = m.classNames.some((n, i) => n !== pythonLabel(m.classes[i]!, m.labelType));
  let columns: number[] = [];
  /** The file's names of those columns (an alias when one was used), for messages. */
  let columnNames: string[] = [];
  /** The model's names of the columns read (by position: the file's). */
  let featureNames: string[] = [];
  let aliases: AliasUse[] = [];
  let targetIndex = -1;
  let X: number[][] = [];
  let truth: Label[] = [];
  let rows = 0;
  let correct = 0;
  let unknownRows = 0;
  let firstUnknown: { label: string; line: number } | undefined;
  let flushing = false;
  const flush = () => {
    if (X.length === 0) return;
    flushing = true;
    const predictions = m.pipeline.predict(X);
    flushing = false;
    const classIndices = predictions.map((p) => classIndex.get(labelKey(p)) ?? -1);
    const names = classIndices.map((k, i) => (k >= 0 ? m.classNames[k] : String(predictions[i])));
    if (targetIndex >= 0) correct += accuracyCount(truth, predictions).correct;
    rows += X.length;
    X = [];
    truth = [];
    onBatch({ predictions, names, classIndices, labelType: m.labelType, named });
    control.progress?.report(`Predicting (${rows.toLocaleString('en-US')} rows so far)`);
  };
  // A value the model's scaler takes past the largest double (x - mean_) / scale_: the row is refused where it is.
  const { mean, scale } = m.pipeline.scaler;
  const scaled = (k: number, v: number) => (v - (mean?.[k] ?? 0)) / (scale?.[k] ?? 1);
  const stopOrCancel = control.stop && control.signal ? AbortSignal.any([control.signal, control.stop]) : control.stop ?? control.signal;
  let stopped = false;
  try {
    await forEachStreamedCsvRecord(chunks, fileLabel, (fields, line) => {
      const header = fields.map((h) => h.trim());
      control.onFields?.(fields);
      targetIndex = header.indexOf(m.target);
      if (m.featureNames === null) {
        columns = positionalColumns(m, header, fileLabel, line);
        columnNames = columns.map((i) => header[i]!);
        featureNames = columnNames;
        return;
      }
      const match = matchColumns(m.featureNames, header);
      const missing = match.indices.indexOf(-1);
      if (missing >= 0) {
        // Only now: a model may have columns named 0, 1, 2 … (a header of numbers).
        refuseNonHeader(header, fileLabel, line, m.target, m.featureNames);
        const name = m.featureNames[missing]!;
        const other = aliasesOf(name).map((a) => ` or "${a}"`).join('');
        throw lineError(fileLabel, line, undefined, `no column "${name}"${other} — the model needs columns ${m.featureNames.map((n) => `"${n}"`).join(', ')}`);
      }
      columns = match.indices;
      columnNames = columns.map((i) => header[i]!);
      featureNames = [...m.featureNames];
      aliases = match.aliases;
      if (aliases.length > 0) control.log?.(aliasNote(fileLabel, aliases));
    }, (fields, line) => {
      X.push(columns.map((c, k) => {
        const v = parseFiniteNumber(fields[c]);
        if (typeof v !== 'number') throw notANumberError(fileLabel, line, columnNames[k], fields[c], v);
        const s = scaled(k, v);
        if (!Number.isFinite(s)) {
          throw lineError(fileLabel, line, columnNames[k], `${JSON.stringify(fields[c]!.trim())} is too large for this model: its StandardScaler makes it ${s} (scikit-learn refuses the row too: "Input X contains infinity") — fix or remove the row`);
        }
        return v;
      }));
      control.onFields?.(fields);
      if (targetIndex >= 0) {
        const t = truthLabel(fields[targetIndex], m.labelType);
        if (!classIndex.has(labelKey(t))) {
          unknownRows++;
          firstUnknown ??= { label: fields[targetIndex].trim(), line };
        }
        truth.push(t);
      }
      if (X.length >= PREDICT_BATCH_ROWS) flush();
    }, { signal: stopOrCancel, ...(control.live ? { onPieceEnd: flush } : {}) }, control.live ? 1 : PIECE_BYTES);
    flush();
  } catch (e) {
    if (!(isAbortError(e) && control.stop?.aborted && !control.signal?.aborted)) {
      // A row (or a read) it cannot use ends the labelling, after the rows before it: those of the
      // batch being filled are labelled and handed over first, then the refusal is thrown.
      if (e instanceof UserError && !flushing) flush();
      throw e;
    }
    stopped = true;
  }
  if (!stopped && rows === 0) throw new UserError(`${fileLabel}: no data rows — it needs a header line and at least one row`);
  control.progress?.report('Done', 1);
  return {
    modelDir: m.source, featureNames, classNames: [...m.classNames], rows, stopped, labelType: m.labelType, aliases,
    ...(targetIndex >= 0 && rows > 0 ? { accuracy: { accuracy: correct / rows, correct, total: rows } } : {}),
    ...(targetIndex >= 0 && firstUnknown !== undefined ? { unknownLabels: { rows: unknownRows, first: firstUnknown, column: m.target, classes: printedClasses(m) } } : {}),
  };
}

/**
 * The columns a model fitted without column names reads: every column of the header but the label
 * column, id and timestamp, in order — as many as the model has features, or a line saying so.
 */
function positionalColumns(m: Predictor, header: readonly string[], fileLabel: string, line: number): number[] {
  const columns = header.map((_, i) => i).filter((i) => header[i] !== m.target && !NOT_FEATURES.includes(header[i]!));
  const want = m.pipeline.scaler.nFeatures;
  if (columns.length !== want) {
    const named = columns.map((i) => `"${header[i]}"`).join(', ');
    throw lineError(fileLabel, line, undefined,
      `the model was fitted without column names and reads its ${want} features by position, but the file has ${columns.length} other than "${m.target}", id and timestamp (${named}) — give a file with just the ${want} feature columns in the order the model was fitted on, and the label column named with --target`);
  }
  return columns;
}

/** The model's classes as Python prints them, with the class name beside when it is another: "0 (setosa)". */
function printedClasses(m: Predictor): string[] {
  return m.classes.map((c, i) => {
    const printed = pythonLabel(c, m.labelType);
    return m.classNames[i] !== printed ? `${printed} (${m.classNames[i]})` : printed;
  });
}

/** Labels every row of a CSV file (read whole: for the extension's small files); see predictStream. */
export async function predict(modelDir: string, csvPath: string, fs: FileSystem, control: RunControl = {}): Promise<PredictResult> {
  // A password typed where a file name goes must not come back in a "cannot read" message.
  refuseCredentialUrl(csvPath, 'the data file name');
  const predictions: Label[] = [];
  const predictionNames: string[] = [];
  const result = await predictStream(modelDir, wholeFile(csvPath, fs), paths.basename(csvPath), fs, (b) => {
    for (let i = 0; i < b.predictions.length; i++) {
      predictions.push(b.predictions[i]);
      predictionNames.push(b.names[i]);
    }
  }, control);
  return {
    modelDir, predictions, predictionNames, featureNames: result.featureNames, labelType: result.labelType,
    ...(result.accuracy ? { accuracy: result.accuracy } : {}),
  };
}

/** The file as one chunk, read when the stream is first pulled (after the model loaded). */
export async function* wholeFile(csvPath: string, fs: FileSystem): AsyncGenerator<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(csvPath);
  } catch (e) {
    throw osUserError(e, { path: csvPath, doing: 'cannot read the data file', choose: DATA_CHOICE, access: 'read' }) ?? placeError(`${csvPath}: cannot read the data file`, DATA_CHOICE);
  }
  yield bytes;
}
