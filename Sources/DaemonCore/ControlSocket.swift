import Foundation
import Glibc
import MIDI

/// The control socket's protocol: a client connects to a UNIX stream socket, writes one
/// command line (`status`, `reload`, `stop`, `list-plugins`), and reads the answer until the
/// daemon closes the connection. The answer's first line is `ok` or `error`.
public enum ControlProtocol {
    public static let commands = ["status", "reload", "stop", "list-plugins"]

    /// `$XDG_RUNTIME_DIR/midimond.sock`, else `/tmp/midimond-UID.sock`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") { return "\(runtime)/midimond.sock" }
        return "/tmp/midimond-\(getuid()).sock"
    }
}

/// The daemon side: one thread accepting connections, one command each. Besides commands it
/// runs `idle` about every `tick` (midimond checks its files for changes there).
public final class ControlServer: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let handler: @Sendable (String) -> (ok: Bool, text: String)
    private let idle: @Sendable () -> Void
    private let tickMilliseconds: Int32
    private var running = true
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    /// Why the socket could not be opened.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Binds `path`. A socket file left by a daemon that is gone is replaced; one a running
    /// daemon answers on is refused (two daemons would fight over the MIDI ports).
    public init(path: String, tickMilliseconds: Int32 = 500, idle: @escaping @Sendable () -> Void = {},
                handler: @escaping @Sendable (String) -> (ok: Bool, text: String)) throws(Failure) {
        self.path = path
        self.handler = handler
        self.idle = idle
        self.tickMilliseconds = tickMilliseconds
        var info = stat()
        if lstat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFSOCK else {
                throw Failure(description: "control socket \(path): a file that is not a socket is in the way; remove it or give --control PATH")
            }
            if case .success = ControlClient.send("status", path: path, timeoutMilliseconds: 500) {
                throw Failure(description: "control socket \(path): another midimond is running there (`midimon daemon stop --socket \(path)` stops it); give --control PATH for a second one")
            }
            unlink(path)
        }
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "control socket \(path): \(String(cString: strerror(errno)))") }
        do {
            let bound = try DatagramSocket.withUNIXAddress(path) { bind(fd, $0, $1) }
            guard bound == 0, listen(fd, 8) == 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw Failure(description: "control socket \(path): cannot listen: \(reason)")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            close(fd)
            throw Failure(description: "control socket \(path): \(error)")
        }
        chmod(path, 0o600)   // the owner's only: it can stop the show
    }

    /// Starts the accepting thread.
    public func start() {
        let thread = Thread { [self] in
            serve()
            done.signal()
        }
        thread.name = "midimond-control"
        self.thread = thread
        thread.start()
    }

    /// Stops accepting, removes the socket file, waits for the thread.
    public func stop() {
        guard running else { return }
        running = false
        if thread != nil { done.wait() }
        close(fd)
        unlink(path)
    }

    private func serve() {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while running {
            let ready = poll(&descriptor, 1, tickMilliseconds)
            if ready > 0 {
                let client = accept(fd, nil, nil)
                if client >= 0 { answer(client) }
            }
            if running { idle() }
        }
    }

    private func answer(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while line.count < 1024, !line.contains(UInt8(ascii: "\n")) {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            line += buffer[0..<count]
        }
        let command = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let (ok, text) = ControlProtocol.commands.contains(command)
            ? handler(command)
            : (false, "unknown command \"\(command)\"; commands: \(ControlProtocol.commands.joined(separator: ", "))")
        let reply = Array(((ok ? "ok\n" : "error\n") + text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n")).utf8)
        var sent = 0
        while sent < reply.count {
            let count = reply.withUnsafeBytes { Glibc.send(client, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }
}

/// The client side (`midimon daemon …`).
public enum ControlClient {
    /// Sends `command` and returns the answer's text after its `ok` line, or why not.
    public static func send(_ command: String, path: String, timeoutMilliseconds: Int = 10_000) -> Result<String, ControlError> {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(ControlError(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected: Int32
        do {
            connected = try DatagramSocket.withUNIXAddress(path) { connect(fd, $0, $1) }
        } catch {
            return .failure(ControlError("\(error)"))
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            return .failure(ControlError("no midimond answers on \(path) (\(reason)); is it running? (`--socket PATH` if it was started with --control PATH)"))
        }
        let request = Array((command + "\n").utf8)
        guard request.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else {
            return .failure(ControlError("cannot write to \(path): \(String(cString: strerror(errno)))"))
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .failure(ControlError("no answer from \(path) within \(timeoutMilliseconds) ms")) }
            if count == 0 { break }
            reply += buffer[0..<count]
        }
        let text = String(decoding: reply, as: UTF8.self)
        if text.hasPrefix("ok\n") { return .success(String(text.dropFirst(3))) }
        if text.hasPrefix("error\n") { return .failure(ControlError(String(text.dropFirst(6)).trimmingCharacters(in: .newlines))) }
        return .failure(ControlError("unexpected answer from \(path): \(text.prefix(80))"))
    }

    public struct ControlError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
