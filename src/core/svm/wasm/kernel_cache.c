#include "kernel_cache.h"
#include "heap.h"
#include "tiering.h"

/* Bytes of libsvm's head_t on 64-bit builds (two pointers, a data pointer, an int, padding). */
#define HEAD_BYTES 32
#define QFLOAT_BYTES 4

__attribute__((export_name("cache_new"))) ONCE struct kernel_cache *cache_new(int l, double size_bytes) {
  struct kernel_cache *c = heap_calloc(sizeof *c);
  c->l = l;
  double size = __builtin_floor(size_bytes / QFLOAT_BYTES);
  size -= __builtin_floor(((double)l * HEAD_BYTES) / QFLOAT_BYTES);
  if (size < 2.0 * l) size = 2.0 * l;
  double slots = __builtin_floor(size / (l > 1 ? l : 1));
  if (slots < 2) slots = 2;
  c->max_slots = slots < l ? (int)slots : l;
  c->data = heap_calloc(sizeof(float *) * (uint64_t)l);
  c->slot_base = heap_alloc(sizeof(float *) * (uint64_t)c->max_slots);
  c->free_slots = heap_alloc(sizeof(int) * (uint64_t)c->max_slots);
  c->slot_of = heap_alloc(sizeof(int) * (uint64_t)l);
  for (int i = 0; i < l; i++) c->slot_of[i] = -1;
  c->len = heap_calloc(sizeof(int) * (uint64_t)l);
  c->prev = heap_alloc(sizeof(int) * (uint64_t)(l + 1));
  c->next = heap_alloc(sizeof(int) * (uint64_t)(l + 1));
  c->prev[l] = l;
  c->next[l] = l;
  return c;
}

static void lru_delete(struct kernel_cache *c, int h) {
  c->next[c->prev[h]] = c->next[h];
  c->prev[c->next[h]] = c->prev[h];
}

static void lru_insert(struct kernel_cache *c, int h) {
  int s = c->l;
  c->next[h] = s;
  c->prev[h] = c->prev[s];
  c->next[c->prev[h]] = h;
  c->prev[s] = h;
}

static void release_column(struct kernel_cache *c, int h) {
  c->free_slots[c->free_count++] = c->slot_of[h];
  c->slot_of[h] = -1;
  c->data[h] = 0;
  c->len[h] = 0;
}

static int acquire_slot(struct kernel_cache *c) {
  if (c->free_count > 0) return c->free_slots[--c->free_count];
  if (c->used_slots < c->max_slots) {
    c->slot_base[c->used_slots] = heap_alloc(sizeof(float) * (uint64_t)c->l);
    return c->used_slots++;
  }
  /* Evict the least recently used column (libsvm frees from lru_head.next). */
  int old = c->next[c->l];
  lru_delete(c, old);
  release_column(c, old);
  return c->free_slots[--c->free_count];
}

__attribute__((export_name("cache_get_data"))) int cache_get_data(struct kernel_cache *c, int index, int len) {
  int hl = c->len[index];
  if (hl) lru_delete(c, index);
  int start = len;
  if (len > hl) {
    if (c->slot_of[index] < 0) {
      int slot = acquire_slot(c);
      c->slot_of[index] = slot;
      c->data[index] = c->slot_base[slot];
    }
    start = hl;
    c->len[index] = len;
  }
  lru_insert(c, index);
  return start;
}

/** Column index's data, or 0 when it is not cached. */
__attribute__((export_name("cache_column"))) float *cache_column(struct kernel_cache *c, int index) {
  return c->data[index];
}

__attribute__((export_name("cache_swap_index"))) HOT void cache_swap_index(struct kernel_cache *c, int i, int j) {
  if (i == j) return;
  if (c->len[i]) lru_delete(c, i);
  if (c->len[j]) lru_delete(c, j);
  float *di = c->data[i]; c->data[i] = c->data[j]; c->data[j] = di;
  int si = c->slot_of[i]; c->slot_of[i] = c->slot_of[j]; c->slot_of[j] = si;
  int li = c->len[i]; c->len[i] = c->len[j]; c->len[j] = li;
  if (c->len[i]) lru_insert(c, i);
  if (c->len[j]) lru_insert(c, j);

  if (i > j) { int t = i; i = j; j = t; }
  int s = c->l;
  for (int h = c->next[s]; h != s;) {
    int following = c->next[h];
    int hl = c->len[h];
    if (hl > i) {
      if (hl > j) {
        float *d = c->data[h];
        float t = d[i]; d[i] = d[j]; d[j] = t;
      } else {
        /* libsvm gives up on a column that covers i but not j. */
        lru_delete(c, h);
        release_column(c, h);
      }
    }
    h = following;
  }
}
