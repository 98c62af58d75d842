#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// What a compile-on-miss step tells the cache about the artifact it wrote.
public struct CompileStats: Sendable {
    public var seconds: Double
    public var functions: Int
    public var partitions: Int
    /// The plugin's name, when the module has one (name section).
    public var plugin: String?

    public init(seconds: Double, functions: Int, partitions: Int, plugin: String? = nil) {
        self.seconds = seconds
        self.functions = functions
        self.partitions = partitions
        self.plugin = plugin
    }
}

/// How ``ArtifactCache/resolve(_:module:plugin:source:compile:)`` got its entry.
public struct Resolution: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// A valid entry was there (possibly written by another process while this one
        /// waited for the key's lock).
        case hit
        /// Compiled now; seconds of compilation.
        case compiled(seconds: Double)
    }

    public var outcome: Outcome
    public var entry: VerifiedEntry
    /// Entries found bad on the way, each with where it was moved (or why it could not be).
    public var rejected: [CacheError]

    public var isHit: Bool { outcome == .hit }
}

extension ArtifactCache {
    /// The compile side's lookup: the verified entry for `inputs`, compiling it first when
    /// missing or bad (a bad one is moved aside and reported in ``Resolution/rejected``).
    ///
    /// `compile` writes a shared object at the path it is given (in a private staging folder)
    /// and says what it did; its errors (an invalid module, say) are rethrown unchanged.
    ///
    /// Concurrency: compiling takes the key's lock file (`flock`), so a second process
    /// waits and then finds the first one's entry. The lock only saves work: correctness rests
    /// on the commit being one `rename` of a complete folder, which fails when the entry
    /// already exists, so a process that lost a race (or ran without the lock) discards its
    /// copy and uses the winner's.
    public func resolve(_ inputs: KeyInputs, module: [UInt8], plugin: String? = nil, source: String? = nil,
                        compile: (_ output: String) throws -> CompileStats) throws -> Resolution {
        let key = inputs.key
        var rejected: [CacheError] = []
        func check() -> VerifiedEntry? {
            switch verify(key: key) {
            case .missing: return nil
            case .valid(let entry): return entry
            case .invalid(let problem):
                rejected.append(reject(key: key, problem))
                return nil
            }
        }

        // The daemon computes keys with the toolchain recorded here (best effort: a read-only
        // cache still serves hits).
        defer { try? record(toolchain: inputs.toolchain, machine: inputs.machine) }
        if let entry = check() {
            touch(entry)
            return Resolution(outcome: .hit, entry: entry, rejected: rejected)
        }
        try prepareForWriting()
        let lock = try KeyLock(path: lockPath(key))
        defer { lock.release() }
        if let entry = check() {
            touch(entry)
            return Resolution(outcome: .hit, entry: entry, rejected: rejected)
        }
        if POSIX.linkStatus(entryPath(key)) != nil {
            // Still there after a failed move aside: it cannot be replaced.
            throw rejected.last ?? CacheError(.io, entryPath(key), "is in the way and cannot be moved aside")
        }

        let staging = try makeStagingFolder(key)
        var committed = false
        defer { if !committed { POSIX.removeTree(staging) } }
        let output = "\(staging)/artifact.so"
        let stats = try compile(output)
        try seal(staging: staging, output: output, inputs: inputs, module: module,
                 plugin: stats.plugin ?? plugin, source: source, stats: stats)
        committed = try commit(staging: staging, key: key)
        switch verify(key: key) {
        case .valid(let entry):
            return Resolution(outcome: committed ? .compiled(seconds: stats.seconds) : .hit, entry: entry, rejected: rejected)
        case .missing:
            throw CacheError(.io, entryPath(key), "vanished right after it was written (another process cleared the cache?)")
        case .invalid(let problem):
            throw reject(key: key, problem)
        }
    }

    func makeStagingFolder(_ key: String) throws(CacheError) -> String {
        if let code = writer.faults.makeDirectory {
            throw CacheError.io(stagingPath, "cannot create a staging folder", errno: code)
        }
        var template = Array("\(stagingPath)/\(key.prefix(16))-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw CacheError.io(stagingPath, "cannot create a staging folder", errno: errno)
        }
        let path = String(cString: created)
        chmod(path, 0o755)  // mkdtemp makes it 0700; entries are readable by the daemon's user too
        return path
    }

    /// Makes a staging folder a complete entry: the artifact synced, hashed and renamed after
    /// its hash, `last-used`, and `meta.json` (written last, synced), then the folder synced.
    @discardableResult
    func seal(staging: String, output: String, inputs: KeyInputs, module: [UInt8], plugin: String?,
              source: String?, stats: CompileStats) throws(CacheError) -> EntryMetadata {
        let fd = open(output, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw CacheError.io(output, "the compiler wrote no artifact", errno: errno) }
        defer { close(fd) }
        // The linker's mode depends on the umask; entries must not be group- or world-writable.
        fchmod(fd, 0o644)
        guard fsync(fd) == 0 else { throw CacheError.io(output, "cannot sync", errno: errno) }
        let digest: String
        let size: Int
        switch POSIX.sha256(fd) {
        case .success(let result): (digest, size) = result
        case .failure(let failure): throw CacheError(.io, output, "cannot read back: \(failure.text)")
        }
        let nonce = POSIX.hex((0..<8).map { _ in UInt8.random(in: 0 ... .max) })
        let metadata = EntryMetadata(
            inputs: inputs, artifactSHA256: digest, artifactNonce: nonce, artifactSize: size, moduleSize: module.count,
            plugin: plugin, source: source, compileMilliseconds: Int((stats.seconds * 1000).rounded()),
            functions: stats.functions, partitions: stats.partitions, createdAt: Int(POSIX.now()))
        guard rename(output, "\(staging)/\(metadata.artifact.file)") == 0 else {
            throw CacheError.io(output, "cannot rename", errno: errno)
        }
        try writer.create("\(staging)/\(Self.lastUsedFile)", [])
        try writer.create("\(staging)/\(Self.metadataFile)", metadata.encoded())
        POSIX.syncDirectory(staging)
        return metadata
    }

    /// Renames a sealed staging folder to `entries/<key>`. False when an entry was already
    /// there (another process won the race; the staging folder is left for the caller).
    func commit(staging: String, key: String) throws(CacheError) -> Bool {
        let destination = entryPath(key)
        if let code = writer.faults.rename { throw CacheError.io(destination, "cannot move the new entry into place", errno: code) }
        guard rename(staging, destination) == 0 else {
            if errno == EEXIST || errno == ENOTEMPTY { return false }
            throw CacheError.io(destination, "cannot move the new entry into place", errno: errno)
        }
        POSIX.syncDirectory(entriesPath)
        return true
    }
}

/// An exclusive `flock` on a key's lock file, held while the key is compiled.
///
/// Lock files are never deleted (deleting one while another process waits on it would let a
/// third lock a new file of the same name); they are empty and one per key ever compiled,
/// and `cache clear` removes them only when nothing holds them.
struct KeyLock {
    let fd: Int32

    init(path: String) throws(CacheError) {
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CacheError.io(path, "cannot open the lock file", errno: errno) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(fd)
                throw CacheError.io(path, "cannot lock", errno: code)
            }
        }
        self.fd = fd
    }

    /// Takes the lock only if it is free.
    static func tryLock(path: String) -> KeyLock? {
        let fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return KeyLock(fd: fd)
    }

    private init(fd: Int32) { self.fd = fd }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

enum JSONDecoding {
    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }
}
