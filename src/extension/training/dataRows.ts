// How many rows the chosen data has, when Model Lab can tell before a run (the Tune wizard checks its
// train size and folds against them): the built-in iris data's 150, or a CSV file's rows counted as a
// run counts them (the header line left out). Unknown (undefined), so that only the run decides: a
// table (a generator may be inserting), a compressed file, rows that modelLab.dropna may leave out, a
// file too large to read for one question, one that cannot be read.
import * as vscode from 'vscode';
import { engine } from '../engine';
import type { Settings } from '../settings';
import type { DataChoice } from './dataChoice';
import { isCompressedDataFile } from './dataFileNames';
import type { KnownRows } from './trainSizeCheck';

/** scikit-learn's load_iris(). */
const IRIS_ROWS = 150;
/** Larger files are not read just to check a typed answer (counting 32 MB takes a few tenths of a second). */
const MAX_COUNTED_BYTES = 32 * (1 << 20);

export async function knownRows(data: DataChoice, settings: Pick<Settings, 'dropna'>): Promise<KnownRows | undefined> {
  if (data.kind === 'iris') return { rows: IRIS_ROWS, label: 'the built-in iris data' };
  if (data.kind !== 'csv' || settings.dropna || isCompressedDataFile(data.uri.path)) return undefined;
  try {
    if ((await vscode.workspace.fs.stat(data.uri)).size > MAX_COUNTED_BYTES) return undefined;
    const rows = await engine().countCsvRows(await vscode.workspace.fs.readFile(data.uri));
    return { rows, label: data.uri.path.slice(data.uri.path.lastIndexOf('/') + 1) };
  } catch {
    return undefined;
  }
}
