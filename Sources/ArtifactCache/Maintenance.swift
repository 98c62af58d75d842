import Glibc
import PluginABI

/// `midimon cache ls | verify | gc | clear`. Only names the cache writes are touched:
/// anything else found in its folders ("foreign" files) is listed and left alone.
extension ArtifactCache {
    /// One entry as `cache ls` shows it, from its metadata alone (no hashing).
    public struct Listing: Sendable {
        public var key: String
        /// Nil when the metadata could not be read; then ``problem`` says why.
        public var metadata: EntryMetadata?
        public var problem: EntryProblem?
        /// Bytes of everything in the entry folder.
        public var size: Int
        /// Seconds since 1970 of the last use (the `last-used` file's mtime).
        public var lastUsed: Double
        /// Whether this midimon and this machine can use it (same version, ABI and machine).
        public var isCurrent: Bool
    }

    /// Names in `entries/` that are not cache entries.
    public func foreignNames() -> [String] {
        (POSIX.directoryEntries(entriesPath) ?? []).filter { !POSIX.isDigest($0) }.sorted()
    }

    func entryKeys() -> [String] {
        (POSIX.directoryEntries(entriesPath) ?? []).filter { POSIX.isDigest($0) }.sorted()
    }

    /// Every entry, most recently used first.
    public func list() -> [Listing] {
        entryKeys().map(listing).sorted { $0.lastUsed > $1.lastUsed }
    }

    func listing(_ key: String) -> Listing {
        let directory = entryPath(key)
        var result = Listing(key: key, metadata: nil, problem: nil, size: POSIX.treeSize(directory),
                             lastUsed: 0, isCurrent: false)
        guard let status = POSIX.linkStatus(directory) else { return result }
        result.lastUsed = POSIX.seconds(status.st_mtim)
        if POSIX.isSymbolicLink(status) {
            result.problem = .symbolicLink(path: directory, target: POSIX.linkTarget(directory))
            return result
        }
        guard POSIX.isDirectory(status) else {
            result.problem = .notADirectory(path: directory)
            return result
        }
        switch POSIX.readSmallFile("\(directory)/\(Self.metadataFile)") {
        case .failure(let failure):
            result.problem = failure.code == ENOENT ? .missingMetadata : .unreadable(path: "\(directory)/\(Self.metadataFile)", reason: failure.text)
        case .success(let bytes):
            switch EntryMetadata.decode(bytes) {
            case .failure(let problem): result.problem = problem
            case .success(let metadata):
                result.metadata = metadata
                result.problem = Self.problem(with: metadata, key: key)
                result.lastUsed = Double(metadata.createdAt)
                result.isCurrent = metadata.inputs.midimonVersion == MidimonVersion.string
                    && metadata.inputs.abiVersion == ArtifactABI.version
                    && metadata.inputs.machine == MachineIdentity.current
            }
        }
        if let used = POSIX.linkStatus("\(directory)/\(Self.lastUsedFile)"), POSIX.isRegularFile(used) {
            result.lastUsed = POSIX.seconds(used.st_mtim)
        }
        return result
    }

    /// What `cache verify` found.
    public struct VerifyReport: Sendable {
        public var valid: [VerifiedEntry] = []
        /// Bad entries, each with where it was moved (or why it could not be).
        public var rejected: [(key: String, problem: EntryProblem, error: CacheError)] = []
        public var foreign: [String] = []
    }

    /// Re-hashes every entry; bad ones are moved to `quarantine/`.
    public func verifyAll() -> VerifyReport {
        var report = VerifyReport(foreign: foreignNames())
        for key in entryKeys() {
            switch verify(key: key) {
            case .missing: continue  // removed meanwhile
            case .valid(let entry): report.valid.append(entry)
            case .invalid(let problem): report.rejected.append((key, problem, reject(key: key, problem)))
            }
        }
        return report
    }

    /// What `cache gc` or `cache clear` removed.
    public struct RemovalReport: Sendable {
        public var removedEntries: [String] = []
        public var freedBytes = 0
        /// Entries left because a process was compiling them (their lock was held).
        public var busy: [String] = []
        /// Bytes the cache holds afterwards (entries, quarantine, staging).
        public var remainingBytes = 0
    }

    /// Removes the quarantine, abandoned staging folders (older than an hour), and then the
    /// least recently used entries until everything fits in `maxSize` bytes.
    public func collectGarbage(maxSize: Int) throws(CacheError) -> RemovalReport {
        try checkReadable()
        var report = RemovalReport()
        report.freedBytes += removeChildren(of: quarantinePath)
        report.freedBytes += removeChildren(of: stagingPath, olderThan: 3600)
        var entries = list()
        var total = entries.reduce(0) { $0 + $1.size }
        // Least recently used last in `list()`; entries this midimon cannot use go first.
        entries.sort { ($0.isCurrent ? 1 : 0, $0.lastUsed) < ($1.isCurrent ? 1 : 0, $1.lastUsed) }
        for entry in entries where total > maxSize {
            guard let freed = remove(key: entry.key) else {
                report.busy.append(entry.key)
                continue
            }
            report.removedEntries.append(entry.key)
            report.freedBytes += freed
            total -= freed
        }
        report.remainingBytes = total + POSIX.treeSize(stagingPath)
        return report
    }

    /// Removes every entry, the quarantine, staging leftovers, toolchain records and unused
    /// lock files. Files the cache did not write are left alone.
    public func clear() throws(CacheError) -> RemovalReport {
        try checkReadable()
        var report = RemovalReport()
        for key in entryKeys() {
            let size = POSIX.treeSize(entryPath(key))
            if remove(key: key) != nil {
                report.removedEntries.append(key)
                report.freedBytes += size
            } else {
                report.busy.append(key)
            }
        }
        report.freedBytes += removeChildren(of: quarantinePath)
        report.freedBytes += removeChildren(of: stagingPath, olderThan: 3600)
        report.freedBytes += removeChildren(of: toolchainsPath) { $0.hasSuffix(".json") }
        for name in POSIX.directoryEntries(locksPath) ?? [] where name.hasSuffix(".lock") {
            let path = "\(locksPath)/\(name)"
            if let lock = KeyLock.tryLock(path: path) {
                unlink(path)
                lock.release()
            }
        }
        report.remainingBytes = POSIX.treeSize(base)
        return report
    }

    /// Removes one entry under its lock (so never one being compiled): renamed into staging
    /// first, so it disappears at once, then deleted. Returns the bytes freed, or nil when
    /// the key is busy or the entry cannot be moved.
    func remove(key: String) -> Int? {
        let lock = KeyLock.tryLock(path: lockPath(key))
        if lock == nil, POSIX.linkStatus(lockPath(key)) != nil {
            // The lock file exists and is held: a compile of this key is in progress.
            return nil
        }
        defer { lock?.release() }
        let size = POSIX.treeSize(entryPath(key))
        let doomed = "\(stagingPath)/removing-\(key.prefix(16))-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        guard rename(entryPath(key), doomed) == 0 else { return nil }
        POSIX.removeTree(doomed)
        return size
    }

    /// Removes what the cache put in one of its folders; returns the bytes freed.
    func removeChildren(of folder: String, olderThan age: Double? = nil, where include: (String) -> Bool = { _ in true }) -> Int {
        var freed = 0
        let now = POSIX.now()
        for name in POSIX.directoryEntries(folder) ?? [] where include(name) {
            let path = "\(folder)/\(name)"
            if let age, let status = POSIX.linkStatus(path), now - POSIX.seconds(status.st_mtim) < age { continue }
            freed += POSIX.treeSize(path)
            POSIX.removeTree(path)
        }
        return freed
    }
}
