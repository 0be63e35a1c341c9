// Files that are not CSV text, told by their first bytes: the formats an ML engineer's table is
// otherwise kept in (pandas' to_parquet, to_excel, to_json, to_pickle, a .csv.gz). Without this, a
// workbook was "byte 0xB1 is not UTF-8 text" and a JSON file "a quote (") is misplaced". Each gets
// what it is and how to write it as CSV. Only the start of the data is looked at, and the binary
// signatures below cannot begin a CSV file that would read (each holds a control character or bytes
// that are not UTF-8); a JSON start cannot be a table's header line.
import { UserError } from '../types';
import { shellQuote } from '../text/shellQuote';

/** A byte, any byte ('any'), or one that no CSV text has there ('binary': a control character or not ASCII). */
type Byte = number | 'any' | 'binary';

interface Signature {
  /** The first bytes. */
  readonly magic: readonly Byte[];
  /** What the file is and what to do, given its label and first bytes. */
  readonly says: (file: string, head: Uint8Array) => string;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A label that names a file (not "standard input"): its name goes into the commands shown. */
const isFileName = (label: string) => /\.[A-Za-z0-9]+$/.test(label);

/** pandas' way to the CSV Model Lab reads, from a reader of that format. */
const viaPandas = (reader: string, file: string, extra = '') => (isFileName(file)
  ? `pd.${reader}(${JSON.stringify(file)}${extra}).to_csv(${JSON.stringify(csvTarget(file))}, index=False)`
  : `pd.${reader}(…${extra}).to_csv(…, index=False)`);

/** The CSV file to write beside `file`: iris.xlsx → iris.csv, iris.csv.gz → iris.csv, a misnamed data.csv → data.plain.csv. */
function csvTarget(file: string): string {
  const csv = `${file.replace(/(\.csv)?\.[^./]+$/i, '') || 'data'}.csv`;
  return csv === file ? `${file.replace(/\.csv$/i, '')}.plain.csv` : csv;
}

/** The name of the first file in a zip archive (its local header: name length at 26, name at 30). */
function firstZipEntry(head: Uint8Array): string {
  const length = (head[26] ?? 0) | ((head[27] ?? 0) << 8);
  return new TextDecoder().decode(head.subarray(30, 30 + length));
}

function zipSays(file: string, head: Uint8Array): string {
  const entry = firstZipEntry(head);
  // Office Open XML (xlsx) starts with one of these parts, OpenDocument with its "mimetype".
  const workbook = /\.xls[xm]$/i.test(file) || /^(\[Content_Types\]\.xml|_rels\/|docProps\/|xl\/)/.test(entry);
  if (workbook) return `an Excel workbook, not CSV text — in Excel save it as "CSV UTF-8 (Comma delimited)", or in pandas: ${viaPandas('read_excel', file)}`;
  if (/\.ods$/i.test(file) || entry === 'mimetype') return `an OpenDocument spreadsheet, not CSV text — save it as CSV (UTF-8, comma-separated), or in pandas: ${viaPandas('read_excel', file)}`;
  return 'a zip archive (or a workbook saved as one), not CSV text — unzip it and give the CSV file inside, or save the workbook as CSV';
}

/** Decompressing by hand: into a CSV beside the file, or on its way into standard input. */
const decompress = (tool: string, file: string) => (isFileName(file)
  ? `decompress it (${tool} -c ${shellQuote(file)} > ${shellQuote(csvTarget(file))}) and give that file`
  : `decompress it on the way in (${tool} -c FILE | model-lab …)`);

/** bzip2, xz, zstd: pandas infers them from the name, Model Lab has no decoder for them. */
const compressed = (what: string, tool: string) => (file: string) =>
  `compressed with ${what}, not CSV text — pandas decompresses it as it reads; Model Lab reads gzip (.gz) only: ${decompress(tool, file)}`;

/** gzip that reached the CSV reader: a file not named .gz (pandas too reads it as text then), or standard input. */
const gzipped = (file: string) => (isFileName(file)
  ? `compressed with gzip, but its name does not end in .gz, so it is read as text (as pandas reads it) — name it ${file.replace(/\.gz$/i, '')}.gz, which Model Lab decompresses as pandas does, or ${decompress('gunzip', file)}`
  : `compressed with gzip, not CSV text — ${decompress('gunzip', file)}`);

const SIGNATURES: readonly Signature[] = [
  { magic: [0x1f, 0x8b], says: gzipped },
  // "BZh", a block size digit, then the block's own magic (π's digits in BCD).
  { magic: [...ascii('BZh'), 'any', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], says: compressed('bzip2', 'bunzip2') },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], says: compressed('xz', 'unxz') },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], says: compressed('zstd', 'unzstd') },
  { magic: [0x50, 0x4b, 0x03, 0x04], says: zipSays },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], says: (f) => `an Excel 97–2003 workbook (.xls), not CSV text — in Excel save it as "CSV UTF-8 (Comma delimited)", or in pandas: ${viaPandas('read_excel', f)}` },
  // A Parquet file goes on with its first page's binary header after "PAR1" (checked: not a header line "PAR1,…").
  { magic: [...ascii('PAR1'), 'binary'], says: (f) => `a Parquet file, not CSV text — write it as CSV in pandas: ${viaPandas('read_parquet', f)}` },
  { magic: [...ascii('ARROW1'), 0x00, 0x00], says: (f) => `an Arrow/Feather file, not CSV text — write it as CSV in pandas: ${viaPandas('read_feather', f)}` },
  { magic: [0x89, ...ascii('HDF'), 0x0d, 0x0a, 0x1a, 0x0a], says: (f) => `an HDF5 file, not CSV text — write it as CSV in pandas: ${viaPandas('read_hdf', f)}` },
  { magic: [0x93, ...ascii('NUMPY')], says: () => 'a NumPy array (.npy), not CSV text, and it has no column names — write it as CSV with a header: pd.DataFrame(np.load(…), columns=[…]).to_csv(…, index=False)' },
  // Pickle protocols 2–5 (DataFrame.to_pickle, joblib.dump): read as data they would run code, which Model Lab never does.
  ...[2, 3, 4, 5].map((p) => ({ magic: [0x80, p], says: () => 'a Python pickle (DataFrame.to_pickle or joblib.dump?), not CSV text — Model Lab never loads a pickle as data: write the table with df.to_csv(…, index=False); a scikit-learn model saved with joblib goes in with model-lab import' })),
];

