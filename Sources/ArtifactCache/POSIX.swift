import Crypto
import Glibc

/// The few system calls the cache needs, with its rules built in: nothing here follows a
/// symbolic link inside the cache (`lstat`, `O_NOFOLLOW`), every descriptor is close-on-exec,
/// and every durable write is temporary file, `fsync`, `rename`, `fsync` of the folder.
enum POSIX {
    static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// `lstat`, or nil with `errno` set.
    static func linkStatus(_ path: String) -> stat? {
        var status = stat()
        return lstat(path, &status) == 0 ? status : nil
    }

    /// `stat` (follows links: for the cache root only, which a user may well reach through one).
    static func status(_ path: String) -> stat? {
        var status = stat()
        return stat(path, &status) == 0 ? status : nil
    }

    static func isDirectory(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }
    static func isSymbolicLink(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFLNK }
    static func isRegularFile(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFREG }

    /// Where a symbolic link points, for messages.
    static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Names in a folder (not `.` or `..`), unsorted; nil with `errno` set when it cannot be read.
    static func directoryEntries(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `mkdir -p` with mode 0755 for new folders; an existing folder (or a link to one: the
    /// root may be reached through a link) is fine.
    static func makeDirectories(_ path: String) throws(CacheError) {
        if let existing = status(path) {
            guard isDirectory(existing) else { throw CacheError(.location, path, "exists and is not a folder") }
            return
        }
        let parent = parentPath(path)
        if parent != path && !parent.isEmpty { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw CacheError(.location, path, "cannot create the folder: \(errnoText())")
        }
    }

    static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Reads a whole file without following a link; at most `limit` bytes (a larger file is
    /// an error: metadata is small, and a huge one is not ours).
    static func readSmallFile(_ path: String, limit: Int = 1 << 16) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure(code: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(code: errno))
            }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
            if bytes.count > limit { return .failure(ReadFailure(code: EFBIG)) }
        }
    }

    struct ReadFailure: Error {
        var code: Int32
        var text: String { code == EFBIG ? "larger than any file the cache writes" : errnoText(code) }
    }

    /// `fsync` of a folder, so that a rename into it survives a crash.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Removes a file or a whole tree, never following a link (a link is removed, not its
    /// target). Best effort: what cannot be removed stays.
    static func removeTree(_ path: String) {
        guard let status = linkStatus(path) else { return }
        if isDirectory(status) {
            for name in directoryEntries(path) ?? [] { removeTree("\(path)/\(name)") }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Bytes used by a file or tree (not following links).
    static func treeSize(_ path: String) -> Int {
        guard let status = linkStatus(path) else { return 0 }
        guard isDirectory(status) else { return Int(status.st_size) }
        return (directoryEntries(path) ?? []).reduce(0) { $0 + treeSize("\(path)/\($1)") }
    }

    /// Seconds since the epoch of a `timespec`.
    static func seconds(_ time: timespec) -> Double { Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9 }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return seconds(time)
    }

    /// SHA-256 of everything readable from `fd` (from its current offset), and the byte count.
    static func sha256(_ fd: Int32) -> Result<(digest: String, size: Int), ReadFailure> {
        var hasher = SHA256()
        var size = 0
        let capacity = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(code: errno))
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += count
        }
        return .success((hex(hasher.finalize()), size))
    }

    /// SHA-256 of bytes in memory, as 64 lowercase hex digits.
    static func sha256(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is 64 lowercase hex digits: a SHA-256 as the cache writes it.
    static func isDigest(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

/// Writes into the cache. Every write goes through here so that tests can make one fail
/// (a full disk, a read-only file system) at a chosen point: see ``FaultInjection``.
struct FileWriter: Sendable {
    var faults = FaultInjection()

    /// Creates `path` (which must not exist) and writes `bytes` to it, then `fsync`s it.
    func create(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws(CacheError) {
        if let code = faults.create { throw CacheError.io(path, "cannot create", errno: code) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw CacheError.io(path, "cannot create", errno: errno) }
        defer { close(fd) }
        // With an injected write failure, the file is cut where a full disk would cut it.
        let limit = faults.write.map { min($0.afterBytes, bytes.count) } ?? bytes.count
        var written = 0
        while written < limit {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, limit - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CacheError.io(path, "cannot write", errno: errno)
            }
            written += count
        }
        if written < bytes.count, let code = faults.write?.errno {
            throw CacheError.io(path, "cannot write", errno: code)
        }
        guard fsync(fd) == 0 else { throw CacheError.io(path, "cannot sync", errno: errno) }
    }

    /// Replaces `path` atomically: a temporary file beside it, written and synced, renamed
    /// over it, then the folder synced. A reader sees the old file or the new one, never a mix.
    func replace(_ path: String, _ bytes: [UInt8]) throws(CacheError) {
        let temporary = "\(path).\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
        do {
            try create(temporary, bytes)
        } catch {
            unlink(temporary)
            throw error
        }
        if let code = faults.rename {
            unlink(temporary)
            throw CacheError.io(path, "cannot rename into place", errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw CacheError.io(path, "cannot rename into place", errno: code)
        }
        POSIX.syncDirectory(POSIX.parentPath(path))
    }
}

/// Failures a test can inject into the cache's writes (the seam for "full disk" and
/// "read-only"): nil means the real system call runs.
struct FaultInjection: Sendable {
    /// `errno` for creating a file (EROFS, EACCES).
    var create: Int32?
    /// After this many bytes of a file, `write` fails with this `errno` (ENOSPC).
    var write: (afterBytes: Int, errno: Int32)?
    /// `errno` for the final rename of a file or of an entry into place.
    var rename: Int32?
    /// `errno` for creating a folder (staging, locks).
    var makeDirectory: Int32?
}
