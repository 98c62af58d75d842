import ArgumentParser
import ArtifactCache
import DaemonCore
import Glibc
import MIDI
import MappingConfig
import MappingEngine
import PluginHost
import PluginHostHTTP
import Runtime

/// Set by SIGINT/SIGTERM; the MIDI loop checks it between events and shuts down cleanly.
nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

extension Midimond {
    /// `--config FILE --input SPEC… --output [NAME=]SPEC…`: replay, sockets or ALSA through
    /// the mapping engine, with plugins from the plugins folder (compiled code from the
    /// cache), to the outputs. Returns when every input is a finished file, on `midimon daemon
    /// stop`, or on SIGINT/SIGTERM.
    func runMIDI(config path: String) throws {
        var inputs: [InputSpec] = []
        var outputs: [OutputSpec] = []
        do throws(SpecError) {
            inputs = try input.map { (spec: String) throws(SpecError) -> InputSpec in try InputSpec(parsing: spec) }
            outputs = try output.map { (spec: String) throws(SpecError) -> OutputSpec in try OutputSpec(parsing: spec) }
        } catch {
            throw ValidationError(error.description)
        }
        guard !inputs.isEmpty else { throw ValidationError("give at least one --input") }

        let paths = HostPaths.resolve(pluginsDirectory: pluginsDir, grantsFile: grantsFile, trustedKeysFile: trustedKeys)
        let source = CachedArtifactSource(cache: ArtifactCache(location: CacheLocation.resolve(explicit: cacheDir)),
                                          code: CodeSettings(optLevel: optLevel, bounds: bounds, fuel: !noFuel))
        let options = LoadOptions(requireSignatures: requireSignatures, http: HTTPSettings(transport: AsyncHTTPTransport()),
                                  fuelPerCall: noFuel ? nil : pluginFuel)
        let workers = DaemonWorkers(allowShell: allowShell)
        let builder = EngineBuilder(configPath: path, outputs: outputs.map(\.name), pluginsDirectory: paths.pluginsDirectory,
                                    faultLimit: pluginFaultLimit, eventDeadline: .microseconds(eventDeadlineUs), workers: workers) {
            () throws(PluginError) -> PluginHostLoader in try PluginHostLoader(paths: paths, source: source, options: options)
        }
        let built: EngineBuilder.Built
        switch builder.build() {
        case .success(let result): built = result
        case .failure(let error):
            for line in error.lines { printError("midimond: \(line)") }
            throw ExitCode.failure
        }
        for warning in built.warnings { printError("midimond: \(warning)") }
        let daemon: MIDIDaemon<HostDispatcher>
        do {
            daemon = try MIDIDaemon(engine: built.engine, inputs: inputs, outputs: outputs, workers: workers)
        } catch {
            for line in error.lines { printError("midimond: \(line)") }
            throw ExitCode.failure
        }
        let controller = DaemonController(daemon: daemon, builder: builder, built: built,
                                          grantsFile: paths.grantsFile, watch: !noWatch)
        var server: ControlServer?
        // A run of finite replays ends by itself: it takes the default socket only when asked.
        if !noControl && (control != nil || !daemon.allInputsFinite) {
            let socketPath = control ?? ControlProtocol.defaultPath()
            do {
                server = try ControlServer(path: socketPath, idle: { controller.checkFiles() }) { command in controller.handle(command) }
            } catch {
                printError("midimond: \(error)")
                throw ExitCode.failure
            }
        }
        signal(SIGPIPE, SIG_IGN)
        signal(SIGINT) { _ in stopRequested = 1 }
        signal(SIGTERM) { _ in stopRequested = 1 }
        // A parent may have left them blocked (the mask survives exec): a daemon must hear them.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        // Workers and the control thread start before the real-time switch: threads inherit
        // their creator's scheduling, and they must stay at normal priority.
        workers.start()
        server?.start()
        if !noRealtime {
            for notice in RealTime.enter() { printError(notice) }
        }
        printError("midimond: running \(path): \(built.mappings) mappings, \(built.table.entries.count) plugin instance\(built.table.entries.count == 1 ? "" : "s")\(server.map { "; control socket \($0.path)" } ?? "")")
        daemon.run { stopRequested != 0 }
        server?.stop()
        if latencyReport { print(daemon.latency.summary) }
    }
}
