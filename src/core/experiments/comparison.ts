// The Compare Models table: one row per model folder (from listModels or ManifestCache), sorted
// by any column, the best model flagged (bestModels.ts), exportable as CSV. Filtering: rowFilter.ts.
import type { Gamma, Kernel } from '../svm/svc';
import type { Layout, ModelSummary } from '../usecases/contracts';
import type { ModelManifest } from '../artifacts/manifest';
import { pythonFloat } from '../text/pythonFloat';
import { dataKey, markBest } from './bestModels';
import { naturalCompare } from '../text/naturalCompare';
import { kernelUses } from '../svm/kernelParameters';
import { maxOf } from '../extremes';
import { modelOrigin, originLabel } from '../artifacts/modelOrigin';

export interface ComparisonRow {
  readonly name: string;
  /** Absolute path of the model folder. */
  readonly dir: string;
  /**
   * In a multi-root workspace with models in more than one models folder: the workspace folder(s)
   * whose models folder holds it, so that two folders' models of one name can be told apart.
   */
  readonly folder?: string;
  /** 'changed': files changed since saving (their sha256 differs); the recorded numbers no longer vouch for it. */
  readonly status: 'ok' | 'damaged' | 'changed';
  /** Why the folder cannot be used (status 'damaged'), or what changed (status 'changed'). */
  readonly error?: string;
  /** ISO time of saving. */
  readonly created?: string;
  readonly layout?: Layout;
  /** "trained", or "imported from scaler.joblib + classifier.joblib (scikit-learn 1.2.1)" (modelOrigin.ts). */
  readonly origin?: string;
  /** 'iris', 'csv' or 'postgres'. */
  readonly dataSource?: string;
  /** 'iris', the CSV path or the postgres URL (no password). */
  readonly dataPath?: string;
  /**
   * The end of dataPath the Data cell shows when another row's file has the same name in another
   * folder ("A/iris.csv" beside "B/iris.csv", two folders of a multi-root workspace); else absent
   * and the cell shows the file's name.
   */
  readonly dataTail?: string;
  /** Rows of the data snapshot. */
  readonly dataRows?: number;
  readonly seed?: number;
  /** Rows in the training part (scikit-learn's len(X_train)). */
  readonly trainSize?: number;
  /** Rows in the validation part. */
  readonly validSize?: number;
  readonly kernel?: Kernel;
  readonly C?: number;
  readonly gamma?: Gamma;
  readonly degree?: number;
  readonly coef0?: number;
  readonly trainAccuracy?: number;
  readonly validAccuracy?: number;
  /** Tuned models (model.json's "search"): the chosen candidate's mean cross-validation accuracy. */
  readonly cvMean?: number;
  /** … its standard deviation over the folds (numpy's std, as GridSearchCV's std_test_score). */
  readonly cvStd?: number;
  /** … and its rank in its own search (1 = best; GridSearchCV's rank_test_score). */
  readonly cvRank?: number;
  /** True for every model that is best by the one rule of bestModels.ts (ties: all of them). */
  readonly best: boolean;
  /** sha256 of the model's data.csv: models with the same one were trained on the same rows. */
  readonly dataSha256?: string;
  /** PostgreSQL data: the first and last id of the rows read. */
  readonly dataIdRange?: readonly [number, number];
  /**
   * True when other models of the same data source (same kind and path) were trained on other
   * rows than this one (a table that grew between them): their differences are not only the
   * parameters'. Set on the rows whose data.csv differs from the most common one of the source,
   * or on all of them when no snapshot is the most common. Absent otherwise.
   */
  readonly dataDiffers?: boolean;
}

export type ComparisonColumnKey =
  | 'name' | 'folder' | 'created' | 'layout' | 'origin' | 'dataSource' | 'dataPath' | 'dataRows' | 'seed' | 'trainSize' | 'validSize'
  | 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0' | 'trainAccuracy' | 'validAccuracy' | 'cvMean' | 'cvStd' | 'cvRank' | 'status';

export interface ComparisonColumn {
  readonly key: ComparisonColumnKey;
  readonly title: string;
  /** How the column sorts and is written: text, number, or an ISO time (sorts as text). */
  readonly kind: 'text' | 'number' | 'time';
  /** Direction a first click should sort (accuracies and times: highest/newest first). */
  readonly defaultDirection: SortDirection;
  /** Shown (table, CSV) only when some row needs it; absent: always shown. */
  readonly shownWhen?: (row: ComparisonRow) => boolean;
  /** A row's value counts (shown, written, sorted, filtered) only when this holds; absent: always. */
  readonly usedWhen?: (row: ComparisonRow) => boolean;
}

export type SortDirection = 'asc' | 'desc';

