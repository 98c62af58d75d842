import DaemonCore
import Foundation
import MIDI
import MappingEngine
import Testing

/// Reload of a running loop (in-process, so the swap itself is observed) and Shell actions
/// on the notice worker.
@Suite(.serialized)
struct ReloadAndShellTests {
    /// Runs the loop on a thread of its own, as midimond's main thread does.
    final class Running: @unchecked Sendable {
        let daemon: MIDIDaemon<HostDispatcher>
        private let done = DispatchSemaphore(value: 0)

        init(_ daemon: MIDIDaemon<HostDispatcher>) {
            self.daemon = daemon
            Thread { [self] in
                daemon.run()
                done.signal()
            }.start()
        }

        func stop() {
            daemon.requestStop()
            done.wait()
        }
    }

    @Test func aChangedPluginIsReloadedBetweenEventsAndTheModeKept() throws {
        let scratch = try DaemonScratch()
        defer { scratch.remove() }
        try scratch.plugin("octave", abi: "event", wat: Plugins.octave(delay: 0))
        let config = try scratch.write("config.toml", """
            [[modes]]
            name = "A"
            [[modes.mappings]]
            trigger = { type = "Note", note = 40 }
            action = { type = "ModeChange", mode = "B" }
            [[modes]]
            name = "B"
            [[modes.mappings]]
            trigger = { type = "Note", note = 36 }
            action = { type = "Plugin", name = "octave" }
            """)
        let workers = DaemonWorkers()
        let lines = Lines()
        workers.sink = { lines.append($0) }
        let builder = scratch.builder(config: config, workers: workers)
        let built = try builder.build().get()
        let socket = scratch.file("in.sock")
        let daemon = try MIDIDaemon(engine: built.engine, inputs: [.unix(path: socket)],
                                    outputs: [OutputSpec(name: "out", kind: .capture(path: scratch.file("out.txt")))], workers: workers)
        let controller = DaemonController(daemon: daemon, builder: builder, built: built, grantsFile: nil, watch: true)
        let running = Running(daemon)
        let input = DatagramOutput(socket: try DatagramSocket.connectUNIX(path: socket))
        func captured(_ count: Int) -> [String] {
            let deadline = Date().addingTimeInterval(10)
            var lines: [String] = []
            while Date() < deadline {
                lines = scratch.read("out.txt").split(separator: "\n").map { $0.split(separator: " ").dropFirst().joined(separator: " ") }
                if lines.count >= count { break }
                usleep(10_000)
            }
            return lines
        }
        input.send(.noteOn(channel: 0, note: 40, velocity: 1))   // to mode B
        input.send(.noteOn(channel: 0, note: 36, velocity: 100))
        #expect(captured(2) == ["90 30 64", "90 30 64"])   // emitted twice, both now (delay 0)

        // The plugin now sends two octaves up: a changed module reloads once it holds still.
        try scratch.plugin("octave", abi: "event", wat: Plugins.octave(delay: 0).replacingOccurrences(of: "0xc00", with: "0x1800"))
        controller.checkFiles()
        controller.checkFiles()
        #expect(controller.reloads == 1)
        input.send(.noteOn(channel: 0, note: 36, velocity: 100))   // still mode B after the swap
        #expect(captured(4) == ["90 30 64", "90 30 64", "90 3c 64", "90 3c 64"])
        #expect(controller.handle("list-plugins").text.hasPrefix("octave 1.0.0 abi=event enabled calls=1 "))
        running.stop()
        #expect(lines.all.contains { $0.hasPrefix("midimond: reloaded \(config) (files changed): 2 mappings, 1 plugins") })
        #expect(lines.all.contains("midimond: mode B"))
    }

    func shell(allow: Bool) throws -> (lines: [String], ran: Bool) {
        let scratch = try DaemonScratch()
        defer { scratch.remove() }
        let marker = scratch.file("ran")
        let config = try scratch.write("config.toml", """
            [[global_mappings]]
            trigger = { type = "Note", note = 36 }
            action = { type = "Shell", command = "touch '\(marker)'" }
            """)
        let replay = try scratch.write("in.txt", "0 90 24 40\n")
        let workers = DaemonWorkers(allowShell: allow)
        let lines = Lines()
        workers.sink = { lines.append($0) }
        let built = try scratch.builder(config: config, workers: workers).build().get()
        let daemon = try MIDIDaemon(engine: built.engine, inputs: [.replay(path: replay, fast: true)],
                                    outputs: [OutputSpec(name: "out", kind: .capture(path: scratch.file("out.txt")))], workers: workers)
        daemon.run()
        // The worker starts the command and does not wait for it.
        let deadline = Date().addingTimeInterval(5)
        while allow && !FileManager.default.fileExists(atPath: marker) && Date() < deadline { usleep(10_000) }
        return (lines.all, FileManager.default.fileExists(atPath: marker))
    }

    @Test func shellActionsRunOnAWorkerOnlyWithTheGrant() throws {
        let granted = try shell(allow: true)
        #expect(granted.ran)
        let refused = try shell(allow: false)
        #expect(!refused.ran)
        #expect(refused.lines.contains { $0.hasPrefix("midimond: Shell action not run (the config lacks the subprocess grant") })
    }
}
