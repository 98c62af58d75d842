import Glibc
import MIDI
import MappingConfig
import MappingEngine

/// The daemon's MIDI loop: inputs → one event ring each → the mapping engine → outputs,
/// with arrival-to-output latency recorded for every message sent.
///
/// This first version runs sources and engine on one thread (each ring still has exactly one
/// producer and one consumer, so moving sources to their own threads later changes no data
/// structure). Log, Shell and mode-change notices are written from the loop; the issue's
/// worker rings for them come with the real-time thread.
///
/// Time: the engine runs on stream time (see `MIDIEvent`). When every input is a fast
/// replay, stream time is only what the events say, and the remaining timers fire at the end;
/// otherwise it also follows the monotonic clock from the run's start.
public final class MIDIDaemon<Dispatch: PluginDispatch> {
    public private(set) var engine: MappingEngine<Dispatch>
    public let inputs: [Input]
    public let outputs: [Output]
    public private(set) var latency = LatencyRecorder()
    private let rings: [EventRing]
    private var actions = ActionBuffer(capacity: 1024)
    private let start: UInt64
    private let allFast: Bool
    /// The descriptors to wait on, gathered once (the loop must not build arrays).
    private var pollFDs: [pollfd] = []
    /// The input index of each ALSA port number (`UInt16.max`: none), and the input that reads.
    private var alsaPortSources = [UInt16](repeating: .max, count: 256)
    private var firstALSAInput = -1
    /// Where Log actions and notices go (stderr by default; tests capture them).
    public var notice: (String) -> Void = { line in
        var text = line + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Opens every input and output, and compiles the config against the outputs' names.
    public init(config: MappingConfiguration, inputs inputSpecs: [InputSpec], outputs outputSpecs: [OutputSpec],
                dispatch: Dispatch, ringCapacity: Int = 4096) throws(DaemonError) {
        var names = Set<String>()
        for spec in outputSpecs where !names.insert(spec.name).inserted {
            throw DaemonError(["two outputs are called \"\(spec.name)\"; name them, as in --output a=\(spec)"])
        }
        do {
            engine = try MappingEngine(config: config, outputs: outputSpecs.map(\.name), dispatch: dispatch)
        } catch {
            throw DaemonError(error.diagnostics.map { $0.description })
        }
        start = MonotonicClock.micros()
        var opener = EndpointOpener()
        var opened: [Input] = []
        var openedOutputs: [Output] = []
        do throws(EndpointOpener.Failure) {
            for (i, spec) in inputSpecs.enumerated() { opened.append(try opener.open(spec, index: UInt16(i), start: start)) }
            for spec in outputSpecs { openedOutputs.append(try opener.open(spec)) }
        } catch {
            throw DaemonError([error.description])
        }
        inputs = opened
        outputs = openedOutputs
        rings = opened.map { _ in EventRing(capacity: ringCapacity) }
        allFast = !opened.isEmpty && opened.allSatisfy {
            if case .replay(let source) = $0 { return source.fast }
            return false
        }
        for (i, input) in opened.enumerated() {
            switch input {
            case .datagram(let source): pollFDs.append(pollfd(fd: source.socket.fd, events: Int16(POLLIN), revents: 0))
            case .alsa(let sequencer, let port):
                if firstALSAInput < 0 {
                    firstALSAInput = i
                    pollFDs.append(contentsOf: sequencer.pollDescriptors())
                }
                if port >= 0 && port < 256 { alsaPortSources[Int(port)] = UInt16(i) }
            case .replay: break
            }
        }
    }

    /// Whether every input is finite (so `run` returns once they are done).
    public var allInputsFinite: Bool { inputs.allSatisfy(\.isFinite) }

    /// Runs until every finite input is done (when all are finite) or `shouldStop` says so;
    /// then fires what timers remain and flushes the outputs.
    public func run(shouldStop: () -> Bool = { false }) {
        let finite = allInputsFinite
        while !shouldStop() {
            let now = MonotonicClock.micros()
            pollInputs(now)
            drainRings()
            if !allFast {
                actions.removeAll()
                engine.advance(to: now - start, into: &actions)
                perform()
            }
            if finite && inputs.allSatisfy(\.isFinished) && rings.allSatisfy({ $0.count == 0 }) { break }
            wait(now)
        }
        finish()
    }

    /// Fires the timers still pending (at once for fast replays, else when due) and flushes.
    private func finish() {
        while let due = engine.nextTimerDue {
            if !allFast { MonotonicClock.sleep(until: start + due) }
            actions.removeAll()
            engine.advance(to: due, into: &actions)
            perform()
        }
        for output in outputs { output.flush() }
        latency.dropped += rings.reduce(0) { $0 + $1.drops } + outputs.reduce(0) { $0 + $1.drops }
            + engine.counters.timerDrops + actions.drops
    }

    private func pollInputs(_ now: UInt64) {
        for (i, input) in inputs.enumerated() {
            switch input {
            // A fast replay hands over one event per turn, so that arrival-to-output latency
            // is the engine's and outputs', not the wait behind thousands of queued events.
            case .replay(let source): source.poll(into: rings[i], now: now, limit: source.fast ? 1 : .max)
            case .datagram(let source): source.poll(into: rings[i], now: now)
            case .alsa(let sequencer, _):
                // One client serves every alsa: input: the first one reads for all, and each
                // event goes to the ring of the input whose port it arrived on.
                guard i == firstALSAInput else { continue }
                sequencer.poll(into: rings, now: now, startMicros: start, sourceOfPort: alsaPortSources)
            }
        }
    }

    /// Processes every waiting event, oldest stream time first across the rings.
    private func drainRings() {
        while true {
            var best = -1
            var bestTime = UInt64.max
            for (i, ring) in rings.enumerated() {
                if let event = ring.peek(), event.time < bestTime || best < 0 {
                    best = i
                    bestTime = event.time
                }
            }
            guard best >= 0, let event = rings[best].pop() else { return }
            latency.events += 1
            actions.removeAll()
            engine.process(event, into: &actions)
            perform()
        }
    }

    private func perform() {
        var i = 0
        while i < actions.count {
            let action = actions[i]
            i += 1
            switch action.kind {
            case .send(let port, let message):
                outputs[Int(port)].send(message, time: action.time)
                if action.arrival != 0 {
                    let now = MonotonicClock.micros()
                    latency.record(now > action.arrival ? now - action.arrival : 0)
                }
            case .log(let index):
                notice("midimond: \(engine.logLevels[Int(index)]): \(engine.logMessages[Int(index)])")
            case .shell(let index):
                notice("midimond: Shell action not run (needs the subprocess grant, not in this build): \(engine.shellCommands[Int(index)])")
            case .modeChanged(let mode):
                notice("midimond: mode \(engine.modeNames[Int(mode)])")
            }
        }
    }

    /// Sleeps until something may be due: a replay event, a timer, or input on a socket.
    private func wait(_ now: UInt64) {
        var due = UInt64.max
        for input in inputs {
            if case .replay(let source) = input, let next = source.nextDue() { due = min(due, next) }
        }
        if let timer = engine.nextTimerDue { due = min(due, start + timer) }
        if allFast { return }
        let timeout: Int32 = due == .max ? 100 : due <= now ? 0 : Int32(min((due - now + 999) / 1000, 100))
        if pollFDs.isEmpty {
            if timeout > 0 { MonotonicClock.sleep(until: min(due, now + UInt64(timeout) * 1000)) }
        } else {
            _ = poll(&pollFDs, nfds_t(pollFDs.count), timeout)
        }
    }
}

/// Why the daemon could not start: one line per problem.
public struct DaemonError: Error, CustomStringConvertible {
    public var lines: [String]
    public init(_ lines: [String]) { self.lines = lines }
    public var description: String { lines.joined(separator: "\n") }
}