/** Columns in display order; the webview renders headers from this list. */
export const COMPARISON_COLUMNS: readonly ComparisonColumn[] = [
  { key: 'name', title: 'Name', kind: 'text', defaultDirection: 'asc' },
  { key: 'folder', title: 'Folder', kind: 'text', defaultDirection: 'asc', shownWhen: (r) => r.folder !== undefined },
  { key: 'created', title: 'Created', kind: 'time', defaultDirection: 'desc' },
  { key: 'layout', title: 'Layout', kind: 'text', defaultDirection: 'asc' },
  // Shown when a model was imported from scikit-learn files: its row says which, the others "trained".
  { key: 'origin', title: 'Origin', kind: 'text', defaultDirection: 'asc', shownWhen: (r) => r.origin !== undefined && r.origin !== 'trained' },
  { key: 'dataSource', title: 'Data', kind: 'text', defaultDirection: 'asc' },
  { key: 'dataPath', title: 'Data path', kind: 'text', defaultDirection: 'asc' },
  { key: 'dataRows', title: 'Rows', kind: 'number', defaultDirection: 'desc' },
  { key: 'seed', title: 'Seed', kind: 'number', defaultDirection: 'asc' },
  { key: 'trainSize', title: 'Train size', kind: 'number', defaultDirection: 'desc' },
  { key: 'validSize', title: 'Valid size', kind: 'number', defaultDirection: 'desc' },
  { key: 'kernel', title: 'Kernel', kind: 'text', defaultDirection: 'asc' },
  { key: 'C', title: 'C', kind: 'number', defaultDirection: 'asc' },
  // gamma, degree and coef0 change nothing where the kernel does not use them (kernelParameters.ts):
  // their cells are empty there, and degree and coef0 are shown only when some kernel uses them.
  { key: 'gamma', title: 'gamma', kind: 'number', defaultDirection: 'asc', usedWhen: (r) => kernelUses(r.kernel, 'gamma') },
  { key: 'degree', title: 'degree', kind: 'number', defaultDirection: 'asc', shownWhen: (r) => kernelUses(r.kernel, 'degree') && r.kernel !== undefined, usedWhen: (r) => kernelUses(r.kernel, 'degree') },
  { key: 'coef0', title: 'coef0', kind: 'number', defaultDirection: 'asc', shownWhen: (r) => kernelUses(r.kernel, 'coef0') && r.kernel !== undefined, usedWhen: (r) => kernelUses(r.kernel, 'coef0') },
  { key: 'trainAccuracy', title: 'Train accuracy', kind: 'number', defaultDirection: 'desc' },
  { key: 'validAccuracy', title: 'Valid accuracy', kind: 'number', defaultDirection: 'desc' },
  { key: 'cvMean', title: 'CV mean', kind: 'number', defaultDirection: 'desc', shownWhen: (r) => r.cvMean !== undefined },
  { key: 'cvStd', title: 'CV std', kind: 'number', defaultDirection: 'asc', shownWhen: (r) => r.cvStd !== undefined },
  { key: 'cvRank', title: 'CV rank', kind: 'number', defaultDirection: 'asc', shownWhen: (r) => r.cvRank !== undefined },
  { key: 'status', title: 'Status', kind: 'text', defaultDirection: 'asc' },
];

/** The columns these rows need: every always-shown column, and an optional one when some row needs it. */
export function visibleColumns(rows: readonly ComparisonRow[]): ComparisonColumn[] {
  return COMPARISON_COLUMNS.filter((c) => !c.shownWhen || rows.some(c.shownWhen));
}

export function comparisonColumn(key: string): ComparisonColumn | undefined {
  return COMPARISON_COLUMNS.find((c) => c.key === key || c.key.toLowerCase() === key.toLowerCase());
}

/** Short names a user may type for a column, in a filter (valid>=0.9) and for --sort (valid), case-insensitive. */
export const COLUMN_ALIASES: Readonly<Record<string, ComparisonColumnKey>> = {
  valid: 'validAccuracy', validation: 'validAccuracy', val: 'validAccuracy',
  train: 'trainAccuracy', cv: 'cvMean', rank: 'cvRank', rows: 'dataRows', path: 'dataPath', source: 'dataSource',
};

/** The column a user means by `name`: a column key or one of its short names. */
export function columnNamed(name: string): ComparisonColumn | undefined {
  return comparisonColumn(COLUMN_ALIASES[name.toLowerCase()] ?? name);
}

/** How a changed row's `error` begins, before its files ("classifier.json (modified)"). */
export const CHANGED_SINCE_SAVING = 'changed since saving: ';

