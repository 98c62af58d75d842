import Foundation
import Glibc
import Subprocess
import SystemPackage
import Testing

/// `midimon config check` and `midimond --config … --input … --output …`, run as a user would.
struct MIDICommandTests {
    static let config = """
        [[modes]]
        name = "Play"
        [[modes.mappings]]
        trigger = { type = "Note", note = 36 }
        action = { type = "SendMidi", port = "out", message_type = "NoteOn", note = 48 }
        [[modes.mappings]]
        trigger = { type = "Note", note = 37 }
        action = { type = "Log", message = "pad 37" }
        """

    @Test func configCheckAcceptsAGoodConfig() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write("good.toml", Array(Self.config.utf8))
        let result = try await Tool.midimon("config", "check", file, "--output", "out")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(file): valid (1 mode, 2 mode mappings, 0 global)\n")
    }

    @Test func configCheckPointsAtEachErrorsLine() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write("bad.toml", Array("""
            [[modes]]
            name = "Play"
            [[modes.mappings]]
            trigger = { type = "Knob", note = 36 }
            action = { type = "Log", message = "x" }
            [[modes.mappings]]
            trigger = { type = "Note", note = 128 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn" }
            """.utf8))
        let result = try await Tool.midimon("config", "check", file)
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 2, "\(result.stderr)")
        #expect(result.stderrLines.first?.hasPrefix("\(file):4: error: modes[0].mappings[0].trigger.type: unknown trigger type \"Knob\"") == true)
        #expect(result.stderrLines.last == "\(file):7: error: modes[0].mappings[1].trigger.note: `note` = 128 is out of range 0–127")
        // An output the config needs but midimond will not have.
        let good = try scratch.write("good.toml", Array(Self.config.utf8))
        let ports = try await Tool.midimon("config", "check", good, "--output", "synth")
        #expect(ports.status == 1)
        #expect(ports.stderr.contains("\(good):3: error: modes[0].mappings[0].action: SendMidi to port \"out\", but no output has that name"))
    }

    @Test func midimondReplaysThroughMappingsIntoACapture() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let config = try scratch.write("config.toml", Array(Self.config.utf8))
        let replay = try scratch.write("in.txt", Array("0 90 24 64\n1000 90 25 10\n2000 80 24 00\n".utf8))
        let capture = "\(scratch.path)/out.txt"
        let result = try await Tool.run(Tool.product("midimond"), [
            "--config", config, "--input", "replay:\(replay):fast", "--output", "out=capture:\(capture)", "--latency-report",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: capture, encoding: .utf8) == "0 90 30 64\n2000 80 30 00\n")
        #expect(result.stderr.contains("midimond: info: pad 37"))
        #expect(result.stdout.hasPrefix("latency p50="))
        #expect(result.stdout.contains("events=3 dropped=0"))
    }

    @Test func midimondExplainsBadSpecsAndMissingALSA() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let config = try scratch.write("config.toml", Array(Self.config.utf8))
        let bad = try await Tool.run(Tool.product("midimond"), ["--config", config, "--input", "midi:foo"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown input `midi`"))
        guard !FileManager.default.fileExists(atPath: "/dev/snd/seq") else { return }
        let alsa = try await Tool.run(Tool.product("midimond"), ["--config", config, "--input", "alsa:in", "--output", "out=alsa:out"])
        #expect(alsa.status == 1)
        #expect(alsa.stderr.contains("/dev/snd/seq does not exist"))
    }

    /// The acceptance test: another process (this one) drives a running midimond over
    /// UDP, and reads what the mappings send back on a UDP output; SIGTERM stops it cleanly.
    @Test func midimondTakesUDPFromAnotherProcess() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let config = try scratch.write("config.toml", Array(Self.config.utf8))
        let listener = try UDP.bind()
        defer { close(listener) }
        let probe = try UDP.bind()
        let daemonPort = UDP.port(probe)
        close(probe)
        let sender = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(sender) }
        let result = try await Subprocess.run(
            .path(FilePath(Tool.product("midimond"))),
            arguments: ["--config", config, "--input", "udp:127.0.0.1:\(daemonPort)",
                        "--output", "out=udp:127.0.0.1:\(UDP.port(listener))", "--latency-report", "--no-control"],
            input: .none, output: .string(limit: 1 << 20), error: .string(limit: 1 << 20)
        ) { execution -> [UInt8] in
            // Until the daemon is up, datagrams are lost: keep sending until one comes back.
            var received: [UInt8] = []
            for _ in 0..<100 where received.isEmpty {
                UDP.send(sender, [0x90, 0x24, 0x64], port: daemonPort)
                try await Task.sleep(for: .milliseconds(50))
                received = UDP.receive(listener)
            }
            try execution.send(signal: .terminate)
            return received
        }
        #expect(result.closureResult == [0x90, 0x30, 0x64])
        #expect(result.terminationStatus == .exited(0), "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("latency p50="), "\(result.standardOutput)")
    }
}

/// Bare UDP sockets on loopback for the test side (CLITests links no MIDI code).
enum UDP {
    static func bind() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, status == 0 else { throw POSIXError(.EADDRINUSE) }
        return fd
    }

    static func port(_ fd: Int32) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    static func send(_ fd: Int32, _ bytes: [UInt8], port: UInt16) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    static func receive(_ fd: Int32) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        return n > 0 ? Array(buffer[0..<n]) : []
    }
}
