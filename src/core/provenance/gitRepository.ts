// Reads a git repository's files directly — HEAD, refs, packed-refs, loose and packed objects —
// without running git. The repository is untrusted input (a clone from anywhere): running `git` in
// it could start programs its configuration names (core.fsmonitor, hooks, filters), so nothing of it
// is ever executed here; it is only read, with every size bounded.
import { inflateSync } from 'node:zlib';
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';

/** Where a repository's files are: the work tree, its git dir (per worktree) and the shared dir. */
export interface GitLocation {
  readonly workTree: string;
  /** HEAD and the index live here (.git, or .git/worktrees/NAME for a linked worktree). */
  readonly gitDir: string;
  /** Refs and objects live here (the main .git of a linked worktree). */
  readonly commonDir: string;
}

/** Folders walked up from the start before giving up on finding a repository. */
const MAX_DEPTH = 64;
/** Small files (HEAD, refs, .git files) larger than this are not a repository's. */
const MAX_SMALL_FILE = 64 * 1024;
/** packed-refs and pack indexes larger than this are not read. */
const MAX_REFS_BYTES = 64 * (1 << 20);
/** Pack files larger than this are not read (the port reads whole files): dirtiness is then unknown. */
const MAX_PACK_BYTES = 128 * (1 << 20);
/** Objects larger than this (inflated) are not read: commits and trees are small. */
const MAX_OBJECT_BYTES = 64 * (1 << 20);
/** Delta chains longer than this are refused (git's own default depth is 50). */
const MAX_DELTA_DEPTH = 100;
const MAX_SYMREF_DEPTH = 5;

const decoder = new TextDecoder();
const text = (b: Uint8Array) => decoder.decode(b);

async function readSmall(fs: FileSystem, path: string, max = MAX_SMALL_FILE): Promise<Uint8Array | undefined> {
  const st = await fs.stat(path).catch(() => undefined);
  if (!st || st.type !== 'file' || st.size > max) return undefined;
  return fs.readFile(path).catch(() => undefined);
}

/**
 * The repository holding `startDir` (walking up to the root), or undefined outside one. Follows a
 * `.git` file ("gitdir: …", linked worktrees and submodules) and a worktree's `commondir`.
 */
