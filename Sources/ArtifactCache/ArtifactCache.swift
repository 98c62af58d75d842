import Glibc
import PluginABI
import Runtime

/// The on-disk cache of compiled plugins: content-addressed entries, each a folder named by
/// its key holding the shared object and its metadata. Layout, formats and the reasons behind
/// them are in `cache/README.md`; in short:
///
/// ```
/// <root>/v1/entries/<key>/meta.json           what the entry is (EntryMetadata)
///                        /<sha256>-<nonce>.so  the code, named after its SHA-256 (and a nonce)
///                        /last-used            empty; its mtime is the entry's last use
///          /toolchains/<machine>.json          the toolchain midimon compiles with here
///          /locks/<key>.lock                   flock'ed while a key is being compiled
///          /staging/<key>-XXXXXX/              entries being written (renamed into entries/)
///          /quarantine/<key>-<time>-<pid>/     entries that failed verification, with reason.txt
/// ```
///
/// Nothing read from the folder is trusted: ``verify(key:)`` checks the metadata's checksum,
/// recomputes the key from the recorded inputs, and re-hashes the artifact before anything
/// may `dlopen` it (``load(_:)``). This type links no LLVM: the daemon uses it to read, and
/// the compile side (CompilerCache) to write.
public final class ArtifactCache: @unchecked Sendable {
    /// The layout's version: a future incompatible layout gets a new folder beside it.
    public static let layoutFolder = "v1"

    public let location: CacheLocation
    /// Writes go through this (tests inject failures into it).
    var writer = FileWriter()

    /// A cache at `location`. Nothing is read or created until it is used.
    public init(location: CacheLocation) {
        self.location = location
    }

    /// Shorthand for a cache at a path (given by `--cache-dir`).
    public convenience init(path: String) {
        self.init(location: CacheLocation(path: path, source: .option))
    }

    // MARK: - Layout

    public var root: String { location.path }
    var base: String { "\(root)/\(Self.layoutFolder)" }
    public var entriesPath: String { "\(base)/entries" }
    var locksPath: String { "\(base)/locks" }
    var stagingPath: String { "\(base)/staging" }
    public var quarantinePath: String { "\(base)/quarantine" }
    var toolchainsPath: String { "\(base)/toolchains" }

    public func entryPath(_ key: String) -> String { "\(entriesPath)/\(key)" }
    func lockPath(_ key: String) -> String { "\(locksPath)/\(key).lock" }
    func toolchainPath(_ machine: String) -> String { "\(toolchainsPath)/\(machine).json" }

    static let metadataFile = "meta.json"
    static let lastUsedFile = "last-used"
    static let reasonFile = "reason.txt"

