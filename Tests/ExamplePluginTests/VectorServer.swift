import Foundation
import Glibc
import Synchronization

/// The vectors' HTTP server (`serve`, `$SERVER`): 127.0.0.1 on an ephemeral port, one
/// connection at a time, each answered with the current status and body and closed. Records
/// every request (method, target, headers, body) until the runner takes them.
final class VectorServer: @unchecked Sendable {
    struct Request {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var body: String
    }

    let port: UInt16
    var url: String { "http://127.0.0.1:\(port)" }
    private let listener: Int32
    private let reply = Mutex<(status: Int, body: String)>((200, ""))
    private let recorded = Mutex<[Request]>([])
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { close(fd); throw POSIXError(.EADDRINUSE) }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in
            while true {
                let connection = accept(fd, nil, nil)
                if connection < 0 { break }  // stop() closed the listener
                if let request = Self.read(connection) { recorded.withLock { $0.append(request) } }
                let (status, body) = reply.withLock { $0 }
                // No Content-Length on 204/304, where HTTP forbids a body.
                let length = status == 204 || status == 304 ? "" : "Content-Length: \(body.utf8.count)\r\n"
                let text = "HTTP/1.1 \(status) Vector\r\n\(length)Connection: close\r\n\r\n\(body)"
                _ = Array(text.utf8).withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(connection)
            }
            done.signal()
        }.start()
    }

    func serve(status: Int, body: String) { reply.withLock { $0 = (status, body) } }

    /// The requests since the last call, oldest first.
    func take() -> [Request] { recorded.withLock { let all = $0; $0 = []; return all } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        _ = done.wait(timeout: .now() + 2)
    }

    /// The head and a Content-Length body (the plugin's client always sends one).
    static func read(_ connection: Int32) -> Request? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while true {
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            bytes += chunk[0..<count]
            guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
            let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            let parts = head[0].words
            guard parts.count >= 2 else { return nil }
            let headers = head.dropFirst().compactMap { line -> (name: String, value: String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
            let body = bytes[end.upperBound...]
            if body.count >= length {
                return Request(method: parts[0], target: parts[1], headers: headers, body: String(decoding: body.prefix(length), as: UTF8.self))
            }
        }
    }
}
