// See include/CRuntimeSupport.h for what this file is for.
#define _GNU_SOURCE
#include "CRuntimeSupport.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

// MARK: - Thread state

/// One `midimon_invoke` in progress on this thread; lives in that call's frame.
struct activation {
    sigjmp_buf env;
    struct activation *previous;
    int was_in_wasm;
};

/// Everything the trampoline, the trap builtin and the signal handler share. Initial-exec
/// TLS: reading it is a plain load off the thread pointer, never a call that could allocate,
/// which the signal handler relies on.
struct thread_state {
    struct activation *innermost;
    /// Non-zero while the innermost activation runs WebAssembly code (not a host function).
    int in_wasm;
    int ready;
    int32_t trap_code;
    int32_t trap_site;
    /// The VM context the trap builtin received (NULL for faults).
    void *trap_vmctx;
    uintptr_t stack_low;
    uintptr_t stack_high;
    /// The limit the outermost call computed; nested calls reuse it.
    uint64_t stack_limit;
};

static __thread struct thread_state thread_state __attribute__((tls_model("initial-exec")));

// MARK: - Calls and traps

int32_t midimon_invoke(midimon_entry entry, void *vmctx, uint64_t *values, uint64_t stack_budget) {
    struct thread_state *t = &thread_state;
    if (__builtin_expect(!t->ready, 0)) midimon_prepare_thread();

    struct activation activation;
    activation.previous = t->innermost;
    activation.was_in_wasm = t->in_wasm;
    if (activation.previous == NULL) {
        uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
        uintptr_t limit = sp > stack_budget ? sp - stack_budget : 0;
        uintptr_t floor = t->stack_low + MIDIMON_STACK_SAFETY_MARGIN;
        t->stack_limit = limit > floor ? limit : floor;
    }
    // Always written: a nested call may enter another store, whose limit must be this
    // thread's too.
    midimon_vm_store_context *store = *(midimon_vm_store_context **)vmctx;
    __atomic_store_n(&store->stack_limit, t->stack_limit, __ATOMIC_SEQ_CST);
    // An interrupt that poisoned the limit before the store above must not be undone by it
    // (see midimon_store_context_interrupt).
    if (__builtin_expect(__atomic_load_n(&store->interrupt, __ATOMIC_SEQ_CST) != 0, 0)) {
        __atomic_store_n(&store->stack_limit, MIDIMON_INTERRUPTED_STACK_LIMIT, __ATOMIC_SEQ_CST);
    }

    t->innermost = &activation;
    t->in_wasm = 1;
    // No signal mask is saved (0): a syscall per call would cost more than the call. The
    // fault handler runs with SA_NODEFER, so jumping out of it leaves nothing blocked.
    if (sigsetjmp(activation.env, 0) == 0) {
        entry(vmctx, values);
        t->innermost = activation.previous;
        t->in_wasm = activation.was_in_wasm;
        return 0;
    }
    t->innermost = activation.previous;
    t->in_wasm = activation.was_in_wasm;
    return t->trap_code;
}

void midimon_store_context_interrupt(midimon_vm_store_context *context) {
    __atomic_store_n(&context->interrupt, MIDIMON_INTERRUPTED_FLAG, __ATOMIC_SEQ_CST);
    __atomic_store_n(&context->stack_limit, MIDIMON_INTERRUPTED_STACK_LIMIT, __ATOMIC_SEQ_CST);
}

void midimon_trap(void *vmctx, int32_t code, int32_t site) {
    (void)vmctx;
    struct thread_state *t = &thread_state;
    if (t->innermost == NULL) abort();
    // 0 means success to the caller of midimon_invoke; a trap must never look like one.
    t->trap_code = code != 0 ? code : -1;
    t->trap_site = site;
    t->trap_vmctx = vmctx;
    siglongjmp(t->innermost->env, 1);
}

int32_t midimon_last_trap_site(void) { return thread_state.trap_site; }

void *midimon_last_trap_vmctx(void) { return thread_state.trap_vmctx; }

