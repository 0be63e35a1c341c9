#include "heap.h"

#define PAGE_BYTES 65536u
#define ALIGN 16u
/* Growing the memory costs a system call, and V8 counts every grown byte towards its next garbage
 * collection: grow by a quarter of the memory at least, so that a large kernel cache takes a few
 * dozen calls, but never far beyond what is used. */
#define MIN_GROW_PAGES 16u

extern unsigned char __heap_base;
static size_t top;

__attribute__((noinline)) void *heap_alloc(uint64_t bytes) {
  if (top == 0) top = (size_t)&__heap_base;
  size_t start = (top + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (bytes > SIZE_MAX - start) svm_fail(SVM_FAIL_OUT_OF_MEMORY);
  size_t end = start + (size_t)bytes;
  size_t have = __builtin_wasm_memory_size(0) * (size_t)PAGE_BYTES;
  if (end > have) {
    size_t need = (end - have + PAGE_BYTES - 1) / PAGE_BYTES;
    size_t more = have / PAGE_BYTES / 4;
    if (more < MIN_GROW_PAGES) more = MIN_GROW_PAGES;
    if (__builtin_wasm_memory_grow(0, need > more ? need : more) == (size_t)-1 &&
        __builtin_wasm_memory_grow(0, need) == (size_t)-1) {
      svm_fail(SVM_FAIL_OUT_OF_MEMORY);
    }
  }
  top = end;
  return (void *)start;
}

void *heap_calloc(uint64_t bytes) {
  void *p = heap_alloc(bytes);
  __builtin_memset(p, 0, (size_t)bytes);
  return p;
}

size_t heap_mark(void) {
  if (top == 0) top = (size_t)&__heap_base;
  return top;
}

void heap_release(size_t mark) {
  top = mark;
}

/** Empties the heap: svmEngine.ts does before each fit or prediction in an instance it reuses. */
__attribute__((export_name("svm_reset"))) void svm_reset(void) {
  top = (size_t)&__heap_base;
}

/** The JavaScript side allocates its inputs and reads results through this export (svmEngine.ts keeps sizes below 4 GB). */
__attribute__((export_name("svm_alloc"))) void *svm_alloc(size_t bytes) {
  return heap_alloc(bytes);
}