/**
 * One row per summary, in the given order; `best` set on every best model (bestModels' rule) and
 * `dataDiffers` on models trained on other rows than the rest of their data source.
 */
export function comparisonRows(summaries: readonly ModelSummary[], changedFiles?: (s: ModelSummary) => readonly string[] | undefined): ComparisonRow[] {
  const rows = summaries.map((s) => {
    const row = rowOf(s);
    const changed = row.status === 'ok' ? changedFiles?.(s) : undefined;
    return changed && changed.length > 0 ? { ...row, status: 'changed' as const, error: `${CHANGED_SINCE_SAVING}${changed.join(', ')}` } : row;
  });
  const differs = rowsWithOtherData(rows);
  const tails = distinctTails(rows.flatMap((r) => (r.dataSource && r.dataSource !== 'iris' && r.dataPath ? [r.dataPath] : [])));
  return markBest(rows.map((r) => {
    const tail = r.dataPath === undefined ? undefined : tails.get(r.dataPath);
    return differs.has(r) || tail !== undefined ? { ...r, ...(differs.has(r) ? { dataDiffers: true } : {}), ...(tail !== undefined ? { dataTail: tail } : {}) } : r;
  }));
}

/**
 * For paths whose file name another path shares, the shortest end of each that tells them apart,
 * as VS Code labels two editors of one name ("A/iris.csv", "B/iris.csv"); paths with a name of
 * their own are left out (their cell shows the name alone).
 */
function distinctTails(paths: readonly string[]): Map<string, string> {
  const byName = new Map<string, Set<string>>();
  for (const p of paths) {
    const name = p.split(/[\\/]/).pop() ?? p;
    byName.set(name, (byName.get(name) ?? new Set()).add(p));
  }
  const tails = new Map<string, string>();
  for (const same of byName.values()) {
    if (same.size < 2) continue;
    const split = [...same].map((p) => ({ p, parts: p.split(/[\\/]/) }));
    for (const { p, parts } of split) {
      let n = 2;
      const tailOf = (q: string[], k: number) => q.slice(-k).join('/');
      while (n < parts.length && split.some((o) => o.p !== p && tailOf(o.parts, n) === tailOf(parts, n))) n++;
      tails.set(p, tailOf(parts, n));
    }
  }
  return tails;
}

/** Rows whose data.csv is not the most common one among the rows of the same data source. */
function rowsWithOtherData(rows: readonly ComparisonRow[]): Set<ComparisonRow> {
  const bySource = new Map<string, ComparisonRow[]>();
  for (const r of rows) {
    if (r.status !== 'ok' || r.dataSha256 === undefined) continue;
    const key = dataKey(r);
    bySource.set(key, [...(bySource.get(key) ?? []), r]);
  }
  const out = new Set<ComparisonRow>();
  for (const group of bySource.values()) {
    const counts = new Map<string, number>();
    for (const r of group) counts.set(r.dataSha256!, (counts.get(r.dataSha256!) ?? 0) + 1);
    if (counts.size < 2) continue;
    const most = maxOf(counts.values());
    const common = [...counts].filter(([, n]) => n === most);
    const usual = common.length === 1 ? common[0][0] : undefined;
    for (const r of group) if (r.dataSha256 !== usual) out.add(r);
  }
  return out;
}

function idRangeOf(value: unknown): readonly [number, number] | undefined {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number') ? [value[0] as number, value[1] as number] : undefined;
}

/** The chosen candidate's cross-validation scores of a tuned model (model.json's optional "search"). */
function cvOf(m: ModelManifest | undefined): Pick<ComparisonRow, 'cvMean' | 'cvStd' | 'cvRank'> {
  // Read structurally: the search record is validated where model.json is parsed (when it exists).
  type Candidate = { readonly meanScore?: number | null; readonly stdScore?: number | null; readonly rank?: number };
  const search = (m as { search?: { readonly candidates?: readonly Candidate[]; readonly bestIndex?: number } } | undefined)?.search;
  const chosen = search?.bestIndex === undefined ? undefined : search.candidates?.[search.bestIndex];
  if (!chosen) return {};
  const finite = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const out: { cvMean?: number; cvStd?: number; cvRank?: number } = {};
  if (finite(chosen.meanScore) !== undefined) out.cvMean = chosen.meanScore!;
  if (finite(chosen.stdScore) !== undefined) out.cvStd = chosen.stdScore!;
  if (finite(chosen.rank) !== undefined) out.cvRank = chosen.rank;
  return out;
}

