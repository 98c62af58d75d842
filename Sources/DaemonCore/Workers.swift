import Atomics
import Foundation
import Glibc
import MIDI
import PluginABI
import PluginHost

/// The threads that do the slow work the real-time thread hands off through rings:
///
/// - the **notice worker** formats and writes Log actions, mode changes and plugin faults,
///   runs Shell actions (when granted) and reaps them, and copies plugin log lines out;
/// - the **action worker** runs JSON-ABI plugin actions (a request is built as JSON text and
///   may wait on HTTP: neither belongs on the hot path).
///
/// Each ring has one producer, the real-time thread, and one consumer, its worker. Workers
/// sleep 1 ms when idle instead of being woken, so the real-time thread never makes a system
/// call for them. Lines go to `sink` under a lock (workers only).
public final class DaemonWorkers: @unchecked Sendable {
    let notices: SPSCRing<Notice>
    let jobs: SPSCRing<JSONJob>
    /// Shell actions may run (the config holds the `subprocess` grant: `--allow-shell`).
    public let allowShell: Bool

    private var sinkLock = pthread_mutex_t()
    private var sinkFunction: (String) -> Void = { line in
        var text = line + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
    private var tablesLock = pthread_mutex_t()
    /// Plugin tables whose logs the notice worker copies out (the running config's).
    private var tables: [PluginTable] = []
    private let stopping = ManagedAtomic<Bool>(false)
    private let jobBusy = ManagedAtomic<Bool>(false)
    private var threads: [Thread] = []
    private let finished = DispatchSemaphore(value: 0)
    private var children: [pid_t] = []
    /// Notices and jobs the workers dropped or could not do.
    public let lost = ManagedAtomic<Int>(0)

    public init(allowShell: Bool = false, capacity: Int = 1024) {
        let empty = NoticeTexts()
        notices = SPSCRing(capacity: capacity, filler: Notice(.log, index: 0, texts: empty))
        jobs = SPSCRing(capacity: capacity, filler: JSONJob(slot: 0, velocity: -1, mode: 0, milliseconds: 0, table: empty))
        self.allowShell = allowShell
        pthread_mutex_init(&sinkLock, nil)
        pthread_mutex_init(&tablesLock, nil)
    }

    /// Where lines go (stderr by default; tests capture them). Set before `start`.
    public var sink: (String) -> Void {
        get { sinkFunction }
        set { sinkFunction = newValue }
    }

    /// Writes one line through the sink (any thread but the real-time one).
    public func say(_ line: String) {
        pthread_mutex_lock(&sinkLock)
        sinkFunction(line)
        pthread_mutex_unlock(&sinkLock)
    }

    /// The plugin tables whose logs are copied out: the running config's (replaced on reload).
    func watch(_ table: PluginTable?) {
        pthread_mutex_lock(&tablesLock)
        if let table { tables = [table] } else { tables = [] }
        pthread_mutex_unlock(&tablesLock)
    }

    /// Starts both workers (once).
    public func start() {
        guard threads.isEmpty else { return }
        let noticeThread = Thread { [self] in loop(noticeTurn); finished.signal() }
        noticeThread.name = "midimond-notice"
        let jobThread = Thread { [self] in loop(jobTurn); finished.signal() }
        jobThread.name = "midimond-actions"
        threads = [noticeThread, jobThread]
        for thread in threads { thread.start() }
    }

    /// Lets both workers empty their rings, then stops them and waits.
    public func stop() {
        guard !threads.isEmpty else {
            // Never started (tests that drive the loop by hand): do the work here.
            while jobTurn() || noticeTurn() {}
            return
        }
        stopping.store(true, ordering: .releasing)
        for _ in threads { finished.wait() }
        threads = []
        stopping.store(false, ordering: .releasing)
    }

    /// Whether the action worker has nothing queued or running (a reload waits for this before
    /// releasing the old plugins).
    public var actionsIdle: Bool { jobs.count == 0 && !jobBusy.load(ordering: .acquiring) }

    private func loop(_ turn: () -> Bool) {
        while true {
            if turn() { continue }
            if stopping.load(ordering: .acquiring) {
                while turn() {}
                return
            }
            usleep(1000)
        }
    }

    // MARK: - Notices

    /// One round: every waiting notice, finished children, plugin logs. True if it did anything.
    private func noticeTurn() -> Bool {
        var did = false
        while let notice = notices.pop() {
            handle(notice)
            did = true
        }
        reap()
        pthread_mutex_lock(&tablesLock)
        let watched = tables
        pthread_mutex_unlock(&tablesLock)
        for table in watched {
            for entry in table.entries where forwardLog(of: entry) { did = true }
        }
        return did
    }

    /// Writes out what `entry`'s plugin logged; true if there was anything.
    private func forwardLog(of entry: PluginTable.Entry) -> Bool {
        let lines = entry.plugin.log.drain()
        for line in lines { say("midimond: plugin \(entry.name): \(line)") }
        return !lines.isEmpty
    }

    static func disabledLine(_ name: String, faults: Int) -> String {
        "midimond: plugin \(name): disabled after \(faults) faults; other mappings keep running (a reload loads it afresh)"
    }

    private func handle(_ notice: Notice) {
        let texts = notice.textTable
        switch notice.kind {
        case .log:
            say("midimond: \(texts.text(texts.logLevels, notice.index)): \(texts.text(texts.logMessages, notice.index))")
        case .modeChanged:
            say("midimond: mode \(texts.text(texts.modeNames, notice.index))")
        case .shell:
            let command = texts.text(texts.shellCommands, notice.index)
            guard allowShell else {
                say("midimond: Shell action not run (the config lacks the subprocess grant; start midimond with --allow-shell): \(command)")
                return
            }
            spawnShell(command)
        case .pluginFault:
            let trap = TrapCode(rawValue: notice.value).map { $0.message } ?? "trap \(notice.value)"
            say("midimond: plugin \(texts.text(texts.pluginNames, notice.index)): event dropped: \(trap)")
        case .pluginDisabled:
            say(Self.disabledLine(texts.text(texts.pluginNames, notice.index), faults: Int(notice.value)))
        case .pluginError:
            say("midimond: plugin \(texts.text(texts.pluginNames, notice.index)): midimon_on_event returned \(notice.value); event dropped")
        case .pluginBadEmit:
            say("midimond: plugin \(texts.text(texts.pluginNames, notice.index)): emitted 0x\(String(UInt32(bitPattern: notice.value), radix: 16)), not a channel or system message; dropped")
        case .pluginQueueFull:
            say("midimond: plugin \(texts.text(texts.pluginNames, notice.index)): action dropped: the action worker's queue is full")
        }
    }

    /// Starts `/bin/sh -c command` with stdin from /dev/null; reaped by a later turn.
    private func spawnShell(_ command: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (word: String) in strdup(word) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        if error != 0 {
            say("midimond: Shell action failed to start (\(String(cString: strerror(error)))): \(command)")
        } else {
            children.append(pid)
        }
    }

    private func reap() {
        guard !children.isEmpty else { return }
        children.removeAll { pid in
            var status: Int32 = 0
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                let signal = status & 0x7f
                let code = (status >> 8) & 0xff
                if signal != 0 || code != 0 {
                    say("midimond: Shell action (pid \(pid)) \(signal != 0 ? "killed by signal \(signal)" : "exited with status \(code)")")
                }
                return true
            }
            return done < 0
        }
    }

