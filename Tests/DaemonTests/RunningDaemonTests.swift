import DaemonCore
import Foundation
import Glibc
import Testing

/// A real midimond process: driven over UDP from this process, asked for its status, reloaded
/// and stopped through the control socket.
@Suite(.serialized)
struct RunningDaemonTests {
    /// The built products sit beside the test runner, whatever the scratch path.
    static let products: String = {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().path
    }()

    static let config = """
        [[global_mappings]]
        trigger = { type = "Note", note = 36 }
        action = { type = "SendMidi", port = "out", message_type = "NoteOn", note = 48 }
        [[global_mappings]]
        trigger = { type = "CC", cc = 1 }
        action = { type = "SendMidi", port = "out", message_type = "CC", controller = 7 }
        """

    /// Runs `midimon ARGUMENTS` to the end: its exit status and standard output.
    func midimon(_ arguments: [String], scratch: DaemonScratch) throws -> (status: Int32?, stdout: String) {
        let pid = try start(arguments, program: "midimon", stdout: scratch.file("cli.out"), stderr: scratch.file("cli.err"))
        let status = waitExit(pid)
        return (status, scratch.read("cli.out") + scratch.read("cli.err"))
    }

    /// Starts a built product (midimond by default) with stdout and stderr into files; returns its pid.
    func start(_ arguments: [String], program: String = "midimond", stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let all = ["\(Self.products)/\(program)"] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = all.map { (word: String) in strdup(word) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, all[0], &actions, nil, argv, environ)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EINVAL) }
        return pid
    }

    func waitExit(_ pid: pid_t, seconds: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xff }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return nil
    }

    /// Waits until the control socket answers.
    func waitReady(_ socket: String, pid: pid_t, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard kill(pid, 0) == 0 else { return false }
            if case .success = ControlClient.send("status", path: socket, timeoutMilliseconds: 500) { return true }
            usleep(50_000)
        }
        return false
    }

    func send(_ datagrams: [[UInt8]], port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        for datagram in datagrams {
            _ = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddr in
                    datagram.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, sockaddr, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            }
        }
    }

    /// Polls `file` until its lines satisfy `done`.
    func waitLines(_ file: String, seconds: Double = 10, _ done: ([Substring]) -> Bool) -> [Substring] {
        let deadline = Date().addingTimeInterval(seconds)
        var lines: [Substring] = []
        while Date() < deadline {
            lines = ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n")
            if done(lines) { return lines }
            usleep(20_000)
        }
        return lines
    }

    @Test func udpFromAnotherProcessReloadStatusAndStop() throws {
        let scratch = try DaemonScratch()
        defer { scratch.remove() }
        let config = try scratch.write("config.toml", Self.config)
        let socket = scratch.file("control.sock")
        let port = UInt16(20_000 + getpid() % 20_000)
        // A UNIX datagram output: the daemon's messages arrive here as it sends them.
        let pid = try start(["--config", config, "--input", "udp:127.0.0.1:\(port)", "--output", "out=capture:\(scratch.file("out.txt"))",
                             "--control", socket, "--plugins-dir", scratch.file("plugins"), "--cache-dir", scratch.file("cache"),
                             "--grants-file", scratch.file("grants.toml"), "--trusted-keys", scratch.file("keys"), "--latency-report"],
                            stdout: scratch.file("stdout.txt"), stderr: scratch.file("stderr.txt"))
        guard waitReady(socket, pid: pid) else {
            _ = waitExit(pid, seconds: 0)
            Issue.record("midimond did not answer on its control socket: \(scratch.read("stderr.txt"))")
            return
        }
        // Four messages (a clock tick among them, mapped to nothing) and a datagram of garbage.
        send([[0x90, 0x24, 0x64], [0xB0, 0x01, 0x05], [0x80, 0x24, 0x00], [0xF8], [0x12, 0x34]], port: port)
        let (cliStatus, status) = try midimon(["daemon", "status", "--socket", socket], scratch: scratch)
        #expect(cliStatus == 0)
        let latency = status.split(separator: "\n").last.map(String.init) ?? ""
        #expect(latency.hasPrefix("latency p50="), "\(status)")
        #expect(latency.hasSuffix("events=4 dropped=0"), "\(status)")
        #expect(latency.contains("us p99=") && latency.contains("us p999=") && latency.contains("us max="))

        // Reload on file change: note 36 now goes to note 50. A broken edit is refused and the
        // working config keeps running.
        try scratch.write("config.toml", Self.config.replacingOccurrences(of: "note = 48", with: "note = 50"))
        #expect(waitLines(scratch.file("stderr.txt")) { $0.contains { $0.contains("reloaded") } }.contains { $0.contains("(files changed)") })
        try scratch.write("config.toml", Self.config + "\n[[global_mappings]]\ntrigger = { type = \"Knob\" }\n")
        guard case .failure(let refused) = ControlClient.send("reload", path: socket) else {
            Issue.record("a broken config must be refused")
            return
        }
        #expect(refused.description.contains("config.toml:8: error:"))
        #expect(refused.description.contains("still running the previous config"))
        send([[0x90, 0x24, 0x64]], port: port)
        #expect(waitLines(scratch.file("out.txt")) { $0.count == 4 }.count == 4)
        let plugins = try ControlClient.send("list-plugins", path: socket).get()
        #expect(plugins.contains("no plugins loaded"))
        _ = try ControlClient.send("stop", path: socket).get()
        #expect(waitExit(pid) == 0)
        let captured = scratch.read("out.txt").split(separator: "\n").map { $0.split(separator: " ").dropFirst().joined(separator: " ") }
        #expect(captured == ["90 30 64", "b0 07 05", "80 30 00", "90 32 64"])
        let report = scratch.read("stdout.txt")
        #expect(report.contains("latency p50=") && report.contains("events=5 dropped=0"), "\(report)")
        #expect(!FileManager.default.fileExists(atPath: socket))
        let (gone, message) = try midimon(["daemon", "status", "--socket", socket], scratch: scratch)
        #expect(gone == 1)
        #expect(message.contains("no midimond answers on \(socket)"))
    }

    @Test func sigtermStopsCleanly() throws {
        let scratch = try DaemonScratch()
        defer { scratch.remove() }
        let config = try scratch.write("config.toml", Self.config)
        let socket = scratch.file("control.sock")
        let port = UInt16(20_000 + (getpid() + 7) % 20_000)
        let pid = try start(["--config", config, "--input", "udp:127.0.0.1:\(port)", "--output", "out=capture:\(scratch.file("out.txt"))",
                             "--control", socket, "--plugins-dir", scratch.file("plugins"), "--cache-dir", scratch.file("cache")],
                            stdout: scratch.file("stdout.txt"), stderr: scratch.file("stderr.txt"))
        #expect(waitReady(socket, pid: pid))
        send([[0xB0, 0x01, 0x09]], port: port)
        _ = try ControlClient.send("status", path: socket).get()   // the loop has come round: the CC is in
        kill(pid, SIGTERM)
        #expect(waitExit(pid) == 0)
        #expect(scratch.read("out.txt").hasSuffix("b0 07 09\n"))
        #expect(!FileManager.default.fileExists(atPath: socket))
    }
}
