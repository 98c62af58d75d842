import Compiler
import WasmTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks, one per argument; each prints its figures as `name: median … (min … max, N runs)`.
let benchmarks: [String: () -> Void] = [
    "frontend": FrontEndBenchmark.run,
    "compile": CompilerBenchmarks.compile,
    "load": CompilerBenchmarks.load,
    "call": CompilerBenchmarks.call,
    "kernels": KernelBenchmarks.run,
    // Writes the 2 MB synthetic module to /tmp/midimon-large.wasm, for profiling the CLI.
    "write-large": {
        let bytes = SyntheticModule.large()
        let file = fopen("/tmp/midimon-large.wasm", "wb")!
        _ = fwrite(bytes, 1, bytes.count, file)
        fclose(file)
    },
]

let selected = CommandLine.arguments.dropFirst()
if selected.isEmpty || selected.contains(where: { benchmarks[$0] == nil }) {
    print("usage: midimon-bench \(benchmarks.keys.sorted().joined(separator: "|"))...")
    exit(2)
}
for name in selected { benchmarks[name]!() }
