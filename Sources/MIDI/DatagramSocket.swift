import Glibc

/// A non-blocking datagram socket, UDP (IPv4) or UNIX, for both directions: one raw MIDI
/// message per datagram, so any program (`socat`, a script, another midimond) can drive a
/// running daemon or listen to it.
public final class DatagramSocket: @unchecked Sendable {
    /// The file descriptor, for poll(2).
    public let fd: Int32
    /// The UNIX socket path this end bound (unlinked on close).
    private let boundPath: String?

    private init(fd: Int32, boundPath: String?) {
        self.fd = fd
        self.boundPath = boundPath
    }

    deinit {
        close(fd)
        if let boundPath { unlink(boundPath) }
    }

    /// A UDP socket bound to HOST:PORT, for input.
    public static func bindUDP(host: String, port: UInt16) throws(FileIO.Failure) -> DatagramSocket {
        let socket = try open(AF_INET)
        var address = try inetAddress(host, port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw FileIO.Failure("cannot bind udp:\(host):\(port)") }
        return socket
    }

    /// A UDP socket connected to HOST:PORT, for output.
    public static func connectUDP(host: String, port: UInt16) throws(FileIO.Failure) -> DatagramSocket {
        let socket = try open(AF_INET)
        var address = try inetAddress(host, port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw FileIO.Failure("cannot connect to udp:\(host):\(port)") }
        return socket
    }

    /// A UNIX datagram socket bound at PATH (a stale socket file there is replaced), for input.
    public static func bindUNIX(path: String) throws(FileIO.Failure) -> DatagramSocket {
        let fd = try makeDescriptor(AF_UNIX)
        var status = stat()
        if lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }
        let result = try withUNIXAddress(path) { bind(fd, $0, $1) }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw FileIO.Failure("cannot bind unix:\(path)", errno: code)
        }
        return DatagramSocket(fd: fd, boundPath: path)
    }

    /// A UNIX datagram socket connected to the socket at PATH, for output.
    public static func connectUNIX(path: String) throws(FileIO.Failure) -> DatagramSocket {
        let socket = try open(AF_UNIX)
        let result = try withUNIXAddress(path) { connect(socket.fd, $0, $1) }
        guard result == 0 else { throw FileIO.Failure("cannot connect to unix:\(path)") }
        return socket
    }

    /// Receives one datagram into `buffer`: its length, or nil when none is waiting.
    @inlinable public func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            return nil
        }
    }

    /// Sends one datagram without blocking; false when it could not go (buffer full, no
    /// listener), which the caller counts as a drop.
    @inlinable @discardableResult
    public func send(_ bytes: UnsafeRawBufferPointer) -> Bool {
        while true {
            let n = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
            if n >= 0 { return true }
            if errno == EINTR { continue }
            return false
        }
    }

    /// The UDP port this socket is bound to (useful after binding port 0 in tests).
    public var localPort: UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    // MARK: - Helpers

    private static func open(_ family: Int32) throws(FileIO.Failure) -> DatagramSocket {
        DatagramSocket(fd: try makeDescriptor(family), boundPath: nil)
    }

    private static func makeDescriptor(_ family: Int32) throws(FileIO.Failure) -> Int32 {
        let fd = socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw FileIO.Failure("cannot create a socket") }
        return fd
    }

    private static func inetAddress(_ host: String, _ port: UInt16) throws(FileIO.Failure) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        let name = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, name, &address.sin_addr) == 1 else {
            throw FileIO.Failure(message: "`\(host)` is not an IPv4 address")
        }
        return address
    }

    public static func withUNIXAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) throws(FileIO.Failure) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let utf8 = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard utf8.count < capacity else { throw FileIO.Failure(message: "socket path longer than \(capacity - 1) bytes: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in utf8.enumerated() { raw[i] = byte }
            raw[utf8.count] = 0
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
