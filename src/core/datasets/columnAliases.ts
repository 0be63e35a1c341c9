// The iris features have two spellings in this course: scikit-learn's load_iris() ("sepal length
// (cm)", what the built-in data and its models use) and the course's iris_data table and CSV files
// ("sepal_length"). A model trained on one must read rows written with the other. The aliases apply
// only when a column of the exact name is missing, and the caller says which alias it used.
import { IRIS_FEATURE_NAMES } from './iris';
import { FEATURE_COLUMNS } from '../database/irisTable';

/** Groups of names that mean the same column: load_iris()'s name, then the course table's. */
export const COLUMN_ALIASES: readonly (readonly string[])[] = IRIS_FEATURE_NAMES.map((name, i) => [name, FEATURE_COLUMNS[i]!]);

/** The other spellings of a column name (empty when it has none). */
export function aliasesOf(name: string): readonly string[] {
  const group = COLUMN_ALIASES.find((g) => g.includes(name));
  return group ? group.filter((n) => n !== name) : [];
}

/** A wanted column found in a header under another name. */
export interface AliasUse {
  /** The name the model knows. */
  readonly wanted: string;
  /** The header's name that was used for it. */
  readonly found: string;
}

export interface ColumnMatch {
  /** Index in the header of each wanted name, in `wanted` order; -1 when missing. */
  readonly indices: number[];
  /** The wanted names that were found under an alias. */
  readonly aliases: AliasUse[];
}

/**
 * Finds each wanted column in a header: by its exact name, else by its one alias present in the
 * header that is not itself a wanted name (a column is never used twice). Missing names get -1.
 */
export function matchColumns(wanted: readonly string[], header: readonly string[]): ColumnMatch {
  const aliases: AliasUse[] = [];
  const indices = wanted.map((name) => {
    const exact = header.indexOf(name);
    if (exact >= 0) return exact;
    const present = aliasesOf(name).filter((a) => !wanted.includes(a) && header.includes(a));
    if (present.length !== 1) return -1;
    aliases.push({ wanted: name, found: present[0]! });
    return header.indexOf(present[0]!);
  });
  return { indices, aliases };
}
