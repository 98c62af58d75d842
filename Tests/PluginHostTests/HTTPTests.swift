import Foundation
import Glibc
import PluginHost
import PluginHostHTTP
import Synchronization
import Testing

/// `midimon.http_request` through async-http-client against a server on loopback that the
/// test starts (and stops); bounded: one or two connections, timeouts under a second.
@Suite struct HTTPTests {
    /// A JSON-ABI plugin whose `execute` POSTs "ping" to `url` with two headers, logs the
    /// response body, and returns the HTTP status (or the negative error).
    static func client(url: String) -> String {
        let headers = "Content-Type: text/plain\nX-Plugin: hook"
        return jsonPluginWAT(
            imports: """
                (import "midimon" "http_request" (func $http (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i64)))
                (import "midimon" "log" (func $log (param i32 i32 i32)))
                """,
            execute: """
                (local $r i64)
                (local.set $r (call $http (i32.const 256) (i32.const 4) (i32.const 300) (i32.const \(url.utf8.count))
                  (i32.const 600) (i32.const \(headers.utf8.count)) (i32.const 700) (i32.const 4) (i32.const 8192) (i32.const 4096)))
                (if (i64.lt_s (local.get $r) (i64.const 0)) (then (return (i32.wrap_i64 (local.get $r)))))
                (call $log (i32.const 2) (i32.const 8192) (i32.wrap_i64 (i64.and (local.get $r) (i64.const 0xffffffff))))
                (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32)))
                """,
            extra: """
                (data (i32.const 256) "POST")
                (data (i32.const 300) "\(url)")
                (data (i32.const 600) "Content-Type: text/plain\\nX-Plugin: hook")
                (data (i32.const 700) "ping")
                """)
    }

    @Test func postsToALoopbackServer() throws {
        let server = try LoopbackServer(reply: "HTTP/1.1 201 Created\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
        defer { server.stop() }
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("hook", capabilities: ["network"], wat: Self.client(url: "http://127.0.0.1:\(server.port)/hook"))
        let plugin = try scratch.loader(http: HTTPSettings(transport: AsyncHTTPTransport(), timeout: .seconds(5))).load(manifest)
        #expect(plugin.context.capabilities == [.network])  // low risk: granted on request
        _ = plugin.log.drain()
        let result = try plugin.execute(PluginRequest(action: "post"))
        #expect(result.status == 201)
        #expect(plugin.log.drain().map(\.text) == ["hello"])
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("POST /hook HTTP/1.1\r\n"))
        #expect(request.lowercased().contains("x-plugin: hook\r\n"))
        #expect(request.lowercased().contains("content-type: text/plain\r\n"))
        #expect(request.hasSuffix("\r\n\r\nping"))
    }

    @Test func timeoutIsMinusFourAndLogged() throws {
        let server = try LoopbackServer(reply: nil)
        defer { server.stop() }
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("slow", capabilities: ["network"], wat: Self.client(url: "http://127.0.0.1:\(server.port)/"))
        let plugin = try scratch.loader(http: HTTPSettings(transport: AsyncHTTPTransport(), timeout: .milliseconds(300))).load(manifest)
        _ = plugin.log.drain()
        let start = ContinuousClock.now
        #expect(try plugin.execute(PluginRequest(action: "post")).status == -4)
        #expect(ContinuousClock.now - start < .seconds(3))
        let line = try #require(plugin.log.drain().first)
        #expect(line.level == .error && line.text.contains("no response within"))
    }

    @Test func refusedConnectionIsMinusThree() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        let manifest = try scratch.watPlugin("refused", capabilities: ["network"], wat: Self.client(url: "http://127.0.0.1:9/"))
        let plugin = try scratch.loader(http: HTTPSettings(transport: AsyncHTTPTransport(), timeout: .seconds(2))).load(manifest)
        #expect(try plugin.execute(PluginRequest(action: "post")).status == -3)
    }

    @Test func noTransportIsMinusFive() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("offline", capabilities: ["network"], wat: Self.client(url: "http://127.0.0.1:9/"))
        let plugin = try scratch.loader().load(manifest)
        #expect(try plugin.execute(PluginRequest(action: "post")).status == -5)
    }
}

/// A one-connection-at-a-time HTTP server on 127.0.0.1 (an ephemeral port): records each
/// request; replies with `reply`, or (nil) never answers until stopped.
final class LoopbackServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let recorded = Mutex<[String]>([])
    private let done = DispatchSemaphore(value: 0)
    private let held = Mutex<[Int32]>([])

    var requests: [String] { recorded.withLock { $0 } }

    init(reply: String?) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let socketFD = fd
        Thread { [self] in
            // At most 4 connections, then it stops by itself.
            for _ in 0..<4 {
                let connection = accept(socketFD, nil, nil)
                if connection < 0 { break }
                guard let reply else {
                    held.withLock { $0.append(connection) }
                    continue
                }
                recorded.withLock { $0.append(Self.readRequest(connection)) }
                _ = reply.utf8CString.withUnsafeBufferPointer { send(connection, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
                close(connection)
            }
            done.signal()
        }.start()
    }

    /// Reads the head and a Content-Length body.
    static func readRequest(_ connection: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { break }
            bytes += chunk[0..<count]
            let text = String(decoding: bytes, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<end.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { return text }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in held.withLock({ $0 }) { close(connection) }
        _ = done.wait(timeout: .now() + 2)
    }
}
