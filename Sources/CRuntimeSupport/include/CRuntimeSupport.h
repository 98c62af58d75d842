// CRuntimeSupport: the few things the runtime cannot write in Swift.
//
// - The call trampoline (`midimon_invoke`): enters WebAssembly code through an entry thunk
//   after a `sigsetjmp`, so that the `trap` builtin (`midimon_trap`) can leave by
//   `siglongjmp`. Activations form a thread-local chain, so a host function may call back
//   into WebAssembly and a trap returns to the innermost caller only.
// - Signal handling: SIGSEGV/SIGBUS inside a registered region (a linear memory's
//   reservation) while this thread runs WebAssembly code becomes a trap; any other fault
//   goes to the handler that was installed before ours, as if we were not there.
// - Per-thread set-up: an alternate signal stack and the bounds of the thread's stack, from
//   which each outermost call derives `VMStoreContext.stackLimit`.
// - Deadlines: one watchdog thread per process sets a store's interrupt flag when the
//   outermost call into it has run past its wall-clock budget (`midimon_store_invoke`).
//
// Only compiled code, the runtime and this file cross the boundary; nothing here allocates
// on the call path.
#ifndef MIDIMON_CRUNTIMESUPPORT_H
#define MIDIMON_CRUNTIMESUPPORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Mirrors of PluginABI's layout
//
// PluginABI's VMContextLayout.swift is the source of truth; the runtime tests assert that
// these C structs have exactly its offsets, so code that uses them cannot drift.

/// `VMStoreContext`: shared by the instances of one store.
typedef struct midimon_vm_store_context {
    int64_t fuel;
    uint64_t stack_limit;
    uint64_t interrupt;
} midimon_vm_store_context;

/// `VMStoreContext.interruptedStackLimit`: the stack limit of an interrupted store.
#define MIDIMON_INTERRUPTED_STACK_LIMIT UINT64_MAX
/// `VMStoreContext.interruptedFlag`: the interrupt flag of an interrupted store.
#define MIDIMON_INTERRUPTED_FLAG ((uint64_t)INT64_MAX)

/// Interrupts running code (any thread): sets the flag, then poisons the stack limit, both
/// sequentially consistent. Loop headers test the flag; function entries fail their stack
/// check, whose trap path reports `deadline exceeded` when the limit is the poison. A call
/// that writes the limit re-reads the flag after (`midimon_invoke`), so one of the two writes
/// the poison last.
void midimon_store_context_interrupt(midimon_vm_store_context *context);

/// `VMMemory`: a linear memory's base (never moves) and its accessible size in bytes.
typedef struct midimon_vm_memory {
    uint8_t *base;
    uint64_t size;
} midimon_vm_memory;

/// `VMTable`: 8-byte elements (`VMFuncRef *` or an externref handle; 0 = null) and their count.
typedef struct midimon_vm_table {
    uint64_t *elements;
    uint64_t size;
} midimon_vm_table;

/// `VMFuncRef`: what a funcref points at.
typedef struct midimon_vm_func_ref {
    void *code;
    uint32_t type_id;
    uint32_t padding;
    void *vmctx;
} midimon_vm_func_ref;

/// The values-array calling convention of entry thunks and host callbacks.
typedef void (*midimon_entry)(void *vmctx, uint64_t *values);
typedef int32_t (*midimon_host_callback)(void *host_context, uint64_t *values);

/// `VMHostContext`: the ABI's two words, then the runtime's own (read only by this runtime):
/// the Swift dispatcher, the host function object and the instance that imported it.
typedef struct midimon_vm_host_context {
    midimon_host_callback callback;
    void *trap;
    midimon_host_callback dispatch;
    void *function;
    void *caller;
} midimon_vm_host_context;

// MARK: - Calls and traps

/// Stack left untouched below `stackLimit` at the low end of a thread's stack: room for the
/// last WebAssembly frame, the trap path, and host functions called from the deepest frame.
#define MIDIMON_STACK_SAFETY_MARGIN (64 * 1024)

/// Calls `entry(vmctx, values)` and returns 0, or the trap code if WebAssembly code trapped
/// (through `midimon_trap` or a fault in a registered region).
///
/// On the thread's outermost call it sets the limit to
/// `max(sp - stack_budget, stack low end + MIDIMON_STACK_SAFETY_MARGIN)`; nested calls (from
/// host functions) reuse the outermost limit. Either way the limit is written to the store
/// context `vmctx` points at. Allocates nothing after the thread's first call.
int32_t midimon_invoke(midimon_entry entry, void *vmctx, uint64_t *values, uint64_t stack_budget);

/// The `trap` builtin: records `code` and `site` and jumps back to the innermost
/// `midimon_invoke`. Called outside WebAssembly, it aborts (that is a runtime bug).
__attribute__((noreturn)) void midimon_trap(void *vmctx, int32_t code, int32_t site);

