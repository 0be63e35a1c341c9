// Counting the rows of a CSV text and drawing a reproducible sample of them, both without parsing
// the values: a source too large to train on whole is sized, and cut down, before it is parsed.
// The sample is pandas' `df.sample(n=N, random_state=seed)`: the rows at
// RandomState(seed).permutation(n_rows)[:N], in that order — a Python user gets the same rows.
import { RandomState } from '../random/randomState';
import { csvRecordText, forEachStreamedCsvRecord, PIECE_BYTES } from './csvPieces';
import type { CsvReadControl } from './csvRecords';
import { abortError } from '../abort';
import { nextTurn } from '../nextTurn';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Data rows (records after the header) of a CSV text, counted from the bytes without parsing: line
 * ends outside quotes, blank lines and lines of only spaces not counted — the records
 * forEachCsvRecord would hand over, for a well-formed file (a malformed one is refused when parsed).
 * A 200 MB file is counted in about a second, with no memory beyond its bytes.
 */
export async function countCsvRows(data: Uint8Array, control: CsvReadControl = {}): Promise<number> {
  const chunk = Math.max(1, control.chunkChars ?? 1 << 22);
  let records = 0;
  let quoted = false;
  let content = false;
  for (let start = 0; start < data.length; start += chunk) {
    if (control.signal?.aborted) throw abortError(control.signal);
    const end = Math.min(data.length, start + chunk);
    for (let i = start; i < end; i++) {
      const b = data[i];
      if (b === QUOTE) {
        quoted = !quoted;
        content = true;
      } else if (!quoted && (b === LF || (b === CR && data[i + 1] !== LF))) {
        if (content) records++;
        content = false;
      } else if (b !== SPACE && b !== TAB && b !== CR) {
        content = true;
      }
    }
    control.onProgress?.(end / data.length);
    await nextTurn();
  }
  if (content) records++;
  return Math.max(0, records - 1);
}

/** Indices of pandas' df.sample(n=size, random_state=seed) among nRows rows, in sample order. */
export function sampleIndices(nRows: number, size: number, seed: number): Int32Array {
  return new RandomState(seed).permutation(nRows).subarray(0, Math.min(size, nRows));
}

export interface CsvSample {
  /** The header and the chosen rows, in sample order, '\n' line ends (what data.csv holds). */
  readonly bytes: Uint8Array;
  /** Line of the sample → line of the original text (for messages about a sampled row). */
  readonly lineOf: (sampleLine: number) => number;
}

/**
 * The header and the rows at `indices` (0-based data rows, in that order) as a CSV text of their
 * own. The text is read in pieces (csvPieces.ts), so only the chosen rows are kept.
 */
export async function sampleCsvRows(data: Uint8Array, fileLabel: string, indices: Int32Array, control: CsvReadControl = {}): Promise<CsvSample> {
  const position = new Map<number, number>();
  indices.forEach((row, at) => position.set(row, at));
  const chosen: string[] = new Array<string>(indices.length);
  const lines = new Int32Array(indices.length + 2);
  let header = '';
  let row = 0;
  await forEachStreamedCsvRecord(piecesOf(data, control), fileLabel, (fields, line) => {
    header = csvRecordText(fields);
    lines[1] = line;
  }, (fields, line) => {
    const at = position.get(row++);
    if (at !== undefined) {
      chosen[at] = csvRecordText(fields);
      lines[at + 2] = line;
    }
  }, { signal: control.signal });
  const text = [header, ...chosen].join('\n') + '\n';
  return { bytes: new TextEncoder().encode(text), lineOf: (sampleLine) => lines[sampleLine] ?? sampleLine };
}

/** The bytes as a stream of PIECE_BYTES chunks, reporting the fraction handed out. */
async function* piecesOf(data: Uint8Array, control: CsvReadControl): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += PIECE_BYTES) {
    yield data.subarray(at, at + PIECE_BYTES);
    control.onProgress?.(Math.min(1, (at + PIECE_BYTES) / data.length));
  }
}
