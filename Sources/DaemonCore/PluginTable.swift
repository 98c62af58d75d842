import Atomics
import MIDI
import MappingConfig
import MappingEngine
import PluginHost

/// The plugins one config generation uses, loaded once at start-up (or reload), and the
/// prepared Plugin actions that refer to them. The real-time thread reads it (event-ABI
/// calls); the JSON worker reads it (JSON-ABI calls); neither changes its shape after
/// `prepare` is done, so it needs no lock. Counters are atomics because the control thread
/// reads them for `list-plugins`.
public final class PluginTable: @unchecked Sendable {
    /// One loaded plugin instance.
    public final class Entry: @unchecked Sendable {
        public let plugin: PluginInstance
        /// The mapping parameters it was instantiated with (instances are shared by equal calls).
        let key: String
        public let calls = ManagedAtomic<Int>(0)
        /// Traps, fuel or deadline exhaustion: each drops the event.
        public let faults = ManagedAtomic<Int>(0)
        /// Negative results, invalid emitted messages, full emit buffers.
        public let errors = ManagedAtomic<Int>(0)
        /// Calls skipped because the plugin was disabled.
        public let skipped = ManagedAtomic<Int>(0)
        /// Set after `faultLimit` faults; never cleared (a reload loads a fresh instance).
        public let disabled = ManagedAtomic<Bool>(false)

        init(plugin: PluginInstance, key: String) {
            self.plugin = plugin
            self.key = key
        }

        public var name: String { plugin.name }

        /// The counters at one moment (for reports and tests).
        public var counts: Counts {
            Counts(calls: calls.load(ordering: .relaxed), faults: faults.load(ordering: .relaxed),
                   errors: errors.load(ordering: .relaxed), skipped: skipped.load(ordering: .relaxed),
                   disabled: disabled.load(ordering: .relaxed))
        }
    }

    /// An entry's counters.
    public struct Counts: Sendable, Equatable {
        public var calls: Int
        public var faults: Int
        public var errors: Int
        public var skipped: Int
        public var disabled: Bool

        public init(calls: Int, faults: Int, errors: Int, skipped: Int, disabled: Bool) {
            self.calls = calls
            self.faults = faults
            self.errors = errors
            self.skipped = skipped
            self.disabled = disabled
        }
    }

    /// A prepared Plugin action.
    struct Slot {
        var entry: Int
        var abi: PluginManifest.ABI
        /// JSON ABI: the action and params of the request (the worker adds the context).
        var action: String
        var params: [PluginHost.PluginRequest.Param]
    }

    public private(set) var entries: [Entry] = []
    private(set) var slots: [Slot] = []
    /// Per slot, what the MIDI thread needs: the entry's index, negative for a JSON-ABI slot
    /// (plain integers, so reading one retains nothing, unlike a `Slot` with its strings).
    private(set) var hotSlots: [Int32] = []
    private let loader: PluginHostLoader
    private let discovery: Discovery
    /// Faults after which a plugin is disabled.
    public let faultLimit: Int
    /// Each event-ABI call's wall-clock budget (JSON-ABI actions keep the loader's, which
    /// allows for HTTP): past it the call traps and counts as a fault.
    public let eventDeadline: Duration?
    /// What the workers print for this table's notices (plugin names by entry).
    let texts = NoticeTexts()

    public init(loader: PluginHostLoader, discovery: Discovery, faultLimit: Int, eventDeadline: Duration? = nil) {
        self.loader = loader
        self.discovery = discovery
        self.faultLimit = max(faultLimit, 1)
        self.eventDeadline = eventDeadline
    }

