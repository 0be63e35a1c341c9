// Turns a DataSpec (iris, a CSV file, a PostgreSQL query) into the snapshot a model is trained on.
import type { DataSpec } from '../usecases/contracts';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { fetchPostgresSnapshot } from '../database/postgresSnapshot';
import type { SourceSnapshot } from './dataset';
import { parseCsvDataset } from './csvDataset';
import { loadIris, IRIS_TARGET_NAMES } from './iris';
import { datasetToCsv } from './snapshotCsv';
import { refuseCredentialUrl } from './dataSpec';
import { osUserError } from '../io/osErrors';

const encoder = new TextEncoder();

export interface SourceOptions {
  readonly target: string;
  readonly drop: readonly string[];
  readonly signal?: AbortSignal;
  /** Fraction (0 … 1) of a CSV file read so far. */
  readonly onProgress?: (fraction: number) => void;
}

export async function loadSource(spec: DataSpec, options: SourceOptions, fs: FileSystem): Promise<SourceSnapshot> {
  switch (spec.kind) {
    case 'iris': {
      const dataset = loadIris();
      return { bytes: encoder.encode(datasetToCsv(dataset)), dataset, targetNames: [...IRIS_TARGET_NAMES], provenance: { source: 'iris', path: 'iris' } };
    }
    case 'csv': {
      // A password typed where a file name goes must not come back in a "cannot read" message.
      refuseCredentialUrl(spec.path, 'the data file name');
      const fileLabel = paths.basename(spec.path);
      let bytes: Uint8Array;
      try {
        bytes = await fs.readFile(spec.path);
      } catch (e) {
        const code = (e as { code?: string }).code;
        const why = code === 'ENOENT' || code === 'FileNotFound' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : undefined;
        throw (why === undefined ? osUserError(e, { path: spec.path, doing: 'cannot read the data file', choose: 'check the path given with --data' }) : undefined)
          ?? new UserError(`${spec.path}: cannot read the data file (${why ?? String((e as Error).message ?? e)}) — check the path given with --data`);
      }
      const control = { signal: options.signal, onProgress: options.onProgress };
      const dataset = await parseCsvDataset(bytes, { fileLabel, target: options.target, drop: options.drop, control });
      // data.csv is the file itself, byte for byte: the model's data is exactly what the user gave.
      return { bytes, dataset, provenance: { source: 'csv', path: spec.path } };
    }
    case 'postgres': {
      const fetched = await fetchPostgresSnapshot(spec.spec, options.signal);
      const provenance = fetched.provenance as Record<string, unknown>;
      const fileLabel = typeof provenance.table === 'string' ? `table ${provenance.table}` : 'PostgreSQL data';
      const dataset = await parseCsvDataset(fetched.csv, { fileLabel, target: options.target, drop: options.drop, control: { signal: options.signal } });
      return { bytes: encoder.encode(fetched.csv), dataset, provenance: { ...provenance, source: 'postgres', path: spec.spec.url } };
    }
  }
}