export async function findGitRepository(fs: FileSystem, startDir: string): Promise<GitLocation | undefined> {
  let dir = startDir;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const dotGit = paths.join(dir, '.git');
    const st = await fs.stat(dotGit).catch(() => undefined);
    if (st?.type === 'directory') return { workTree: dir, gitDir: dotGit, commonDir: await commonDirOf(fs, dotGit) };
    if (st?.type === 'file') {
      const content = await readSmall(fs, dotGit);
      const m = content && /^gitdir: (.+?)\s*$/m.exec(text(content));
      if (m) {
        const gitDir = paths.resolve(dir, m[1]);
        return { workTree: dir, gitDir, commonDir: await commonDirOf(fs, gitDir) };
      }
    }
    const parent = paths.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

async function commonDirOf(fs: FileSystem, gitDir: string): Promise<string> {
  const content = await readSmall(fs, paths.join(gitDir, 'commondir'));
  return content ? paths.resolve(gitDir, text(content).trim()) : gitDir;
}

const OBJECT_ID = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/** What HEAD points at: the commit (undefined before the first commit) and the branch, if any. */
export interface GitHead {
  readonly commit?: string;
  /** 'main' for refs/heads/main; undefined when HEAD is detached. */
  readonly branch?: string;
}

/** Reads HEAD and resolves it through loose refs and packed-refs. */
export async function readHead(fs: FileSystem, loc: GitLocation): Promise<GitHead | undefined> {
  const head = await readSmall(fs, paths.join(loc.gitDir, 'HEAD'));
  if (!head) return undefined;
  let value = text(head).trim();
  let branch: string | undefined;
  for (let depth = 0; depth < MAX_SYMREF_DEPTH; depth++) {
    const ref = /^ref: (refs\/[^\s]+)$/.exec(value)?.[1];
    if (ref === undefined) break;
    if (depth === 0 && ref.startsWith('refs/heads/')) branch = ref.slice('refs/heads/'.length);
    const resolved = await readRef(fs, loc, ref);
    if (resolved === undefined) return { branch }; // an unborn branch: no commit yet
    value = resolved;
  }
  return OBJECT_ID.test(value) ? { commit: value, branch } : { branch };
}

async function readRef(fs: FileSystem, loc: GitLocation, ref: string): Promise<string | undefined> {
  if (ref.split('/').some((s) => s === '..' || s === '.' || s === '')) return undefined;
  for (const base of loc.gitDir === loc.commonDir ? [loc.gitDir] : [loc.gitDir, loc.commonDir]) {
    const loose = await readSmall(fs, paths.join(base, ref));
    if (loose) return text(loose).trim();
  }
  const packed = await readSmall(fs, paths.join(loc.commonDir, 'packed-refs'), MAX_REFS_BYTES);
  if (!packed) return undefined;
  for (const line of text(packed).split('\n')) {
    const [id, name] = line.trim().split(' ');
    if (name === ref && id !== undefined && OBJECT_ID.test(id)) return id;
  }
  return undefined;
}

/** A git object: its type and content. */
export interface GitObject {
  readonly type: 'commit' | 'tree' | 'blob' | 'tag';
  readonly data: Uint8Array;
}

const PACK_TYPES = ['', 'commit', 'tree', 'blob', 'tag'] as const;
const OFS_DELTA = 6;
const REF_DELTA = 7;

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

interface Pack {
  readonly idx: Uint8Array;
  readonly count: number;
  readonly pack: () => Promise<Uint8Array | undefined>;
}

/**
 * Reads objects by id from a repository's loose objects and packs (v2 indexes; offset and ref
 * deltas). Returns undefined when an object is missing or too large to read within the bounds.
 */
export class GitObjects {
  private packs: Pack[] | undefined;

  /** hashLength: 20 bytes (SHA-1 repositories) or 32 (SHA-256 ones). */
  constructor(private readonly fs: FileSystem, private readonly loc: GitLocation, private readonly hashLength: number) {}

  /** Reads an object; undefined when it is not found or not readable within the bounds. */
  async read(id: string): Promise<GitObject | undefined> {
    if (!OBJECT_ID.test(id)) return undefined;
    const loose = await this.readLoose(id);
    if (loose) return loose;
    for (const pack of await this.listPacks()) {
      const offset = findInIndex(pack, id);
      if (offset === undefined) continue;
      const bytes = await pack.pack();
      return bytes ? this.readPacked(bytes, pack, offset, 0) : undefined;
    }
    return undefined;
  }

  private async readLoose(id: string): Promise<GitObject | undefined> {
    const file = paths.join(this.loc.commonDir, 'objects', id.slice(0, 2), id.slice(2));
    const st = await this.fs.stat(file).catch(() => undefined);
    if (!st || st.type !== 'file' || st.size > MAX_OBJECT_BYTES) return undefined;
    let raw: Uint8Array;
    try {
      raw = inflateSync(await this.fs.readFile(file), { maxOutputLength: MAX_OBJECT_BYTES });
    } catch {
      return undefined;
    }
    const nul = raw.indexOf(0);
    const m = /^(commit|tree|blob|tag) (\d+)$/.exec(text(raw.subarray(0, Math.max(0, nul))));
    if (!m) return undefined;
    return { type: m[1] as GitObject['type'], data: raw.subarray(nul + 1) };
  }

  private async listPacks(): Promise<Pack[]> {
    if (this.packs) return this.packs;
    const dir = paths.join(this.loc.commonDir, 'objects', 'pack');
    const names = (await this.fs.readDirectory(dir).catch(() => [])).filter((e) => e.type === 'file' && e.name.endsWith('.idx')).map((e) => e.name);
    const packs: Pack[] = [];
    for (const name of names) {
      const idx = await readSmall(this.fs, paths.join(dir, name), MAX_REFS_BYTES);
      // v2 index: magic \377tOc, version 2, 256 fan-out counts.
      if (!idx || idx.length < 8 + 256 * 4 || idx[0] !== 0xff || idx[1] !== 0x74 || idx[2] !== 0x4f || idx[3] !== 0x63 || u32(idx, 4) !== 2) continue;
      const packFile = paths.join(dir, name.replace(/\.idx$/, '.pack'));
      let cached: Promise<Uint8Array | undefined> | undefined;
      packs.push({
        idx, count: u32(idx, 8 + 255 * 4),
        pack: () => (cached ??= readSmall(this.fs, packFile, MAX_PACK_BYTES)),
      });
    }
    this.packs = packs;
    return packs;
  }

  private async readPacked(pack: Uint8Array, meta: Pack, offset: number, depth: number): Promise<GitObject | undefined> {
    if (depth > MAX_DELTA_DEPTH || offset >= pack.length) return undefined;
    let at = offset;
    let c = pack[at++];
    const type = (c >> 4) & 7;
    let size = c & 15;
    for (let shift = 4; c & 0x80; shift += 7) {
      c = pack[at++];
      size += (c & 0x7f) * 2 ** shift;
    }
    if (size > MAX_OBJECT_BYTES) return undefined;
    if (type >= 1 && type <= 4) {
      const data = inflateAt(pack, at, size);
      return data ? { type: PACK_TYPES[type] as GitObject['type'], data } : undefined;
    }
    let base: GitObject | undefined;
    if (type === OFS_DELTA) {
      c = pack[at++];
      let back = c & 0x7f;
      while (c & 0x80) {
        c = pack[at++];
        back = (back + 1) * 128 + (c & 0x7f);
      }
      base = await this.readPacked(pack, meta, offset - back, depth + 1);
    } else if (type === REF_DELTA) {
      const baseId = hex(pack.subarray(at, at + this.hashLength));
      at += this.hashLength;
      const baseOffset = findInIndex(meta, baseId);
      base = baseOffset !== undefined ? await this.readPacked(pack, meta, baseOffset, depth + 1) : await this.read(baseId);
    } else {
      return undefined;
    }
    const delta = base && inflateAt(pack, at, size);
    const data = base && delta ? applyDelta(base.data, delta) : undefined;
    return base && data ? { type: base.type, data } : undefined;
  }
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Offset of an object in a pack, by binary search in its v2 index. */
function findInIndex(pack: Pack, id: string): number | undefined {
  const idx = pack.idx;
  const hashLength = id.length / 2;
  const first = parseInt(id.slice(0, 2), 16);
  let lo = first === 0 ? 0 : u32(idx, 8 + (first - 1) * 4);
  let hi = u32(idx, 8 + first * 4);
  const names = 8 + 256 * 4;
  const want = Buffer.from(id, 'hex');
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = Buffer.compare(Buffer.from(idx.buffer, idx.byteOffset + names + mid * hashLength, hashLength), want);
    if (cmp === 0) {
      const offsets = names + pack.count * (hashLength + 4);
      const small = u32(idx, offsets + mid * 4);
      if (!(small & 0x80000000)) return small;
      const large = offsets + pack.count * 4 + (small & 0x7fffffff) * 8;
      return u32(idx, large) * 2 ** 32 + u32(idx, large + 4);
    }
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

function inflateAt(pack: Uint8Array, at: number, size: number): Uint8Array | undefined {
  try {
    const out = inflateSync(pack.subarray(at), { maxOutputLength: Math.max(1, size) });
    return out.length === size ? out : undefined;
  } catch {
    return undefined;
  }
}

/** git's delta format: source and target sizes, then copy (from the base) and insert instructions. */
function applyDelta(base: Uint8Array, delta: Uint8Array): Uint8Array | undefined {
  let at = 0;
  const varint = () => {
    let v = 0;
    let shift = 0;
    let c: number;
    do {
      c = delta[at++];
      v += (c & 0x7f) * 2 ** shift;
      shift += 7;
    } while (c & 0x80 && at < delta.length);
    return v;
  };
  if (varint() !== base.length) return undefined;
  const size = varint();
  if (size > MAX_OBJECT_BYTES) return undefined;
  const out = new Uint8Array(size);
  let o = 0;
  while (at < delta.length) {
    const op = delta[at++];
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) offset += delta[at++] * 2 ** (8 * i);
      for (let i = 0; i < 3; i++) if (op & (1 << (4 + i))) length += delta[at++] * 2 ** (8 * i);
      if (length === 0) length = 0x10000;
      if (offset + length > base.length || o + length > size) return undefined;
      out.set(base.subarray(offset, offset + length), o);
      o += length;
    } else if (op > 0) {
      if (o + op > size || at + op > delta.length) return undefined;
      out.set(delta.subarray(at, at + op), o);
      o += op;
      at += op;
    } else {
      return undefined;
    }
  }
  return o === size ? out : undefined;
}

/** The tree id a commit object names. */
export function commitTree(commit: GitObject): string | undefined {
  if (commit.type !== 'commit') return undefined;
  return /^tree ([0-9a-f]{40}|[0-9a-f]{64})$/m.exec(text(commit.data.subarray(0, 200)))?.[1];
}

/** The entries of a tree object: mode (octal text), name and object id. */
export function treeEntries(tree: GitObject, hashLength: number): { mode: number; name: string; id: string }[] {
  const out: { mode: number; name: string; id: string }[] = [];
  const d = tree.data;
  let at = 0;
  while (at < d.length) {
    const space = d.indexOf(0x20, at);
    const nul = d.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 1 + hashLength > d.length) break;
    out.push({ mode: parseInt(text(d.subarray(at, space)), 8), name: text(d.subarray(space + 1, nul)), id: hex(d.subarray(nul + 1, nul + 1 + hashLength)) });
    at = nul + 1 + hashLength;
  }
  return out;
}
