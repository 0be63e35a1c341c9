/*
 * Memory of the compiled SVM: one bump allocator over the WebAssembly linear memory. Every fit or
 * prediction starts from an empty heap (svm_reset, or a fresh instance; svmEngine.ts), so nothing
 * is ever freed one by one: a sub-problem takes a mark, allocates, and releases back to the mark
 * when it is done, so the next one reuses the same pages. Allocations are 16-byte aligned;
 * heap_calloc zeroes, heap_alloc does not (reused pages hold old values). Sizes are 64-bit so that a product of counts cannot wrap below the 4 GB the memory can
 * hold: what does not fit fails (env.fail), it is never cut short.
 */
#ifndef SVM_HEAP_H
#define SVM_HEAP_H

#include <stddef.h>
#include <stdint.h>

/** Raised to JavaScript (import env.fail) when the linear memory cannot grow; never returns. */
#define SVM_FAIL_OUT_OF_MEMORY 1

__attribute__((import_module("env"), import_name("fail"))) _Noreturn void svm_fail(int code);

void *heap_alloc(uint64_t bytes);
void *heap_calloc(uint64_t bytes);
size_t heap_mark(void);
void heap_release(size_t mark);

#endif