    /// Checks a Plugin action and loads its plugin (once per plugin and parameter set).
    func prepare(_ call: PluginCall) throws(PluginDispatchError) -> PluginSlot {
        guard let manifest = discovery.plugin(named: call.name) else {
            let known = discovery.plugins.map(\.name).sorted()
            var message = "no plugin called \"\(call.name)\" (plugins: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
            if let problem = discovery.problems.first(where: { $0.plugin == call.name || $0.plugin.hasSuffix("/\(call.name)/plugin.toml") }) {
                message += "; \(problem)"
            }
            throw PluginDispatchError(message)
        }
        let abi: PluginManifest.ABI = manifest.abi
        if let wanted = call.abi {
            let matches = (wanted == .event) == (abi == .event)
            guard matches else {
                throw PluginDispatchError("the mapping calls it through the \(wanted == .event ? "event" : "JSON") ABI, but its manifest (\(manifest.path)) declares abi = \"\(abi == .event ? "event" : "json")\"")
            }
        }
        var values: [Double] = []
        var params: [PluginHost.PluginRequest.Param] = []
        switch abi {
        case .event:
            values = manifest.parameters.map { _ in Double.nan }
            for (name, value) in call.params {
                guard let index = manifest.parameters.firstIndex(where: { $0.name == name }) else {
                    let known = manifest.parameters.map(\.name)
                    throw PluginDispatchError("parameter `\(name)` is not one of its [[parameters]] (\(known.isEmpty ? "it has none" : known.joined(separator: ", ")))")
                }
                values[index] = value.number
            }
            if call.action != nil {
                throw PluginDispatchError("`action` is for JSON-ABI plugins; an event-ABI plugin handles the event itself")
            }
        case .json:
            params = call.params.map { PluginHost.PluginRequest.Param($0.0, $0.1.json) }
        }
        let key = "\(manifest.name)\u{0}\(values.map { $0.bitPattern })"
        let entryIndex: Int
        if abi == .event, let existing = entries.firstIndex(where: { $0.key == key }) {
            entryIndex = existing
        } else if abi == .json, let existing = entries.firstIndex(where: { $0.key == manifest.name }) {
            entryIndex = existing
        } else {
            let plugin: PluginInstance
            do {
                plugin = try loader.load(manifest, parameters: ParameterBlock(values))
            } catch {
                throw PluginDispatchError(error.description)
            }
            if abi == .event, let eventDeadline { plugin.instance.store.deadline = eventDeadline }
            entries.append(Entry(plugin: plugin, key: abi == .json ? manifest.name : key))
            texts.pluginNames.append(manifest.name)
            entryIndex = entries.count - 1
        }
        var action = call.action ?? ""
        if abi == .json {
            let actions = entries[entryIndex].plugin.metadata?.actions ?? []
            if action.isEmpty {
                guard actions.count == 1 else {
                    throw PluginDispatchError("give `action`: the plugin offers \(actions.isEmpty ? "no named actions" : actions.joined(separator: ", "))")
                }
                action = actions[0]
            } else if !actions.isEmpty && !actions.contains(action) {
                throw PluginDispatchError("it has no action \"\(action)\" (actions: \(actions.joined(separator: ", ")))")
            }
        }
        slots.append(Slot(entry: entryIndex, abi: abi, action: action, params: params))
        hotSlots.append(abi == .event ? Int32(entryIndex) : -1 - Int32(entryIndex))
        return PluginSlot(slots.count - 1)
    }

    /// Counts a fault; true when this one disables the plugin.
    func fault(_ entry: Entry) -> Bool {
        let faults = entry.faults.wrappingIncrementThenLoad(ordering: .relaxed)
        if faults >= faultLimit && !entry.disabled.load(ordering: .relaxed) {
            entry.disabled.store(true, ordering: .relaxed)
            return true
        }
        return false
    }

    /// One line per plugin for `list-plugins`.
    public var listing: [String] {
        entries.map { entry in
            let counts = entry.counts
            let abi = entry.plugin.manifest.abi == .event ? "event" : "json"
            return "\(entry.name) \(entry.plugin.manifest.version) abi=\(abi) \(counts.disabled ? "disabled" : "enabled") calls=\(counts.calls) faults=\(counts.faults) errors=\(counts.errors) skipped=\(counts.skipped) (\(entry.plugin.origin))"
        }
    }
}

extension ParamValue {
    /// As a JSON-ABI request's `params` value.
    var json: JSONValue {
        switch self {
        case .int(let v): return .integer(Int64(v))
        case .double(let v): return .number(v)
        case .bool(let v): return .bool(v)
        case .string(let v): return .string(v)
        }
    }
}
