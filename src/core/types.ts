// Shared value types of the core. Rows are samples, columns are features.
import { showControls } from './text/visibleControls';

/** A class label as it appears in the data: scikit-learn keeps ints as ints and strings as strings. */
export type Label = number | string;

/** A dense matrix, one array per row (sample). */
export type Matrix = readonly (readonly number[])[];

/** How a split size is meant: scikit-learn treats 0.8 (float) and 120 (int) differently; JS cannot tell 1 from 1.0. */
export type SplitSize = { readonly kind: 'fraction'; readonly value: number } | { readonly kind: 'count'; readonly value: number };

/**
 * The options a user changes to fix an error: each front end names them in its own terms. They are
 * the CLI's, but for 'database-url': the PostgreSQL URL, which the CLI takes in --data (train, tune,
 * predict) or --url (generate), so its phrase says "the database URL" and the CLI's error path names
 * the flag of the command that failed (src/cli/main.ts, generateCommand.ts).
 */
export type RemedyOption = 'target' | 'drop' | 'dropna' | 'data' | 'train-size' | 'train-rows-limit' | 'classifier' | 'cv' | 'out' | 'csv' | 'class-names' | 'allow-cleartext-password' | 'database-url' | 'sklearn-version' | 'format';

/** What a front end may do with an error beyond showing its message. */
export interface UserErrorDetail {
  /** The line (1-based) of the data file the message names, and the CSV column when there is one. */
  readonly line?: number;
  readonly column?: string;
  /**
   * The option that fixes it. The message says it as the CLI does ("— name the label column with
   * --target"); `base` is the message before that phrase and `text` the phrase with "{option}" where
   * the flag stands, so that the extension can say "the setting modelLab.targetColumn" instead.
   * `settingText`, when the CLI's phrase also names other flags (a front end with settings has no
   * --max-rows) or the option has no setting at all (--classifier, --cv), is the phrase without them,
   * "{option}" standing for the setting where there is one.
   */
  readonly remedy?: {
    readonly option: RemedyOption; readonly text: string; readonly value?: string; readonly settingText?: string; readonly settingValue?: string;
    /**
     * The option's whole value that fixes the input as it stands (the label column the message
     * guesses, the drop list with the column added), for a front end's one-click fix; absent when
     * the remedy needs more than the option (a header to edit first).
     */
    readonly proposed?: string | readonly string[] | boolean;
    /** The columns a --drop remedy adds to the list in use, for a button's words (Leave Out "island", "sex"). */
    readonly adds?: readonly string[];
  };
  readonly base?: string;
  /** A header line the file lacks (its first line is data), for a front end to insert above line 1. */
  readonly missingHeader?: string;
  /**
   * What a front end puts between `base` and `settingText` when it is not " — ": "; " after an OS
   * error's cause ("— the disk is full; free some space, or …"), as the CLI says it.
   */
  readonly joiner?: string;
  /**
   * The database password is the fix: the server asked for one and none was found, or refused the
   * one sent (a front end offers its own way to set it, VS Code's Set Database Password).
   */
  readonly setPassword?: true;
  /** The database URL holds a password: the URL without it, for a front end's own message (never the password). */
  readonly urlWithoutPassword?: string;
}

/**
 * A user error is one line: a line break inside text it quotes (a CSV header field "a<newline>b", a
 * server message) is shown as \n, as Python's repr shows it; any other control character (ESC of a
 * terminal sequence in a file's name or a pickle's module) as its escape, \x1b or \u009b.
 */
function oneLine(text: string): string {
  return showControls(text.replace(/\r\n|\r|\n/g, '\\n'));
}

/** An error whose message is meant for the user as is (no stack trace shown). */
export class UserError extends Error {
  readonly detail: UserErrorDetail;
  constructor(message: string, detail: UserErrorDetail = {}) {
    super(oneLine(message));
    this.detail = detail.base !== undefined ? { ...detail, base: oneLine(detail.base) } : detail;
    this.name = 'UserError';
  }
}

/**
 * A UserError fixed by an option: "<base> — <text with --option [value]>" plus the detail to say it
 * otherwise. `settingJoiner`: the detail's `joiner`, when a front end joins `settingText` as the CLI
 * joins `text` (not " — ").
 */
export function remedyError(
  base: string, remedy: NonNullable<UserErrorDetail['remedy']>, location: Pick<UserErrorDetail, 'line' | 'column'> = {}, joiner = ' — ', settingJoiner?: string,
): UserError {
  const flag = `--${remedy.option}${remedy.value !== undefined ? ` ${remedy.value}` : ''}`;
  return new UserError(`${base}${joiner}${remedy.text.replace('{option}', flag)}`, { ...location, remedy, base, ...(settingJoiner !== undefined ? { joiner: settingJoiner } : {}) });
}

/**
 * A remedied error's message with its option said as `option` (a front end's own words for it: a flag
 * of that command, several flags); undefined when the error has no such phrase.
 */
export function withRemedyOption(detail: UserErrorDetail, option: string): string | undefined {
  const { base, remedy } = detail;
  if (base === undefined || remedy?.settingText === undefined) return undefined;
  return `${base} ${remedy.settingText.replace('{option}', option)}`;
}

/** A UserError about one line (and column) of a data file, in the one format every message uses. */
export function lineError(file: string, line: number, column: string | undefined, text: string): UserError {
  return new UserError(`${file} line ${line}${column !== undefined ? `, column "${column}"` : ''}: ${text}`, { line, ...(column !== undefined ? { column } : {}) });
}

/**
 * True for a UserError from any bundle: the extension and its lazily loaded engine (dist/engine.js)
 * each carry their own copy of the class, so `instanceof` alone is not enough.
 */
export function isUserError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'UserError';
}
