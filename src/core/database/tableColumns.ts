// Which columns of a table are the features and the label, and how the label is typed, as the
// course's script sees them: pandas.read_sql("SELECT * …") reads every column, in table order, and
// df.drop(columns=["id", "timestamp", "target"]) leaves the rest as features. The drop list and the
// label column are the CSV source's (--drop, --target), so a table and its data.csv read alike.
import type { LabelType } from '../labels';
import { UserError, remedyError } from '../types';
import { dropAlso } from '../datasets/csvDataset';
import { closestName } from '../text/closestName';
import { classNamesColumnIndex } from '../datasets/classNames';

/** How pandas' read_sql (psycopg2, coerce_float=True, its default) gives a column's values. */
export type ColumnKind = 'int' | 'float' | 'decimal' | 'text' | 'bool' | 'timestamp' | 'time' | 'other';

/** PostgreSQL's built-in type OIDs and their names, for the kinds and for messages. */
const TYPES = new Map<number, [string, ColumnKind]>([
  [21, ['smallint', 'int']], [23, ['integer', 'int']], [20, ['bigint', 'int']],
  [700, ['real', 'float']], [701, ['double precision', 'float']], [1700, ['numeric', 'decimal']],
  [25, ['text', 'text']], [1043, ['varchar', 'text']], [1042, ['char', 'text']], [18, ['"char"', 'text']], [19, ['name', 'text']],
  [16, ['boolean', 'bool']],
  [1082, ['date', 'time']], [1114, ['timestamp', 'timestamp']], [1184, ['timestamptz', 'timestamp']], [1083, ['time', 'time']],
  [1266, ['timetz', 'time']], [1186, ['interval', 'time']],
  [114, ['json', 'other']], [3802, ['jsonb', 'other']], [2950, ['uuid', 'other']], [17, ['bytea', 'other']], [790, ['money', 'other']],
]);

export function columnKind(dataTypeID: number): ColumnKind {
  return TYPES.get(dataTypeID)?.[1] ?? 'other';
}

function typeName(dataTypeID: number): string {
  return TYPES.get(dataTypeID)?.[0] ?? `type ${dataTypeID}`;
}

/** A number to pandas once read (int64 or float64; numeric's Decimals become float64 with coerce_float). */
export function isNumberKind(kind: ColumnKind): boolean {
  return kind === 'int' || kind === 'float' || kind === 'decimal';
}

/**
 * The labels' type as pandas types the column: integers → int64, but float64 once a NULL was among
 * them (NaN; dropna keeps the type); real/double precision and numeric → float64; text → str;
 * boolean → bool. Other kinds cannot be a label (undefined).
 */
export function labelTypeOf(kind: ColumnKind, hadNull: boolean): LabelType | undefined {
  switch (kind) {
    case 'int': return hadNull ? 'float' : 'int';
    case 'float':
    case 'decimal': return 'float';
    case 'text': return 'str';
    case 'bool': return 'bool';
    default: return undefined;
  }
}

export interface TableField {
  readonly name: string;
  readonly dataTypeID: number;
}

/** The parts of a table a snapshot reads. Indices are into the query's fields. */
export interface TableColumns {
  readonly names: readonly string[];
  readonly kinds: readonly ColumnKind[];
  readonly id: number;
  /** -1: predict reads a table without the label column. */
  readonly target: number;
  /** Every column but the label and the dropped ones, in table order. */
  readonly features: readonly number[];
}

/** The label column and the columns left out; training's --target and --drop (predict: the defaults). */
export interface ColumnChoice {
  readonly target: string;
  readonly drop: readonly string[];
}

export const DEFAULT_COLUMNS: ColumnChoice = { target: 'target', drop: ['id', 'timestamp'] };

/**
 * Splits a table's columns as the course's script does. Throws one UserError naming the table and
 * column, with the flag (or setting) that fixes it: no id, no label column, a label column of a type
 * that cannot hold classes, and — with `checkFeatures` (training) — feature columns that are not numbers
 * (predict, whose model knows its columns, reads them all, and a table without the label column).
 */
export function tableColumns(fields: readonly TableField[], table: string, choice: ColumnChoice, checkFeatures: boolean): TableColumns {
  const names = fields.map((f) => f.name);
  const kinds = fields.map((f) => columnKind(f.dataTypeID));
  const has = `it has ${names.join(', ')}`;
  const id = names.indexOf('id');
  if (id < 0) throw new UserError(`Table "${table}" has no column "id" (${has}): Model Lab names the rows by their id, as the course's table does (id SERIAL PRIMARY KEY). Point "table=" at such a table.`);
  if (!isNumberKind(kinds[id]!)) throw new UserError(`Table "${table}" has an id column of type ${typeName(fields[id]!.dataTypeID)}; ids must be whole numbers (id SERIAL PRIMARY KEY). Point "table=" at such a table.`);
  const target = names.indexOf(choice.target);
  if (target < 0 && checkFeatures) {
    // As for a CSV: a near spelling, else a column of class names (species …) is the likely label column.
    const near = closestName(choice.target, names);
    const named = names[classNamesColumnIndex(names, choice.target)];
    throw remedyError(`Table "${table}" has no label column "${choice.target}" (${has})`, near !== undefined
      ? { option: 'target', text: `did you mean "${near}"? Choose it with {option}`, value: near, proposed: near }
      : named !== undefined
        ? { option: 'target', text: `are the labels in "${named}"? Choose it with {option}`, value: named, proposed: named }
        : { option: 'target', text: 'name the label column with {option}' });
  }
  if (target >= 0 && labelTypeOf(kinds[target]!, false) === undefined) {
    throw remedyError(`Table "${table}" column "${choice.target}" is of type ${typeName(fields[target]!.dataTypeID)}, which cannot hold class labels (numbers, text or true/false)`,
      { option: 'target', text: 'choose another label column with {option}' });
  }
  const drop = new Set(choice.drop);
  const features = names.map((_, i) => i).filter((i) => i !== target && !drop.has(names[i]!));
  if (checkFeatures) {
    const notNumbers = features.filter((i) => !isNumberKind(kinds[i]!));
    if (notNumbers.length > 0) {
      const one = notNumbers.length === 1;
      const listed = notNumbers.map((i) => `"${names[i]}" (${typeName(fields[i]!.dataTypeID)})`).join(', ');
      const but = `every column but ${[...choice.drop, choice.target].join(', ')} is a feature, as after the course's df.drop(columns=[…])`;
      const base = one
        ? `Table "${table}" column ${listed} is not a number column (${but})`
        : `Table "${table}" has ${notNumbers.length} columns that are not numbers: ${listed} (${but})`;
      throw remedyError(base, dropAlso(choice.drop, notNumbers.map((i) => names[i]!), `Model Lab trains on numbers, as scikit-learn's SVC does: leave ${one ? 'it' : 'them'} out with {option}`));
    }
    if (features.length === 0) {
      throw remedyError(`Table "${table}" has no feature column: every column but ${[...drop, choice.target].join(', ')} is one, and it has only those`,
        { option: 'drop', text: 'leave fewer columns out with {option}' });
    }
  }
  return { names, kinds, id, target, features };
}

