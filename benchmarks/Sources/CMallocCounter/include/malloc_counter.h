#ifndef MALLOC_COUNTER_H
#define MALLOC_COUNTER_H
#include <stdint.h>

// Counts heap allocations (malloc, calloc, realloc, the aligned forms) made by the calling
// thread while counting is on. The benchmark executable defines malloc & co., which the
// dynamic linker lets interpose glibc's for every library in the process (Swift's runtime
// included); each forwards to glibc's __libc_* functions.
void malloc_counter_start(void);
uint64_t malloc_counter_stop(void);
#define MALLOC_COUNTER_CALLERS 8
// Frame `depth` (0: the counter itself) of allocation `index`s call stack, or NULL.
void *malloc_counter_caller(int index, int depth);
// Writes allocation `index`s call stack to standard output, one frame per line.
void malloc_counter_print(int index);

#endif
