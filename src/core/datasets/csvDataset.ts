// Reads a labelled CSV table with csv-parse's streaming parser (BOM, CRLF, quoted fields) and
// refuses anything that would not train, naming the file, line and column and what to do.
import { parse } from 'csv-parse';
import type { Label } from '../types';
import { UserError } from '../types';
import { sortedUniqueLabels } from '../labels';
import type { Dataset } from './dataset';

export interface CsvDatasetOptions {
  /** Name used in messages (usually the file's base name). */
  readonly fileLabel: string;
  /** Label column; default 'target'. */
  readonly target?: string;
  /** Columns ignored when present; default ['id', 'timestamp']. */
  readonly drop?: readonly string[];
  /** Fewest rows accepted; default 3 (enough for a train and a test part with two classes). */
  readonly minRows?: number;
}

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Parses a number the way a CSV user means it: decimal notation only ('0x10', '1_000', '' are refused). */
export function parseFiniteNumber(text: string): number | 'empty' | 'not-a-number' | 'not-finite' {
  const t = text.trim();
  if (t === '') return 'empty';
  if (!DECIMAL.test(t)) return /^[+-]?(nan|inf|infinity)$/i.test(t) ? 'not-finite' : 'not-a-number';
  const v = Number(t);
  return Number.isFinite(v) ? v : 'not-finite';
}

/** All records of a CSV text or bytes, with the line each starts on. */
export async function readCsvRecords(data: Uint8Array | string, fileLabel: string): Promise<CsvRecord[]> {
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  const records: CsvRecord[] = [];
  let previousEnd = 0;
  let previousEmpty = 0;
  const done = new Promise<void>((resolve, reject) => {
    parser.on('readable', () => {
      let r: { record: string[]; info: { lines: number; empty_lines: number } } | null;
      while ((r = parser.read()) !== null) {
        // info.lines is where the record ends; it starts after the previous one and any skipped blank lines.
        const line = previousEnd + 1 + (r.info.empty_lines - previousEmpty);
        previousEnd = r.info.lines;
        previousEmpty = r.info.empty_lines;
        records.push({ fields: r.record, line });
      }
    });
    parser.on('error', reject);
    parser.on('end', resolve);
  });
  parser.end(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  try {
    await done;
  } catch (e) {
    throw csvSyntaxError(e, fileLabel);
  }
  return records;
}

function csvSyntaxError(e: unknown, fileLabel: string): UserError {
  const err = e as { code?: string; lines?: number; message?: string; record?: unknown[]; columns?: unknown };
  const where = err.lines ? `${fileLabel} line ${err.lines}` : fileLabel;
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const m = /expect (\d+), got (\d+)/.exec(err.message ?? '');
      const detail = m ? `has ${m[2]} fields but the header has ${m[1]}` : 'has a different number of fields than the header';
      return new UserError(`${where}: the row ${detail} — fix the row (quote values that contain commas) or remove it`);
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return new UserError(`${fileLabel}: a quoted field opened before the end of the file is never closed — add the closing quote (")`);
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new UserError(`${where}: a quote (") is misplaced — quote the whole field and double quotes inside it ("")`);
    default:
      return new UserError(`${where}: cannot read the CSV (${err.message ?? String(e)}) — check the file is plain comma-separated text`);
  }
}

/** Parses a labelled table. Labels are integers when every label is an integer, otherwise strings. */
export async function parseCsvDataset(data: Uint8Array | string, options: CsvDatasetOptions): Promise<Dataset> {
  const file = options.fileLabel;
  const target = options.target ?? 'target';
  const drop = new Set(options.drop ?? ['id', 'timestamp']);
  const records = await readCsvRecords(data, file);
  if (records.length === 0) throw new UserError(`${file}: the file is empty — it needs a header line and data rows`);

  const header = records[0].fields.map((h) => h.trim());
  const headerLine = records[0].line;
  if (header.every((h) => typeof parseFiniteNumber(h) === 'number')) {
    throw new UserError(`${file} line ${headerLine}: the first line holds numbers, not column names — add a header line such as "sepal_length,...,${target}"`);
  }
  header.forEach((h, i) => {
    if (h === '') throw new UserError(`${file} line ${headerLine}: column ${i + 1} has no name — give every column a name in the header`);
    const first = header.indexOf(h);
    if (first !== i) throw new UserError(`${file} line ${headerLine}: column "${h}" appears twice (columns ${first + 1} and ${i + 1}) — rename or remove one`);
  });
  const targetIndex = header.indexOf(target);
  if (targetIndex < 0) {
    throw new UserError(`${file} line ${headerLine}: no column "${target}" (columns: ${header.join(', ')}) — name the label column with --target`);
  }
  const featureIndices = header.map((_, i) => i).filter((i) => i !== targetIndex && !drop.has(header[i]));
  if (featureIndices.length === 0) {
    throw new UserError(`${file} line ${headerLine}: no feature columns left besides "${target}" — the table needs at least one numeric column`);
  }

  const X: number[][] = [];
  const rawLabels: string[] = [];
  const lines: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const { fields, line } = records[r];
    const row = new Array<number>(featureIndices.length);
    for (let k = 0; k < featureIndices.length; k++) {
      const text = fields[featureIndices[k]];
      const v = parseFiniteNumber(text);
      if (typeof v !== 'number') {
        const column = header[featureIndices[k]];
        const what = v === 'empty' ? 'is empty' : v === 'not-finite' ? `${JSON.stringify(text.trim())} is not a finite number` : `${JSON.stringify(text.trim())} is not a number`;
        throw new UserError(`${file} line ${line}, column "${column}": ${what} — fix or remove the row`);
      }
      row[k] = v;
    }
    const label = fields[targetIndex].trim();
    if (label === '') throw new UserError(`${file} line ${line}, column "${target}": the label is empty — fill it in or remove the row`);
    X.push(row);
    rawLabels.push(label);
    lines.push(line);
  }
  const y = toLabels(rawLabels, lines, file, target);
  const classes = sortedUniqueLabels(y);
  const minRows = options.minRows ?? 3;
  if (X.length < minRows) {
    throw new UserError(`${file}: only ${X.length} data row${X.length === 1 ? '' : 's'} — at least ${minRows} are needed to split into training and validation parts`);
  }
  if (classes.length < 2) {
    throw new UserError(`${file}, column "${target}": every row has the label ${JSON.stringify(classes[0])} — a classifier needs at least 2 classes`);
  }
  const dropped = header.filter((h, i) => i !== targetIndex && drop.has(h));
  return { featureNames: featureIndices.map((i) => header[i]), target, X, y, classes, lines, dropped };
}

function toLabels(raw: string[], lines: number[], file: string, target: string): Label[] {
  if (!raw.every((s) => INTEGER.test(s))) return raw;
  return raw.map((s, i) => {
    const v = Number(s);
    if (!Number.isSafeInteger(v)) {
      throw new UserError(`${file} line ${lines[i]}, column "${target}": the label ${s} is too large for an integer label — use smaller codes or text labels`);
    }
    return v === 0 ? 0 : v; // '-0' is the class 0
  });
}
