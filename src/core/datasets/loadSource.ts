// Turns a DataSpec (iris, a CSV file, a PostgreSQL query) into the snapshot a model is trained on.
// Reading (the bytes that become data.csv) and parsing are two steps, so a large source can be
// counted or sampled before it is parsed whole (usecases/trainingSnapshot.ts).
import type { DataSpec } from '../usecases/contracts';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { fetchPostgresSnapshot, type SnapshotOptions } from '../database/postgresSnapshot';
import type { DataProvenance, SourceSnapshot } from './dataset';
import { parseCsvDataset } from './csvDataset';
import { loadIris, IRIS_TARGET_NAMES } from './iris';
import { datasetToCsv } from './snapshotCsv';
import { refuseCredentialUrl } from './dataSpec';
import { gunzipCsv, isGzip, isGzipName } from './gzipCsv';
import { osUserError, placeError, type PlaceChoice } from '../io/osErrors';
import { MAX_WHOLE_FILE_BYTES, readWithin } from '../io/readWithin';
import { isUserError } from '../types';

/** A data file that cannot be read: the CLI's --data, or another file where data is chosen from a list. */
export const DATA_CHOICE: PlaceChoice = { option: 'data', text: 'check the path given with {option}', settingText: 'choose another data file' };

/** A data file too large to read whole (2 GiB): a part of its rows, saved as a smaller file, can be. */
const SMALLER_DATA: PlaceChoice = { option: 'data', text: 'save a sample of its rows as a smaller file and give that with {option}', settingText: 'save a sample of its rows as a smaller file and choose that' };

const encoder = new TextEncoder();

export interface SourceOptions {
  readonly target: string;
  readonly drop: readonly string[];
  readonly signal?: AbortSignal;
  /** Fraction (0 … 1) of a CSV file read so far. */
  readonly onProgress?: (fraction: number) => void;
}

/** A source's bytes before parsing: exactly what data.csv will hold, unless it is sampled. */
export interface SourceBytes {
  readonly bytes: Uint8Array;
  readonly provenance: DataProvenance;
  /** Human names per class when the labels are codes (iris: 0 → setosa). */
  readonly targetNames?: string[];
  /** How messages name the data: the CSV file's base name, 'iris' or 'table T'. */
  readonly fileLabel: string;
  /**
   * The label column is text to pandas although its values may read as numbers (a table's text
   * column of "0", "1" …): data.csv cannot say so, so the labels are parsed as text (labelType 'str').
   */
  readonly textLabels?: true;
}

/** Reads a source's bytes (a CSV file, the PostgreSQL rows as CSV, iris as CSV); throws UserError naming it. */
export async function readSource(spec: DataSpec, fs: FileSystem, signal?: AbortSignal, options: SnapshotOptions = {}): Promise<SourceBytes> {
  switch (spec.kind) {
    case 'iris':
      return { bytes: encoder.encode(datasetToCsv(loadIris())), targetNames: [...IRIS_TARGET_NAMES], provenance: { source: 'iris', path: 'iris' }, fileLabel: 'iris' };
    case 'csv': {
      // A password typed where a file name goes must not come back in a "cannot read" message.
      refuseCredentialUrl(spec.path, 'the data file name');
      let bytes: Uint8Array;
      try {
        bytes = await readWithin(fs, spec.path, { maxBytes: MAX_WHOLE_FILE_BYTES, what: 'a data file', remedy: SMALLER_DATA });
      } catch (e) {
        if (isUserError(e)) throw e;
        const code = (e as { code?: string }).code;
        const why = code === 'ENOENT' || code === 'FileNotFound' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : undefined;
        throw (why === undefined ? osUserError(e, { path: spec.path, doing: 'cannot read the data file', choose: DATA_CHOICE, access: 'read' }) : undefined)
          ?? placeError(`${spec.path}: cannot read the data file (${why ?? String((e as Error).message ?? e)})`, DATA_CHOICE);
      }
      const fileLabel = paths.basename(spec.path);
      // A .gz file is read as pandas reads it, decompressed (gzipCsv.ts); model.json says so.
      if (isGzipName(spec.path) && isGzip(bytes)) {
        return { bytes: await gunzipCsv(bytes, fileLabel), provenance: { source: 'csv', path: spec.path, compression: 'gzip' }, fileLabel };
      }
      // data.csv is the file itself, byte for byte: the model's data is exactly what the user gave.
      return { bytes, provenance: { source: 'csv', path: spec.path }, fileLabel };
    }
    case 'postgres': {
      const fetched = await fetchPostgresSnapshot(spec.spec, signal, options);
      const provenance = fetched.provenance as Record<string, unknown>;
      const fileLabel = typeof provenance.table === 'string' ? `table ${provenance.table}` : 'PostgreSQL data';
      return {
        bytes: encoder.encode(fetched.csv), provenance: { ...provenance, source: 'postgres', path: spec.spec.url }, fileLabel,
        ...(fetched.labelType === 'str' ? { textLabels: true as const } : {}),
      };
    }
  }
}

/** Reads and parses a source: the snapshot and the dataset parsed from exactly its bytes. */
export async function loadSource(spec: DataSpec, options: SourceOptions, fs: FileSystem): Promise<SourceSnapshot> {
  const read = await readSource(spec, fs, options.signal, { columns: { target: options.target, drop: options.drop } });
  const control = { signal: options.signal, onProgress: options.onProgress };
  const dataset = await parseCsvDataset(read.bytes, {
    fileLabel: read.fileLabel, target: options.target, drop: options.drop, control, ...(read.textLabels ? { labelType: 'str' as const } : {}),
  });
  return { bytes: read.bytes, dataset, provenance: read.provenance, ...(read.targetNames ? { targetNames: read.targetNames } : {}) };
}
