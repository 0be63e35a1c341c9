/*
 * Kernel column cache ported from scikit-learn's libsvm (sklearn/svm/src/libsvm/svm.cpp, class Cache).
 * Copyright (c) 2000-2009 Chih-Chung Chang and Chih-Jen Lin. All rights reserved.
 * BSD-3-Clause; the full notice is in LIBSVM-LICENSE.txt in the folder above.
 *
 * Least-recently-used columns of the float32 Q matrix, bounded in bytes like libsvm's (the budget
 * counts Qfloat entries minus libsvm's per-column header, and never drops below two columns).
 * One difference: every cached column owns a full-length slot and is charged l entries, instead
 * of being realloc'ed to its current length, so slots are plain bump allocations (heap.h) that the
 * next sub-problem reuses. Which columns stay cached never changes a computed value, only how
 * often one is recomputed.
 */
#ifndef SVM_KERNEL_CACHE_H
#define SVM_KERNEL_CACHE_H

struct kernel_cache {
  int l;
  int max_slots;
  int used_slots;
  int free_count;
  /** Column data (a full-length slot) or 0 when the column is not cached. */
  float **data;
  float **slot_base;
  int *free_slots;
  int *slot_of;
  /** Entries [0, len) of a cached column are valid (0: not cached). */
  int *len;
  /* Circular doubly linked LRU list; node l is the sentinel (libsvm's lru_head). */
  int *prev;
  int *next;
};

/** A cache for l columns within size_bytes (doubles: the budget may pass 2^31 bytes). */
struct kernel_cache *cache_new(int l, double size_bytes);

/**
 * Makes column index hold at least len valid entries; returns the position from which entries
 * still have to be filled (>= len when all are cached). The column is cache->data[index].
 */
int cache_get_data(struct kernel_cache *c, int index, int len);

void cache_swap_index(struct kernel_cache *c, int i, int j);

#endif