int32_t midimon_host_trampoline(void *host_context, uint64_t *values) {
    struct thread_state *t = &thread_state;
    int saved = t->in_wasm;
    t->in_wasm = 0;
    midimon_vm_host_context *context = host_context;
    int32_t code = context->dispatch(host_context, values);
    t->in_wasm = saved;
    return code;
}

void *midimon_trap_address(void) { return (void *)&midimon_trap; }
void *midimon_host_trampoline_address(void) { return (void *)&midimon_host_trampoline; }

// MARK: - Deadlines
//
// One watchdog thread for the whole process. A call publishes its deadline in its store
// (`midimon_store.deadline`, atomic); the watchdog keeps every store on a list, sleeps until
// the earliest published deadline, and for each one that has passed takes it (compare-and-
// swap to 0) and interrupts the store (midimon_store_context_interrupt), which compiled code
// notices at its next function entry or loop header. Nothing on a call's path allocates, and the mutex is taken only
// to wake the watchdog when the new deadline is earlier than the one it sleeps towards (or
// while it is scanning), i.e. about once per timeout period for a steady stream of calls.
//
// Why waking is never lost: the watchdog sets `planned` to 0 ("awake") before it scans and to
// the earliest deadline it found after, holding the mutex from the scan until it waits. A
// caller stores its deadline, then loads `planned` (both sequentially consistent). Either
// the load comes after the watchdog's store of 0 (the caller sees 0, or a value from a scan
// that may have missed it, and wakes the watchdog if that value is not at or before its own
// deadline), or it comes before, and then the deadline was stored before the scan began and
// the scan sees it.
//
// Why a fired deadline never hits the next call: the watchdog takes a deadline and sets the
// flag under the mutex. A call ending withdraws its deadline with an exchange; if the
// watchdog took it first (the exchange finds 0), the call locks and unlocks the mutex, so
// the flag is set before the next call clears it.

static struct {
    pthread_mutex_t mutex;
    pthread_cond_t wake;
    /// When the watchdog next looks (CLOCK_MONOTONIC ns): UINT64_MAX = not before it is woken,
    /// 0 = it is looking now. Atomic.
    uint64_t planned;
    /// Set by a caller (under the mutex) to make the watchdog scan again.
    int kicked;
    int started;
    midimon_store *stores;
} watchdog = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, NULL };

static pthread_once_t watchdog_once = PTHREAD_ONCE_INIT;
static pthread_once_t watchdog_mutex_once = PTHREAD_ONCE_INIT;

/// Priority inheritance: a real-time thread that must wake the watchdog while it scans (its
/// only wait on the mutex) lends the watchdog its priority instead of waiting behind others.
static void init_watchdog_mutex(void) {
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_setprotocol(&attributes, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&watchdog.mutex, &attributes);
    pthread_mutexattr_destroy(&attributes);
}

static uint64_t nanoseconds(struct timespec time) {
    return (uint64_t)time.tv_sec * 1000000000u + (uint64_t)time.tv_nsec;
}

static uint64_t monotonic_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return nanoseconds(now);
}

/// The resolution of CLOCK_MONOTONIC_COARSE (a scheduler tick), read when the watchdog starts.
static uint64_t coarse_resolution;

/// When a call starts: CLOCK_MONOTONIC_COARSE, the same clock as CLOCK_MONOTONIC at tick
/// resolution, is several times cheaper to read (13 ns against 46 ns on the reference VM), and
/// normally lags it by less than one tick, so adding a tick keeps deadlines from firing early.
/// On a VM whose timekeeping vCPU is preempted the lag can exceed a tick by about a millisecond
/// (0.2 and 0.9 ms seen): deadlines are a millisecond-scale safety net, so that error is accepted.
static uint64_t call_start_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return nanoseconds(now) + coarse_resolution;
}

