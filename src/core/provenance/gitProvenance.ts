// Ties a model to its code: when the workspace is a git repository, the commit checked out and
// whether the tracked files differ from it ("dirty"), as DVC and MLflow record them. Everything is
// read from .git by gitRepository.ts and gitIndex.ts — git is never run, since a cloned repository
// is untrusted and git would start the programs its configuration names. Untracked files do not
// make a tree dirty (as `git describe --dirty`). The cost is bounded: beyond MAX_FILES tracked
// files, or MAX_HASH_BYTES of files to re-hash, dirtiness is recorded as "unknown".
import { nodeCrypto } from '../io/nodeCrypto';
import type { FileStat, FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { commitTree, findGitRepository, GitObjects, readHead, treeEntries, type GitLocation } from './gitRepository';
import { parseGitIndex, type GitIndex, type IndexEntry } from './gitIndex';

/** What model.json records under "git". */
export interface GitProvenance {
  /** The commit checked out (HEAD), 40 hex digits (64 in a SHA-256 repository). */
  readonly commit: string;
  /** The branch checked out; absent when HEAD is detached. */
  readonly branch?: string;
  /** Whether tracked files (staged or not) differ from the commit; 'unknown' when it could not be told. */
  readonly dirty: boolean | 'unknown';
  /** Some of the tracked files that differ (at most MAX_LISTED), relative to the repository. */
  readonly changed?: string[];
  /** Why dirty is 'unknown'. */
  readonly note?: string;
}

export interface GitProvenanceLimits {
  /** Tracked files beyond which dirtiness is not checked (default 20,000). */
  readonly maxFiles?: number;
  /** Bytes of files re-hashed (their stat data changed) before giving up (default 64 MB). */
  readonly maxHashBytes?: number;
}

const MAX_FILES = 20_000;
const MAX_HASH_BYTES = 64 * (1 << 20);
const MAX_INDEX_BYTES = 128 * (1 << 20);
const MAX_LISTED = 10;
const STAT_CONCURRENCY = 32;
const MODE_FILE = 0o100644;
const MODE_EXECUTABLE = 0o100755;
const MODE_TREE = 0o040000;
const MODE_TYPE_MASK = 0o170000;
/** Attributes that make the work tree's bytes differ from the blob's by design (LFS, CRLF, …). */
const CONVERTING_ATTRIBUTES = /\b(filter|text|eol|crlf|ident|working-tree-encoding)\b/;

/**
 * The git provenance of `dir` (the repository holding it, found by walking up), or undefined when
 * it is not in a repository or the repository has no commit yet. Never throws: what cannot be read
 * makes dirtiness 'unknown'.
 */
export async function gitProvenance(dir: string, fs: FileSystem, limits: GitProvenanceLimits = {}): Promise<GitProvenance | undefined> {
  let loc: GitLocation | undefined;
  try {
    loc = await findGitRepository(fs, dir);
    if (!loc) return undefined;
    const head = await readHead(fs, loc);
    if (!head?.commit) return undefined;
    const base = { commit: head.commit, ...(head.branch !== undefined ? { branch: head.branch } : {}) };
    try {
      return { ...base, ...(await dirtiness(fs, loc, head.commit, limits)) };
    } catch {
      return { ...base, dirty: 'unknown', note: 'the index or objects could not be read' };
    }
  } catch {
    return undefined;
  }
}

type Dirtiness = Pick<GitProvenance, 'dirty' | 'changed' | 'note'>;

async function dirtiness(fs: FileSystem, loc: GitLocation, commit: string, limits: GitProvenanceLimits): Promise<Dirtiness> {
  const hashLength = commit.length / 2;
  const maxFiles = limits.maxFiles ?? MAX_FILES;
  const indexFile = paths.join(loc.gitDir, 'index');
  const indexStat = await fs.stat(indexFile);
  if (!indexStat || indexStat.type !== 'file') return { dirty: 'unknown', note: 'no index file' };
  if (indexStat.size > MAX_INDEX_BYTES) return { dirty: 'unknown', note: 'the index is too large to read' };
  const index = parseGitIndex(await fs.readFile(indexFile), hashLength);
  if (index.entries.length > maxFiles) return { dirty: 'unknown', note: `more than ${maxFiles} tracked files` };

  const changed = new Set<string>();
  let unknown: string | undefined;
  // Staged changes: the index against the commit's tree (one comparison when the cache-tree is up to date).
  const staged = await stagedChanges(new GitObjects(fs, loc, hashLength), commit, index, hashLength, maxFiles);
  if (staged === undefined) unknown = "the commit's files could not be read";
  else for (const p of staged) changed.add(p);
  // Unstaged changes: each tracked file against its index entry (re-hashed only when its stat changed).
  const worktree = await worktreeChanges(fs, loc, index, indexStat.mtimeMs, hashLength, limits.maxHashBytes ?? MAX_HASH_BYTES);
  for (const p of worktree.changed) changed.add(p);
  unknown ??= worktree.unknown;
  if (changed.size > 0) return { dirty: true, changed: [...changed].sort().slice(0, MAX_LISTED) };
  return unknown ? { dirty: 'unknown', note: unknown } : { dirty: false };
}

/** Paths whose staged content differs from the commit; undefined when the commit cannot be read. */
async function stagedChanges(objects: GitObjects, commit: string, index: GitIndex, hashLength: number, maxFiles: number): Promise<string[] | undefined> {
  const commitObject = await objects.read(commit);
  const tree = commitObject && commitTree(commitObject);
  if (!tree) return undefined;
  const conflicts = index.entries.filter((e) => e.stage !== 0 || e.intentToAdd).map((e) => e.path);
  if (index.rootTree === tree && conflicts.length === 0) return [];
  const committed = new Map<string, { mode: number; id: string }>();
  if (!(await flattenTree(objects, tree, '', committed, hashLength, maxFiles))) return undefined;
  const out = new Set(conflicts);
  const staged = new Set<string>();
  for (const e of index.entries) {
    if (e.stage !== 0) continue;
    staged.add(e.path);
    const c = committed.get(e.path);
    if (!c || c.id !== e.id || c.mode !== e.mode) out.add(e.path);
  }
  for (const p of committed.keys()) if (!staged.has(p)) out.add(p);
  return [...out];
}

async function flattenTree(objects: GitObjects, id: string, prefix: string, out: Map<string, { mode: number; id: string }>, hashLength: number, maxFiles: number): Promise<boolean> {
  const tree = await objects.read(id);
  if (!tree || tree.type !== 'tree') return false;
  for (const e of treeEntries(tree, hashLength)) {
    const path = prefix + e.name;
    if ((e.mode & MODE_TYPE_MASK) === MODE_TREE) {
      if (!(await flattenTree(objects, e.id, path + '/', out, hashLength, maxFiles))) return false;
    } else {
      out.set(path, { mode: e.mode, id: e.id });
      if (out.size > maxFiles) return false;
    }
  }
  return true;
}

/** True when a content mismatch may be git's own conversion (LFS, line ends) rather than an edit. */
async function convertsContent(fs: FileSystem, loc: GitLocation, index: GitIndex): Promise<boolean> {
  const read = async (file: string) => {
    const st = await fs.stat(file).catch(() => undefined);
    return st?.type === 'file' && st.size < (1 << 20) ? new TextDecoder().decode(await fs.readFile(file)) : '';
  };
  const config = await read(paths.join(loc.commonDir, 'config'));
  if (/^\s*autocrlf\s*=\s*(true|input)\s*$/im.test(config)) return true;
  const attributeFiles = [paths.join(loc.commonDir, 'info', 'attributes'), ...index.entries.filter((e) => paths.basename(e.path) === '.gitattributes').map((e) => paths.join(loc.workTree, e.path))];
  for (const f of attributeFiles) if (CONVERTING_ATTRIBUTES.test(await read(f))) return true;
  return false;
}

function blobId(content: Uint8Array, hashLength: number): string {
  return nodeCrypto().createHash(hashLength === 32 ? 'sha256' : 'sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function sameStat(e: IndexEntry, st: { size: number; mtimeMs: number }): boolean {
  if (st.size % 2 ** 32 !== e.size) return false;
  // git stores seconds and nanoseconds; some setups store no nanoseconds (0).
  return e.mtimeNanoseconds === 0
    ? Math.floor(st.mtimeMs / 1000) === e.mtimeSeconds
    : Math.abs(st.mtimeMs - (e.mtimeSeconds * 1000 + e.mtimeNanoseconds / 1e6)) < 0.001;
}

/**
 * Every tracked file's stat (undefined where it cannot be looked at): in one go where the file system
 * can (local files: 10,000 in ~40 ms against ~140 ms one by one), else STAT_CONCURRENCY at a time.
 */
async function statAll(fs: FileSystem, files: readonly string[]): Promise<(FileStat | undefined)[]> {
  if (fs.statMany) return fs.statMany(files);
  const out = new Array<FileStat | undefined>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await fs.stat(files[i]).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: STAT_CONCURRENCY }, worker));
  return out;
}

