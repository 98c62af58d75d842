import CRuntimeSupport
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
public final class Store: @unchecked Sendable {
    /// Stack each outermost call may use below its own frame (bytes).
    public let stackBudget: Int
    let context: UnsafeMutablePointer<midimon_vm_store_context>
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
    public init(stackBudget: Int = 512 * 1024, fuel: Int64 = .max) {
        self.stackBudget = max(stackBudget, 0)
        context = .allocate(capacity: 1)
        context.initialize(to: midimon_vm_store_context(fuel: fuel, stack_limit: 0, interrupt: 0))
    }

    deinit {
        // Instances go first: their memories and tables are released with them.
        instances.withLock { $0.removeAll() }
        context.deallocate()
    }

    /// Remaining fuel of code compiled with fuel metering; it traps `out of fuel` below zero.
    /// Set it between calls.
    public var fuel: Int64 {
        get { context.pointee.fuel }
        set { context.pointee.fuel = newValue }
    }

    /// Asks running code to stop: code compiled with interruption checks traps with
    /// `deadline exceeded` at its next check. Safe from any thread (a watchdog's).
    public func interrupt() {
        withUnsafeMutablePointer(to: &context.pointee.interrupt) { midimon_atomic_store_u64($0, 1) }
    }

    /// Clears the interrupt flag before the next call.
    public func clearInterrupt() {
        withUnsafeMutablePointer(to: &context.pointee.interrupt) { midimon_atomic_store_u64($0, 0) }
    }

    /// Whether ``interrupt()`` was called since the last ``clearInterrupt()``.
    public var isInterrupted: Bool {
        withUnsafeMutablePointer(to: &context.pointee.interrupt) { midimon_atomic_load_u64($0) != 0 }
    }

    /// The stack limit the last outermost call set (for tests and diagnostics).
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

    func takeHostError() -> String? {
        defer { pendingHostError = nil }
        return pendingHostError
    }
}
