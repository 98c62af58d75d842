import MIDI
import MappingConfig
import MappingEngine
import PluginHost

/// The daemon's `PluginDispatch`: Plugin actions go to plugins loaded by the plugin host.
///
/// Event-ABI calls run here, on the real-time thread: two stores, the plugin's code, then its
/// emitted messages copied into the engine's `ActionBuffer`. Nothing allocates; the counters
/// are relaxed atomics; anything to say (a fault, a bad message) is a `Notice` pushed into a
/// ring. JSON-ABI calls are handed to the action worker (`DaemonWorkers`) as a `JSONJob`.
public struct HostDispatcher: PluginDispatch {
    public let table: PluginTable
    let workers: DaemonWorkers

    public init(table: PluginTable, workers: DaemonWorkers) {
        self.table = table
        self.workers = workers
    }

    public mutating func prepare(_ call: PluginCall) throws(PluginDispatchError) -> PluginSlot {
        try table.prepare(call)
    }

    public mutating func call(_ request: PluginInvocation, output: inout ActionBuffer) {
        let hot = table.hotSlots[Int(request.slot)]
        let index = hot >= 0 ? hot : -1 - hot
        let entry = table.entries[Int(index)]
        if entry.disabled.load(ordering: .relaxed) {
            entry.skipped.wrappingIncrement(ordering: .relaxed)
            return
        }
        guard hot >= 0 else {
            guard !request.isRelease else { return }
            let message = request.message
            let velocity: Int16 = message.isNoteOn || message.isNoteOff ? Int16(message.data2) : -1
            let job = JSONJob(slot: request.slot, velocity: velocity, mode: request.mode,
                              milliseconds: Int64(request.time / 1000), table: table)
            if !workers.jobs.push(job) {
                workers.notices.push(Notice(.pluginQueueFull, index: index, texts: table.texts))
            }
            return
        }
        entry.calls.wrappingIncrement(ordering: .relaxed)
        let plugin = entry.plugin
        let emits = plugin.emitBuffer
        emits.removeAll()
        let outcome = plugin.onEvent(message: request.message.packed, timestamp: Int64(request.arrival))
        switch outcome {
        case .handled:
            break
        case .pass:
            output.append(EngineAction(time: request.time, arrival: request.arrival, .send(port: request.port, message: request.message)))
        case .error(let code):
            entry.errors.wrappingIncrement(ordering: .relaxed)
            workers.notices.push(Notice(.pluginError, index: index, value: code, texts: table.texts))
            return
        case .trapped(let trap):
            workers.notices.push(Notice(.pluginFault, index: index, value: trap.rawValue, texts: table.texts))
            if table.fault(entry) {
                workers.notices.push(Notice(.pluginDisabled, index: index, value: Int32(table.faultLimit), texts: table.texts))
            }
            return
        }
        for emitted in emits.messages {
            guard let message = Self.validated(emitted.message) else {
                entry.errors.wrappingIncrement(ordering: .relaxed)
                workers.notices.push(Notice(.pluginBadEmit, index: index, value: Int32(bitPattern: emitted.message), texts: table.texts))
                continue
            }
            // A negative delay is "now": a plugin cannot send into the past.
            let delay = UInt64(max(emitted.delayMicroseconds, 0))
            output.append(EngineAction(time: request.time + delay, arrival: request.arrival, .send(port: request.port, message: message)))
        }
    }

    /// A packed message a plugin emitted, if it is one midimond can send: a channel message
    /// or a system common/real-time one (not SysEx, which does not fit in 32 bits), with data
    /// bytes below 0x80 and the unused bytes cleared.
    @inline(__always)
    static func validated(_ packed: UInt32) -> MIDIMessage? {
        let status = UInt8(truncatingIfNeeded: packed)
        guard status >= 0x80, status != 0xF0, status != 0xF7, packed >> 24 == 0 else { return nil }
        let length = MIDIMessage.length(status: status)
        guard length >= 1 else { return nil }
        let data1 = UInt8(truncatingIfNeeded: packed >> 8)
        let data2 = UInt8(truncatingIfNeeded: packed >> 16)
        if length >= 2 && data1 >= 0x80 { return nil }
        if length >= 3 && data2 >= 0x80 { return nil }
        return MIDIMessage(status: status, length >= 2 ? data1 : 0, length >= 3 ? data2 : 0)
    }
}
