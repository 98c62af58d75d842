import Atomics
import Glibc
import MIDI
import MappingConfig
import MappingEngine

/// The daemon's MIDI loop: inputs → one event ring each → the mapping engine → outputs,
/// with arrival-to-output latency recorded for every message sent.
///
/// `run` is the real-time thread: it reads the inputs, matches mappings, calls event-ABI
/// plugins and writes the outputs. After start-up it allocates nothing, takes no lock and
/// writes nothing but MIDI: Log, Shell, mode-change notices, plugin faults and JSON-ABI
/// actions go through rings to `DaemonWorkers`. Other threads reach it only through atomics:
/// `requestStop`, `requestStatus` and `offer` (a reloaded engine), each followed by a wake-up
/// of the loop's `poll`.
///
/// Time: the engine runs on stream time (see `MIDIEvent`). When every input is a fast
/// replay, stream time is only what the events say, and the remaining timers fire at the end;
/// otherwise it also follows the monotonic clock from the run's start.
public final class MIDIDaemon<Dispatch: PluginDispatch>: @unchecked Sendable {
    public private(set) var engine: MappingEngine<Dispatch>
    public let inputs: [Input]
    public let outputs: [Output]
    public private(set) var latency = LatencyRecorder()
    public let workers: DaemonWorkers
    private var texts: NoticeTexts
    private let rings: [EventRing]
    private var actions = ActionBuffer(capacity: 1024)
    private let start: UInt64
    private let allFast: Bool
    /// The descriptors to wait on, gathered once (the loop must not build arrays); the first
    /// is the wake-up pipe's read end.
    private var pollFDs: [pollfd] = []
    private let wakeFD: Int32
    private let wakeWriteFD: Int32
    /// The input index of each ALSA port number (`UInt16.max`: none), and the input that reads.
    private var alsaPortSources = [UInt16](repeating: .max, count: 256)
    private var firstALSAInput = -1

    private let stopFlag = ManagedAtomic<Bool>(false)
    private let statusAsked = ManagedAtomic<Int>(0)
    private let statusServed = ManagedAtomic<Int>(0)
    private let published = PublishedStatus()
    private let mailbox = EngineMailbox<Dispatch>()

    /// Where Log actions and notices go (stderr by default; tests capture them).
    public var notice: (String) -> Void {
        get { workers.sink }
        set { workers.sink = newValue }
    }

    /// Opens every input and output, and compiles the config against the outputs' names.
    public convenience init(config: MappingConfiguration, inputs inputSpecs: [InputSpec], outputs outputSpecs: [OutputSpec],
                            dispatch: Dispatch, workers: DaemonWorkers = DaemonWorkers(), ringCapacity: Int = 4096) throws(DaemonError) {
        var names = Set<String>()
        for spec in outputSpecs where !names.insert(spec.name).inserted {
            throw DaemonError(["two outputs are called \"\(spec.name)\"; name them, as in --output a=\(spec)"])
        }
        let engine: MappingEngine<Dispatch>
        do {
            engine = try MappingEngine(config: config, outputs: outputSpecs.map(\.name), dispatch: dispatch)
        } catch {
            throw DaemonError(error.diagnostics.map { $0.description })
        }
        try self.init(engine: engine, inputs: inputSpecs, outputs: outputSpecs, workers: workers, ringCapacity: ringCapacity)
    }

