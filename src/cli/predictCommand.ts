// model-lab predict MODEL_DIR|FILE.joblib --data PATH.csv: one label per row, in input order. The file is read
// and labelled in batches and each batch printed at once, so memory does not grow with the file;
// a closed output (`| head`) stops the reading. --data - reads the rows from standard input (a pipe);
// --data iris and a PostgreSQL URL work as in train.
import { createReadStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { predictStream, unknownLabelsNote } from '../core/usecases/predict';
import { SKLEARN_FILE } from '../core/artifacts/loadModel';
import { pythonFloat } from '../core/text/pythonFloat';
import { oneLineLabel, pythonLabel } from '../core/labels';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { readSource } from '../core/datasets/loadSource';
import { UserError } from '../core/types';
import { abortError, isAbortError } from '../core/abort';
import { osUserError } from '../core/io/osErrors';
import { parseCommand, UsageError } from './args';
import { dataSpecOf } from './trainCommand';
import { PREDICT_HELP } from './help';
import { statusLine } from './statusLine';
import { fileChunksAsRead } from '../core/datasets/gzipCsv';
import { EXIT_INTERRUPTED, EXIT_OUTPUT_CLOSED, type CliIO, type StandardInput } from './io';

const OPTIONS = {
  data: { type: 'string' }, json: { type: 'boolean' }, 'allow-cleartext-password': { type: 'boolean' },
  classifier: { type: 'string' }, target: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;
/** Bytes read from the file at a time. */
const READ_CHUNK_BYTES = 1 << 20;

/** The file's bytes as they are read; a file that cannot be read is the user's to fix. */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) yield chunk as Buffer;
  } catch (e) {
    throw osUserError(e, { path, doing: 'cannot read the data file', choose: 'check the path given with --data', access: 'read' })
      ?? new UserError(`${path}: cannot read the data file (${(e as Error).message}) — check the path given with --data`);
  }
}

/** How messages name the rows of `--data -`. */
const STDIN_LABEL = 'standard input';

/**
 * Standard input's bytes as they are piped in. A Ctrl-C or a closed output ends the reading at once
 * (also while the writer is silent) and throws the abort error, as a file's reading would.
 */
async function* stdinChunks(input: StandardInput, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of input.chunks(signal)) yield chunk;
  } catch (e) {
    if (!signal?.aborted) throw new UserError(`${STDIN_LABEL}: cannot be read (${(e as Error).message}) — pipe the rows in, or name a file with --data`);
  }
  if (signal?.aborted) throw abortError(signal);
}

/** Rows already in memory (the built-in iris data, a table's rows as CSV) as a stream of one chunk. */
async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * `model-lab predict MODEL_DIR --data PATH.csv [--json]`; resolves to the exit code. Throws
 * UsageError for a bad command line, UserError for a model or rows it cannot use.
 */
