import ArgumentParser
import Foundation
import WASIPreview1

/// What `midimon run` gives a module that imports `wasi_snapshot_preview1`: directories,
/// environment variables, and (after `--`) the program's arguments. Nothing else of the host
/// is visible: no directory unless `--dir`, no variable unless `--env`.
struct WASIOptions: ParsableArguments {
    @Option(name: .customLong("dir"), help: ArgumentHelp(
        "Give a WASI module the host directory HOST as GUEST (repeatable; 'DIR' alone means DIR::DIR).",
        valueName: "host::guest"))
    var directories: [String] = []

    @Option(name: .customLong("env"), help: ArgumentHelp(
        "Set a variable for a WASI module (repeatable; NAME alone passes the host's value, if any).",
        valueName: "name=value"))
    var environment: [String] = []

    func validate() throws {
        _ = try preopens()
        _ = try variables()
    }

    /// `--dir` values as preopens: `HOST::GUEST`, or `DIR` for the same name on both sides.
    func preopens() throws -> [WASIPreopen] {
        try directories.map { text in
            let parts = text.components(separatedBy: "::")
            guard parts.count <= 2, !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else {
                throw ValidationError("--dir must be HOST::GUEST or DIR (got '\(text)')")
            }
            return WASIPreopen(hostPath: parts[0], guestPath: parts.count == 2 ? parts[1] : parts[0])
        }
    }

    /// `--env` values in order; `NAME` alone takes the host's value and is skipped when unset.
    func variables() throws -> [(name: String, value: String)] {
        try environment.compactMap { text in
            let name = text.prefix { $0 != "=" }
            guard !name.isEmpty else { throw ValidationError("--env must be NAME=VALUE or NAME (got '\(text)')") }
            guard name.count < text.count else {
                return ProcessInfo.processInfo.environment[String(name)].map { (String(name), $0) }
            }
            return (String(name), String(text.dropFirst(name.count + 1)))
        }
    }

    /// The configuration for a run of `file` with `arguments` after the program name: the
    /// terminal's streams, and the filesystem only when some `--dir` was given.
    func configuration(file: String, arguments: [String]) throws -> WASIConfiguration {
        let preopens = try preopens()
        return WASIConfiguration(
            arguments: [file] + arguments, environment: try variables(),
            preopens: preopens, filesystemAllowed: !preopens.isEmpty,
            output: WASIConfiguration.terminalOutput, input: WASIConfiguration.terminalInput)
    }
}
