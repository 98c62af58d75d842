import CRuntimeSupport
import FrontEnd
import PluginABI

/// A function of an instance (or a host function an instance imported and re-exported), as
/// the host calls it and as a funcref value.
///
/// Two ways to call: ``call(_:)`` with typed ``Value``s, which allocates its arguments and
/// results, and ``invoke(_:)``, the daemon's path, which takes a values array the caller
/// owns and allocates nothing, throws nothing, and takes no lock except, about once per
/// deadline period, to wake the watchdog (``Store/deadline``).
public struct Function: @unchecked Sendable, Equatable {
    /// The store the function lives in; the handle keeps it alive.
    public let store: Store
    public let type: FunctionType
    /// For diagnostics: `"run" in plugin.so`, or the function index.
    public let name: String
    /// Its `VMFuncRef` in some instance's VM context: the funcref value.
    let reference: UnsafeMutableRawPointer
    let target: Target

    /// How the host reaches it.
    enum Target {
        /// Compiled code: its entry thunk (nil when the artifact has none: not exported and
        /// not the start function, so only WebAssembly code can call it) and its context.
        case compiled(entry: midimon_entry?, vmctx: UnsafeMutableRawPointer)
        /// A host function, through its `VMHostContext`.
        case host(context: UnsafeMutableRawPointer)
    }

    /// Whether the host can call it (see ``Target/compiled(entry:vmctx:)``).
    public var isCallable: Bool {
        if case .compiled(nil, _) = target { return false }
        return true
    }

    /// Calls with parameters in `values[0..<parameters.count]`, 8 bytes each (i32 and f32 in
    /// the low half, references as slot bits), and leaves the results in
    /// `values[0..<results.count]`; `values` must have room for both. Returns nil, or the
    /// trap code (the trapping site is then ``Runtime/lastTrapSite``, and
    /// ``lastTrapLocation()`` says where it is).
    ///
    /// The store's limits apply (``Store/stackBudget``, ``Store/deadline``, fuel).
    /// Nothing is checked: the caller passes values of the right types.
    @inline(__always)
    public func invoke(_ values: UnsafeMutablePointer<UInt64>) -> TrapCode? {
        let code = invokeRaw(values)
        return code == 0 ? nil : TrapCode(rawValue: code) ?? .unreachable
    }

    /// 0 or the raw trap code.
    @inline(__always)
    private func invokeRaw(_ values: UnsafeMutablePointer<UInt64>) -> Int32 {
        switch target {
        case .compiled(let entry?, let vmctx):
            midimon_store_invoke(store.state, entry, vmctx, values)
        case .compiled(nil, _):
            TrapCode.hostError.rawValue
        case .host(let context):
            midimon_host_trampoline(context, values)
        }
    }

    /// Calls with typed arguments and returns the results. Arguments of the wrong number or
    /// type, or a funcref from another store, are refused as a ``TrapCode/hostError`` trap
    /// before any code runs.
    public func call(_ arguments: [Value]) throws(Trap) -> [Value] {
        guard arguments.map(\.type) == type.parameters else {
            throw Trap(.hostError, function: name, detail: "arguments \(arguments.map(\.type)) do not match \(type)")
        }
        guard isCallable else {
            throw Trap(.hostError, function: name, detail: "the artifact has no entry for this function (not exported)")
        }
        var values = [UInt64](repeating: 0, count: max(type.parameters.count, type.results.count, 1))
        for (i, argument) in arguments.enumerated() {
            guard let bits = argument.bits(in: store) else {
                throw Trap(.hostError, function: name, detail: "argument \(i) is a function of another store")
            }
            values[i] = bits
        }
        let code = values.withUnsafeMutableBufferPointer { invokeRaw($0.baseAddress!) }
        if code != 0 {
            // A host function's own code carries no site; a stale one must not show.
            let site: Int32 = if case .host = target { 0 } else { midimon_last_trap_site() }
            let location: TrapLocation? = if case .host = target { nil } else { lastTrapLocation() }
            let detail = store.takeHostError()
            throw Trap(rawCode: code, site: site, function: name, location: location,
                       detail: code == TrapCode.hostError.rawValue ? detail : nil)
        }
        return type.results.enumerated().map { i, t in Value(bits: values[i], type: t, store: store) }
    }

    /// Where this thread's last trap happened, after ``invoke(_:)`` returned a trap code from
    /// this function (ask on the same thread, before the next call). Cold: it may scan the
    /// store's instances. ``TrapLocation/Place/unknownFunction`` when the trap carries no
    /// site (a fault, a host function's failure) or its code is not in this store.
    public func lastTrapLocation() -> TrapLocation {
        let unknown = TrapLocation(.unknownFunction, offset: nil)
        let site = midimon_last_trap_site()
        // Only the trap builtin called from compiled code records a site; the context it was
        // given is then the trapping function's own (an import adapter passes site 0).
        guard site > 0, let context = midimon_last_trap_vmctx() else { return unknown }
        let own: UnsafeRawPointer? = if case .compiled(_, let vmctx) = target { UnsafeRawPointer(vmctx) } else { nil }
        guard let artifact = store.artifact(ofContext: UnsafeRawPointer(context), trusted: own) else { return unknown }
        return artifact.location(ofSite: Int(site)) ?? TrapLocation(.unknownFunction, offset: Int(site))
    }

    public static func == (a: Function, b: Function) -> Bool {
        a.store === b.store && a.reference == b.reference
    }
}

extension Runtime {
    /// The site of this thread's last trap (0 when unknown), for callers of
    /// ``Function/invoke(_:)``.
    public static var lastTrapSite: Int32 { midimon_last_trap_site() }
}
