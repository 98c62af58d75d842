import ArgumentParser
import Logging
import PluginABI

@main
struct Midimon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "midimon",
        abstract: "Validate, inspect and (soon) compile WebAssembly plugins for the midimond MIDI daemon.",
        version: MidimonVersion.string,
        subcommands: [Validate.self, Inspect.self, Compile.self, Run.self, Wast.self, Cache.self, PluginCommand.self, ConfigCommand.self, DaemonCommand.self]
    )
}

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    /// Sends logs to stderr at the chosen level; call once at the start of `run()`.
    func bootstrapLogging() -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "midimon")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
