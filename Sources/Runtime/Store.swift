import CRuntimeSupport
import PluginABI
import Synchronization

/// A group of instances that call each other: they share one `VMStoreContext` (fuel, stack
/// limit, interrupt flag) and one lifetime.
///
/// Lifetime: a store keeps every instance created in it until the store itself goes away,
/// because function references escape into tables and globals that other instances of the
/// store read, and nothing tracks them. Handles (``Instance``, ``Function``, ``Memory``,
/// ``Table``, ``Global``) keep their store alive, so dropping the last handle and the store
/// frees everything at once: a daemon gives each plugin (or group of plugins that link to
/// each other) its own store.
///
/// Threads: calls into one store must not overlap in time from different threads (they share
/// the stack limit); any thread may make them in turn. ``interrupt()`` may be called from any
/// thread at any time.
///
/// Limits: ``stackBudget`` and ``deadline`` apply to every outermost call into the store (a
/// call from the host, not one a host function makes back into WebAssembly); fuel is one
/// budget for the store's whole life, set between calls. Memory and table limits belong to
/// instances (``InstanceConfiguration``).
public final class Store: @unchecked Sendable {
    /// 5 s: far more than any MIDI callback needs, and a hung plugin stops in time to notice.
    public static let defaultDeadline: Duration = .seconds(5)
    /// 512 KiB.
    public static let defaultStackBudget = 512 * 1024

    /// Stack each outermost call may use below its own frame (bytes).
    public let stackBudget: Int
    /// The C side's state: the `VMStoreContext` first, then the deadline fields (CRuntimeSupport.h).
    let state: UnsafeMutablePointer<midimon_store>
    /// The `VMStoreContext` compiled code reads (the start of ``state``).
    var context: UnsafeMutablePointer<midimon_vm_store_context> {
        UnsafeMutableRawPointer(state).assumingMemoryBound(to: midimon_vm_store_context.self)
    }
    /// Every instance created here, including the few failed instantiations whose functions
    /// may already be referenced from shared tables.
    private let instances = Mutex<[InstanceState]>([])
    /// What the last failing host function said; read once by the trap report. Only the
    /// thread calling into the store touches it.
    var pendingHostError: String?

    /// - Parameters:
    ///   - stackBudget: native stack that WebAssembly code may use per outermost call, before
    ///     it traps with `call stack exhausted` (never more than the thread has, less a safety
    ///     margin).
    ///   - fuel: the initial budget for artifacts compiled with fuel metering.
    ///   - deadline: wall-clock time each outermost call may take before it traps with
    ///     `deadline exceeded` (see ``deadline``); nil for none.
    public init(stackBudget: Int = Store.defaultStackBudget, fuel: Int64 = .max,
                deadline: Duration? = Store.defaultDeadline) {
        self.stackBudget = max(stackBudget, 0)
        state = .allocate(capacity: 1)
        midimon_store_init(state, fuel, UInt64(self.stackBudget), Self.nanoseconds(deadline))
    }

    deinit {
        // Off the watchdog's list first: it never touches a freed store.
        midimon_store_destroy(state)
        // Instances go next: their memories and tables are released with them.
        instances.withLock { $0.removeAll() }
        state.deallocate()
    }

    /// The wall-clock budget of each outermost call, nil for none. When it has passed, a
    /// watchdog thread (one for the whole process) interrupts the store (``interrupt()``), so
    /// the call traps with `deadline exceeded` at its next function entry or loop header,
    /// whether or not it was compiled with fuel. Time spent in host functions counts; the
    /// trap comes when control is back in WebAssembly. A zero or negative budget traps at the
    /// first check. Set it between calls (the daemon may change it before each one; setting
    /// it is two stores, and the first non-nil value starts the watchdog thread).
    ///
    /// Cost per call with a deadline: a coarse clock read and three atomic operations; the
    /// watchdog is woken (a mutex and a futex call) only when a call's deadline is earlier
    /// than the one it sleeps towards, about once per period for a steady stream of calls.
    public var deadline: Duration? {
        get {
            let timeout = state.pointee.timeout
            return timeout == 0 ? nil : .nanoseconds(Int64(clamping: timeout))
        }
        set { midimon_store_set_timeout(state, Self.nanoseconds(newValue)) }
    }

    /// The C side's encoding of a deadline: nanoseconds, at least 1; 0 for none.
    private static func nanoseconds(_ duration: Duration?) -> UInt64 {
        guard let duration else { return 0 }
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, duration > .zero else { return 1 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        let (total, carry) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        return carry ? .max : max(total, 1)
    }

    /// Remaining fuel of code compiled with fuel metering; it traps `out of fuel` below zero.
    /// Set it between calls.
    public var fuel: Int64 {
        get { context.pointee.fuel }
        set { context.pointee.fuel = newValue }
    }

    /// Asks running code to stop: compiled code traps with `deadline exceeded` at its next
    /// function entry or loop header. Safe from any thread (a watchdog's). The flag is cleared
    /// when the next outermost call starts, so an interrupt sent between calls is lost.
    public func interrupt() {
        midimon_store_context_interrupt(context)
    }

    /// Clears the interrupt flag (the next outermost call does it too).
    public func clearInterrupt() {
        withUnsafeMutablePointer(to: &context.pointee.interrupt) { midimon_atomic_store_u64($0, 0) }
    }

    /// Whether ``interrupt()`` was called since the last ``clearInterrupt()``.
    public var isInterrupted: Bool { interruptFlag != 0 }

    /// The raw flag: 0, or `VMStoreContext.interruptedFlag` (for tests and diagnostics).
    public var interruptFlag: UInt64 {
        withUnsafeMutablePointer(to: &context.pointee.interrupt) { midimon_atomic_load_u64($0) }
    }

    /// The stack limit the last outermost call set, or `VMStoreContext.interruptedStackLimit`
    /// after ``interrupt()`` (for tests and diagnostics).
    public var stackLimit: UInt64 { context.pointee.stack_limit }

    func retain(_ instance: InstanceState) {
        instances.withLock { $0.append(instance) }
    }

    /// The function a funcref value (a `VMFuncRef` address in some instance's VM context)
    /// stands for. Cold: a scan over the store's instances.
    func function(fromReference bits: UInt64) -> Function? {
        guard bits != 0 else { return nil }
        let address = UInt(bits)
        let owner = instances.withLock { list in list.first { $0.containsFuncRef(address) } }
        return owner?.function(atFuncRef: address, store: self)
    }

    /// The artifact whose instance has VM context `vmctx`: `trusted` (a context the caller
    /// knows is an instance's) or one of this store's instances. Cold: a scan.
    func artifact(ofContext vmctx: UnsafeRawPointer, trusted: UnsafeRawPointer?) -> Artifact? {
        if vmctx == trusted {
            let instance = vmctx.load(fromByteOffset: VMOffsets.instance, as: UnsafeRawPointer.self)
            return Unmanaged<InstanceState>.fromOpaque(instance).takeUnretainedValue().artifact
        }
        return instances.withLock { list in list.first { UnsafeRawPointer($0.vmctx) == vmctx }?.artifact }
    }

    func takeHostError() -> String? {
        defer { pendingHostError = nil }
        return pendingHostError
    }
}
