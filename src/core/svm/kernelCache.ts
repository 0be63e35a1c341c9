/*
 * Kernel column cache ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, class Cache).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt next to this file.
 *
 * Least-recently-used columns of the float32 Q matrix, bounded in bytes like libsvm's (the budget
 * counts Qfloat entries minus libsvm's per-column header, and never drops below two columns).
 * One difference, for speed in JavaScript: every cached column owns a full-length slot of a few
 * large preallocated slabs and is charged l entries, instead of being realloc'ed to its current
 * length. Allocating and collecting thousands of typed arrays cost more than the kernel itself;
 * which columns stay cached never changes a computed value, only how often one is recomputed.
 * The slabs come from a SlabPool that the one-vs-one sub-problems share, so each pair reuses the
 * previous pair's memory instead of allocating (and zeroing) its own.
 */

/** Bytes of libsvm's head_t on 64-bit builds (two pointers, a data pointer, an int, padding). */
const HEAD_BYTES = 32;
const QFLOAT_BYTES = 4;
/** Floats per slab (16 MB). */
const SLAB_FLOATS = 1 << 22;

/** Float32 slabs handed from one sub-problem's cache to the next (at most one cache uses them at a time). */
export class SlabPool {
  private readonly free: Float32Array[] = [];

  /** A slab of at least `floats` entries (its first `floats` are used). */
  take(floats: number): Float32Array {
    let best = -1;
    for (let k = 0; k < this.free.length; k++) {
      const len = this.free[k].length;
      if (len >= floats && (best < 0 || len < this.free[best].length)) best = k;
    }
    if (best < 0) {
      // Nothing fits: drop the smaller slabs so the pool never holds more than one cache's worth.
      this.free.length = 0;
      return new Float32Array(floats);
    }
    return this.free.splice(best, 1)[0];
  }

  give(slabs: Float32Array[]): void {
    for (const s of slabs) this.free.push(s);
  }
}

export class KernelCache {
  private readonly l: number;
  private readonly maxSlots: number;
  private readonly slotsPerSlab: number;
  private readonly slabs: Float32Array[] = [];
  private readonly slotViews: Float32Array[] = [];
  private readonly freeSlots: number[] = [];
  /** Column data (a full-length slot) or null when the column is not cached. */
  readonly data: (Float32Array | null)[];
  private readonly slotOf: Int32Array;
  /** Entries [0, len) of a cached column are valid (0: not cached). */
  private readonly len: Int32Array;
  // Circular doubly linked LRU list; node `l` is the sentinel (libsvm's lru_head).
  private readonly prev: Int32Array;
  private readonly next: Int32Array;

  private readonly pool: SlabPool;

  constructor(l: number, sizeBytes: number, pool: SlabPool = new SlabPool()) {
    this.l = l;
    this.pool = pool;
    let size = Math.floor(sizeBytes / QFLOAT_BYTES);
    size -= Math.floor((l * HEAD_BYTES) / QFLOAT_BYTES);
    size = Math.max(size, 2 * l);
    this.maxSlots = Math.min(l, Math.max(2, Math.floor(size / Math.max(l, 1))));
    this.slotsPerSlab = Math.max(1, Math.min(this.maxSlots, Math.floor(SLAB_FLOATS / Math.max(l, 1))));
    this.data = new Array<Float32Array | null>(l).fill(null);
    this.slotOf = new Int32Array(l).fill(-1);
    this.len = new Int32Array(l);
    this.prev = new Int32Array(l + 1);
    this.next = new Int32Array(l + 1);
    this.prev[l] = l;
    this.next[l] = l;
  }

  private lruDelete(h: number): void {
    this.next[this.prev[h]] = this.next[h];
    this.prev[this.next[h]] = this.prev[h];
  }

  private lruInsert(h: number): void {
    const s = this.l;
    this.next[h] = s;
    this.prev[h] = this.prev[s];
    this.next[this.prev[h]] = h;
    this.prev[s] = h;
  }

  /** Returns every slab to the pool; the cache must not be used afterwards. */
  release(): void {
    this.pool.give(this.slabs);
    this.slabs.length = 0;
    this.slotViews.length = 0;
  }

  private releaseColumn(h: number): void {
    this.freeSlots.push(this.slotOf[h]);
    this.slotOf[h] = -1;
    this.data[h] = null;
    this.len[h] = 0;
  }

  private acquireSlot(): number {
    if (this.freeSlots.length > 0) return this.freeSlots.pop()!;
    const fresh = this.slotViews.length;
    if (fresh < this.maxSlots) {
      const slab = Math.floor(fresh / this.slotsPerSlab);
      if (slab === this.slabs.length) {
        const slots = Math.min(this.slotsPerSlab, this.maxSlots - fresh);
        this.slabs.push(this.pool.take(slots * this.l));
      }
      const at = (fresh % this.slotsPerSlab) * this.l;
      this.slotViews.push(this.slabs[slab].subarray(at, at + this.l));
      return fresh;
    }
    // Evict the least recently used column (libsvm frees from lru_head.next).
    const old = this.next[this.l];
    this.lruDelete(old);
    this.releaseColumn(old);
    return this.freeSlots.pop()!;
  }

  /**
   * Makes column `index` hold at least `len` valid entries; returns the position from which entries
   * still have to be filled (>= len when all are cached). The column is `data[index]`.
   */
  getData(index: number, len: number): number {
    const hl = this.len[index];
    if (hl) this.lruDelete(index);
    let start = len;
    if (len > hl) {
      if (this.slotOf[index] < 0) {
        const slot = this.acquireSlot();
        this.slotOf[index] = slot;
        this.data[index] = this.slotViews[slot];
      }
      start = hl;
      this.len[index] = len;
    }
    this.lruInsert(index);
    return start;
  }

  swapIndex(i: number, j: number): void {
    if (i === j) return;
    if (this.len[i]) this.lruDelete(i);
    if (this.len[j]) this.lruDelete(j);
    const di = this.data[i]; this.data[i] = this.data[j]; this.data[j] = di;
    const si = this.slotOf[i]; this.slotOf[i] = this.slotOf[j]; this.slotOf[j] = si;
    const li = this.len[i]; this.len[i] = this.len[j]; this.len[j] = li;
    if (this.len[i]) this.lruInsert(i);
    if (this.len[j]) this.lruInsert(j);

    if (i > j) { const t = i; i = j; j = t; }
    const s = this.l;
    for (let h = this.next[s]; h !== s;) {
      const following = this.next[h];
      const hl = this.len[h];
      if (hl > i) {
        if (hl > j) {
          const d = this.data[h]!;
          const t = d[i];
          d[i] = d[j];
          d[j] = t;
        } else {
          // libsvm gives up on a column that covers i but not j.
          this.lruDelete(h);
          this.releaseColumn(h);
        }
      }
      h = following;
    }
  }
}
