#include "malloc_counter.h"
#include <errno.h>
#include <execinfo.h>
#include <stddef.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

// Thread-local: only the thread under test counts (the workers may allocate freely).
static __thread int counting;
static __thread int inside;
static __thread uint64_t count;
// The call stacks of the first few allocations counted, so a report can say where they are.
static __thread void *stacks[MALLOC_COUNTER_CALLERS][8];

void malloc_counter_start(void) {
    void *warm[2];
    backtrace(warm, 2);   // loads the unwinder now, not inside a counted malloc
    count = 0;
    counting = 1;
}

uint64_t malloc_counter_stop(void) { counting = 0; return count; }

void *malloc_counter_caller(int index, int depth) {
    return index < MALLOC_COUNTER_CALLERS && (uint64_t)index < count && depth < 8 ? stacks[index][depth] : 0;
}

static void note(void) {
    if (inside) return;
    inside = 1;
    if (count < MALLOC_COUNTER_CALLERS) backtrace(stacks[count], 8);
    count++;
    inside = 0;
}

void *malloc(size_t size) {
    if (counting) note();
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
    if (counting) note();
    return __libc_calloc(n, size);
}

void *realloc(void *pointer, size_t size) {
    if (counting) note();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    if (counting) note();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) { return memalign(alignment, size); }

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = memalign(alignment, size);
    if (!pointer && size) return ENOMEM;
    *out = pointer;
    return 0;
}

void malloc_counter_print(int index) {
    if (index >= MALLOC_COUNTER_CALLERS || (uint64_t)index >= count) return;
    int depth = 0;
    while (depth < 8 && stacks[index][depth]) depth++;
    backtrace_symbols_fd(stacks[index], depth, 1);
}
