// The operating system's refusals (a folder the user may not write, a read-only or full disk, a
// missing file …) are the user's to fix, not internal errors: this turns them into one UserError
// line that names the folder or file the user gave, the cause in plain words and what to do.
// The CLI and the extension both use it, so both say the same thing.
import { UserError, isUserError, remedyError, type RemedyOption } from '../types';

interface Cause {
  /** The cause in plain words. */
  readonly what: string;
  /** What to do about it; `choose` is the caller's way to pick another place ("choose another file"). */
  readonly fix: (choose: string) => string;
}

const permission: Cause = { what: 'permission denied', fix: (c) => `ask for permission to write there, or ${c}` };
const notFound: Cause = { what: 'it does not exist', fix: () => 'check the path' };
const notFolder: Cause = { what: 'a part of the path is a file, not a folder', fix: () => 'check the path' };
const isFolder: Cause = { what: 'it is a folder, not a file', fix: () => 'give a file name' };
const exists: Cause = { what: 'something with that name is already there', fix: (c) => c };
const retry = (what: string, fix: string): Cause => ({ what, fix: () => fix });

/** Node's errno codes and vscode.FileSystemError's codes, in plain words. */
const CAUSES: Readonly<Record<string, Cause>> = {
  EACCES: permission,
  EPERM: { what: 'the operation is not permitted there', fix: permission.fix },
  NoPermissions: permission,
  EROFS: { what: 'the file system is read-only', fix: (c) => `${c} on a writable disk` },
  ENOSPC: { what: 'the disk is full', fix: (c) => `free some space, or ${c} on another disk` },
  EDQUOT: { what: 'your disk quota is used up', fix: (c) => `free some space, or ${c} on another disk` },
  EFBIG: { what: 'the file is too large for this file system', fix: (c) => `${c} on another disk` },
  ENOENT: notFound,
  FileNotFound: notFound,
  ENOTDIR: notFolder,
  FileNotADirectory: notFolder,
  EISDIR: isFolder,
  FileIsADirectory: isFolder,
  EEXIST: exists,
  FileExists: exists,
  ELOOP: retry('the path goes through too many (or circular) symbolic links', 'check the links on the path'),
  ENAMETOOLONG: { what: 'the path is too long', fix: (c) => c },
  EMFILE: retry('too many files are open in this process', 'close other work and try again'),
  ENFILE: retry('too many files are open on this system', 'close other programs and try again'),
  EBUSY: retry('the file or folder is in use by another program', 'close that program and try again'),
  ETXTBSY: retry('the file is in use by a running program', 'close that program and try again'),
  EIO: retry('the disk reported an input/output error', 'check the disk (it may be failing or disconnected) and try again'),
  ENXIO: retry('the device is not available', 'check that the disk is connected'),
  ENODEV: retry('the device is not available', 'check that the disk is connected'),
  ESTALE: retry('the network file system lost track of the file', 'reconnect the share and try again'),
  Unavailable: retry('the file system is not available', 'check the connection and try again'),
};

/** The error code of a node errno error or a vscode.FileSystemError (undefined for anything else). */
export function osErrorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CAUSES, code) ? code : undefined;
}

/**
 * How the user picks another place when it is a flag of the CLI: the CLI's words with "{option}"
 * where the flag stands ("choose another models folder ({option})"), and the words of a front end
 * with settings ("{option}": the setting, when there is one), as a remedy of the message.
 */
export interface PlaceChoice {
  readonly option: RemedyOption;
  readonly text: string;
  readonly settingText: string;
}

export interface OsErrorContext {
  /** The folder or file the user named (not an internal temporary name). */
  readonly path: string;
  /** What Model Lab was doing, as a verb phrase: "cannot save the model", "cannot write the CSV file". */
  readonly doing: string;
  /** How the user picks another place, e.g. "choose another file"; default "choose another place". */
  readonly choose?: string | PlaceChoice;
  /**
   * For work on the user's folder in place (delete, rename), where no other place can be chosen:
   * what stays as it was, said instead of "choose another place" ("nothing was deleted").
   */
  readonly unchanged?: string;
  /**
   * What Model Lab was doing with the path, so that a refusal names the permission missing: 'read'
   * ("ask for permission to read it"), 'either' when unknown ("ask for access to it"); unset: writing.
   */
  readonly access?: 'read' | 'either';
  /**
   * New files are created in an existing folder (made first when missing): "does not exist" is then
   * a folder that takes no new files (/proc, a folder removed meanwhile), not the file itself.
   */
  readonly creates?: boolean;
}

