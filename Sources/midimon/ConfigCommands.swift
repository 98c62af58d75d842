import ArgumentParser
import MappingConfig
import MappingEngine

/// `midimon config …`: mapping configs (MIDIMon's TOML format plus midimon's additions).
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with mapping configs.",
        subcommands: [ConfigCheck.self]
    )
}

/// `midimon config check FILE`: everything midimond would refuse, with lines.
struct ConfigCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a mapping config and point at the line of each problem.",
        discussion: """
            Reads FILE as midimond would: TOML syntax, sections, every trigger and action with \
            its fields, types and ranges, and mode names. Each problem is one line on standard \
            error, `FILE:LINE: error: PATH: message` (warnings likewise), and the exit status is 1 \
            when there are errors. With --output NAME (repeatable), SendMidi ports are also checked \
            against those output names, as midimond checks them against its --output list.
            """
    )

    @Option(name: .long, help: ArgumentHelp("An output name midimond will have, as in --output NAME=SPEC (repeatable).", valueName: "name"))
    var output: [String] = []

    @Flag(name: .shortAndLong, help: "Print nothing for a valid config.")
    var quiet = false

    @Argument(help: "The config file (.toml).")
    var file: String

    func run() throws {
        let config: MappingConfiguration
        do {
            let (loaded, warnings) = try MappingConfiguration.load(path: file)
            for warning in warnings { FileInput.printError(warning.formatted(file: file)) }
            config = loaded
        } catch {
            for diagnostic in error.diagnostics { FileInput.printError(diagnostic.formatted(file: file)) }
            throw ExitCode.failure
        }
        if !output.isEmpty {
            do {
                _ = try MappingEngine(config: config, outputs: output, dispatch: NoPlugins())
            } catch {
                for diagnostic in error.diagnostics { FileInput.printError(diagnostic.formatted(file: file)) }
                throw ExitCode.failure
            }
        }
        if !quiet {
            let modeMappings = config.modes.reduce(0) { $0 + $1.mappings.count }
            print("\(file): valid (\(config.modes.count) mode\(config.modes.count == 1 ? "" : "s"), \(modeMappings) mode mapping\(modeMappings == 1 ? "" : "s"), \(config.globalMappings.count) global)")
        }
    }
}
