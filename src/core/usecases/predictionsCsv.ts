// The predictions of a saved model for a CSV file, as a CSV document: the file's rows as they are,
// with the predicted label (and class name, when the classes have names of their own) appended —
// what `df.assign(prediction=model.predict(X)).to_csv()` gives in Python. For the extension, which
// opens it in an editor: at most `maxRows` rows (the CLI's predict streams any number).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { refuseCredentialUrl } from '../datasets/dataSpec';
import { csvRecordText } from '../datasets/csvPieces';
import { fileChunksAsRead } from '../datasets/gzipCsv';
import { pythonLabel } from '../labels';
import { UserError } from '../types';
import type { RunControl } from './contracts';
import { predictStream, wholeFile, type PredictStreamResult } from './predict';
import type { ModelToPredictWith } from './predictor';

/** Rows an editor shows comfortably (about 5 MB of iris-like text). */
export const PREDICTIONS_DOCUMENT_ROWS = 100_000;

/** The file is read whole (the FileSystem port reads whole files): a bigger one is for the CLI, which streams. */
export const MAX_PREDICTIONS_FILE_BYTES = 256 * 1024 * 1024;

export interface PredictionsCsv extends PredictStreamResult {
  /** The CSV text: the file's header and rows, each with its prediction. */
  readonly text: string;
  /** Rows in `text` (fewer than the file's when it has more than maxRows: then `truncated`). */
  readonly rowsShown: number;
  readonly truncated: boolean;
  /** The columns added: "prediction", and "prediction_name" when the classes have names. */
  readonly added: readonly string[];
}

/** A column name the header does not have yet: `name`, else name_2, name_3 … */
function freeName(header: readonly string[], name: string): string {
  const taken = new Set(header.map((h) => h.trim()));
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  return candidate;
}

/** Labels the rows of the CSV file at csvPath with the model (a model folder or a .joblib file) and writes them back as CSV with their predictions. */
export async function predictionsCsv(model: ModelToPredictWith, csvPath: string, fs: FileSystem, control: RunControl & { maxRows?: number } = {}): Promise<PredictionsCsv> {
  refuseCredentialUrl(csvPath, 'the data file name');
  const size = (await fs.stat(csvPath))?.size ?? 0;
  if (size > MAX_PREDICTIONS_FILE_BYTES) {
    const modelPath = typeof model === 'string' ? model : model.path;
    throw new UserError(`${csvPath}: ${(size / 1024 / 1024).toFixed(0)} MiB is more than ${MAX_PREDICTIONS_FILE_BYTES / 1024 / 1024} MiB, the most read for an editor of predictions — label it with model-lab predict "${modelPath}" --data "${csvPath}", which streams any size`);
  }
  const maxRows = control.maxRows ?? PREDICTIONS_DOCUMENT_ROWS;
  let header: readonly string[] = [];
  const pending: (readonly string[])[] = [];
  const lines: string[] = [];
  let named = false;
  const stop = new AbortController();
  const label = paths.basename(csvPath);
  const result = await predictStream(model, fileChunksAsRead(csvPath, wholeFile(csvPath, fs), label), label, fs, (b) => {
    named = b.named;
    for (let i = 0; i < b.predictions.length; i++) {
      const fields = pending.shift()!;
      if (lines.length >= maxRows) continue;
      lines.push(csvRecordText([...fields, pythonLabel(b.predictions[i]!, b.labelType), ...(b.named ? [b.names[i]!] : [])]));
    }
    if (lines.length >= maxRows) stop.abort();
  }, {
    ...control,
    stop: stop.signal,
    onFields: (fields) => {
      if (header.length === 0) header = fields;
      else pending.push(fields);
    },
  });
  const prediction = freeName(header, 'prediction');
  const added = named ? [prediction, freeName([...header, prediction], 'prediction_name')] : [prediction];
  return { ...result, rowsShown: lines.length, truncated: result.stopped || lines.length < result.rows, added, text: [csvRecordText([...header, ...added]), ...lines].join('\n') + '\n' };
}
