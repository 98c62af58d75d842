import CRuntimeSupport
import FrontEnd
import PluginABI

/// A function the host provides for a module to import.
///
/// Compiled code calls it through the module's import adapter, which packs the arguments
/// into a values array and calls the `VMHostContext` callback; the runtime's context for each
/// importing instance leads here. The instance keeps the host function alive.
public final class HostFunction: @unchecked Sendable {
    /// The raw form: parameters in `values[0..<parameters.count]` (8-byte slots, i32/f32 in
    /// the low half), results to be written to `values[0..<results.count]`. Return nil, or a
    /// trap code to make the calling WebAssembly code trap. Allocation-free if the body is.
    public typealias Body = (Caller, UnsafeMutablePointer<UInt64>) -> TrapCode?

    public let type: FunctionType
    let body: Body

    /// A host function with the raw calling convention (the daemon's real-time path).
    public init(type: FunctionType, body: @escaping Body) {
        self.type = type
        self.body = body
    }

    /// A host function over typed values. A thrown error, or results that do not match
    /// ``type``, trap the caller with ``TrapCode/hostError``; the message is kept for the
    /// trap report.
    public convenience init(type: FunctionType, _ body: @escaping (Caller, [Value]) throws -> [Value]) {
        self.init(type: type) { caller, values in
            let store = caller.store
            let arguments = type.parameters.enumerated().map { i, t in Value(bits: values[i], type: t, store: store) }
            let results: [Value]
            do {
                results = try body(caller, arguments)
            } catch {
                store.pendingHostError = "\(error)"
                return .hostError
            }
            guard results.map(\.type) == type.results else {
                store.pendingHostError = "results \(results.map(\.type)) do not match \(type)"
                return .hostError
            }
            for (i, result) in results.enumerated() {
                guard let bits = result.bits(in: store) else {
                    store.pendingHostError = "result \(i) is a function of another store"
                    return .hostError
                }
                values[i] = bits
            }
            return nil
        }
    }
}

/// What a host function knows about its call: the instance that imported it (when a funcref
/// to the import is called from another instance, still the importer).
public struct Caller {
    let state: Unmanaged<InstanceState>

    /// The importing instance's store.
    public var store: Store { state._withUnsafeGuaranteedRef { $0.store } }

    /// The importing instance's memory, if it has one.
    public var memory: Memory? {
        state._withUnsafeGuaranteedRef { state in state.memory.map { Memory(store: state.store, storage: $0) } }
    }
}

/// `VMHostContext.dispatch`: from the C trampoline to the Swift body. Never unwinds.
let hostDispatch: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt64>?) -> Int32 = { context, values in
    let block = context.unsafelyUnwrapped.assumingMemoryBound(to: midimon_vm_host_context.self)
    let function = Unmanaged<HostFunction>.fromOpaque(block.pointee.function).takeUnretainedValue()
    let caller = Caller(state: Unmanaged<InstanceState>.fromOpaque(block.pointee.caller))
    return function.body(caller, values.unsafelyUnwrapped)?.rawValue ?? 0
}
