import Atomics
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
        _ = histogram.record(Swift.min(Swift.max(micros, 1), 10_000_000))
    }

    /// Outputs measured.
    public var count: UInt64 { histogram.totalCount }

    /// The latency at percentile `p` (0 when nothing was measured).
    public func percentile(_ p: Double) -> UInt64 { histogram.totalCount == 0 ? 0 : histogram.valueAtPercentile(p) }

    /// The largest latency measured.
    public var max: UInt64 { histogram.totalCount == 0 ? 0 : histogram.max }

    /// `latency p50=…us p99=…us p999=…us max=…us events=N dropped=N`, the line
    /// `midimond --latency-report` prints and `midimon daemon status` shows.
    public var summary: String {
        DaemonStatus(p50: percentile(50), p99: percentile(99), p999: percentile(99.9), max: max,
                     events: events, dropped: dropped, measured: Int(count), mode: 0).latencyLine
    }
}

/// The loop's figures at one moment, as `midimon daemon status` shows them.
public struct DaemonStatus: Sendable, Equatable {
    public var p50: UInt64
    public var p99: UInt64
    public var p999: UInt64
    public var max: UInt64
    public var events: Int
    public var dropped: Int
    /// Messages whose latency was measured.
    public var measured: Int
    /// The active mode's index.
    public var mode: UInt16

    public var latencyLine: String {
        "latency p50=\(p50)us p99=\(p99)us p999=\(p999)us max=\(max)us events=\(events) dropped=\(dropped)"
    }
}

/// The last figures the loop published: written by the loop between events, read by the
/// control thread. Each field is its own atomic, so a reader may see a mix of two
/// publications (figures a few events apart), never a torn number.
final class PublishedStatus: @unchecked Sendable {
    private let fields = (0..<8).map { _ in ManagedAtomic<UInt64>(0) }

    /// Called by the loop: stores only, no allocation.
    func publish(_ latency: LatencyRecorder, dropped: Int, mode: UInt16) {
        fields[0].store(latency.percentile(50), ordering: .relaxed)
        fields[1].store(latency.percentile(99), ordering: .relaxed)
        fields[2].store(latency.percentile(99.9), ordering: .relaxed)
        fields[3].store(latency.max, ordering: .relaxed)
        fields[4].store(UInt64(latency.events), ordering: .relaxed)
        fields[5].store(UInt64(dropped), ordering: .relaxed)
        fields[6].store(latency.count, ordering: .relaxed)
        fields[7].store(UInt64(mode), ordering: .relaxed)
    }

    func read() -> DaemonStatus {
        let v = fields.map { $0.load(ordering: .relaxed) }
        return DaemonStatus(p50: v[0], p99: v[1], p999: v[2], max: v[3], events: Int(v[4]), dropped: Int(v[5]),
                            measured: Int(v[6]), mode: UInt16(truncatingIfNeeded: v[7]))
    }
}
