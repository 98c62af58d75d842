import Foundation
import PluginABI
import Runtime

/// A loaded plugin: instantiated once, reused for every call (docs/plugin-abi.md). JSON-ABI
/// plugins are called with ``execute(_:)``; event-ABI plugins with ``onEvent(message:timestamp:)``,
/// which allocates nothing.
///
/// Calls into one instance must not overlap (its store's rule); any thread may make them in turn.
public final class PluginInstance: @unchecked Sendable {
    public let manifest: PluginManifest
    public let context: PluginContext
    public let instance: Instance
    public let signature: PluginSignature.State
    /// Where the compiled code came from (`cache entry 1a2b…`, `compiled in 0.8 s`).
    public let origin: String
    /// Load-time warnings (also in the log): `unverified`, ungranted capabilities, unknown fields.
    public let warnings: [String]
    /// The JSON ABI's metadata from `init`, as text (nil for the event ABI).
    public private(set) var metadataJSON: String?
    /// Its `name`, `version` and action names, when present.
    public private(set) var metadata: PluginMetadata?

    public var name: String { manifest.name }
    public var log: PluginLog { context.log }
    public var emitBuffer: EmitBuffer { context.emitBuffer }
    public var parameters: ParameterBlock { context.parameters }

    private let fuelPerCall: Int64?
    /// The event path's values array (2 slots), allocated once.
    private let eventValues: UnsafeMutablePointer<UInt64>
    /// `midimon_on_event`'s `invoke`, through a closure that captured the Function: a Function
    /// stored in the instance (optional, boxed or behind a pointer) was copied through its
    /// value witnesses on every event, retaining and releasing its store, type and name (about
    /// 30 ns, more than the call itself); a captured constant is borrowed from the closure's
    /// context. (`midimon-bench plugins`: 64 ns -> 32 ns per trivial event.)
    private let onEventFunction: ((UnsafeMutablePointer<UInt64>) -> TrapCode?)?
    private let json: JSONExports?

    struct JSONExports {
        let memory: Memory
        let alloc: Function
        let execute: Function
        let dealloc: Function?
    }

    init(manifest: PluginManifest, context: PluginContext, instance: Instance, signature: PluginSignature.State,
         origin: String, warnings: [String], fuelPerCall: Int64?) throws(PluginError) {
        self.manifest = manifest
        self.context = context
        self.instance = instance
        self.signature = signature
        self.origin = origin
        self.warnings = warnings
        self.fuelPerCall = fuelPerCall
        eventValues = .allocate(capacity: 2)
        eventValues.initialize(repeating: 0, count: 2)
        switch manifest.abi {
        case .json:
            // checkExports has seen every one of these with the right type.
            guard let memory = instance.exportedMemory(named: PluginExports.memory),
                  let alloc = instance.exportedFunction(named: PluginExports.alloc),
                  let execute = instance.exportedFunction(named: PluginExports.execute) else {
                throw PluginError(.exports, plugin: manifest.name, "the JSON ABI's exports are missing")
            }
            json = JSONExports(memory: memory, alloc: alloc, execute: execute,
                               dealloc: instance.exportedFunction(named: PluginExports.dealloc))
            onEventFunction = nil
        case .event:
            json = nil
            onEventFunction = instance.exportedFunction(named: PluginExports.onEvent).map { function in
                { values in function.invoke(values) }
            }
        }
        // A WASI reactor (clang's -mexec-model=reactor) initialises libc in `_initialize`,
        // which must run before any other export.
        if let initialize = instance.exportedFunction(named: "_initialize"), initialize.type.parameters.isEmpty,
           initialize.type.results.isEmpty {
            try call("_initialize", [], initialize)
        }
        switch manifest.abi {
        case .json: try initializeJSON()
        case .event: try initializeEvent()
        }
    }

    deinit { eventValues.deallocate() }

    // MARK: - Event ABI

    /// What `midimon_on_event` returned.
    public enum EventOutcome: Sendable, Equatable {
        /// 0: send what the plugin emitted, not the original.
        case handled
        /// 1 (`MIDIMON_PASS`): send the original too.
        case pass
        /// Any other value: an error code (logged and counted by the caller).
        case error(Int32)
        /// The call trapped (out of fuel, deadline, a bug): drop the event, count a fault.
        case trapped(TrapCode)
    }

    /// Calls `midimon_on_event(message, timestamp)`. Emitted messages are in ``emitBuffer``
    /// (the caller drains it). Allocation-free: two stores into a preallocated array and the
    /// runtime's raw entry.
    @inline(__always)
    public func onEvent(message: UInt32, timestamp: Int64) -> EventOutcome {
        guard let function = onEventFunction else { return .error(-1) }
        if let fuelPerCall { instance.store.fuel = fuelPerCall }
        eventValues[0] = UInt64(message)
        eventValues[1] = UInt64(bitPattern: timestamp)
        if let trap = function(eventValues) { return .trapped(trap) }
        let result = Int32(truncatingIfNeeded: eventValues[0])
        return result == 0 ? .handled : result == PluginExports.pass ? .pass : .error(result)
    }