function rowOf(s: ModelSummary): ComparisonRow {
  const m = s.manifest;
  return {
    name: s.name, dir: s.dir, status: s.status,
    ...(s.error !== undefined ? { error: s.error } : {}),
    created: s.created, layout: s.layout, ...(m ? { origin: originLabel(modelOrigin(m)) } : {}),
    dataSource: m?.data.source, dataPath: s.dataSource ?? m?.data.path, dataRows: m?.data.rows,
    seed: s.params?.seed ?? m?.split.seed, trainSize: m?.split.nTrain, validSize: m?.split.nTest,
    kernel: s.params?.kernel, C: s.params?.C, gamma: s.params?.gamma, degree: s.params?.degree, coef0: s.params?.coef0,
    trainAccuracy: s.trainAccuracy, validAccuracy: s.validAccuracy,
    ...cvOf(m),
    best: false,
    ...(m ? { dataSha256: m.data.sha256 } : {}),
    ...(idRangeOf(m?.data.idRange) ? { dataIdRange: idRangeOf(m?.data.idRange) } : {}),
  };
}

/** The value a column shows for a row (undefined: empty cell). */
export function cellValue(row: ComparisonRow, key: ComparisonColumnKey): string | number | undefined {
  const used = comparisonColumn(key)?.usedWhen;
  return used && !used(row) ? undefined : row[key] as string | number | undefined;
}

/** Columns holding floats (written as Python prints them); the others hold integers or text. */
const FLOAT_COLUMNS: ReadonlySet<ComparisonColumnKey> = new Set(['C', 'gamma', 'coef0', 'trainAccuracy', 'validAccuracy', 'cvMean', 'cvStd']);

/**
 * The Data cell as the tables show it: "iris", else the source and the file's name ("csv:
 * penguins.csv"), or as much of its path as tells it from another file of that name ("csv:
 * A/iris.csv"); the whole path is in a tip or --json.
 */
export function dataText(row: Pick<ComparisonRow, 'dataSource' | 'dataPath' | 'dataTail'>): string {
  if (!row.dataSource) return '';
  if (row.dataSource === 'iris' || !row.dataPath) return row.dataSource;
  return `${row.dataSource}: ${row.dataTail ?? row.dataPath.split(/[\\/]/).pop() ?? row.dataPath}`;
}

/** A cell as text: floats as Python prints them (1.0, 0.9666666666666667), integers plainly. */
export function cellText(row: ComparisonRow, key: ComparisonColumnKey): string {
  const v = cellValue(row, key);
  if (v === undefined) return '';
  if (typeof v === 'number') return FLOAT_COLUMNS.has(key) ? pythonFloat(v) : String(v);
  return v;
}

/** Sort rank of a value: numbers before text (gamma mixes both), missing values after everything. */
function compareValues(a: string | number | undefined, b: string | number | undefined, direction: SortDirection): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1; // missing last, both directions
  const sign = direction === 'asc' ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return sign * naturalCompare(a, b);
}

/**
 * A sorted copy: numbers numerically, text naturally (model-2 before model-10), missing values
 * last in both directions; ties keep name order so the table does not jump around.
 */
export function sortRows<T extends ComparisonRow>(rows: readonly T[], key: ComparisonColumnKey, direction?: SortDirection): T[] {
  const dir = direction ?? comparisonColumn(key)?.defaultDirection ?? 'asc';
  return [...rows].sort((a, b) => compareValues(cellValue(a, key), cellValue(b, key), dir) || naturalCompare(a.name, b.name) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. Text
 * that a spreadsheet would run as a formula (starting with = + - @, or a tab/CR) gets a leading
 * apostrophe (OWASP's advice for CSV injection).
 */
export function csvField(value: string | undefined): string {
  if (value === undefined) return '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export type CsvColumnKey = ComparisonColumnKey | 'best' | 'error';

/** Columns of the CSV export by default: the columns these rows need (visibleColumns), then best and error. */
export function csvColumns(rows: readonly ComparisonRow[]): CsvColumnKey[] {
  return [...visibleColumns(rows).map((c) => c.key), 'best', 'error'];
}

/** The table as CSV text: a header line, then one line per row, CRLF line ends (RFC 4180). */
export function rowsToCsv(rows: readonly ComparisonRow[], columns: readonly CsvColumnKey[] = csvColumns(rows)): string {
  const title = (k: CsvColumnKey) => (k === 'best' || k === 'error' ? k : comparisonColumn(k)?.title ?? k);
  const lines = [columns.map((k) => csvField(title(k))).join(',')];
  for (const row of rows) {
    lines.push(columns.map((k) => {
      if (k === 'best') return row.best ? 'true' : 'false';
      if (k === 'error') return csvField(row.error);
      const v = cellValue(row, k);
      // Numbers are written as Model Lab prints them; they hold no comma, quote or formula sign.
      return typeof v === 'number' ? cellText(row, k) : csvField(v);
    }).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
