// Human names for a dataset's classes, when the data has them: a column of names beside numeric
// codes (`target_names`, `class_name` or `species` next to `target`), or a list the user gives
// (`--class-names`, the setting modelLab.classNames). Names are for display only: the column is never
// a feature and nothing the model computes depends on it.
import type { Label } from '../types';
import { UserError, lineError, remedyError } from '../types';
import { labelInMessage, labelKey, type LabelType } from '../labels';

/**
 * Header names read as a column of class names, in order of preference: scikit-learn's Bunch field,
 * a generic name, and the iris tables' own (seaborn, the UCI file). The first one present that is
 * not the target column is taken — if its first value is text (a number there makes it a feature,
 * as before names were read).
 */
export const CLASS_NAME_COLUMNS: readonly string[] = ['target_names', 'class_name', 'species'];


/** Index of the class-names column in a header (see CLASS_NAME_COLUMNS), -1 when there is none. */
export function classNamesColumnIndex(header: readonly string[], target: string): number {
  for (const name of CLASS_NAME_COLUMNS) {
    const i = header.indexOf(name);
    if (i >= 0 && name !== target) return i;
  }
  return -1;
}

/** Where a label's name was first read. */
interface NameSeen {
  readonly name: string;
  readonly line: number;
  /** The row where it was seen (its typed label is y[row] once the column is typed). */
  readonly row: number;
}

/**
 * Collects the names column row by row, in bounded memory (one entry per distinct label text):
 * a label spelled the same way must always carry the same name, else the row is refused at once.
 * Labels spelled differently but typed as one class (1 and 1.0 in a float column), and one name
 * given to two classes, are refused when the column is typed (namesOf).
 */
export class ClassNamesColumn {
  private readonly seen = new Map<string, NameSeen>();

  constructor(private readonly file: string, readonly column: string, private readonly target: string) {}

  /** Records one row's label text and name; throws a UserError naming the line on a contradiction. */
  add(rawLabel: string, rawName: string, line: number, row: number): void {
    const label = rawLabel.trim();
    const name = rawName.trim();
    if (name === '') throw lineError(this.file, line, this.column, `the class name is empty — fill it in (one name per class), or remove the column "${this.column}"`);
    const first = this.seen.get(label);
    if (first === undefined) {
      this.seen.set(label, { name, line, row });
    } else if (first.name !== name) {
      throw this.contradiction(line, name, label, first);
    }
  }

  /**
   * One name per class, in `classes` order, given the typed labels `y` (row order). Throws a
   * UserError naming the line when two spellings of one class carry different names, or one name
   * is given to two classes.
   */
  namesOf(classes: readonly Label[], y: readonly Label[], labelType: LabelType): string[] {
    const byClass = new Map<string, NameSeen & { label: Label }>();
    const byName = new Map<string, NameSeen & { label: Label }>();
    // In line order, so that the row refused is the later of the two that disagree.
    const seen = [...this.seen.values()].sort((a, b) => a.line - b.line);
    for (const s of seen) {
      const label = y[s.row];
      const entry = { ...s, label };
      const sameClass = byClass.get(labelKey(label));
      if (sameClass !== undefined) {
        if (sameClass.name !== s.name) throw this.contradiction(s.line, s.name, labelInMessage(label, labelType), sameClass);
        continue;
      }
      const sameName = byName.get(s.name);
      if (sameName !== undefined) {
        throw lineError(this.file, s.line, this.column,
          `the name ${JSON.stringify(s.name)} is given to class ${labelInMessage(label, labelType)}, but line ${sameName.line} gives it to class ${labelInMessage(sameName.label, labelType)} — each class needs its own name: fix the row, or rename the column if it does not hold the class names`);
      }
      byClass.set(labelKey(label), entry);
      byName.set(s.name, entry);
    }
    return classes.map((c) => byClass.get(labelKey(c))!.name);
  }

  private contradiction(line: number, name: string, label: string, first: NameSeen): UserError {
    return lineError(this.file, line, this.column,
      `${JSON.stringify(name)} beside ${this.target} ${label}, but line ${first.line} names that class ${JSON.stringify(first.name)} — each class needs one name: fix the row, or rename the column if it does not hold the class names`);
  }
}

/**
 * Checks a list of class names as the user gives it (CLI flag, setting): every name non-empty
 * (after trimming) and distinct. Returns the trimmed names; throws a UserError saying which is wrong.
 */
export function checkClassNamesList(names: readonly string[]): string[] {
  const trimmed = names.map((n) => n.trim());
  const empty = trimmed.findIndex((n) => n === '');
  if (empty >= 0) throw new UserError(`class name ${empty + 1} of ${trimmed.length} is empty — give one non-empty name per class, in class order`);
  const twice = trimmed.findIndex((n, i) => trimmed.indexOf(n) !== i);
  if (twice >= 0) throw new UserError(`the class name ${JSON.stringify(trimmed[twice])} is given twice — give each class its own name`);
  return trimmed;
}

/**
 * The given names for a dataset's classes (one per class, in class order: sorted as np.unique sorts
 * them). Throws a UserError when the list is malformed or its length is not the number of classes.
 */
export function givenClassNames(names: readonly string[], classes: readonly Label[], labelType: LabelType, file: string): string[] {
  const checked = checkClassNamesList(names);
  if (checked.length !== classes.length) {
    const listed = classes.map((c) => labelInMessage(c, labelType)).join(', ');
    throw remedyError(`${file}: ${checked.length} class name${checked.length === 1 ? '' : 's'} given (${checked.join(', ')}) for the ${classes.length} classes of the data (${listed})`, {
      option: 'class-names', text: 'give one name per class, in class order ({option})',
    });
  }
  return checked;
}

/**
 * The display name of each of `classes` (a model's classes, possibly fewer than the data's): the
 * dataset's own names when it has them, else `targetNames` indexed by integer code (the built-in
 * iris data), else `fallback` (the label as Python prints it).
 */
export function namesForClasses(
  classes: readonly Label[],
  labelType: LabelType,
  data: { readonly classes: readonly Label[]; readonly classNames?: readonly string[] },
  targetNames: readonly string[] | undefined,
  fallback: readonly string[],
): string[] {
  const own = data.classNames;
  const index = new Map(data.classes.map((c, i) => [labelKey(c), i]));
  return classes.map((c, i) => {
    const k = own !== undefined ? index.get(labelKey(c)) : undefined;
    if (own !== undefined && k !== undefined) return own[k]!;
    if (targetNames !== undefined && labelType === 'int' && typeof c === 'number') return targetNames[c] ?? fallback[i]!;
    return fallback[i]!;
  });
}
