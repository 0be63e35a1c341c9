// Reads a labelled CSV table, streamed record by record (csvRecords.ts), and refuses anything that
// would not train, naming the file, line and column and what to do.
import { UserError, lineError, remedyError, type UserErrorDetail } from '../types';
import { labelInMessage, sortedUniqueLabels, type LabelType } from '../labels';
import type { Dataset } from './dataset';
import type { CsvReadControl } from './csvRecords';
import { forEachCsvRecord } from './csvRecords';
import { closestName } from '../text/closestName';
import { checkLabelPresent, dropnaRemedy, isPandasMissing, typeLabelColumn } from './labelColumn';
import { ClassNamesColumn, classNamesColumnIndex, givenClassNames } from './classNames';

export type { CsvRecord, CsvReadControl } from './csvRecords';
export { readCsvRecords, forEachCsvRecord } from './csvRecords';

export interface CsvDatasetOptions {
  /** Name used in messages (usually the file's base name). */
  readonly fileLabel: string;
  /** Label column; default 'target'. */
  readonly target?: string;
  /** Columns ignored when present; default ['id', 'timestamp']. */
  readonly drop?: readonly string[];
  /** Fewest rows accepted; default 3 (enough for a train and a test part with two classes). */
  readonly minRows?: number;
  /** The label type a saved model records: the target column is read as that type (labelColumn.ts). */
  readonly labelType?: LabelType;
  /** Cancellation and progress while reading (large files). */
  readonly control?: CsvReadControl;
  /**
   * Names of the classes in class order (the user's list): they win over a names column. Refused
   * unless there is exactly one non-empty, distinct name per class.
   */
  readonly classNames?: readonly string[];
  /**
   * A saved model's data.csv: its header is the one model.json records, so it is taken as it is — a
   * model trained before a first line of data was refused (refuseNonHeader) still validates.
   */
  readonly savedSnapshot?: boolean;
  /**
   * Leave out every row with a missing value in a feature or the label — an empty field or one pandas
   * reads as NaN (NA, NaN, null …) — as pandas' df.dropna(subset=features + [target]) does; the rows
   * are listed in the dataset's `missing`. Without it such a row is refused.
   */
  readonly dropna?: boolean;
  /** A refused missing value names --dropna (training, which takes it; default false). */
  readonly offerDropna?: boolean;
}

