import DaemonCore
import Foundation
import MIDI
import MappingEngine
import Testing

/// The daemon end to end with plugins: replay in, capture out, plugins compiled from WAT and
/// loaded through the plugin host, exactly as midimond runs them.
@Suite(.serialized)
struct PluginActionTests {
    static let config = """
        [[modes]]
        name = "Play"
        [[modes.mappings]]
        description = "event ABI: an octave up, and an echo 1 ms later"
        trigger = { type = "Note", note = 36 }
        action = { type = "Plugin", name = "octave", abi = "event" }
        [[modes.mappings]]
        trigger = { type = "Note", note = 48 }
        action = { type = "Plugin", name = "octave" }
        [[modes.mappings]]
        trigger = { type = "Note", note = 49 }
        action = { type = "Plugin", name = "octave" }
        [[modes.mappings]]
        description = "event ABI with a parameter, to the second output"
        trigger = { type = "Note", note = 37 }
        action = { type = "Plugin", name = "pass-under", port = "side", params = { limit = 100 } }
        [[modes.mappings]]
        description = "JSON ABI, with params"
        trigger = { type = "Note", note = 38 }
        action = { type = "Plugin", name = "echo", abi = "json", action = "shout", params = { text = "hi", times = 2 } }
        [[modes.mappings]]
        description = "a plain mapping that must keep flowing"
        trigger = { type = "Note", note = 39 }
        action = { type = "SendMidi", port = "out", message_type = "CC", controller = 1 }
        """

    static let replay = """
        0      90 24 40
        500    80 24 00
        2000   90 25 32
        2100   90 25 7f
        3000   90 26 50
        4000   90 30 40
        4100   90 27 11
        5000   90 31 40
        5100   90 27 12
        6000   90 30 40
        6100   90 27 13
        7000   90 24 40
        7100   90 27 14
        """

    func run(_ scratch: DaemonScratch, faultLimit: Int = 3) throws -> (daemon: MIDIDaemon<HostDispatcher>, lines: [String]) {
        try scratch.plugin("octave", abi: "event", wat: Plugins.octave())
        try scratch.plugin("pass-under", abi: "event", wat: Plugins.passUnder, extra: "[[parameters]]\nname = \"limit\"\n")
        try scratch.plugin("echo", abi: "json", wat: Plugins.jsonEcho())
        let config = try scratch.write("config.toml", Self.config)
        let replay = try scratch.write("in.txt", Self.replay)
        let workers = DaemonWorkers()
        let lines = Lines()
        workers.sink = { lines.append($0) }
        let built = try scratch.builder(config: config, outputs: ["out", "side"], faultLimit: faultLimit, workers: workers).build().get()
        let daemon = try MIDIDaemon(engine: built.engine, inputs: [.replay(path: replay, fast: true)],
                                    outputs: [OutputSpec(name: "out", kind: .capture(path: scratch.file("out.txt"))),
                                              OutputSpec(name: "side", kind: .capture(path: scratch.file("side.txt")))],
                                    workers: workers)
        daemon.run()
        return (daemon, lines.all.filter { !$0.contains("unverified") })
    }

    @Test func bothABIsFaultsAndDisablingOnReplay() throws {
        let scratch = try DaemonScratch()
        defer { scratch.remove() }
        let (daemon, lines) = try run(scratch, faultLimit: 2)
        // octave: the press and its release, each an octave up, each echoed 1 ms later (a timer,
        // so the echo of the press comes after the release at 500); note 0x30 traps and 0x31
        // runs out of fuel: two faults disable the plugin, so the press at 7000 sends nothing,
        // while the CC mapping on note 39 keeps flowing throughout.
        #expect(scratch.read("out.txt") == """
            0 90 30 40
            500 80 30 00
            1000 90 30 40
            1500 80 30 00
            4100 b0 01 11
            5100 b0 01 12
            6100 b0 01 13
            7100 b0 01 14

            """)
        // pass-under: velocity 0x32 ≤ limit 100 passes through unchanged; 0x7f returns -7.
        #expect(scratch.read("side.txt") == "2000 90 25 32\n")
        let table = daemon.engine.dispatch.table
        let octave = try #require(table.entries.first { $0.name == "octave" })
        // calls: press, release, 0x30, 0x31; skipped: 0x30 at 6000, the press at 7000.
        #expect(octave.counts == PluginTable.Counts(calls: 4, faults: 2, errors: 0, skipped: 2, disabled: true))
        let passUnder = try #require(table.entries.first { $0.name == "pass-under" })
        #expect(passUnder.counts == PluginTable.Counts(calls: 2, faults: 0, errors: 1, skipped: 0, disabled: false))
        #expect(lines.contains("midimond: plugin octave: event dropped: unreachable"))
        #expect(lines.contains { $0.hasPrefix("midimond: plugin octave: event dropped:") && $0.contains("fuel") })
        #expect(lines.contains("midimond: plugin octave: disabled after 2 faults; other mappings keep running (a reload loads it afresh)"))
        #expect(lines.contains("midimond: plugin pass-under: midimon_on_event returned -7; event dropped"))
        // The JSON action ran on the action worker with the mapping's params and the context.
        let echo = lines.filter { $0.hasPrefix("midimond: plugin echo: info: ") }
        #expect(echo == [#"midimond: plugin echo: info: {"action": "shout", "params": {"text": "hi", "times": 2}, "context": {"velocity": 80, "current_mode": 0, "timestamp": 3}}"#])
        #expect(daemon.latency.events == 13)
        #expect(daemon.latency.dropped == 0)
    }

    @Test func startUpErrorsNameTheLine() throws {
        let scratch = try DaemonScratch()
        defer { scratch.remove() }
        try scratch.plugin("octave", abi: "event", wat: Plugins.octave())
        try scratch.plugin("echo", abi: "json", wat: Plugins.jsonEcho())
        let config = try scratch.write("config.toml", """
            [[global_mappings]]
            trigger = { type = "Note", note = 36 }
            action = { type = "Plugin", name = "nowhere" }
            [[global_mappings]]
            trigger = { type = "Note", note = 37 }
            action = { type = "Plugin", name = "octave", abi = "json" }
            [[global_mappings]]
            trigger = { type = "Note", note = 38 }
            action = { type = "Plugin", name = "echo", action = "whisper" }
            [[global_mappings]]
            trigger = { type = "Note", note = 39 }
            action = { type = "Plugin", name = "octave", params = { speed = 2 } }
            [[global_mappings]]
            trigger = { type = "Note", note = 40 }
            action = { type = "Plugin", name = "octave", port = "elsewhere" }
            """)
        let workers = DaemonWorkers()
        let result = scratch.builder(config: config, workers: workers).build()
        guard case .failure(let error) = result else {
            Issue.record("the config should be refused")
            return
        }
        // Each names the file and the line of its mapping.
        let lines = error.lines
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("\(config):1: error:") && lines[0].contains("no plugin called \"nowhere\" (plugins: echo, octave)"))
        #expect(lines[1].hasPrefix("\(config):4: error:") && lines[1].contains("through the JSON ABI"))
        #expect(lines[2].hasPrefix("\(config):7: error:") && lines[2].contains("no action \"whisper\" (actions: say, shout)"))
        #expect(lines[3].hasPrefix("\(config):10: error:") && lines[3].contains("parameter `speed`"))
        #expect(lines[4].hasPrefix("\(config):13: error:") && lines[4].contains("port \"elsewhere\""))
    }
}
