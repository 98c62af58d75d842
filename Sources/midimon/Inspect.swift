import ArgumentParser
import Compiler

/// `midimon inspect FILE`: placeholder replaced below.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Summarise a WebAssembly module.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Machine-readable output.") var json = false
    @Argument var file: String
    func run() throws { throw ValidationError("not yet") }
}
