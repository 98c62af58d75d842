import Glibc

/// Writes messages in the replay text format (`TIME_US HEX BYTES`), so a capture can be
/// replayed and compared. Lines are formatted into a preallocated buffer without allocating;
/// the buffer goes to the file when full and on `flush()`/`close()` (the daemon flushes on
/// exit). Times are stream times, so a fast replay captures the times the engine decided.
public final class CaptureOutput: @unchecked Sendable {
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    /// The file written.
    public let path: String
    /// Messages written.
    public private(set) var written = 0
    /// The first write error, if any (later writes are dropped and counted).
    public private(set) var failure: FileIO.Failure?
    /// Messages lost to a write error.
    public private(set) var drops = 0

    /// Creates (or truncates) the capture file.
    public init(path: String, bufferSize: Int = 1 << 16) throws(FileIO.Failure) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileIO.Failure("cannot create \(path)") }
        self.path = path
        buffer = .allocate(byteCount: max(bufferSize, 256), alignment: 8)
    }

    deinit {
        flush()
        Glibc.close(fd)
        buffer.deallocate()
    }

    /// Appends one line.
    public func send(_ message: MIDIMessage, time: UInt64) {
        message.withBytes { bytes in
            if let end = ReplayText.format(time: time, bytes: bytes, into: buffer, at: used) {
                used = end
            } else {
                flush()
                used = ReplayText.format(time: time, bytes: bytes, into: buffer, at: used) ?? used
            }
        }
        written += 1
    }

    /// Writes the buffered lines to the file.
    public func flush() {
        guard used > 0 else { return }
        defer { used = 0 }
        guard failure == nil else {
            drops += 1
            return
        }
        do {
            try FileIO.writeAll(fd, UnsafeRawBufferPointer(rebasing: buffer[0..<used]))
        } catch {
            failure = error
        }
    }
}

/// Sends each message as one datagram (UDP or UNIX). A datagram that cannot go at once is
/// dropped and counted: the hot path never waits on a slow listener.
public final class DatagramOutput: @unchecked Sendable {
    /// The socket.
    public let socket: DatagramSocket
    /// Messages sent.
    public private(set) var sent = 0
    /// Messages dropped (socket buffer full, nobody listening).
    public private(set) var drops = 0

    public init(socket: DatagramSocket) { self.socket = socket }

    /// Sends one message.
    public func send(_ message: MIDIMessage) {
        if message.withBytes({ socket.send($0) }) { sent += 1 } else { drops += 1 }
    }
}
