import ArgumentParser
import Logging
import Runtime

/// midimond, the live-performance daemon. It links the runtime only, never LLVM. The MIDI
/// engine, mappings and plugin host arrive with later issues; today it reports its version.
struct Midimond: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "midimond",
        abstract: "The midimon live-performance MIDI daemon.",
        version: Runtime.version
    )

    func run() throws {
        let log = Logger(label: "midimond")
        log.notice("midimond \(Runtime.version): no MIDI engine in this build yet")
        print("midimond \(Runtime.version): the MIDI engine is not built yet; nothing to run")
    }
}

Midimond.main()
