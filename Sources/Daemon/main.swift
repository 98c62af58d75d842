import ArgumentParser
import ArtifactCache
import DaemonCore
import Glibc
import Logging
import PluginHost
import Runtime

/// midimond, the live-performance daemon. It links the runtime and the artifact cache's
/// reader only, never LLVM. With `--config` it runs MIDI inputs through the mapping engine
/// to its outputs (DaemonCore); plugin actions are wired to the plugin host later. It can also
/// load plugins from the cache (`--load-plugin`), which is the path the plugin host will take.
struct Midimond: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "midimond",
        abstract: "The midimon live-performance MIDI daemon.",
        discussion: """
            --load-plugin FILE.wasm (repeatable) loads each plugin's compiled code from the \
            cache: it finds the entry `midimon compile` would make for the module and the code \
            options, verifies it (metadata checksum, key, artifact SHA-256) before dlopen, \
            loads and instantiates it, and prints one `loaded` line per plugin. A plugin with no \
            valid entry is refused with the exact `midimon compile` command to run (exit status \
            1), or compiled by running that command (--compile-missing). See cache/README.md.

            --config FILE --input SPEC... --output [NAME=]SPEC... runs the MIDI engine: inputs \
            alsa:PORT[@ADDR], replay:FILE[:fast], smf:FILE[:fast], udp:HOST:PORT, unix:PATH; \
            outputs alsa:PORT[@ADDR], udp:HOST:PORT, unix:PATH, capture:FILE, named by NAME for \
            mappings' `port`. Plugin actions call plugins from the plugins folder, compiled code \
            from the cache. The config, plugins and grants are reloaded when they change on disk \
            or on `midimon daemon reload`; the control socket answers `midimon daemon status`, \
            `reload`, `stop`, `list-plugins`. When every input is a file, midimond exits once the \
            last event is processed and the outputs are flushed; otherwise on `midimon daemon \
            stop`, SIGINT or SIGTERM. See docs/midi.md.
            """,
        version: Runtime.version
    )

    @Option(name: .long, help: ArgumentHelp("The cache folder (default: as midimon chooses it).", valueName: "dir"))
    var cacheDir: String?

    @Option(name: .long, help: ArgumentHelp("Load this plugin's compiled code from the cache (repeatable).", valueName: "file.wasm"))
    var loadPlugin: [String] = []

    @Option(name: .long, help: "The plugins' code options, as given to midimon compile: LLVM pipeline 0 to 3.")
    var optLevel: Int = CodeSettings.default.optLevel

    @Option(name: .long, help: "Bounds checks the code was compiled with: explicit or guard.")
    var bounds: String = CodeSettings.default.bounds

    @Flag(name: .long, help: "The code was compiled without fuel counters.")
    var noFuel = false

    @Flag(name: .long, help: "Compile a plugin missing from the cache by running `midimon compile` (a child process).")
    var compileMissing = false

    @Flag(name: .long, help: "After loading, print this process's resident memory (VmRSS, VmHWM).")
    var reportMemory = false

    @Option(name: .long, help: ArgumentHelp("The mapping config (MIDIMon's TOML format; see `midimon config check`).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Where MIDI comes from (repeatable): alsa:PORT[@ADDR], replay:FILE[:fast], smf:FILE[:fast], udp:HOST:PORT, unix:PATH.", valueName: "spec"))
    var input: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where MIDI goes (repeatable): [NAME=]alsa:PORT[@ADDR], udp:HOST:PORT, unix:PATH, capture:FILE. Mappings' `port` names NAME.", valueName: "spec"))
    var output: [String] = []

    @Flag(name: .long, help: "On exit, print arrival-to-output latency: p50, p99, p999, max, events, dropped.")
    var latencyReport = false

    @Option(name: .long, help: ArgumentHelp("The plugins folder (default: $MIDIMON_PLUGINS_DIR, else ~/.config/midimon/plugins).", valueName: "dir"))
    var pluginsDir: String?

    @Option(name: .long, help: ArgumentHelp("The grants file (default: $MIDIMON_GRANTS_FILE, else ~/.config/midimon/grants.toml).", valueName: "file"))
    var grantsFile: String?

    @Option(name: .long, help: ArgumentHelp("The trusted keys file (default: $MIDIMON_TRUSTED_KEYS, else ~/.config/midimon/trusted-keys).", valueName: "file"))
    var trustedKeys: String?

    @Flag(name: .long, help: "Refuse unsigned plugins.")
    var requireSignatures = false

    @Flag(name: .long, help: "Grant the config the subprocess capability: Shell actions run (on a worker thread).")
    var allowShell = false

    @Option(name: .long, help: "Faults (traps, fuel or deadline exhausted) after which a plugin is disabled.")
    var pluginFaultLimit = 3

    @Option(name: .long, help: "Fuel given to each plugin call (code compiled with fuel).")
    var pluginFuel: Int64 = 10_000_000

    @Option(name: .customLong("event-deadline-us"), help: "Wall-clock budget of one event-ABI plugin call, in microseconds.")
    var eventDeadlineUs: Int64 = 10_000

    @Option(name: .long, help: ArgumentHelp("The control socket (default: $XDG_RUNTIME_DIR/midimond.sock, else /tmp/midimond-UID.sock).", valueName: "path"))
    var control: String?

    @Flag(name: .long, help: "Open no control socket.")
    var noControl = false

    @Flag(name: .long, help: "Do not reload when the config, plugins or grants change on disk (`midimon daemon reload` still does).")
    var noWatch = false

    @Flag(name: .long, help: "Do not ask for SCHED_FIFO and mlockall.")
    var noRealtime = false

    func validate() throws {
        guard (0...3).contains(optLevel) else { throw ValidationError("--opt-level must be 0, 1, 2 or 3 (got \(optLevel))") }
        guard ["explicit", "guard"].contains(bounds) else { throw ValidationError("--bounds must be explicit or guard (got \(bounds))") }
        guard pluginFaultLimit >= 1 else { throw ValidationError("--plugin-fault-limit must be at least 1") }
        guard pluginFuel >= 1 else { throw ValidationError("--plugin-fuel must be at least 1") }
        guard eventDeadlineUs >= 100 else { throw ValidationError("--event-deadline-us must be at least 100") }
    }

    func run() throws {
        let log = Logger(label: "midimond")
        if let config {
            try runMIDI(config: config)
            if loadPlugin.isEmpty && !reportMemory { return }
        } else if !input.isEmpty || !output.isEmpty {
            throw ValidationError("--input and --output need --config FILE")
        }
        if loadPlugin.isEmpty && !reportMemory {
            log.notice("midimond \(Runtime.version): nothing to run")
            print("midimond \(Runtime.version): nothing to run; give --config FILE --input SPEC --output [NAME=]SPEC, or --load-plugin FILE.wasm")
            return
        }
        let host = PluginLoader(cache: ArtifactCache(location: CacheLocation.resolve(explicit: cacheDir)),
                                code: CodeSettings(optLevel: optLevel, bounds: bounds, fuel: !noFuel),
                                compileMissing: compileMissing)
        var failures = 0
        for file in loadPlugin {
            switch host.load(file) {
            case .success(let plugin):
                print("loaded \(file): \(plugin.summary)")
            case .failure(let refusal):
                failures += 1
                for line in refusal.lines { printError("midimond: \(line)") }
            }
        }
        if reportMemory {
            let memory = ResidentMemory.read()
            print("resident memory: \(memory.current) KiB (peak \(memory.peak) KiB) with \(host.loaded.count) plugin\(host.loaded.count == 1 ? "" : "s") loaded")
        }
        if failures > 0 { throw ExitCode.failure }
    }
}

