// Reads git's index file (.git/index, versions 2 to 4) — the staged snapshot with each file's
// stat data and blob id — and its cache-tree extension, which names the tree the index amounts to.
// Only reading; see gitRepository.ts for why git itself is never run.

export interface IndexEntry {
  readonly path: string;
  /** Octal file mode: 0o100644, 0o100755, 0o120000 (link), 0o160000 (submodule). */
  readonly mode: number;
  readonly id: string;
  /** Size and modification time recorded when the file was last staged or checked out. */
  readonly size: number;
  readonly mtimeSeconds: number;
  readonly mtimeNanoseconds: number;
  /** 0 normally; 1–3 during an unresolved merge conflict. */
  readonly stage: number;
  /** Sparse checkout: the file is not in the work tree on purpose. */
  readonly skipWorktree: boolean;
  /** `git add -N`: to be added, no content staged yet. */
  readonly intentToAdd: boolean;
}

export interface GitIndex {
  readonly version: number;
  readonly entries: IndexEntry[];
  /** Tree id of the whole index from the cache-tree extension, when it is up to date. */
  readonly rootTree?: string;
}

const FLAG_EXTENDED = 0x4000;
const FLAG_STAGE_SHIFT = 12;
const NAME_MASK = 0xfff;
const EXT_SKIP_WORKTREE = 0x4000;
const EXT_INTENT_TO_ADD = 0x2000;

class Reader {
  at = 0;
  constructor(readonly b: Uint8Array) {}
  u16(): number {
    const v = (this.b[this.at] << 8) | this.b[this.at + 1];
    this.at += 2;
    return v;
  }
  u32(): number {
    const b = this.b;
    const v = ((b[this.at] << 24) | (b[this.at + 1] << 16) | (b[this.at + 2] << 8) | b[this.at + 3]) >>> 0;
    this.at += 4;
    return v;
  }
  bytes(n: number): Uint8Array {
    if (this.at + n > this.b.length) throw new RangeError('index ends early');
    const v = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  /** git's offset varint (index v4 path prefixes). */
  varint(): number {
    let c = this.b[this.at++];
    let v = c & 0x7f;
    while (c & 0x80) {
      c = this.b[this.at++];
      v = (v + 1) * 128 + (c & 0x7f);
    }
    return v;
  }
}

const decoder = new TextDecoder();
const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/**
 * Parses an index file; hashLength is 20 (SHA-1) or 32 (SHA-256). Throws a RangeError for a file
 * that is not an index of a known version or that ends early.
 */
export function parseGitIndex(bytes: Uint8Array, hashLength: number): GitIndex {
  const r = new Reader(bytes);
  if (decoder.decode(r.bytes(4)) !== 'DIRC') throw new RangeError('not a git index');
  const version = r.u32();
  if (version < 2 || version > 4) throw new RangeError(`index version ${version}`);
  const count = r.u32();
  const entries: IndexEntry[] = [];
  let previous = '';
  for (let i = 0; i < count; i++) {
    const start = r.at;
    r.at += 8; // ctime
    const mtimeSeconds = r.u32();
    const mtimeNanoseconds = r.u32();
    r.at += 8; // dev, ino
    const mode = r.u32();
    r.at += 8; // uid, gid
    const size = r.u32();
    const id = hex(r.bytes(hashLength));
    const flags = r.u16();
    const extended = version >= 3 && (flags & FLAG_EXTENDED) !== 0 ? r.u16() : 0;
    let path: string;
    if (version === 4) {
      const strip = r.varint();
      const nul = bytes.indexOf(0, r.at);
      if (nul < 0 || strip > previous.length) throw new RangeError('index ends early');
      path = previous.slice(0, previous.length - strip) + decoder.decode(bytes.subarray(r.at, nul));
      r.at = nul + 1;
    } else {
      const nameLength = flags & NAME_MASK;
      const nul = nameLength < NAME_MASK ? r.at + nameLength : bytes.indexOf(0, r.at);
      if (nul < 0 || nul > bytes.length) throw new RangeError('index ends early');
      path = decoder.decode(bytes.subarray(r.at, nul));
      // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
      r.at = start + ((nul - start + 8) & ~7);
    }
    previous = path;
    entries.push({
      path, mode, id, size, mtimeSeconds, mtimeNanoseconds,
      stage: (flags >> FLAG_STAGE_SHIFT) & 3,
      skipWorktree: (extended & EXT_SKIP_WORKTREE) !== 0,
      intentToAdd: (extended & EXT_INTENT_TO_ADD) !== 0,
    });
  }
  return { version, entries, rootTree: rootTreeOf(bytes, r.at, hashLength) };
}

/** The root entry of the cache-tree ("TREE") extension, when it is valid (entry count ≥ 0). */
function rootTreeOf(bytes: Uint8Array, at: number, hashLength: number): string | undefined {
  const end = bytes.length - hashLength; // the file ends with a checksum
  while (at + 8 <= end) {
    const signature = decoder.decode(bytes.subarray(at, at + 4));
    const size = ((bytes[at + 4] << 24) | (bytes[at + 5] << 16) | (bytes[at + 6] << 8) | bytes[at + 7]) >>> 0;
    const data = at + 8;
    if (signature === 'TREE') {
      // path NUL entry_count SP subtree_count LF [hash]; the root's path is empty.
      if (bytes[data] !== 0) return undefined;
      const lf = bytes.indexOf(0x0a, data + 1);
      if (lf < 0) return undefined;
      const [entryCount] = decoder.decode(bytes.subarray(data + 1, lf)).split(' ');
      return Number(entryCount) >= 0 ? hex(bytes.subarray(lf + 1, lf + 1 + hashLength)) : undefined;
    }
    at = data + size;
  }
  return undefined;
}