    /// Opens every input and output around an engine already compiled for these outputs.
    public init(engine: MappingEngine<Dispatch>, inputs inputSpecs: [InputSpec], outputs outputSpecs: [OutputSpec],
                workers: DaemonWorkers = DaemonWorkers(), ringCapacity: Int = 4096) throws(DaemonError) {
        var engine = engine
        engine.prepareForHotPath()
        self.engine = engine
        self.workers = workers
        texts = Self.texts(of: engine)
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
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for fd in ends {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        } else {
            ends = [-1, -1]
        }
        wakeFD = ends[0]
        wakeWriteFD = ends[1]
        if wakeFD >= 0 { pollFDs.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
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

    deinit {
        if wakeFD >= 0 { close(wakeFD) }
        if wakeWriteFD >= 0 { close(wakeWriteFD) }
    }

    static func texts(of engine: MappingEngine<Dispatch>) -> NoticeTexts {
        NoticeTexts(logMessages: engine.logMessages, logLevels: engine.logLevels, shellCommands: engine.shellCommands,
                    modeNames: engine.modeNames)
    }

    /// Whether every input is finite (so `run` returns once they are done).
    public var allInputsFinite: Bool { inputs.allSatisfy(\.isFinite) }

    /// Runs until every finite input is done (when all are finite) or a stop is asked
    /// (`requestStop`, or `shouldStop` saying so); then fires what timers remain, flushes the
    /// outputs and lets the workers finish.
    public func run(shouldStop: () -> Bool = { false }) {
        workers.start()
        let finite = allInputsFinite
        while !shouldStop() && !stopFlag.load(ordering: .relaxed) {
            let now = MonotonicClock.micros()
            pollInputs(now)
            drainRings()
            if !allFast {
                actions.removeAll()
                engine.advance(to: now - start, into: &actions)
                perform()
            }
            serveRequests()
            if finite && inputs.allSatisfy(\.isFinished) && rings.allSatisfy({ $0.count == 0 }) { break }
            wait(now)
        }
        finish()
        serveRequests()
        workers.stop()
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
        latency.dropped += drops
    }

    /// Drops counted by the rings, outputs, timers, action buffer and notice ring so far.
    private var drops: Int {
        rings.reduce(0) { $0 + $1.drops } + outputs.reduce(0) { $0 + $1.drops }
            + engine.counters.timerDrops + actions.drops + workers.notices.drops
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
                workers.notices.push(Notice(.log, index: Int32(index), texts: texts))
            case .shell(let index):
                workers.notices.push(Notice(.shell, index: Int32(index), texts: texts))
            case .modeChanged(let mode):
                workers.notices.push(Notice(.modeChanged, index: Int32(mode), texts: texts))
            }
        }
    }

    /// Sleeps until something may be due: a replay event, a timer, input on a socket, or a
    /// wake-up from another thread.
    private func wait(_ now: UInt64) {
        if allFast { return }
        var due = UInt64.max
        for input in inputs {
            if case .replay(let source) = input, let next = source.nextDue() { due = min(due, next) }
        }
        if let timer = engine.nextTimerDue { due = min(due, start + timer) }
        let timeout: Int32 = due == .max ? 100 : due <= now ? 0 : Int32(min((due - now + 999) / 1000, 100))
        // Nothing is due right now: write out what the capture files hold before sleeping, so
        // a live capture is readable while it runs (a fast replay writes only at the end).
        if timeout > 0 { for output in outputs { output.flush() } }
        if pollFDs.isEmpty {
            if timeout > 0 { MonotonicClock.sleep(until: min(due, now + UInt64(timeout) * 1000)) }
        } else {
            _ = poll(&pollFDs, nfds_t(pollFDs.count), timeout)
            if wakeFD >= 0 && pollFDs[0].revents != 0 {
                var bytes: (UInt64, UInt64) = (0, 0)
                _ = read(wakeFD, &bytes, 16)
            }
        }
    }

    // MARK: - Requests from other threads

    /// Wakes the loop from its `poll` (any thread).
    private func wake() {
        guard wakeWriteFD >= 0 else { return }
        var one: UInt8 = 1
        _ = write(wakeWriteFD, &one, 1)   // a full pipe already means "wake up"
    }

    /// Asks the loop to stop after the event in hand (any thread; signal handlers use the
    /// `shouldStop` closure instead).
    public func requestStop() {
        stopFlag.store(true, ordering: .relaxed)
        wake()
    }

