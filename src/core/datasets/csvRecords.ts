// Reads the records of a CSV file with csv-parse (RFC 4180: BOM, CRLF/LF/CR, quoted fields with ""
// for a quote), handing each to the caller instead of keeping them: memory stays bounded by what the
// caller keeps. The text is fed to the parser in ~1 MB chunks; between chunks progress is reported,
// cancellation checked and the event loop given a turn so a Ctrl-C handler can run. The records of
// each chunk are read off the stream as soon as it is parsed, so at most one chunk's records wait.
import { isUtf8 } from 'node:buffer';
import { parse, CsvError } from 'csv-parse';
import { UserError, lineError } from '../types';
import { abortError } from '../abort';
import { nextTurn } from '../nextTurn';
import { notCsvFile } from './notCsvFormats';

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

export interface CsvReadControl {
  readonly signal?: AbortSignal;
  /** Called now and then with the fraction of the text read so far (0 … 1). */
  readonly onProgress?: (fraction: number) => void;
  /** Characters between progress reports and cancellation checks (default 1,000,000). */
  readonly chunkChars?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Line breaks inside the fields of a record (\r\n counts once): how far its start is above its end. */
function breaksInside(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === LF || (c === CR && f.charCodeAt(i + 1) !== LF)) n++;
    }
  }
  return n;
}

/** csv-parse's refusals, in the user's words (with the line csv-parse reports). */
function csvErrorMessage(e: CsvError, fileLabel: string, lastRecordEnd: number): UserError {
  const line = (e as CsvError & { lines?: number }).lines;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      // csv-parse reports the end of the file; the quote opened in the record after the last good one.
      return lineError(fileLabel, lastRecordEnd + 1, undefined, 'a quoted field opened here is never closed — add the closing quote (")');
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return line ? lineError(fileLabel, line, undefined, 'a quote (") is misplaced — quote the whole field and double quotes inside it ("")') : new UserError(`${fileLabel}: a quote (") is misplaced — quote the whole field and double quotes inside it ("")`);
    default:
      return new UserError(`${fileLabel}${line ? ` line ${line}` : ''}: ${e.message} — fix the file or export it again as CSV`);
  }
}

/**
 * Calls onRecord(fields, line) for every record, in order; onRecord may throw a UserError to stop.
 * Refuses a file of another format (notCsvFormats.ts), bytes that are not UTF-8 (naming the line
 * and column), malformed quotes and ragged rows.
 * Blank lines, and lines of only spaces (a table has two or more columns), are skipped.
 */
export async function forEachCsvRecord(
  data: Uint8Array | string,
  fileLabel: string,
  onRecord: (fields: string[], line: number) => void,
  control: CsvReadControl = {},
): Promise<void> {
  const otherFormat = notCsvFile(data, fileLabel);
  if (otherFormat) throw otherFormat;
  let text: string;
  if (typeof data === 'string') {
    text = data;
  } else {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (!isUtf8(bytes)) throw notUtf8Error(bytes, fileLabel);
    text = bytes.toString('utf8');
  }
  const control0 = CONTROL_CHARACTER.exec(text);
  if (control0) throw notTextError(text, control0.index, fileLabel);

  let width = -1;
  /** The line where the next record starts: every line is a record (a blank one too), so lines are counted here. */
  let nextLine = 1;
  let failure: unknown;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  const take = (fields: string[]) => {
    const line = nextLine;
    nextLine += 1 + breaksInside(fields);
    if (failure !== undefined) return;
    try {
      if (fields.length === 1 && fields[0]!.trim() === '') return;
      if (width < 0) width = fields.length;
      else if (fields.length !== width) {
        const got = `${fields.length} field${fields.length === 1 ? '' : 's'}`;
        throw lineError(fileLabel, line, undefined, `the row has ${got} but the header has ${width} — fix the row (quote values that contain commas) or remove it`);
      }
      onRecord(fields, line);
    } catch (e) {
      failure = e;
    }
  };
  // The records of what was written, as the parser made them (it parses a write at once). Read from the
  // stream rather than through csv-parse's on_record hook, which builds a 20-property context object
  // for every record (a third of the time and most of the garbage on 16,000 rows).
  const drain = () => {
    for (let r: unknown = parser.read(); r !== null; r = parser.read()) take(r as string[]);
  };
  parser.on('error', (e) => {
    failure ??= e instanceof CsvError ? csvErrorMessage(e, fileLabel, nextLine - 1) : e;
  });
  const chunk = Math.max(1, control.chunkChars ?? 1_000_000);
  for (let at = 0; ; ) {
    if (control.signal?.aborted) throw abortError(control.signal);
    if (at >= text.length) break;
    let end = Math.min(text.length, at + chunk);
    // Never cut a surrogate pair in two: the parser would see two broken characters.
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
    parser.write(text.slice(at, end));
    drain();
    if (failure !== undefined) throw failure;
    at = end;
    if (at < text.length) {
      control.onProgress?.(at / text.length);
      await nextTurn();
    }
  }
  await new Promise<void>((resolve) => {
    parser.on('readable', drain);
    parser.once('end', resolve);
    parser.once('error', () => resolve());
    parser.end();
  });
  if (failure !== undefined) throw failure;
  control.onProgress?.(1);
}

/** All records at once (small files: predictions, tests). */
export async function readCsvRecords(data: Uint8Array | string, fileLabel: string, control: CsvReadControl = {}): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  await forEachCsvRecord(data, fileLabel, (fields, line) => records.push({ fields, line }), control);
  return records;
}

/** Characters no CSV export writes (tab, CR and LF are fine): a sign of a binary file (xlsx, zip, …). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

function notTextError(text: string, at: number, fileLabel: string): UserError {
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
  }
  const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(2, '0');
  return lineError(fileLabel, line, undefined, `control character 0x${code} — this is not a text CSV file (a spreadsheet or other binary file?); save or export the table as CSV`);
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    let min: number;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** "data.csv line 3, column "a": byte 0xFF is not UTF-8 text — save the file as UTF-8". */
function notUtf8Error(b: Buffer, fileLabel: string): UserError {
  const hint = b[0] === 0xff && b[1] === 0xfe ? ' (it looks like UTF-16)' : b[0] === 0xfe && b[1] === 0xff ? ' (it looks like UTF-16)' : '';
  const at = Math.max(0, firstInvalidUtf8(b));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (b[i] === 0x0a || (b[i] === 0x0d && b[i + 1] !== 0x0a)) { line++; lineStart = i + 1; }
  }
  // Which field of that line: count the commas outside quotes before the bad byte.
  let field = 0;
  let quoted = false;
  for (let i = lineStart; i < at; i++) {
    if (b[i] === 0x22) quoted = !quoted;
    else if (b[i] === 0x2c && !quoted) field++;
  }
  const header = line === 1 ? undefined : headerNames(b);
  const named = header?.[field];
  const byte = b[at].toString(16).toUpperCase().padStart(2, '0');
  const text = `byte 0x${byte} is not UTF-8 text${hint} — save the file as UTF-8 (in Excel: "CSV UTF-8")`;
  if (named !== undefined) return lineError(fileLabel, line, named, text);
  return new UserError(`${fileLabel} line ${line}, column ${field + 1}: ${text}`, { line });
}

function headerNames(b: Buffer): string[] | undefined {
  let end = b.indexOf(0x0a);
  if (end < 0) end = b.length;
  const first = b.subarray(0, end);
  if (!isUtf8(first)) return undefined;
  return first.toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '').split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
}