/// Plugins loaded from the cache, kept alive with their instances.
final class PluginLoader {
    struct Loaded {
        let file: String
        let entry: VerifiedEntry
        let instance: Instance
        let milliseconds: Double

        var summary: String {
            let exports = instance.exportNames
            let name = entry.metadata.plugin ?? "unnamed"
            return "plugin \(name), \(exports.count) export\(exports.count == 1 ? "" : "s") (\(exports.joined(separator: ", "))), cache entry \(entry.key.prefix(12)), \(format3(milliseconds)) ms"
        }
    }

    /// Why a plugin was not loaded: lines for stderr, the last the command to run when one helps.
    struct Refusal: Error {
        var lines: [String]
    }

    let cache: ArtifactCache
    let code: CodeSettings
    let compileMissing: Bool
    private(set) var loaded: [Loaded] = []

    init(cache: ArtifactCache, code: CodeSettings, compileMissing: Bool) {
        self.cache = cache
        self.code = code
        self.compileMissing = compileMissing
    }

    func load(_ file: String) -> Result<Loaded, Refusal> {
        let start = ContinuousClock.now
        let bytes: [UInt8]
        switch POSIXFile.read(file) {
        case .success(let read): bytes = read
        case .failure(let reason): return .failure(Refusal(lines: ["\(file): cannot read: \(reason)"]))
        }
        var result = attempt(file, bytes)
        if case .failure(let error) = result, error.kind == .miss, compileMissing {
            if let problem = compile(file) { return .failure(Refusal(lines: ["\(file): \(problem)"])) }
            result = attempt(file, bytes)
        }
        switch result {
        case .failure(let error):
            var lines = ["\(file): refused: \(error)"]
            if error.kind == .miss || error.kind == .rejected || error.kind == .notLoadable || error.kind == .location {
                lines.append("\(file): to compile it, run: \(command(for: file).map(ShellWord.quote).joined(separator: " "))")
            }
            return .failure(Refusal(lines: lines))
        case .success(let (artifact, entry)):
            do {
                let instance = try Instance(artifact, store: Store(), imports: Imports())
                let elapsed = ContinuousClock.now - start
                let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
                let plugin = Loaded(file: file, entry: entry, instance: instance, milliseconds: milliseconds)
                loaded.append(plugin)
                return .success(plugin)
            } catch {
                return .failure(Refusal(lines: ["\(file): cannot instantiate \(entry.artifactPath): \(error.message)"]))
            }
        }
    }

