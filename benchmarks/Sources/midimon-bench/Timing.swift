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

    func report(_ name: String) -> String {
        "\(name): median \(format(median)) (min \(format(nanoseconds.min() ?? 0)), max \(format(nanoseconds.max() ?? 0)), \(nanoseconds.count) runs)"
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

func String(format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    return String(cString: buffer)
}