/** A field pandas reads as NaN: empty, or one of its missing-value spellings, exactly (" " is text to pandas). */
function isMissingField(text: string | undefined): boolean {
  return text === undefined || text === '' || isPandasMissing(text);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Throws when a CSV's first line is not a header of comma-separated names: one field holding tabs
 * or semicolons (a table saved with another separator), or data (no header line at all: numbers
 * only, or numbers and one label, as in UCI's iris.data). The error carries a header line to insert
 * above it (`missingHeader`): the target's name where the labels are, the features named `features`
 * when the line has that many (a model's columns), else as suggestedHeader names them.
 */
export function refuseNonHeader(names: readonly string[], file: string, headerLine: number, target: string, features?: readonly string[]): void {
  const separator = names.length === 1 ? (/\t/.test(names[0]!) ? 'tabs' : /;/.test(names[0]!) ? 'semicolons' : undefined) : undefined;
  if (separator) {
    throw lineError(file, headerLine, undefined, `the columns are separated by ${separator}, not commas — save the table as comma-separated CSV (in Excel: "CSV UTF-8 (comma delimited)")`);
  }
  const values = names.map(parseFiniteNumber);
  const numbers = values.filter((v): v is number => typeof v === 'number');
  // Names that are all numbers, or all but one with a decimal among them ("5.1,3.5,1.4,0.2,Iris-setosa"):
  // whole numbers and one name are a header a table may well have ("2019,2020,2021,region").
  // A decimal is written with a point or an exponent ("5.0" counts: rows of whole measurements).
  const decimal = names.some((h, i) => typeof values[i] === 'number' && /[.eE]/.test(h));
  const data = numbers.length === names.length || (names.length >= 3 && numbers.length === names.length - 1 && decimal);
  if (!data) return;
  // A target named after a value of this line (--target Iris-setosa) is the line's, not a name.
  const header = suggestedHeader(names, values.findIndex((v) => typeof v !== 'number'), names.includes(target) ? 'target' : target, features);
  throw new UserError(
    `${file} line ${headerLine}: the first line is data (${quotedLine(names)}), not column names — add a header line above it, such as "${header}"`,
    { line: headerLine, missingHeader: header },
  );
}

/** Iris's measurements, for a header suggested above iris rows (four numbers and a species). */
const IRIS_COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const IRIS_SPECIES = /^(iris[-_ ]?)?(setosa|versicolou?r|virginica)$/i;

/**
 * A header for a line of data: `target` at `labelAt` (the one field that is not a number) or last,
 * the other columns named `features` when there are as many, iris's names above iris rows, else x1, x2 ….
 */
function suggestedHeader(fields: readonly string[], labelAt: number, target: string, features?: readonly string[]): string {
  const n = fields.length;
  const at = labelAt >= 0 ? labelAt : n - 1;
  let names: readonly string[];
  if (features !== undefined && features.length === n) names = features;
  else {
    const own = features !== undefined && features.length === n - 1 ? features
      : n === 5 && labelAt >= 0 && IRIS_SPECIES.test(fields[labelAt]!.trim()) ? IRIS_COLUMNS
        : Array.from({ length: n - 1 }, (_, k) => `x${k + 1}`);
    names = [...own.slice(0, at), target, ...own.slice(at)];
  }
  return names.map((h) => (/[",\r\n]/.test(h) || h !== h.trim() ? `"${h.replace(/"/g, '""')}"` : h)).join(',');
}

/** A line's fields for a message: up to 6, else the first 5 and "…". */
function quotedLine(fields: readonly string[]): string {
  const shown = fields.map((f) => f.trim());
  return (shown.length <= 6 ? shown : [...shown.slice(0, 5), '…']).join(', ');
}

/**
 * The remedy "leave `column` out with --drop …". The list given replaces the one in use (id,
 * timestamp by default), so the fix names those too: --drop "id,timestamp,COLUMN", or the setting's
 * list ["id", "timestamp", "COLUMN"]. That list is `proposed` (a front end's one-click fix) unless
 * leaving the column out needs more than the setting (`alone` false: a header to edit first).
 */
export function dropAlso(drop: readonly string[], column: string | readonly string[], text: string, alone = true): NonNullable<UserErrorDetail['remedy']> {
  const adds = typeof column === 'string' ? [column] : column;
  const dropped = [...drop, ...adds];
  return { option: 'drop', text, value: JSON.stringify(dropped.join(',')), settingValue: JSON.stringify(dropped), adds, ...(alone ? { proposed: dropped } : {}) };
}

/**
 * Feature columns whose first value is text (not a number, not a value pandas reads as missing): a
 * column of text, such as penguins' "island" and "sex", which neither Model Lab nor scikit-learn's
 * SVC trains on. One error names them all, with the --drop list that leaves them out; the value may
 * also be a typo in that row, which the message leaves open.
 */
function textColumnsError(file: string, line: number, columns: readonly { name: string; value: string }[], drop: readonly string[]): UserError {
  const quoted = (c: { name: string; value: string }) => `"${c.name}" (${JSON.stringify(c.value)})`;
  const one = columns.length === 1;
  const base = one
    ? `${file} line ${line}, column "${columns[0]!.name}": ${JSON.stringify(columns[0]!.value)} is text, not a number`
    : `${file} line ${line}: ${columns.length} columns hold text, not numbers: ${columns.slice(0, 4).map(quoted).join(', ')}${columns.length > 4 ? ', …' : ''}`;
  const it = one ? 'it' : 'them';
  return remedyError(base, dropAlso(drop, columns.map((c) => c.name), `if ${one ? 'the column holds' : 'they hold'} text (Model Lab trains on numbers), leave ${it} out with {option}; else fix the row`),
    { line, column: columns[0]!.name });
}

/** The name pandas.read_csv gives a header field that is empty: "Unnamed: " and its 0-based position. */
export function pandasUnnamed(index: number): string {
  return `Unnamed: ${index}`;
}

/**
 * A header field without a name (`fields`: the header as read). The first one is most often the row
 * index pandas writes (DataFrame.to_csv without index=False): trained on, it would be a feature that
 * merely counts rows. An empty field can be left out by the name pandas gives it (pandasUnnamed); a
 * field of spaces is a name to pandas (" "), so the header must be fixed.
 */
export function unnamedColumn(file: string, headerLine: number, index: number, drop: readonly string[] = ['id', 'timestamp'], fields: readonly string[] = []): UserError {
  const base = `${file} line ${headerLine}: column ${index + 1} has no name`;
  const empty = (i: number) => (fields[i] ?? '') === '';
  if (index === 0 && empty(0)) {
    return remedyError(base, dropAlso(drop, pandasUnnamed(0), 'is it the row index pandas writes (DataFrame.to_csv without index=False)? pandas names it "Unnamed: 0": leave it out with {option}, or save the table with index=False'), { line: headerLine });
  }
  // Nameless columns only at the end: the trailing commas a spreadsheet writes for empty columns,
  // which pandas reads as "Unnamed: N" columns of NaN that scikit-learn cannot train on.
  const rest = fields.map((_, i) => i).slice(index);
  if (rest.length >= 1 && rest.every(empty)) {
    const which = rest.length === 1 ? `column ${index + 1} has` : `columns ${index + 1}–${fields.length} have`;
    return remedyError(`${file} line ${headerLine}: ${which} no name, after the last named column`,
      dropAlso(drop, rest.map(pandasUnnamed), `the trailing commas a spreadsheet writes for empty columns? Delete those columns in the spreadsheet and save again, or leave ${rest.length === 1 ? 'it' : 'them'} out by the ${rest.length === 1 ? 'name' : 'names'} pandas gives ${rest.length === 1 ? 'it' : 'them'} with {option}`, false), { line: headerLine });
  }
  if (!empty(index)) return new UserError(`${base} — give every column a name in the header`, { line: headerLine });
  return remedyError(base, dropAlso(drop, pandasUnnamed(index), `give every column a name in the header, or leave it out by the name pandas gives it with {option}`, false), { line: headerLine });
}

/**
 * A feature's field that parseFiniteNumber refused (`v`), named by its line and column, for train and
 * predict alike. Training (`offerDropna`) offers --dropna for a value pandas reads as missing.
 */
export function notANumberError(file: string, line: number, column: string | undefined, text: string, v: 'empty' | 'not-a-number' | 'not-finite', offerDropna = false): UserError {
  const what = v === 'empty' ? 'is empty'
    : isPandasMissing(text) ? `${JSON.stringify(text)} is a missing value in pandas, which scikit-learn's SVC cannot train on`
      : `${JSON.stringify(text.trim())} is not ${v === 'not-finite' ? 'a finite number' : 'a number'}`;
  if (!offerDropna || !isMissingField(text)) return lineError(file, line, column, `${what} — fix or remove the row`);
  const located = lineError(file, line, column, what);
  return remedyError(located.message, dropnaRemedy('fix or remove the row'), located.detail);
}

/** Parses a number the way a CSV user means it: decimal notation only ('0x10', '1_000', '' are refused). */
export function parseFiniteNumber(text: string): number | 'empty' | 'not-a-number' | 'not-finite' {
  const t = text.trim();
  if (t === '') return 'empty';
  if (!DECIMAL.test(t)) return /^[+-]?(nan|inf|infinity)$/i.test(t) ? 'not-finite' : 'not-a-number';
  const v = Number(t);
  return Number.isFinite(v) ? v : 'not-finite';
}

/**
 * Parses a labelled table; the labels are typed as pandas.read_csv types the target column
 * (labelColumn.ts). A column of class names beside the target (classNames.ts) is left out of the
 * features, listed in `dropped`, and gives `classNames`. Throws a UserError naming the file, line
 * and column for anything that would not train.
 */
export async function parseCsvDataset(data: Uint8Array | string, options: CsvDatasetOptions): Promise<Dataset> {
  const file = options.fileLabel;
  const target = options.target ?? 'target';
  const drop = new Set(options.drop ?? ['id', 'timestamp']);
  let header: string[] | undefined;
  let targetIndex = -1;
  let featureIndices: number[] = [];
  /** Columns that are features unless the class-names column is among them (decided on the first row). */
  let featureCandidates: number[] = [];
  let namesIndex = -1;
  let namesColumn: ClassNamesColumn | undefined;
  let headerLineNo = 1;
  let paddedNames: string[] = [];
  const X: number[][] = [];
  const rawLabels: string[] = [];
  const lines: number[] = [];
  /** Data rows (0-based, after the header) and their lines, left out for a missing value (dropna). */
  const missingRows: number[] = [];
  const missingLines: number[] = [];
  let labelMissing = false;
  let dataRow = 0;

  const onHeader = (fields: string[], headerLine: number) => {
    const trimmed = fields.map((h) => h.trim());
    paddedNames = fields.filter((h, i) => h !== '' && h !== trimmed[i]);
    if (!options.savedSnapshot) refuseNonHeader(trimmed, file, headerLine, target);
    // A field without a name gets the name pandas gives it, so that --drop "Unnamed: 0" leaves out
    // the row index of a DataFrame.to_csv() as df.drop(columns=["Unnamed: 0"]) does.
    // (A field of spaces is a name to pandas, " ", and stays refused.)
    const names = trimmed.map((h, i) => (fields[i] === '' ? pandasUnnamed(i) : h));
    names.forEach((h, i) => {
      if (trimmed[i] === '' && !(fields[i] === '' && drop.has(h))) throw unnamedColumn(file, headerLine, i, [...drop], fields);
      const first = names.indexOf(h);
      if (first !== i) throw lineError(file, headerLine, undefined, `column "${h}" appears twice (columns ${first + 1} and ${i + 1}) — rename or remove one`);
    });
    targetIndex = names.indexOf(target);
    if (targetIndex < 0) {
      const near = closestName(target, names);
      const base = `${file} line ${headerLine}: no column "${target}" (${columnsText(names)})`;
      // Without a near spelling, a class-names column (species …) is the likely label column; else
      // the last one, where data sets usually keep it.
      const named = near ?? names[classNamesColumnIndex(names, target)];
      // A guess is offered for a name short enough to repeat (a notification quotes it twice).
      const lastName = names[names.length - 1]!;
      const last = names.length >= 2 && lastName.length <= MAX_GUESSED_NAME ? lastName : undefined;
      const shown = (name: string) => (/^[A-Za-z0-9_.-]+$/.test(name) ? name : JSON.stringify(name));
      throw remedyError(base, near !== undefined
        ? { option: 'target', text: `did you mean "${near}"? Rename that column to "${target}" or choose it with {option}`, value: shown(near), proposed: near }
        : named !== undefined
          ? { option: 'target', text: `are the labels in "${named}"? Choose it with {option}`, value: shown(named), proposed: named }
          : last !== undefined
            ? { option: 'target', text: `is the label the last column, "${last}"? Choose it with {option}`, value: shown(last), proposed: last }
            : { option: 'target', text: 'name the label column with {option}' }, { line: headerLine });
    }
    featureCandidates = names.map((_, i) => i).filter((i) => i !== targetIndex && !drop.has(names[i]));
    if (featureCandidates.length === 0) throw noFeatures(headerLine);
    namesIndex = classNamesColumnIndex(names, target);
    headerLineNo = headerLine;
    header = names;
  };
  const noFeatures = (headerLine: number) =>
    lineError(file, headerLine, undefined, `no feature columns left besides "${target}"${namesColumn ? ` and the class names "${namesColumn.column}"` : ''} — the table needs at least one numeric column`);

  // The class-names column is text; a number in its first row makes it a feature, as it always was.
  const onFirstRow = (fields: string[], names: string[]) => {
    if (namesIndex >= 0 && typeof parseFiniteNumber(fields[namesIndex]) === 'number') namesIndex = -1;
    if (namesIndex >= 0) namesColumn = new ClassNamesColumn(file, names[namesIndex], target);
    featureIndices = featureCandidates.filter((i) => i !== namesIndex);
    if (featureIndices.length === 0) throw noFeatures(headerLineNo);
  };

  // Text in a feature of the first row: a column of text, or a typo in that row. The second row
  // tells (text there too, or no number: the column's), so that "leave it out" — a one-click fix in
  // VS Code — is never proposed for a real feature with one bad value.
  let firstRowText: { fields: string[]; line: number; columns: number[] } | undefined;
  const isText = (field: string | undefined) => parseFiniteNumber(field ?? '') === 'not-a-number' && !isPandasMissing(field ?? '');
  const textColumns = (first: NonNullable<typeof firstRowText>, next: string[] | undefined, names: string[]): UserError => {
    const columns = next === undefined ? first.columns : first.columns.filter((i) => typeof parseFiniteNumber(next[i] ?? '') !== 'number');
    if (columns.length === 0) {
      const i = first.columns[0]!;
      return notANumberError(file, first.line, names[i], first.fields[i]!, 'not-a-number');
    }
    return textColumnsError(file, first.line, columns.map((i) => ({ name: names[i]!, value: first.fields[i]!.trim() })), [...drop]);
  };

  const onRow = (fields: string[], line: number, names: string[]) => {
    if (firstRowText) throw textColumns(firstRowText, fields, names);
    const at = dataRow++;
    if (lines.length === 0) {
      onFirstRow(fields, names);
      const text = featureIndices.filter((i) => isText(fields[i]));
      if (text.length > 0) return void (firstRowText = { fields, line, columns: text });
    }
    if (options.dropna && (isMissingField(fields[targetIndex]) || featureIndices.some((i) => isMissingField(fields[i])))) {
      labelMissing ||= isMissingField(fields[targetIndex]);
      missingRows.push(at);
      missingLines.push(line);
      return;
    }
    const row = new Array<number>(featureIndices.length);
    for (let k = 0; k < featureIndices.length; k++) {
      const text = fields[featureIndices[k]];
      const v = parseFiniteNumber(text);
      if (typeof v !== 'number') throw notANumberError(file, line, names[featureIndices[k]], text, v, options.offerDropna === true);
      row[k] = v;
    }
    const label = fields[targetIndex];
    checkLabelPresent(label, line, { file, target, recorded: options.labelType, offerDropna: options.offerDropna === true });
    namesColumn?.add(label, fields[namesIndex], line, X.length);
    X.push(row);
    rawLabels.push(label);
    lines.push(line);
  };

  await forEachCsvRecord(data, file, (fields, line) => {
    if (header === undefined) onHeader(fields, line);
    else onRow(fields, line, header);
  }, options.control);
  if (header === undefined) throw new UserError(`${file}: the file is empty — it needs a header line and data rows`);
  // One data row, with text in it: nothing tells a text column from a typo, so both are said.
  if (firstRowText) throw textColumns(firstRowText, undefined, header);

  const { y, labelType } = typeLabelColumn(rawLabels, { file, target, lines, recorded: options.labelType });
  const classes = sortedUniqueLabels(y);
  const minRows = options.minRows ?? 3;
  if (X.length < minRows) {
    const left = missingRows.length > 0 ? ` left after leaving out ${missingRows.length} with a missing value (--dropna)` : '';
    throw new UserError(`${file}: only ${X.length} data row${X.length === 1 ? '' : 's'}${left} — at least ${minRows} are needed to split into training and validation parts`);
  }
  if (classes.length < 2) {
    throw new UserError(`${file}, column "${target}": every row has the label ${labelInMessage(classes[0], labelType)} — a classifier needs at least 2 classes`);
  }
  const names = header as string[];
  const dropped = names.filter((h, i) => i !== targetIndex && (drop.has(h) || i === namesIndex));
  const classNames = options.classNames !== undefined
    ? givenClassNames(options.classNames, classes, labelType, file)
    : namesColumn?.namesOf(classes, y, labelType);
  const paddedLabel = labelType === 'str' ? rawLabels.find((r) => r !== r.trim()) : undefined;
  return {
    featureNames: featureIndices.map((i) => names[i]), target, X, y, labelType, classes, lines, headerLine: headerLineNo, dropped,
    ...(classNames !== undefined ? { classNames } : {}),
    ...(missingRows.length > 0 ? { missing: { rows: missingRows, lines: missingLines, labelMissing } } : {}),
    ...(paddedNames.length > 0 || paddedLabel !== undefined ? { padded: { names: paddedNames, ...(paddedLabel !== undefined ? { label: paddedLabel } : {}) } } : {}),
  };
}

/** Longest column name offered as the label column when nothing else points to one. */
const MAX_GUESSED_NAME = 40;

/** The header's columns for a message: all of up to 12, else the first 8 and the last 2 with the count. */
function columnsText(names: readonly string[]): string {
  if (names.length <= 12) return `columns: ${names.join(', ')}`;
  return `${names.length} columns: ${[...names.slice(0, 8), '…', ...names.slice(-2)].join(', ')}`;
}
