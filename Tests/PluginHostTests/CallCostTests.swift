import Foundation
import PluginHost
import Testing

/// The cost of one call through each ABI, printed for the record (the benchmark suite owns
/// the gated numbers): a trivial event handler through ``PluginInstance/onEvent(message:timestamp:)``
/// and a small JSON-ABI `execute`. Asserted only loosely (a shared 2-core machine is noisy).
@Suite(.serialized) struct CallCostTests {
    static func median(_ samples: [Double]) -> Double { samples.sorted()[samples.count / 2] }

    @Test func eventAndJSONCallCosts() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let event = try scratch.loader().load(try scratch.watPlugin("trivial", abi: "event", wat: """
            (module
              (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
              (func (export "midimon_on_event") (param i32 i64) (result i32) (i32.const 1)))
            """))
        let json = try scratch.loader().load(try scratch.watPlugin("small", wat: jsonPluginWAT(execute: "(i32.const 0)")))

        // Medians of batches: each batch's mean per call.
        var eventSamples: [Double] = []
        for _ in 0..<50 {
            let start = ContinuousClock.now
            for i in 0..<2_000 { _ = event.onEvent(message: UInt32(truncatingIfNeeded: i), timestamp: Int64(i)) }
            let elapsed = ContinuousClock.now - start
            eventSamples.append((Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / 2_000)
        }
        let request = PluginRequest(action: "tap", params: [.init("note", .integer(60))], velocity: 100, timestampMilliseconds: 1)
        var jsonSamples: [Double] = []
        for _ in 0..<20 {
            let start = ContinuousClock.now
            for _ in 0..<200 { _ = try json.execute(request) }
            let elapsed = ContinuousClock.now - start
            jsonSamples.append((Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / 200)
        }
        let eventNanoseconds = Self.median(eventSamples), jsonNanoseconds = Self.median(jsonSamples)
        print("call cost: event ABI onEvent \(Int(eventNanoseconds)) ns (median of 50 batches), JSON ABI execute \(Int(jsonNanoseconds)) ns (median of 20 batches)")
        #expect(eventNanoseconds < 20_000)
        #expect(eventNanoseconds < jsonNanoseconds)
    }
}
