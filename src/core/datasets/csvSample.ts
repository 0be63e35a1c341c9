// Counting the rows of a CSV text and drawing a reproducible sample of them, both without parsing
// the values: a source too large to train on whole is sized, and cut down, before it is parsed.
// The sample is pandas' `df.sample(n=N, random_state=seed)`: the rows at
// RandomState(seed).permutation(n_rows)[:N], in that order — a Python user gets the same rows.
import { RandomState } from '../random/randomState';
import { csvRecordText } from './csvPieces';
import { forEachCsvRecord, type CsvReadControl } from './csvRecords';

/** Data rows (records after the header) of a CSV text; blank lines do not count. */
export async function countCsvRows(data: Uint8Array, fileLabel: string, control: CsvReadControl = {}): Promise<number> {
  let records = 0;
  await forEachCsvRecord(data, fileLabel, () => {
    records++;
  }, control);
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

/** The header and the rows at `indices` (0-based data rows, in that order) as a CSV text of their own. */
export async function sampleCsvRows(data: Uint8Array, fileLabel: string, indices: Int32Array, control: CsvReadControl = {}): Promise<CsvSample> {
  const position = new Map<number, number>();
  indices.forEach((row, at) => position.set(row, at));
  const chosen: string[] = new Array<string>(indices.length);
  const lines = new Int32Array(indices.length + 2);
  let header = '';
  let row = -1;
  await forEachCsvRecord(data, fileLabel, (fields, line) => {
    if (row < 0) {
      header = csvRecordText(fields);
      lines[1] = line;
    } else {
      const at = position.get(row);
      if (at !== undefined) {
        chosen[at] = csvRecordText(fields);
        lines[at + 2] = line;
      }
    }
    row++;
  }, control);
  const text = [header, ...chosen].join('\n') + '\n';
  return { bytes: new TextEncoder().encode(text), lineOf: (sampleLine) => lines[sampleLine] ?? sampleLine };
}