async function worktreeChanges(fs: FileSystem, loc: GitLocation, index: GitIndex, indexMtimeMs: number, hashLength: number, maxHashBytes: number): Promise<{ changed: string[]; unknown?: string }> {
  const changed: string[] = [];
  const suspects: IndexEntry[] = [];
  let unknown: string | undefined;
  const entries = index.entries.filter((e) => e.stage === 0 && !e.skipWorktree && !e.intentToAdd);
  const stats = await statAll(fs, entries.map((e) => paths.join(loc.workTree, e.path)));
  entries.forEach((e, i) => {
    const st = stats[i];
    if (e.mode !== MODE_FILE && e.mode !== MODE_EXECUTABLE) {
      // A submodule or a link: the port cannot read a link's target, so only its absence is seen.
      if (!st) changed.push(e.path);
      return;
    }
    if (!st || st.type !== 'file') changed.push(e.path);
    // "Racily clean": a file changed in the same instant the index was written keeps its stat; git re-hashes those too.
    else if (!sameStat(e, st) || e.mtimeSeconds * 1000 + e.mtimeNanoseconds / 1e6 >= indexMtimeMs) suspects.push(e);
  });
  let hashed = 0;
  let converting: boolean | undefined;
  for (const e of suspects) {
    const file = paths.join(loc.workTree, e.path);
    const st = await fs.stat(file).catch(() => undefined);
    if (!st) {
      changed.push(e.path);
      continue;
    }
    hashed += st.size;
    if (hashed > maxHashBytes) {
      unknown = `more than ${Math.round(maxHashBytes / (1 << 20))} MB of changed-looking files to re-hash`;
      break;
    }
    if (blobId(await fs.readFile(file), hashLength) === e.id) continue;
    converting ??= await convertsContent(fs, loc, index);
    if (converting) unknown = 'the repository converts file contents (filters, line ends): a re-hashed file cannot be compared';
    else changed.push(e.path);
  }
  return { changed, ...(unknown ? { unknown } : {}) };
}