    private func initializeEvent() throws(PluginError) {
        let version = try call(PluginExports.eventABIVersion, [])
        guard version.first?.int32 == PluginExports.currentEventABIVersion else {
            throw PluginError(.exports, plugin: name, field: PluginExports.eventABIVersion,
                              "returned event ABI version \(version.first?.int32.map(String.init) ?? "?"); this host speaks version \(PluginExports.currentEventABIVersion)")
        }
        if instance.exportedFunction(named: PluginExports.eventInit) != nil {
            let code = try call(PluginExports.eventInit, []).first?.int32 ?? 0
            guard code == 0 else {
                throw PluginError(.exports, plugin: name, field: PluginExports.eventInit, "returned \(code): the plugin refused to start")
            }
        }
    }

    // MARK: - JSON ABI

    /// What `execute` returned: 0 is success.
    public struct ExecuteResult: Sendable, Equatable {
        public var status: Int32
        public var succeeded: Bool { status == 0 }
    }

    /// Writes `request` into memory from `alloc`, calls `execute`, then `dealloc` if exported.
    /// A trap, or a pointer outside memory, is a ``PluginError`` naming the export.
    public func execute(_ request: PluginRequest) throws(PluginError) -> ExecuteResult {
        try execute(json: request.json)
    }

    /// ``execute(_:)`` on exactly `text`: requests ``PluginRequest`` cannot express (nested
    /// params, malformed JSON), for tests and tools.
    public func execute(json text: String) throws(PluginError) -> ExecuteResult {
        guard let json else {
            throw PluginError(.exports, plugin: name, field: PluginExports.execute, "an event-ABI plugin has no execute")
        }
        let bytes = Array(text.utf8)
        let length = Int32(bytes.count)
        guard let pointer = try call(PluginExports.alloc, [Value(length)], json.alloc).first?.int32 else {
            throw PluginError(.badOutput, plugin: name, field: PluginExports.alloc, "returned no pointer")
        }
        let offset = Int(UInt32(bitPattern: pointer))
        guard json.memory.write(bytes, at: offset) else {
            throw PluginError(.badOutput, plugin: name, field: PluginExports.alloc,
                              "returned pointer 0x\(String(offset, radix: 16)) for \(bytes.count) bytes, outside the plugin's memory (\(json.memory.byteCount) bytes)")
        }
        let status = try call(PluginExports.execute, [Value(pointer), Value(length)], json.execute).first?.int32 ?? -1
        if let dealloc = json.dealloc {
            _ = try call(PluginExports.dealloc, [Value(pointer), Value(length)], dealloc)
        }
        return ExecuteResult(status: status)
    }

    private func initializeJSON() throws(PluginError) {
        guard let json else { return }
        guard let packed = try call(PluginExports.initialize, []).first?.int64 else { return }
        let pointer = Int(UInt64(bitPattern: packed) >> 32)
        let length = Int(UInt64(bitPattern: packed) & 0xffff_ffff)
        guard let bytes = json.memory.read(at: pointer, count: length) else {
            throw PluginError(.badOutput, plugin: name, field: PluginExports.initialize,
                              "returned metadata at 0x\(String(pointer, radix: 16)) (\(length) bytes), outside the plugin's memory (\(json.memory.byteCount) bytes)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw PluginError(.badOutput, plugin: name, field: PluginExports.initialize,
                              "the metadata is not JSON (\(Self.preview(bytes))): \(Self.reason(error))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw PluginError(.badOutput, plugin: name, field: PluginExports.initialize, "the metadata is JSON but not an object: \(Self.preview(bytes))")
        }
        metadataJSON = String(decoding: bytes, as: UTF8.self)
        metadata = PluginMetadata(dictionary)
    }

    static func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self)
        return "\"\(text)\(bytes.count > 60 ? "…" : "")\""
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    // MARK: - Calls

    /// A typed call to an export (cold paths: init, execute), with fuel refilled and a trap
    /// turned into an error naming the export.
    @discardableResult
    private func call(_ export: String, _ arguments: [Value], _ function: Function? = nil) throws(PluginError) -> [Value] {
        guard let function = function ?? instance.exportedFunction(named: export) else {
            throw PluginError(.exports, plugin: name, field: export, "missing export `\(export)`")
        }
        if let fuelPerCall { instance.store.fuel = fuelPerCall }
        do {
            return try function.call(arguments)
        } catch {
            log.append(.error, "\(export) trapped: \(error)")
            throw PluginError(.trap, plugin: name, field: export, "trapped: \(error)")
        }
    }
}

/// The JSON ABI's metadata (what `init` returns), the fields midimon reads.
public struct PluginMetadata: Sendable, Equatable {
    public var name: String?
    public var version: String?
    public var description: String?
    public var actions: [String]
    public var capabilities: [String]

    init(_ object: [String: Any]) {
        name = object["name"] as? String
        version = object["version"] as? String
        description = object["description"] as? String
        actions = (object["actions"] as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["name"] as? String ?? $0 as? String }
        capabilities = (object["capabilities"] as? [Any] ?? []).compactMap { $0 as? String }
    }
}