export async function runPredict(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('predict', args, OPTIONS, 1);
  if (values.help) {
    io.out(PREDICT_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('model-lab predict: give the model folder or the .joblib file, e.g. model-lab predict models/NAME --data rows.csv');
  if (values.data === undefined) throw new UsageError('model-lab predict: give the rows to label with --data PATH.csv');
  const modelDir = resolve(io.cwd, positionals[0]);
  const sklearnFile = SKLEARN_FILE.test(modelDir);
  for (const flag of ['classifier', 'target'] as const) {
    if (values[flag] !== undefined && !sklearnFile) {
      throw new UsageError(`model-lab predict: --${flag} goes with a scikit-learn file (FILE.joblib); a model folder records its ${flag === 'classifier' ? 'classifier' : 'label column'} itself`);
    }
  }
  const model = sklearnFile
    ? { path: modelDir, ...(values.classifier !== undefined ? { classifierPath: resolve(io.cwd, values.classifier) } : {}), ...(values.target !== undefined ? { target: values.target } : {}) }
    : modelDir;
  if (values.data === '-' && (!io.stdin || io.stdin.isTerminal())) {
    throw new UsageError('model-lab predict: --data - reads the rows from standard input, and nothing is piped in — e.g. cat rows.csv | model-lab predict MODEL_DIR --data -');
  }
  const stopReading = io.outputClosed && io.signal ? AbortSignal.any([io.signal, io.outputClosed]) : io.outputClosed ?? io.signal;
  // As train reads --data: a CSV file, the built-in iris data or a PostgreSQL table (its rows now).
  const spec = values.data === '-' ? undefined : dataSpecOf(values.data, io.cwd, 'predict', values['allow-cleartext-password'] === true);
  const { chunks, label } = spec === undefined
    ? { chunks: stdinChunks(io.stdin!, stopReading), label: STDIN_LABEL }
    : spec.kind === 'csv'
    ? { chunks: fileChunksAsRead(spec.path, fileChunks(spec.path), basename(spec.path)), label: basename(spec.path) }
    : await (async () => {
      const read = await readSource(spec, nodeFileSystem, io.signal, { offerDropna: false });
      return { chunks: oneChunk(read.bytes), label: read.fileLabel };
    })();
  const json = values.json === true;
  // --json prints the names after all predictions: keep each row's class as 2 bytes meanwhile, and each class's name.
  const classes: Uint16Array[] = [];
  const classNames: string[] = [];
  let first = true;
  let printed = 0;
  /** The end of --json's predictions: the names of the rows printed. */
  const namesJson = () => {
    io.out(`${first ? `{"model":${JSON.stringify(modelDir)},"predictions":[` : ''}],"names":[`);
    classes.forEach((batch, i) => io.out(`${i > 0 ? ',' : ''}${Array.from(batch, (k) => JSON.stringify(classNames[k])).join(',')}`));
    io.out(']');
  };
  const status = statusLine(io);
  let result;
  try {
    result = await predictStream(model, chunks, label, nodeFileSystem, (b) => {
      status.clear();
      if (json) {
        io.out(`${first ? `{"model":${JSON.stringify(modelDir)},"predictions":[` : ','}${b.predictions.map((p) => JSON.stringify(p)).join(',')}`);
        classes.push(Uint16Array.from(b.classIndices));
        b.classIndices.forEach((k, i) => { classNames[k] ??= b.names[i]!; });
      } else {
        // Labels as Python prints them (1.0 for a float class), with the class name beside when the model names its classes (iris: "0\tsetosa").
        // A text label with a line break or a tab is printed as its Python repr, so that each row stays one line.
        const texts = b.predictions.map((p) => oneLineLabel(pythonLabel(p, b.labelType)));
        io.out(texts.map((t, i) => (b.named ? `${t}\t${oneLineLabel(b.names[i]!)}` : t)).join('\n') + '\n');
      }
      first = false;
      printed += b.predictions.length;
    }, {
      signal: io.signal, stop: io.outputClosed, progress: status.progress,
      // Piped rows are labelled as they arrive (`tail -f rows.csv | model-lab predict … --data -`).
      ...(spec === undefined ? { live: true } : {}),
      // Which columns were read under the course's other spelling: on stderr, so stdout stays the labels.
      log: (line) => { status.clear(); io.err(`model-lab predict: ${line}\n`); },
    });
  } catch (e) {
    // A row it cannot label, after some were printed with --json: the document is closed, valid
    // JSON with the rows before it and the refusal in "error" (the line on stderr says it too).
    if (json && !first && e instanceof UserError && !io.outputClosed?.aborted) {
      namesJson();
      io.out(`,"error":${JSON.stringify(e.message)}}\n`);
    }
    // Ctrl-C: the labels printed so far are whole (a batch at a time); say how many, and close --json's document.
    if (isAbortError(e) && !io.outputClosed?.aborted) {
      const rows = `${printed} row${printed === 1 ? '' : 's'}`;
      if (json && !first) {
        namesJson();
        io.out(`,"error":${JSON.stringify(`cancelled after ${rows}`)}}\n`);
      }
      status.clear();
      io.err(first
        ? 'model-lab predict: cancelled before the first row was labelled\n'
        : `model-lab predict: cancelled after ${rows} — the output holds their labels, the rows after them have none\n`);
      return EXIT_INTERRUPTED;
    }
    throw e;
  } finally {
    status.clear();
  }
  if (result.stopped) return EXIT_OUTPUT_CLOSED;
  const a = result.accuracy;
  if (result.unknownLabels) io.err(`model-lab predict: ${unknownLabelsNote(label, result.rows, result.unknownLabels)}\n`);
  if (json) {
    namesJson();
    const aliases = result.aliases.length > 0 ? `,"aliases":${JSON.stringify(result.aliases.map((u) => ({ feature: u.wanted, column: u.found })))}` : '';
    const u = result.unknownLabels;
    const unknown = u ? `,"unknownLabels":${JSON.stringify({ rows: u.rows, first: u.first })}` : '';
    io.out(`${aliases}${a ? `,"accuracy":${JSON.stringify(a.accuracy)},"correct":${a.correct},"total":${a.total}${unknown}` : ''}}\n`);
    return 0;
  }
  if (a) io.out(`Accuracy : ${pythonFloat(a.accuracy)} (${a.correct}/${a.total})\n`);
  return 0;
}