    /// One look in the cache: the verified, loaded artifact, or why not.
    private func attempt(_ file: String, _ bytes: [UInt8]) -> Result<(Artifact, VerifiedEntry), CacheError> {
        do throws(CacheError) {
            try cache.checkReadable()
            guard let inputs = cache.recordedInputs(module: bytes, code: code) else {
                throw CacheError.missing(cache.root, "no toolchain recorded for this machine: midimon has not compiled into this cache here")
            }
            return .success(try cache.loadArtifact(inputs))
        } catch {
            return .failure(error.kind == .location ? CacheError.missing(error.path, error.message) : error)
        }
    }

    /// The `midimon compile` that makes the entry this daemon looks for.
    func command(for file: String) -> [String] {
        ["midimon", "compile", "--cache-dir", cache.root] + code.commandLineOptions + [file]
    }

    /// Runs `midimon compile` for `file` (the `midimon` beside this executable, else the first
    /// on PATH) and waits for it; nil on success, else why not.
    private func compile(_ file: String) -> String? {
        guard let midimon = Self.findMidimon() else {
            return "not in the cache, and no midimon found beside midimond or on PATH to compile it; run: \(command(for: file).map(ShellWord.quote).joined(separator: " "))"
        }
        var arguments = command(for: file)
        arguments[0] = midimon
        printError("midimond: \(file): not in the cache; running \(arguments.map(ShellWord.quote).joined(separator: " "))")
        switch Spawn.run(arguments) {
        case .success(0): return nil
        case .success(let status): return "midimon compile failed (exit status \(status)); see its message above"
        case .failure(let reason): return "cannot run \(midimon): \(reason)"
        }
    }

    static func findMidimon() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            let exe = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let sibling = exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)] + "/midimon"
            if access(String(sibling), X_OK) == 0 { return String(sibling) }
        }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where access("\(directory)/midimon", X_OK) == 0 {
            return "\(directory)/midimon"
        }
        return nil
    }
}

extension CacheError {
    /// A miss with a reason (no cache folder, no toolchain record).
    static func missing(_ path: String, _ message: String) -> CacheError {
        CacheError(.miss, path, message)
    }
}

/// Runs a program with `posix_spawn`, its stdout sent to our stderr (the daemon's stdout
/// carries its own report), and waits for it.
enum Spawn {
    static func run(_ arguments: [String]) -> Result<Int32, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard error == 0 else { return .failure(SpawnError(String(cString: strerror(error)))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .failure(SpawnError(String(cString: strerror(errno)))) }
        }
        let signal = status & 0x7f
        return .success(signal == 0 ? (status >> 8) & 0xff : 128 + signal)
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

enum POSIXFile {
    static func read(_ path: String) -> Result<[UInt8], SpawnReason> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SpawnReason(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(SpawnReason(String(cString: strerror(errno))))
            }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
        }
    }

    struct SpawnReason: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// This process's resident memory from `/proc/self/status`, in KiB.
enum ResidentMemory {
    static func read() -> (current: Int, peak: Int) {
        guard case .success(let bytes) = POSIXFile.read("/proc/self/status") else { return (0, 0) }
        var current = 0, peak = 0
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let value = Int(fields[1]) else { continue }
            if fields[0] == "VmRSS:" { current = value }
            if fields[0] == "VmHWM:" { peak = value }
        }
        return (current, peak)
    }
}

func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { write(2, $0.baseAddress! + written, $0.count - written) }
        if count <= 0 && errno != EINTR { return }
        if count > 0 { written += count }
    }
}

/// `12.345` with three decimals, without Foundation's `String(format:)`.
func format3(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}

Midimond.main()
