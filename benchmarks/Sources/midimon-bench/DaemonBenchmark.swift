import ArtifactCache
import CMallocCounter
import DaemonCore
import Foundation
import MIDI
import PluginHost

#if canImport(Glibc)
import Glibc
#endif

/// `daemon`: a replay of 1,000,000 events (200,000 with MIDIMON_BENCH_QUICK) as fast as
/// possible through midimond's loop (MIDIDaemon, as the daemon runs it) and a mapping that
/// calls the velocity-curve example through the event ABI for every note-on and note-off.
/// Reports throughput, the daemon's own arrival-to-output latency percentiles (HdrHistogram,
/// µs) and the heap allocations the MIDI thread made during the run (a malloc counter
/// interposed on glibc's, counting only that thread). A warm-up replay on the same engine runs
/// first, so the lazy one-time work of the Swift runtime is not counted.
enum DaemonBenchmark {
    static func run() {
        let events = Bench.quick ? 200_000 : 1_000_000
        let scratch = CompilerBenchmarks.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let config = "\(scratch)/config.toml"
        try! """
            [[global_mappings]]
            description = "every pad 60 hit and release through the velocity-curve plugin (event ABI)"
            trigger = { type = "Note", note = 60 }
            action = { type = "Plugin", name = "velocity-curve", abi = "event", port = "out", params = { amount = 0.5, min = 1, max = 127 } }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        func replay(_ name: String, _ count: Int) -> String {
            var text = ""
            text.reserveCapacity(count * 16)
            for i in 0..<count {
                let velocity = 1 + (i / 2) % 127
                text += i % 2 == 0 ? "\(i * 10) 90 3c \(String(velocity, radix: 16))\n" : "\(i * 10) 80 3c 00\n"
            }
            let path = "\(scratch)/\(name)"
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let warmUp = replay("warm-up.txt", 20_000)
        let measured = replay("events.txt", events)
        let cache = ArtifactCache(path: "\(scratch)/cache")
        let workers = DaemonWorkers()
        let builder = EngineBuilder(configPath: config, outputs: ["out"], pluginsDirectory: "\(PluginBenchmarks.repository)/plugins/examples",
                                    faultLimit: 3, eventDeadline: .milliseconds(10), workers: workers) { () throws(PluginError) -> PluginHostLoader in
            PluginHostLoader(source: PluginBenchmarks.Source(cache: cache), grants: Grants(path: "\(scratch)/grants.toml"),
                             trustedKeys: TrustedKeys(path: "\(scratch)/keys"), options: LoadOptions(fuelPerCall: 10_000_000))
        }
        let built: EngineBuilder.Built
        switch builder.build() {
        case .success(let result): built = result
        case .failure(let error):
            print("daemon: \(error) (run plugins/build first)")
            exit(1)
        }
        func daemon(_ replay: String) -> MIDIDaemon<HostDispatcher> {
            try! MIDIDaemon(engine: built.engine, inputs: [.replay(path: replay, fast: true)],
                            outputs: [OutputSpec(name: "out", kind: .capture(path: "\(scratch)/out.txt"))], workers: workers)
        }
        workers.sink = { _ in }
        daemon(warmUp).run()
        let loop = daemon(measured)
        workers.start()
        let start = MonotonicClock.micros()
        malloc_counter_start()
        loop.run()
        let allocations = malloc_counter_stop()
        let seconds = Double(MonotonicClock.micros() - start) / 1e6
        let latency = loop.latency
        let sent = (try? String(contentsOfFile: "\(scratch)/out.txt", encoding: .utf8))?.split(separator: "\n").count ?? 0
        let counts = built.table.entries.first?.counts
        print("daemon: \(events) events through an event-ABI plugin (velocity-curve), fast replay → capture: \(format(seconds, 2)) s, \(Int(Double(events) / seconds)) events/s, \(format(seconds * 1e9 / Double(events), 0)) ns per event")
        print("daemon: \(latency.summary)")
        print("daemon: heap allocations on the MIDI thread during the run: \(allocations)")
        for index in 0..<min(Int(allocations), Int(MALLOC_COUNTER_CALLERS)) {
            print("daemon:   allocation \(index + 1) from:")
            fflush(nil)
            malloc_counter_print(Int32(index))
        }
        print("daemon: messages sent \(sent) (expected \(events)); plugin calls \(counts?.calls ?? 0), faults \(counts?.faults ?? 0), errors \(counts?.errors ?? 0)")
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return decimals == 0 ? String(Int(rounded)) : String(rounded)
    }
}