    /// The loop's figures, taken between events by the loop itself (any thread; waits up to
    /// `timeoutMicros` for the loop to come round, else returns the last figures published).
    public func requestStatus(timeoutMicros: UInt64 = 1_000_000) -> DaemonStatus {
        let ticket = statusAsked.wrappingIncrementThenLoad(ordering: .acquiringAndReleasing)
        wake()
        let deadline = MonotonicClock.micros() + timeoutMicros
        while statusServed.load(ordering: .acquiring) < ticket && MonotonicClock.micros() < deadline { usleep(200) }
        return published.read()
    }

    /// Hands a newly compiled engine to the loop, which swaps it in between two events, and
    /// returns the old one once swapped (any thread but the loop's; one offer at a time). The
    /// engine's mode carries over by name. Returns nil if the loop did not take it within
    /// `timeoutMicros` (stopped).
    public func offer(_ engine: MappingEngine<Dispatch>, timeoutMicros: UInt64 = 5_000_000) -> MappingEngine<Dispatch>? {
        var unique = engine
        unique.prepareForHotPath()
        mailbox.pendingTexts = Self.texts(of: unique)
        // Moved, not copied: the loop's first write must find the tables unshared.
        mailbox.pending = consume unique
        mailbox.state.store(EngineMailbox<Dispatch>.offered, ordering: .releasing)
        wake()
        let deadline = MonotonicClock.micros() + timeoutMicros
        while mailbox.state.load(ordering: .acquiring) != EngineMailbox<Dispatch>.taken {
            if MonotonicClock.micros() >= deadline {
                // Withdraw the offer unless the loop took it meanwhile.
                if mailbox.state.compareExchange(expected: EngineMailbox<Dispatch>.offered, desired: EngineMailbox<Dispatch>.empty,
                                                 ordering: .acquiringAndReleasing).exchanged {
                    mailbox.pending = nil
                    return nil
                }
                continue
            }
            usleep(200)
        }
        let old = mailbox.retired
        mailbox.retired = nil
        mailbox.state.store(EngineMailbox<Dispatch>.empty, ordering: .releasing)
        return old
    }

    /// Between events: swap in an offered engine, publish figures when asked.
    private func serveRequests() {
        if mailbox.state.load(ordering: .acquiring) == EngineMailbox<Dispatch>.offered, var next = mailbox.pending {
            if Int(engine.mode) < engine.modeNames.count { next.selectMode(named: engine.modeNames[Int(engine.mode)]) }
            mailbox.pending = nil
            mailbox.retired = engine
            engine = next
            if let newTexts = mailbox.pendingTexts { texts = newTexts }
            mailbox.pendingTexts = nil
            mailbox.state.store(EngineMailbox<Dispatch>.taken, ordering: .releasing)
        }
        let asked = statusAsked.load(ordering: .acquiring)
        if asked != statusServed.load(ordering: .relaxed) {
            published.publish(latency, dropped: latency.dropped + drops, mode: engine.mode)
            statusServed.store(asked, ordering: .releasing)
        }
    }
}

/// A reloaded engine on its way to the loop, and the old one on its way back. The control
/// thread writes `pending` before publishing `offered`; the loop reads it after seeing
/// `offered` and writes `retired` before publishing `taken`: the atomic orders every access.
final class EngineMailbox<Dispatch: PluginDispatch>: @unchecked Sendable {
    static var empty: Int { 0 }
    static var offered: Int { 1 }
    static var taken: Int { 2 }
    let state = ManagedAtomic<Int>(0)
    var pending: MappingEngine<Dispatch>?
    var pendingTexts: NoticeTexts?
    var retired: MappingEngine<Dispatch>?
}

/// Why the daemon could not start: one line per problem.
public struct DaemonError: Error, CustomStringConvertible {
    public var lines: [String]
    public init(_ lines: [String]) { self.lines = lines }
    public var description: String { lines.joined(separator: "\n") }
}
