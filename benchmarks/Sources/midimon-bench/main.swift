import Compiler
import WasmTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks, one per argument; each prints its figures as `name: median … (min … max, N runs)`.
let benchmarks: [String: () -> Void] = [
    "frontend": FrontEndBenchmark.run,
]

let selected = CommandLine.arguments.dropFirst()
if selected.isEmpty || selected.contains(where: { benchmarks[$0] == nil }) {
    print("usage: midimon-bench \(benchmarks.keys.sorted().joined(separator: "|"))...")
    exit(2)
}
for name in selected { benchmarks[name]!() }
