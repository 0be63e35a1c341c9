// What every data source turns into: a table of finite numeric features and one label per row.
import type { Label } from '../types';
import type { LabelType } from '../labels';

export interface Dataset {
  readonly featureNames: string[];
  /** Name of the label column as it appears in the data (e.g. 'target', 'species'). */
  readonly target: string;
  /** One row per sample, features in featureNames order. */
  readonly X: number[][];
  readonly y: Label[];
  /** How pandas types the label column (int64, float64, bool or text), i.e. how scikit-learn holds the classes. */
  readonly labelType: LabelType;
  /** Distinct labels in scikit-learn's order (np.unique). */
  readonly classes: Label[];
  /** 1-based line in the source text where each row starts (for messages). */
  readonly lines: number[];
  /** 1-based line of the CSV's header (absent for data that is not a CSV text). */
  readonly headerLine?: number;
  /**
   * What had spaces around it in the CSV, which Model Lab trims and pandas keeps: header names (as
   * written) and the first such text label, if any. Absent when nothing had.
   */
  readonly padded?: { readonly names: readonly string[]; readonly label?: string };
  /** Columns present in the source but left out (the drop list, and the class-names column). */
  readonly dropped?: string[];
  /**
   * Display name of each of `classes` when the data has them: the user's list, or a column of
   * names beside the target (classNames.ts). Absent: built-in names (iris) or the labels themselves.
   */
  readonly classNames?: string[];
  /**
   * Rows left out for a missing value (CsvDatasetOptions.dropna): their 0-based index among the
   * data rows, and their lines; `labelMissing` when a label was among the missing values (pandas
   * then reads a column of integers as float64, and dropna keeps that type). Absent when none were.
   */
  readonly missing?: { readonly rows: readonly number[]; readonly lines: readonly number[]; readonly labelMissing: boolean };
}

/**
 * What model.json's data.dropna records when rows with a missing value were left out (--dropna):
 * a CSV's rows by their lines in the file, a table's (NULLs) by their ids.
 */
export interface DropnaRecord {
  /** How to leave out the same rows in Python, after reading (and sampling) the data. */
  readonly method: 'pandas.DataFrame.dropna';
  /** The columns looked at: the features and the target. */
  readonly subset: readonly string[];
  /** Rows left out, and the rows they were left out of. */
  readonly rows: number;
  readonly fromRows: number;
  /** A CSV: the source file's lines of the first rows left out (at most 20). */
  readonly lines?: readonly number[];
  /** A table: the ids of the first rows left out (at most 20). */
  readonly ids?: readonly number[];
}

/** The bytes written as data.csv beside the model, and where they came from. */
export interface SourceSnapshot {
  /** Exactly what is saved as data.csv: the CSV file's own bytes, the PostgreSQL snapshot, or iris as CSV. */
  readonly bytes: Uint8Array;
  readonly provenance: DataProvenance;
  /** Human names per class when the labels are codes (iris: 0 → setosa). */
  readonly targetNames?: string[];
  readonly dataset: Dataset;
}

export interface DataProvenance {
  /** 'iris' | 'csv' | 'postgres' */
  readonly source: string;
  /** 'iris', the CSV file's absolute path, or the postgres URL (never with a password). */
  readonly path: string;
  readonly [extra: string]: unknown;
}