/**
 * Checks model.json's "git" field (as written by training). Throws Error('field "git.…": …') for
 * a value that is not one; `field` names it in messages.
 */
export function parseGitProvenance(value: unknown, field = 'git'): GitProvenance {
  const fail = (key: string, what: string): never => {
    throw new Error(`field "${field}${key ? `.${key}` : ''}": expected ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('', 'an object');
  const v = value as Record<string, unknown>;
  if (typeof v.commit !== 'string' || !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v.commit)) fail('commit', 'a commit id (40 or 64 hex digits)');
  if (v.branch !== undefined && (typeof v.branch !== 'string' || v.branch === '')) fail('branch', 'a branch name');
  if (v.dirty !== true && v.dirty !== false && v.dirty !== 'unknown') fail('dirty', 'true, false or "unknown"');
  if (v.changed !== undefined && !(Array.isArray(v.changed) && v.changed.every((p) => typeof p === 'string'))) fail('changed', 'a list of paths');
  if (v.note !== undefined && typeof v.note !== 'string') fail('note', 'a text');
  return {
    commit: v.commit as string,
    ...(v.branch !== undefined ? { branch: v.branch as string } : {}),
    dirty: v.dirty as GitProvenance['dirty'],
    ...(v.changed !== undefined ? { changed: v.changed as string[] } : {}),
    ...(v.note !== undefined ? { note: v.note as string } : {}),
  };
}