/// The site of this thread's last trap (0 when unknown, e.g. for a fault).
int32_t midimon_last_trap_site(void);

/// The `vmctx` the trap builtin received on this thread's last trap: the trapping function's
/// VM context (an import adapter passes its `VMHostContext` with site 0). NULL after a fault.
void *midimon_last_trap_vmctx(void);

/// The `VMHostContext.callback` of every host function: marks the thread as running host
/// code (a fault there is never turned into a trap), then calls the context's `dispatch`.
int32_t midimon_host_trampoline(void *host_context, uint64_t *values);

/// Function pointers for the runtime's tables (the C functions' own addresses).
void *midimon_trap_address(void);
void *midimon_host_trampoline_address(void);

/// The trap code a fault in a registered region becomes (PluginABI's `guardPageFault`).
#define MIDIMON_TRAP_GUARD_PAGE_FAULT 14
/// TrapCode.callStackExhausted.
#define MIDIMON_TRAP_CALL_STACK_EXHAUSTED 10
/// How far below the stack's low end a fault still counts as hitting its guard region.
#define MIDIMON_STACK_GUARD_SLACK (1024 * 1024)

// MARK: - Stores and deadlines

/// A store's state: the `VMStoreContext` compiled code reads comes first (a pointer to one is
/// a pointer to the other), then fields only the runtime reads.
typedef struct midimon_store {
    midimon_vm_store_context vm;
    /// Native stack each outermost call may use (bytes). Set between calls.
    uint64_t stack_budget;
    /// Wall-clock budget of each outermost call (nanoseconds); 0 = no deadline. Set between
    /// calls with `midimon_store_set_timeout`.
    uint64_t timeout;
    /// The running outermost call's deadline (CLOCK_MONOTONIC nanoseconds), or 0. Atomic: the
    /// watchdog reads it and takes it (sets it to 0) when it fires.
    uint64_t deadline;
    /// Calls into this store in progress (a host function may call back in); only the thread
    /// calling into the store touches it.
    uint64_t depth;
    /// The watchdog's list of stores, under its mutex.
    struct midimon_store *previous;
    struct midimon_store *next;
} midimon_store;

/// Initializes `store` and puts it on the watchdog's list (takes the watchdog's mutex).
void midimon_store_init(midimon_store *store, int64_t fuel, uint64_t stack_budget, uint64_t timeout);

/// Takes `store` off the watchdog's list; after this returns the watchdog never touches it.
void midimon_store_destroy(midimon_store *store);

/// Sets the per-call budget (0 = none) and, the first time one is set in the process, starts
/// the watchdog thread. Not while a call into the store runs.
void midimon_store_set_timeout(midimon_store *store, uint64_t timeout);

/// `midimon_invoke` with the store's policies around the outermost call into the store:
/// clears its interrupt flag, and with a timeout publishes the call's deadline to the
/// watchdog (a clock read and two atomic operations; the watchdog is woken only when this
/// deadline is earlier than the one it sleeps towards), which it withdraws afterwards.
/// Nested calls (from host functions) run under the outermost call's deadline.
int32_t midimon_store_invoke(midimon_store *store, midimon_entry entry, void *vmctx, uint64_t *values);

/// Whether the watchdog thread has been started (for tests).
int midimon_watchdog_started(void);

// MARK: - Threads and signals

/// Installs the SIGSEGV/SIGBUS handlers (once per process), gives the calling thread an
/// alternate signal stack unless it has one, and reads its stack bounds (once per thread).
/// `midimon_invoke` does this on a thread's first call; a real-time thread calls it early so
/// that its first call allocates nothing.
void midimon_prepare_thread(void);

/// The calling thread's stack: [*low, *high). Both 0 when the system cannot tell.
void midimon_thread_stack_bounds(uintptr_t *low, uintptr_t *high);

/// Registers [start, start + length) as a region where a fault in WebAssembly code is a trap.
/// Returns a slot for `midimon_unregister_region`, or -1 when the fixed table is full.
int32_t midimon_register_region(void *start, size_t length);
void midimon_unregister_region(int32_t slot);

// MARK: - Loader helpers

/// `st_size` of the dynamic symbol at `address` (0 when unknown).
size_t midimon_symbol_size(const void *address);

/// Load address of the shared object containing `address`, or NULL if none does.
const void *midimon_object_base(const void *address);

// MARK: - Atomics for fields another thread writes (the interrupt flag)

static inline void midimon_atomic_store_u64(uint64_t *p, uint64_t value) {
    __atomic_store_n(p, value, __ATOMIC_RELEASE);
}

static inline uint64_t midimon_atomic_load_u64(const uint64_t *p) {
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

#ifdef __cplusplus
}
#endif

#endif