function matches(want: Byte, byte: number | undefined): boolean {
  if (byte === undefined) return false;
  if (want === 'any') return true;
  if (want === 'binary') return byte >= 0x80 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  return byte === want;
}

/** `{`, `[{`, `[[`, `["` or a lone bracket opening the first line: JSON, never a CSV header. */
const JSON_START = /^\s*(\{\s*("|$)|\[\s*(\{|\[|"|$))/;

/** The refusal for data whose start says it is not CSV text, or undefined. */
export function notCsvFile(data: Uint8Array | string, fileLabel: string): UserError | undefined {
  const head = typeof data === 'string' ? Uint8Array.from(data.slice(0, 128), (c) => c.charCodeAt(0) & 0xff) : data.subarray(0, 128);
  const known = SIGNATURES.find((s) => s.magic.every((b, i) => matches(b, head[i])));
  if (known) return new UserError(`${fileLabel}: this is ${known.says(fileLabel, head)}`, { line: 1 });
  const text = typeof data === 'string' ? data.slice(0, 4096) : new TextDecoder().decode(data.subarray(0, 4096));
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0]!;
  if (!JSON_START.test(firstLine)) return undefined;
  const jsonLines = /^\s*\{.*\}\s*$/.test(firstLine);
  return new UserError(`${fileLabel}: this is JSON${jsonLines ? ' Lines' : ''}, not CSV text — write it as CSV in pandas: ${viaPandas('read_json', fileLabel, jsonLines ? ', lines=True' : '')}`, { line: 1 });
}