static void *watchdog_main(void *unused) {
    (void)unused;
    pthread_mutex_lock(&watchdog.mutex);
    for (;;) {
        __atomic_store_n(&watchdog.planned, 0, __ATOMIC_SEQ_CST);
        watchdog.kicked = 0;
        uint64_t now = monotonic_now();
        uint64_t earliest = UINT64_MAX;
        for (midimon_store *store = watchdog.stores; store != NULL; store = store->next) {
            uint64_t deadline = __atomic_load_n(&store->deadline, __ATOMIC_SEQ_CST);
            if (deadline == 0) continue;
            if (deadline <= now) {
                // Fails only if the call ended (or a new one began) meanwhile: then not ours.
                if (__atomic_compare_exchange_n(&store->deadline, &deadline, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
                    midimon_store_context_interrupt(&store->vm);
                }
                continue;
            }
            if (deadline < earliest) earliest = deadline;
        }
        __atomic_store_n(&watchdog.planned, earliest, __ATOMIC_SEQ_CST);
        if (watchdog.kicked) continue;
        if (earliest == UINT64_MAX) {
            pthread_cond_wait(&watchdog.wake, &watchdog.mutex);
        } else {
            struct timespec until = { (time_t)(earliest / 1000000000u), (long)(earliest % 1000000000u) };
            pthread_cond_timedwait(&watchdog.wake, &watchdog.mutex, &until);
        }
    }
    return NULL;
}

static void start_watchdog(void) {
    struct timespec resolution;
    coarse_resolution = clock_getres(CLOCK_MONOTONIC_COARSE, &resolution) == 0 ? nanoseconds(resolution) : 10000000u;
    // The condition variable times out on CLOCK_MONOTONIC, like the deadlines.
    pthread_condattr_t condition;
    pthread_condattr_init(&condition);
    pthread_condattr_setclock(&condition, CLOCK_MONOTONIC);
    pthread_cond_destroy(&watchdog.wake);
    pthread_cond_init(&watchdog.wake, &condition);
    pthread_condattr_destroy(&condition);

    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, 64 * 1024);
    // The watchdog takes no signals: they belong to the host's threads.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pthread_t thread;
    if (pthread_create(&thread, &attributes, watchdog_main, NULL) == 0) {
        pthread_setname_np(thread, "midimon-watch");  // 15 characters at most
        __atomic_store_n(&watchdog.started, 1, __ATOMIC_RELEASE);
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    pthread_attr_destroy(&attributes);
}

int midimon_watchdog_started(void) { return __atomic_load_n(&watchdog.started, __ATOMIC_ACQUIRE); }

static void kick_watchdog(void) {
    pthread_mutex_lock(&watchdog.mutex);
    watchdog.kicked = 1;
    pthread_cond_signal(&watchdog.wake);
    pthread_mutex_unlock(&watchdog.mutex);
}

void midimon_store_init(midimon_store *store, int64_t fuel, uint64_t stack_budget, uint64_t timeout) {
    memset(store, 0, sizeof *store);
    store->vm.fuel = fuel;
    store->stack_budget = stack_budget;
    // Every use of the mutex comes after a store exists, so after this.
    pthread_once(&watchdog_mutex_once, init_watchdog_mutex);
    pthread_mutex_lock(&watchdog.mutex);
    store->next = watchdog.stores;
    if (watchdog.stores != NULL) watchdog.stores->previous = store;
    watchdog.stores = store;
    pthread_mutex_unlock(&watchdog.mutex);
    midimon_store_set_timeout(store, timeout);
}

void midimon_store_destroy(midimon_store *store) {
    pthread_mutex_lock(&watchdog.mutex);
    if (store->previous != NULL) store->previous->next = store->next;
    else watchdog.stores = store->next;
    if (store->next != NULL) store->next->previous = store->previous;
    store->previous = store->next = NULL;
    pthread_mutex_unlock(&watchdog.mutex);
}

void midimon_store_set_timeout(midimon_store *store, uint64_t timeout) {
    store->timeout = timeout;
    if (timeout != 0) pthread_once(&watchdog_once, start_watchdog);
}

int32_t midimon_store_invoke(midimon_store *store, midimon_entry entry, void *vmctx, uint64_t *values) {
    int armed = 0;
    if (store->depth++ == 0) {
        // The previous call's deadline (or anyone's interrupt) must not stop this one.
        midimon_atomic_store_u64(&store->vm.interrupt, 0);
        if (store->timeout != 0) {
            uint64_t now = call_start_now();
            uint64_t deadline = store->timeout < UINT64_MAX - 1 - now ? now + store->timeout : UINT64_MAX - 1;
            __atomic_store_n(&store->deadline, deadline, __ATOMIC_SEQ_CST);
            uint64_t planned = __atomic_load_n(&watchdog.planned, __ATOMIC_SEQ_CST);
            if (__builtin_expect(planned == 0 || planned > deadline, 0)) kick_watchdog();
            armed = 1;
        }
    }
    int32_t code = midimon_invoke(entry, vmctx, values, store->stack_budget);
    store->depth -= 1;
    if (armed && __atomic_exchange_n(&store->deadline, 0, __ATOMIC_SEQ_CST) == 0) {
        // The watchdog took the deadline: wait until it has also set the flag.
        pthread_mutex_lock(&watchdog.mutex);
        pthread_mutex_unlock(&watchdog.mutex);
    }
    return code;
}

// MARK: - Regions

/// Fixed, so the signal handler can scan it without locks. A slot is free when `start` is 0
/// and being claimed when it is UINTPTR_MAX (which contains no address). 16384 is as many
/// 8 GiB reservations as a 47-bit address space holds, so registration never runs out first.
#define MAX_REGIONS 16384

static struct {
    uintptr_t start;
    uintptr_t end;
} regions[MAX_REGIONS];
/// One past the highest slot ever used: bounds the handler's scan.
static int32_t region_high_water;

int32_t midimon_register_region(void *start, size_t length) {
    for (int32_t i = 0; i < MAX_REGIONS; i++) {
        uintptr_t expected = 0;
        if (__atomic_compare_exchange_n(&regions[i].start, &expected, UINTPTR_MAX, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
            __atomic_store_n(&regions[i].end, (uintptr_t)start + length, __ATOMIC_RELAXED);
            __atomic_store_n(&regions[i].start, (uintptr_t)start, __ATOMIC_RELEASE);
            int32_t high = __atomic_load_n(&region_high_water, __ATOMIC_RELAXED);
            while (high < i + 1 && !__atomic_compare_exchange_n(&region_high_water, &high, i + 1, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {}
            return i;
        }
    }
    return -1;
}

void midimon_unregister_region(int32_t slot) {
    if (slot < 0 || slot >= MAX_REGIONS) return;
    __atomic_store_n(&regions[slot].start, UINTPTR_MAX, __ATOMIC_RELEASE);
    __atomic_store_n(&regions[slot].end, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&regions[slot].start, 0, __ATOMIC_RELEASE);
}

static int in_region(uintptr_t address) {
    int32_t high = __atomic_load_n(&region_high_water, __ATOMIC_ACQUIRE);
    for (int32_t i = 0; i < high; i++) {
        uintptr_t start = __atomic_load_n(&regions[i].start, __ATOMIC_ACQUIRE);
        if (start == 0 || start == UINTPTR_MAX) continue;
        uintptr_t end = __atomic_load_n(&regions[i].end, __ATOMIC_RELAXED);
        if (address >= start && address < end) return 1;
    }
    return 0;
}

// MARK: - Signals

static struct sigaction previous_segv, previous_bus;

/// Async-signal-safe: reads TLS and the region table, then jumps or chains.
static void handle_fault(int signal, siginfo_t *info, void *context) {
    struct thread_state *t = &thread_state;
    uintptr_t address = (uintptr_t)info->si_addr;
    if (t->innermost != NULL && t->in_wasm && in_region(address)) {
        t->trap_code = MIDIMON_TRAP_GUARD_PAGE_FAULT;
        t->trap_site = 0;
        t->trap_vmctx = NULL;
        siglongjmp(t->innermost->env, 1);
    }
    // A frame too large for what is left of the stack: compiled code probes its frame page by
    // page (stack probes), so the first fault is in the guard region just below the stack,
    // before the stack-limit check at function entry could run. This handler runs on the
    // alternate signal stack, so the exhausted stack is not needed to get here.
    if (t->innermost != NULL && t->in_wasm && t->stack_low != 0 &&
        address < t->stack_low + MIDIMON_STACK_SAFETY_MARGIN &&
        address + MIDIMON_STACK_GUARD_SLACK >= t->stack_low) {
        t->trap_code = MIDIMON_TRAP_CALL_STACK_EXHAUSTED;
        t->trap_site = 0;
        t->trap_vmctx = NULL;
        siglongjmp(t->innermost->env, 1);
    }
    // Not ours: behave as if we had never installed a handler.
    struct sigaction *previous = signal == SIGSEGV ? &previous_segv : &previous_bus;
    if (previous->sa_flags & SA_SIGINFO) {
        previous->sa_sigaction(signal, info, context);
        return;
    }
    if (previous->sa_handler == SIG_DFL || previous->sa_handler == SIG_IGN) {
        // Returning re-executes the faulting instruction, which now gets the default action
        // (ignoring a fault would loop forever, so SIG_IGN is treated as default too).
        struct sigaction fallback;
        memset(&fallback, 0, sizeof fallback);
        fallback.sa_handler = SIG_DFL;
        sigemptyset(&fallback.sa_mask);
        sigaction(signal, &fallback, NULL);
        return;
    }
    previous->sa_handler(signal);
}

static void install_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handle_fault;
    sigemptyset(&action.sa_mask);
    // SA_NODEFER: the handler may leave by siglongjmp without restoring a mask (see
    // midimon_invoke), so the signal must not be blocked while it runs.
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &action, &previous_segv);
    sigaction(SIGBUS, &action, &previous_bus);
}

// MARK: - Thread set-up

/// Enough for our handler and for a chained one (Swift's backtracer hands off quickly).
#define ALTERNATE_STACK_SIZE (64 * 1024)

static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static pthread_key_t alternate_stack_key;

/// Thread exit: take our alternate stack down before unmapping it.
static void release_alternate_stack(void *stack) {
    stack_t disable;
    memset(&disable, 0, sizeof disable);
    disable.ss_flags = SS_DISABLE;
    sigaltstack(&disable, NULL);
    munmap(stack, ALTERNATE_STACK_SIZE);
}

static void install_once_per_process(void) {
    pthread_key_create(&alternate_stack_key, release_alternate_stack);
    install_handlers();
}

void midimon_thread_stack_bounds(uintptr_t *low, uintptr_t *high) {
    *low = 0;
    *high = 0;
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return;
    void *address = NULL;
    size_t size = 0;
    if (pthread_attr_getstack(&attributes, &address, &size) == 0) {
        *low = (uintptr_t)address;
        *high = (uintptr_t)address + size;
    }
    pthread_attr_destroy(&attributes);
}

void midimon_prepare_thread(void) {
    struct thread_state *t = &thread_state;
    if (t->ready) return;
    pthread_once(&install_once, install_once_per_process);
    midimon_thread_stack_bounds(&t->stack_low, &t->stack_high);

    // A fault handler needs a stack of its own: a fault may come with little stack left.
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        void *stack = mmap(NULL, ALTERNATE_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (stack != MAP_FAILED) {
            stack_t alternate;
            memset(&alternate, 0, sizeof alternate);
            alternate.ss_sp = stack;
            alternate.ss_size = ALTERNATE_STACK_SIZE;
            if (sigaltstack(&alternate, NULL) == 0) {
                pthread_setspecific(alternate_stack_key, stack);
            } else {
                munmap(stack, ALTERNATE_STACK_SIZE);
            }
        }
    }
    t->ready = 1;
}

// MARK: - Loader helpers

size_t midimon_symbol_size(const void *address) {
    Dl_info info;
    const ElfW(Sym) *symbol = NULL;
    if (dladdr1(address, &info, (void **)&symbol, RTLD_DL_SYMENT) == 0 || symbol == NULL) return 0;
    return symbol->st_size;
}

const void *midimon_object_base(const void *address) {
    Dl_info info;
    if (dladdr(address, &info) == 0) return NULL;
    return info.dli_fbase;
}
