import Glibc
import MIDI
import MappingEngine

/// What the control thread does for a running daemon: answers the control socket's commands
/// and reloads the config and plugins when their files change. Everything here runs on the
/// control thread (`ControlServer` calls `handle` and `checkFiles` in turn), never on the
/// real-time thread, which only sees the finished engine through `MIDIDaemon.offer`.
public final class DaemonController: @unchecked Sendable {
    public let daemon: MIDIDaemon<HostDispatcher>
    public let builder: EngineBuilder
    private var table: PluginTable
    private var mappings: Int
    private let grantsFile: String?
    private let watch: Bool
    private var watched: [String]
    private var snapshot: FileSnapshot
    /// A change seen at the last check, reloaded once the files hold still for one more check
    /// (an editor's save is often several writes).
    private var changed: FileSnapshot?
    private let started = MonotonicClock.micros()
    /// Reloads done and refused, for `status`.
    public private(set) var reloads = 0
    public private(set) var failedReloads = 0

    public init(daemon: MIDIDaemon<HostDispatcher>, builder: EngineBuilder, built: EngineBuilder.Built,
                grantsFile: String?, watch: Bool) {
        self.daemon = daemon
        self.builder = builder
        table = built.table
        mappings = built.mappings
        self.grantsFile = grantsFile
        self.watch = watch
        watched = builder.watchedFiles(grantsFile: grantsFile)
        snapshot = FileSnapshot(watched)
        builder.workers.watch(table)
    }

    /// Answers one control command.
    public func handle(_ command: String) -> (ok: Bool, text: String) {
        switch command {
        case "status": return (true, status())
        case "reload": return reload(because: "asked by `midimon daemon reload`")
        case "stop":
            daemon.requestStop()
            return (true, "stopping: the outputs are flushed and midimond exits")
        case "list-plugins":
            let lines = table.listing
            return (true, lines.isEmpty ? "no plugins loaded (the config calls none)" : lines.joined(separator: "\n"))
        default:
            return (false, "unknown command \(command)")
        }
    }

    private func status() -> String {
        let figures = daemon.requestStatus()
        let seconds = Double(MonotonicClock.micros() - started) / 1e6
        let modes = daemon.engine.modeNames
        let mode = Int(figures.mode) < modes.count ? modes[Int(figures.mode)] : "-"
        let disabled = table.entries.filter { $0.disabled.load(ordering: .relaxed) }.count
        return """
            midimond pid \(getpid()), up \(Int(seconds)) s; config \(builder.configPath): \(mappings) mappings, mode \(mode); \
            plugins \(table.entries.count) (\(disabled) disabled); reloads \(reloads) (\(failedReloads) refused)
            \(figures.latencyLine)
            """
    }

    /// Builds the engine from the files as they are now and swaps it in; on any error the
    /// running config stays and the errors are returned.
    public func reload(because reason: String) -> (ok: Bool, text: String) {
        watched = builder.watchedFiles(grantsFile: grantsFile)
        snapshot = FileSnapshot(watched)
        changed = nil
        switch builder.build() {
        case .failure(let error):
            failedReloads += 1
            return (false, "reload (\(reason)) refused; still running the previous config:\n\(error.description)")
        case .success(let built):
            guard let old = daemon.offer(built.engine) else {
                failedReloads += 1
                return (false, "reload (\(reason)) not done: the MIDI loop is not running")
            }
            table = built.table
            mappings = built.mappings
            builder.workers.watch(table)
            // JSON-ABI actions queued before the swap still refer to the old plugins.
            while !builder.workers.actionsIdle { usleep(1000) }
            _ = old
            reloads += 1
            var lines = ["reloaded \(builder.configPath) (\(reason)): \(built.mappings) mappings, \(built.table.entries.count) plugins"]
            lines += built.warnings
            return (true, lines.joined(separator: "\n"))
        }
    }

    /// Reloads when a watched file changed and has since held still.
    public func checkFiles() {
        guard watch else { return }
        let now = FileSnapshot(watched)
        if now == snapshot {
            changed = nil
            return
        }
        if let changed, changed == now {
            let (_, text) = reload(because: "files changed")
            builder.workers.say("midimond: \(text.split(separator: "\n").joined(separator: "\nmidimond: "))")
        } else {
            changed = now
        }
    }
}
