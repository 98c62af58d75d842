import Histogram

/// Arrival-to-output latency in microseconds, in an HdrHistogram allocated once at
/// start-up (1 µs to 10 s at three significant digits), so recording on the hot path never
/// allocates.
public struct LatencyRecorder: Sendable {
    private var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 10_000_000,
                                              numberOfSignificantValueDigits: .three)
    /// Events read from the inputs.
    public var events = 0
    /// Events or messages dropped anywhere (full rings, full output sockets, refused timers).
    public var dropped = 0

    public init() {}

    /// Records one latency (values past the top are clamped to it).
    @inlinable public mutating func record(_ micros: UInt64) {
        recordClamped(micros)
    }

    @usableFromInline mutating func recordClamped(_ micros: UInt64) {
        _ = histogram.record(min(max(micros, 1), 10_000_000))
    }

    /// Outputs measured.
    public var count: UInt64 { histogram.totalCount }

    /// `latency p50=…us p99=…us p999=…us max=…us events=N dropped=N`, the line
    /// `midimond --latency-report` prints and `midimon daemon status` will show.
    public var summary: String {
        let empty = histogram.totalCount == 0
        func at(_ p: Double) -> UInt64 { empty ? 0 : histogram.valueAtPercentile(p) }
        return "latency p50=\(at(50))us p99=\(at(99))us p999=\(at(99.9))us max=\(empty ? 0 : histogram.max)us events=\(events) dropped=\(dropped)"
    }
}
