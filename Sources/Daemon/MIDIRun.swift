import ArgumentParser
import DaemonCore
import Glibc
import MIDI
import MappingConfig
import MappingEngine

/// Set by SIGINT/SIGTERM; the MIDI loop checks it between events and shuts down cleanly.
nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

extension Midimond {
    /// `--config FILE --input SPEC… --output [NAME=]SPEC…`: replay, sockets or ALSA through
    /// the mapping engine to the outputs. Plugin actions are accepted but not yet called (the
    /// plugin host is wired in later). Returns when every input is a finished file, or on
    /// SIGINT/SIGTERM.
    func runMIDI(config path: String) throws {
        let configuration: MappingConfiguration
        do {
            let (loaded, warnings) = try MappingConfiguration.load(path: path)
            for warning in warnings { printError("midimond: \(warning.formatted(file: path))") }
            configuration = loaded
        } catch {
            for diagnostic in error.diagnostics { printError("midimond: \(diagnostic.formatted(file: path))") }
            throw ExitCode.failure
        }
        var inputs: [InputSpec] = []
        var outputs: [OutputSpec] = []
        do throws(SpecError) {
            inputs = try input.map { (spec: String) throws(SpecError) -> InputSpec in try InputSpec(parsing: spec) }
            outputs = try output.map { (spec: String) throws(SpecError) -> OutputSpec in try OutputSpec(parsing: spec) }
        } catch {
            throw ValidationError(error.description)
        }
        guard !inputs.isEmpty else { throw ValidationError("give at least one --input") }
        let daemon: MIDIDaemon<NoPlugins>
        do {
            daemon = try MIDIDaemon(config: configuration, inputs: inputs, outputs: outputs, dispatch: NoPlugins())
        } catch {
            for line in error.lines { printError("midimond: \(line)") }
            throw ExitCode.failure
        }
        signal(SIGINT) { _ in stopRequested = 1 }
        signal(SIGTERM) { _ in stopRequested = 1 }
        daemon.run { stopRequested != 0 }
        if latencyReport { print(daemon.latency.summary) }
    }
}