const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['ENOENT', 'FileNotFound']);
const noNewFiles: Cause = { what: 'its folder takes no new files (or was removed meanwhile)', fix: (c) => c };

/** The fix of a permission refusal while reading, or doing what may be either. */
const PERMISSION_FIX: Readonly<Record<'read' | 'either', (c: string) => string>> = {
  read: (c) => `ask for permission to read it, or ${c}`,
  either: (c) => `ask for access to it, or ${c}`,
};
const PERMISSION_CODES: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'NoPermissions']);

/** Causes whose fix is to choose another place (or to get the right to write there). */
const PLACE_CAUSES: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'NoPermissions', 'EROFS', 'ENOSPC', 'EDQUOT', 'EFBIG', 'EEXIST', 'FileExists', 'ENAMETOOLONG']);

/** A message `base` followed by the way to choose another place (a remedy when it is a flag). */
export function placeError(base: string, choose: PlaceChoice, joiner = ' — ', phrase: (c: string) => string = (c) => c): UserError {
  // The phrase for front ends has the CLI's shape here: joined the same way.
  return remedyError(base, { option: choose.option, text: phrase(choose.text), settingText: phrase(choose.settingText) }, {}, joiner, joiner === ' — ' ? undefined : joiner);
}

/**
 * The UserError for an OS error during `context.doing` on `context.path`, e.g.
 * "/data/models: cannot save the model — the disk is full; free some space, or choose another
 * models folder (--out) on another disk".
 * Returns undefined when `e` is not an OS error (a UserError or a bug is passed on as it is).
 */
export function osUserError(e: unknown, context: OsErrorContext): UserError | undefined {
  if (isUserError(e)) return undefined;
  const code = osErrorCode(e);
  if (code === undefined) return undefined;
  const known = context.creates && NOT_FOUND_CODES.has(code) ? noNewFiles : CAUSES[code]!;
  const cause = context.access && PERMISSION_CODES.has(code) ? { what: known.what, fix: PERMISSION_FIX[context.access] } : known;
  const base = `${context.path}: ${context.doing} — ${cause.what}`;
  if (context.unchanged !== undefined) {
    return new UserError(`${base}; ${PLACE_CAUSES.has(code) ? '' : `${cause.fix('')}; `}${context.unchanged}`);
  }
  const choose = context.choose ?? 'choose another place';
  return typeof choose === 'string' ? new UserError(`${base}; ${cause.fix(choose)}`) : placeError(base, choose, '; ', cause.fix);
}

/**
 * Any OS error that reached the top (the CLI's last catch, the extension's error display) as a
 * UserError naming the path the OS reported; undefined when `e` is not an OS error.
 */
export function anyOsUserError(e: unknown): UserError | undefined {
  const path = typeof e === 'object' && e !== null ? (e as { path?: unknown }).path : undefined;
  const syscall = typeof e === 'object' && e !== null ? (e as { syscall?: unknown }).syscall : undefined;
  const doing = typeof syscall === 'string' ? `cannot ${SYSCALL_WORDS[syscall] ?? 'use it'}` : 'cannot use it';
  const access = typeof syscall === 'string' && WRITE_SYSCALLS.has(syscall) ? undefined : READ_SYSCALLS.has(String(syscall)) ? 'read' : 'either';
  return osUserError(e, { path: typeof path === 'string' ? path : 'a file', doing, ...(access ? { access } : {}) });
}

const SYSCALL_WORDS: Readonly<Record<string, string>> = {
  open: 'open it', read: 'read it', write: 'write it', mkdir: 'create the folder', rmdir: 'remove the folder',
  unlink: 'remove it', rename: 'rename it', link: 'move it', scandir: 'list the folder', stat: 'look at it',
  lstat: 'look at it', realpath: 'resolve the path', chmod: 'set its permissions', rm: 'remove it',
  copyfile: 'copy it', readlink: 'read the link', fsync: 'write it to disk', close: 'write it to disk',
};

/** System calls that read, and that write; open may do either (its flags are not in the error). */
const READ_SYSCALLS: ReadonlySet<string> = new Set(['read', 'scandir', 'stat', 'lstat', 'realpath', 'readlink']);
const WRITE_SYSCALLS: ReadonlySet<string> = new Set(['write', 'mkdir', 'rmdir', 'unlink', 'rename', 'link', 'chmod', 'rm', 'copyfile', 'fsync', 'close']);

/** Runs `work`; an OS error it throws becomes the UserError of `context` (other errors pass unchanged). */
export async function withOsErrors<T>(context: OsErrorContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw osUserError(e, context) ?? e;
  }
}