    // MARK: - JSON-ABI actions

    /// One round: every waiting JSON-ABI call. True if it did anything.
    private func jobTurn() -> Bool {
        var did = false
        while let job = jobs.peek() {
            jobBusy.store(true, ordering: .releasing)
            _ = jobs.pop()
            run(job)
            jobBusy.store(false, ordering: .releasing)
            did = true
        }
        return did
    }

    private func run(_ job: JSONJob) {
        let table = job.pluginTable
        let slot = table.slots[Int(job.slot)]
        let entry = table.entries[slot.entry]
        guard !entry.disabled.load(ordering: .relaxed) else {
            entry.skipped.wrappingIncrement(ordering: .relaxed)
            return
        }
        entry.calls.wrappingIncrement(ordering: .relaxed)
        let request = PluginRequest(action: slot.action, params: slot.params, velocity: job.velocity < 0 ? nil : Int(job.velocity),
                                    currentMode: Int(job.mode), timestampMilliseconds: job.milliseconds)
        do {
            let result = try entry.plugin.execute(request)
            if !result.succeeded {
                entry.errors.wrappingIncrement(ordering: .relaxed)
                say("midimond: plugin \(entry.name): action \(slot.action) returned \(result.status)")
            }
        } catch {
            guard error.kind == .trap else {
                entry.errors.wrappingIncrement(ordering: .relaxed)
                say("midimond: plugin \(entry.name): action \(slot.action) failed: \(error.message)")
                return
            }
            say("midimond: plugin \(entry.name): action \(slot.action) dropped: \(error.message)")
            if table.fault(entry) {
                say(Self.disabledLine(entry.name, faults: table.faultLimit))
            }
        }
        // The JSON ABI acts through side effects; anything emitted has nowhere to go.
        entry.plugin.emitBuffer.removeAll()
        _ = forwardLog(of: entry)
    }
}

/// A JSON-ABI call handed to the action worker: what the request's context needs.
struct JSONJob: @unchecked Sendable, BitwiseCopyable {
    var slot: Int32
    /// The trigger's velocity, −1 when it has none.
    var velocity: Int16
    var mode: UInt16
    var milliseconds: Int64
    /// An unretained `PluginTable`, alive until the worker is idle after a reload.
    var table: UnsafeRawPointer

    init(slot: Int32, velocity: Int16, mode: UInt16, milliseconds: Int64, table: AnyObject) {
        self.slot = slot
        self.velocity = velocity
        self.mode = mode
        self.milliseconds = milliseconds
        self.table = UnsafeRawPointer(Unmanaged.passUnretained(table).toOpaque())
    }

    var pluginTable: PluginTable { Unmanaged<PluginTable>.fromOpaque(table).takeUnretainedValue() }
}
