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
    "cache": CacheBenchmarks.run,
    "plugins": PluginBenchmarks.run,
    "daemon": DaemonBenchmark.run,
    // Writes the compile benchmark's module (2 MB; 0.2 MB with MIDIMON_BENCH_QUICK) to
    // $MIDIMON_LARGE_WASM or /tmp/midimon-large.wasm, for profiling the CLI and for the peers'
    // compile figures in benchmarks/run.
    "write-large": {
        let bytes = Bench.compileModule()
        let file = fopen(getenv("MIDIMON_LARGE_WASM").map { String(cString: $0) } ?? "/tmp/midimon-large.wasm", "wb")!
        _ = fwrite(bytes, 1, bytes.count, file)
        fclose(file)
    },
]

/// Kernel drivers for `benchmarks/run`, which take the rest of the command line as arguments
/// and speak the protocol of `DriverProtocol` on standard input and output.
let drivers: [String: ([String]) -> Void] = [
    "driver-midimon": MidimonDriver.run,
    "driver-wasmkit": WasmKitDriver.run,
]

let selected = CommandLine.arguments.dropFirst()
if let first = selected.first, let driver = drivers[first] {
    driver(Array(selected.dropFirst()))
    exit(0)
}
if selected.isEmpty || selected.contains(where: { benchmarks[$0] == nil }) {
    print("usage: midimon-bench \(benchmarks.keys.sorted().joined(separator: "|"))...")
    print("       midimon-bench \(drivers.keys.sorted().joined(separator: "|")) ARGUMENTS...")
    exit(2)
}
for name in selected { benchmarks[name]!(); fflush(nil) }