    /// Creates the root and the layout's folders where missing.
    public func prepareForWriting() throws(CacheError) {
        if let code = writer.faults.makeDirectory {
            throw CacheError(.location, root, "cannot create the cache folders: \(POSIX.errnoText(code))")
        }
        try POSIX.makeDirectories(root)
        for folder in [base, entriesPath, locksPath, stagingPath, quarantinePath, toolchainsPath] {
            if let status = POSIX.linkStatus(folder) {
                guard POSIX.isDirectory(status) else {
                    throw CacheError(.location, folder, POSIX.isSymbolicLink(status)
                        ? "is a symbolic link (to \(POSIX.linkTarget(folder))); the cache's own folders must be real folders"
                        : "exists and is not a folder")
                }
                continue
            }
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw CacheError(.location, folder, "cannot create the folder: \(POSIX.errnoText())")
            }
        }
        guard access(entriesPath, W_OK) == 0 else {
            throw CacheError(.location, entriesPath, "not writable: \(POSIX.errnoText())")
        }
    }

    /// Checks that the root exists and is a folder; the read side's first step.
    public func checkReadable() throws(CacheError) {
        guard let status = POSIX.status(root) else {
            throw CacheError(.location, root, errno == ENOENT ? "no cache folder here" : "cannot read the cache folder: \(POSIX.errnoText())")
        }
        guard POSIX.isDirectory(status) else { throw CacheError(.location, root, "is not a folder") }
    }

    // MARK: - Toolchain records

    /// The toolchain `midimon compile` last recorded for `machine`, or nil (never compiled
    /// here, or the record is damaged: then nothing can be looked up, which is safe).
    public func recordedToolchain(machine: String = MachineIdentity.current) -> ToolchainIdentity? {
        guard case .success(let bytes) = POSIX.readSmallFile(toolchainPath(machine)),
              let record = try? JSONDecoding.decode(ToolchainRecord.self, bytes),
              record.format == EntryMetadata.currentFormat, record.machine == machine,
              record.checksum == record.computedChecksum
        else { return nil }
        return record.toolchain
    }

    /// Records the toolchain used on this machine (unless already recorded), atomically.
    public func record(toolchain: ToolchainIdentity, machine: String = MachineIdentity.current) throws(CacheError) {
        guard recordedToolchain(machine: machine) != toolchain else { return }
        let record = ToolchainRecord(machine: machine, toolchain: toolchain, midimonVersion: MidimonVersion.string)
        try writer.replace(toolchainPath(machine), record.encoded())
    }

    /// The key inputs of `module` compiled with `code` by the toolchain recorded for this
    /// machine: how the daemon, which cannot ask LLVM, finds the entry `midimon compile`
    /// would make. Nil when no toolchain is recorded.
    public func recordedInputs(module: [UInt8], code: CodeSettings) -> KeyInputs? {
        recordedToolchain().map { KeyInputs(module: module, toolchain: $0, code: code) }
    }

    // MARK: - Reading

    /// What ``verify(key:)`` found.
    public enum Verification: Sendable {
        case missing
        case valid(VerifiedEntry)
        case invalid(EntryProblem)
    }

    /// Checks everything about an entry that can be checked without loading it (see
    /// `cache/README.md`, "Verification"). Reads only; never follows a link inside the cache.
    public func verify(key: String) -> Verification {
        // The cache's own folders must be real folders: a link there would lead every entry
        // outside the cache. (The root itself may be reached through a link.)
        for folder in [base, entriesPath] {
            if let status = POSIX.linkStatus(folder), POSIX.isSymbolicLink(status) {
                return .invalid(.symbolicLink(path: folder, target: POSIX.linkTarget(folder)))
            }
        }
        let directory = entryPath(key)
        guard let status = POSIX.linkStatus(directory) else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .invalid(.unreadable(path: directory, reason: POSIX.errnoText()))
        }
        if POSIX.isSymbolicLink(status) { return .invalid(.symbolicLink(path: directory, target: POSIX.linkTarget(directory))) }
        guard POSIX.isDirectory(status) else { return .invalid(.notADirectory(path: directory)) }
        if let problem = Self.ownershipProblem(directory, status) { return .invalid(problem) }

        let metadataPath = "\(directory)/\(Self.metadataFile)"
        let bytes: [UInt8]
        switch POSIX.readSmallFile(metadataPath) {
        case .success(let read): bytes = read
        case .failure(let failure) where failure.code == ENOENT: return .invalid(.missingMetadata)
        case .failure(let failure) where failure.code == ELOOP:
            return .invalid(.symbolicLink(path: metadataPath, target: POSIX.linkTarget(metadataPath)))
        case .failure(let failure): return .invalid(.unreadable(path: metadataPath, reason: failure.text))
        }
        let metadata: EntryMetadata
        switch EntryMetadata.decode(bytes) {
        case .success(let decoded): metadata = decoded
        case .failure(let problem): return .invalid(problem)
        }
        if let problem = Self.problem(with: metadata, key: key) { return .invalid(problem) }

        let artifactPath = "\(directory)/\(metadata.artifact.file)"
        let fd = open(artifactPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return .invalid(.missingArtifact(path: artifactPath))
            case ELOOP: return .invalid(.symbolicLink(path: artifactPath, target: POSIX.linkTarget(artifactPath)))
            default: return .invalid(.unreadable(path: artifactPath, reason: POSIX.errnoText()))
            }
        }
        defer { close(fd) }
        var file = stat()
        guard fstat(fd, &file) == 0 else { return .invalid(.unreadable(path: artifactPath, reason: POSIX.errnoText())) }
        guard POSIX.isRegularFile(file) else { return .invalid(.notARegularFile(path: artifactPath)) }
        if let problem = Self.ownershipProblem(artifactPath, file) { return .invalid(problem) }
        guard Int(file.st_size) == metadata.artifact.size else {
            return .invalid(.sizeMismatch(path: artifactPath, recorded: metadata.artifact.size, actual: Int(file.st_size)))
        }
        switch POSIX.sha256(fd) {
        case .failure(let failure): return .invalid(.unreadable(path: artifactPath, reason: failure.text))
        case .success(let (digest, size)):
            guard size == metadata.artifact.size else {
                return .invalid(.sizeMismatch(path: artifactPath, recorded: metadata.artifact.size, actual: size))
            }
            guard digest == metadata.artifact.sha256 else {
                return .invalid(.hashMismatch(path: artifactPath, recorded: metadata.artifact.sha256, actual: digest))
            }
        }
        return .valid(VerifiedEntry(key: key, directory: directory, metadata: metadata, artifactPath: artifactPath,
                                    identity: FileIdentity(file)))
    }

    /// What is wrong with metadata that parsed, if anything.
    static func problem(with metadata: EntryMetadata, key: String) -> EntryProblem? {
        guard metadata.format == EntryMetadata.currentFormat else { return .unknownFormat(metadata.format) }
        guard metadata.checksum == metadata.computedChecksum else { return .editedMetadata }
        let computed = metadata.inputs.key
        guard computed == key, metadata.key == key else { return .keyMismatch(recorded: key, computed: computed) }
        guard metadata.inputs.abiVersion == ArtifactABI.version else {
            return .abiMismatch(recorded: metadata.inputs.abiVersion, expected: ArtifactABI.version)
        }
        let file = metadata.artifact.file
        guard EntryMetadata.isArtifactFile(file, sha256: metadata.artifact.sha256) else {
            return .badArtifactName(file)
        }
        return nil
    }

    /// An entry folder or file that another user could have written: owned by someone other
    /// than this user or root, or writable by group or others.
    static func ownershipProblem(_ path: String, _ status: stat) -> EntryProblem? {
        if status.st_uid != geteuid() && status.st_uid != 0 {
            return .unsafeOwnership(path: path, detail: "is owned by user \(status.st_uid), not by this user (\(geteuid())) or root")
        }
        if status.st_mode & 0o022 != 0 {
            return .unsafeOwnership(path: path, detail: "is writable by group or others (mode \(String(status.st_mode & 0o777, radix: 8)))")
        }
        return nil
    }

    /// The verified entry for `inputs`, nil when there is none. An entry that fails
    /// verification is moved aside (when the cache is writable) and reported as
    /// ``CacheError/Kind/rejected``: never returned.
    public func lookup(_ inputs: KeyInputs) throws(CacheError) -> VerifiedEntry? {
        let key = inputs.key
        switch verify(key: key) {
        case .missing: return nil
        case .valid(let entry): return entry
        case .invalid(let problem): throw reject(key: key, problem)
        }
    }

    /// Moves a bad entry aside and describes it as an error naming the entry.
    func reject(key: String, _ problem: EntryProblem) -> CacheError {
        if case .symbolicLink(let path, _) = problem, path == base || path == entriesPath {
            // The cache's own folder is a link: nothing in it is moved (that would write
            // wherever it points); the user must repair the cache.
            return CacheError(.rejected, path, "\(problem); the cache folder must be repaired", problem: problem)
        }
        let moved = quarantine(key: key, reason: problem.description)
        let note = switch moved {
        case .success(let destination): "moved to \(destination)"
        case .failure(let error): "could not move it aside (\(error.message))"
        }
        return CacheError(.rejected, entryPath(key), "\(problem); \(note)", problem: problem)
    }

    /// Records a use of the entry now (for `cache gc`, least recently used first). Best
    /// effort: a read-only cache is still readable.
    public func touch(_ entry: VerifiedEntry) {
        utimensat(AT_FDCWD, "\(entry.directory)/\(Self.lastUsedFile)", nil, AT_SYMLINK_NOFOLLOW)
    }

    // MARK: - Loading

    /// Loads a verified entry's artifact, checking first that the file `dlopen` will open is
    /// the one that was hashed (same inode, size and modification time). An artifact the
    /// runtime refuses (a wrong ABI inside a consistent entry) is moved aside.
    public func load(_ entry: VerifiedEntry) throws(CacheError) -> Artifact {
        guard let now = POSIX.linkStatus(entry.artifactPath), POSIX.isRegularFile(now), FileIdentity(now) == entry.identity else {
            throw CacheError(.rejected, entry.artifactPath, "changed after it was verified; not loaded")
        }
        do {
            return try Artifact(path: entry.artifactPath)
        } catch {
            let moved = quarantine(key: entry.key, reason: error.message)
            let note = (try? moved.get()).map { "; moved to \($0)" } ?? ""
            throw CacheError(.notLoadable, entry.artifactPath, "\(error.message)\(note)")
        }
    }

    /// Looks up `inputs`, verifies and loads: the daemon's whole path from a module to code.
    public func loadArtifact(_ inputs: KeyInputs) throws(CacheError) -> (Artifact, VerifiedEntry) {
        guard let entry = try lookup(inputs) else {
            throw CacheError(.miss, entryPath(inputs.key), "no cache entry")
        }
        let artifact = try load(entry)
        touch(entry)
        return (artifact, entry)
    }

    // MARK: - Quarantine

    /// Moves an entry (folder, file or link: never what a link points to) into `quarantine/`
    /// with a `reason.txt`, and returns its new path.
    @discardableResult
    public func quarantine(key: String, reason: String) -> Result<String, CacheError> {
        let source = entryPath(key)
        if POSIX.linkStatus(quarantinePath) == nil { mkdir(quarantinePath, 0o755) }
        let destination = "\(quarantinePath)/\(key)-\(Int(POSIX.now()))-\(getpid())-\(UInt16.random(in: 0 ... .max))"
        if let code = writer.faults.rename {
            return .failure(CacheError.io(source, "cannot move into \(quarantinePath)", errno: code))
        }
        guard rename(source, destination) == 0 else {
            return .failure(CacheError.io(source, "cannot move into \(quarantinePath)", errno: errno))
        }
        POSIX.syncDirectory(entriesPath)
        if let status = POSIX.linkStatus(destination), POSIX.isDirectory(status) {
            try? writer.create("\(destination)/\(Self.reasonFile)", Array("\(reason)\n".utf8))
        }
        return .success(destination)
    }
}

/// An entry that passed ``ArtifactCache/verify(key:)``.
public struct VerifiedEntry: Sendable {
    public let key: String
    /// The entry's folder.
    public let directory: String
    public let metadata: EntryMetadata
    /// The shared object, hashed and matching the metadata.
    public let artifactPath: String
    /// The hashed file's identity: loading checks that the path still leads to it.
    let identity: FileIdentity
}

/// What identifies the file that was hashed: a rename over it or a write into it changes one
/// of these.
struct FileIdentity: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: Int
    var modifiedNanoseconds: Int

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int(status.st_size)
        modified = Int(status.st_mtim.tv_sec)
        modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
    }
}
