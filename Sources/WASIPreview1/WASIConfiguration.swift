import Glibc

/// One of the guest's two output streams.
public enum WASIOutputStream: Sendable, Equatable {
    /// File descriptor 1.
    case stdout
    /// File descriptor 2.
    case stderr
}

/// A WASI clock (`clockid` in the witx).
public enum WASIClockID: UInt32, Sendable, CaseIterable {
    /// Wall-clock time since 1970-01-01 UTC.
    case realtime = 0
    /// A clock that never goes back; its origin is arbitrary.
    case monotonic = 1
    /// CPU time of the process.
    case processCPUTime = 2
    /// CPU time of the calling thread.
    case threadCPUTime = 3
}

/// A host directory the guest sees as `guestPath` (a preopen, file descriptor 3 and up in
/// the order given). The guest reaches nothing outside it: `..` above it, symbolic links
/// that lead out of it and absolute paths are refused with `ENOTCAPABLE`.
public struct WASIPreopen: Sendable, Equatable {
    /// The directory on the host; opened when the context is made.
    public var hostPath: String
    /// The name the guest's libc matches paths against (`/data`, `.`).
    public var guestPath: String

    public init(hostPath: String, guestPath: String) {
        self.hostPath = hostPath
        self.guestPath = guestPath
    }
}

/// Where the guest's time comes from: the system's clocks, or fixed values for tests.
public struct WASIClock: Sendable {
    /// The current time of a clock in nanoseconds, nil for a clock the host does not offer
    /// (the call returns `EINVAL`).
    public var now: @Sendable (WASIClockID) -> UInt64?
    /// A clock's resolution in nanoseconds, nil likewise.
    public var resolution: @Sendable (WASIClockID) -> UInt64?

    public init(now: @escaping @Sendable (WASIClockID) -> UInt64?,
                resolution: @escaping @Sendable (WASIClockID) -> UInt64?) {
        self.now = now
        self.resolution = resolution
    }

    /// `clock_gettime` and `clock_getres` on the matching POSIX clocks.
    public static let system = WASIClock(
        now: { id in
            var time = timespec()
            guard clock_gettime(id.posixClock, &time) == 0 else { return nil }
            return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
        },
        resolution: { id in
            var time = timespec()
            guard clock_getres(id.posixClock, &time) == 0 else { return nil }
            return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
        })
}

extension WASIClockID {
    var posixClock: clockid_t {
        switch self {
        case .realtime: CLOCK_REALTIME
        case .monotonic: CLOCK_MONOTONIC
        case .processCPUTime: CLOCK_PROCESS_CPUTIME_ID
        case .threadCPUTime: CLOCK_THREAD_CPUTIME_ID
        }
    }
}

/// What a guest may see and do through `wasi_snapshot_preview1`. Everything is denied or
/// empty unless given here: no arguments, no environment, no files, output discarded.
///
/// The plugin host builds one per plugin from its manifest and grants (the environment from
/// the manifest's allow-list, the plugin's data directory as the only preopen when
/// `filesystem` is granted, output into the plugin log); `midimon run` builds one from its
/// options.
public struct WASIConfiguration: Sendable {
    /// `argv`, the program name first (`args_get`).
    public var arguments: [String]
    /// The variables the guest sees (`environ_get`), in order, as `(name, value)`. Only these:
    /// the host's own environment is never passed through implicitly.
    public var environment: [(name: String, value: String)]
    /// Directories the guest may use, when ``filesystemAllowed``.
    public var preopens: [WASIPreopen]
    /// The `filesystem` capability. Without it the guest has no preopens, and every call that
    /// names a path or works on a file returns `ENOTCAPABLE` (76) and reports the refusal
    /// through ``denied``; standard output and error keep working.
    public var filesystemAllowed: Bool
    /// Receives what the guest writes to file descriptors 1 and 2, one call per `fd_write`
    /// with all of its buffers. Called on the thread running the guest, inside the call:
    /// keep it short (copy into a ring, write to a terminal). The buffer is valid only
    /// during the call.
    public var output: @Sendable (WASIOutputStream, UnsafeRawBufferPointer) -> Void
    /// Fills a buffer from the guest's standard input and returns the bytes read (0 at the
    /// end), or nil for none at all: then reads of file descriptor 0 see end of file.
    public var input: (@Sendable (UnsafeMutableRawBufferPointer) -> Int)?
    /// Told, once per function, when a call is refused for want of a capability (`path_open
    /// refused: the filesystem capability is not granted`), for the plugin log.
    public var denied: @Sendable (String) -> Void
    /// The clocks; ``WASIClock/system`` unless a test fixes them.
    public var clock: WASIClock
    /// Fills a buffer with random bytes (`random_get`), false on failure (`EIO`); the
    /// system's secure generator unless a test fixes it.
    public var random: @Sendable (UnsafeMutableRawBufferPointer) -> Bool

    public init(arguments: [String] = [], environment: [(name: String, value: String)] = [],
                preopens: [WASIPreopen] = [], filesystemAllowed: Bool = false,
                output: @escaping @Sendable (WASIOutputStream, UnsafeRawBufferPointer) -> Void = { _, _ in },
                input: (@Sendable (UnsafeMutableRawBufferPointer) -> Int)? = nil,
                denied: @escaping @Sendable (String) -> Void = { _ in },
                clock: WASIClock = .system,
                random: @escaping @Sendable (UnsafeMutableRawBufferPointer) -> Bool = WASIConfiguration.systemRandom) {
        self.arguments = arguments
        self.environment = environment
        self.preopens = preopens
        self.filesystemAllowed = filesystemAllowed
        self.output = output
        self.input = input
        self.denied = denied
        self.clock = clock
        self.random = random
    }

    /// The variables of `environment` (a host's, or a manifest's values) whose names are in
    /// `allowed`, in `allowed`'s order; the rest are left out.
    public static func allowedEnvironment(_ environment: [String: String], allowed: [String]) -> [(name: String, value: String)] {
        allowed.compactMap { name in environment[name].map { (name, $0) } }
    }

    /// The system's secure generator (`getrandom(2)` on Linux), eight bytes at a time.
    public static let systemRandom: @Sendable (UnsafeMutableRawBufferPointer) -> Bool = { buffer in
        var generator = SystemRandomNumberGenerator()
        var done = 0
        while done < buffer.count {
            let word = generator.next()
            let count = min(8, buffer.count - done)
            withUnsafeBytes(of: word) { buffer.baseAddress!.advanced(by: done).copyMemory(from: $0.baseAddress!, byteCount: count) }
            done += count
        }
        return true
    }

    /// Writes to the host's own file descriptors 1 and 2 (`midimon run`).
    public static let terminalOutput: @Sendable (WASIOutputStream, UnsafeRawBufferPointer) -> Void = { stream, bytes in
        let fd: Int32 = stream == .stdout ? 1 : 2
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }

    /// Reads the host's own file descriptor 0 (`midimon run`).
    public static let terminalInput: @Sendable (UnsafeMutableRawBufferPointer) -> Int = { buffer in
        while true {
            let n = Glibc.read(0, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            return max(n, 0)
        }
    }
}
