/// Wall-clock samples of one operation and their summary. The machines are shared and noisy,
/// so the median is the figure to quote; min and max show the spread.
struct Samples {
    var nanoseconds: [Double] = []

    mutating func measure(_ body: () throws -> Void) rethrows {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        nanoseconds.append(Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9)
    }

    var median: Double {
        let sorted = nanoseconds.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// One line for people; with `MIDIMON_BENCH_JSON` set in the environment (as
    /// `benchmarks/run` does), a second line, `{"benchmark": NAME, "ns": [every sample]}`, for
    /// the suite's raw figures.
    func report(_ name: String) -> String {
        let line = "\(name): median \(format(median)) (min \(format(nanoseconds.min() ?? 0)), max \(format(nanoseconds.max() ?? 0)), \(nanoseconds.count) runs)"
        guard Bench.jsonLines else { return line }
        return line + "\n{\"benchmark\": \"\(DriverProtocol.escape(name))\", \"ns\": [\(nanoseconds.map { String(format: "%.1f", $0) }.joined(separator: ", "))]}"
    }

    private func format(_ ns: Double) -> String {
        if ns >= 1e6 { return String(format: "%.2f ms", ns / 1e6) }
        if ns >= 1e3 { return String(format: "%.2f µs", ns / 1e3) }
        return String(format: "%.1f ns", ns)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import WasmTestSupport

func String(format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    return String(cString: buffer)
}

/// How `benchmarks/run` asks for its variants, through the environment (the benchmark names on
/// the command line stay as they are).
enum Bench {
    /// `MIDIMON_BENCH_JSON`: every ``Samples/report(_:)`` adds a JSON line with the raw samples.
    static let jsonLines = getenv("MIDIMON_BENCH_JSON") != nil
    /// `MIDIMON_BENCH_QUICK`: `benchmarks/run --quick`; fewer samples and a smaller compile
    /// module, so the whole suite fits in a few minutes.
    static let quick = getenv("MIDIMON_BENCH_QUICK") != nil
    /// `MIDIMON_BENCH_SAMPLES`: samples per figure of `compile`, which the suite runs one
    /// sample at a time, alternating with wasmtime.
    static let samples: Int? = getenv("MIDIMON_BENCH_SAMPLES").flatMap { Int(String(cString: $0)) }

    /// The compile benchmark's module: `SyntheticModule.large()` (about 2 MB), or a tenth of it
    /// when quick.
    static func compileModule() -> [UInt8] {
        quick ? SyntheticModule.large(functionCount: 200) : SyntheticModule.large()
    }
}
