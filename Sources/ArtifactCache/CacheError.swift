/// Why the cache could not give or take an artifact. Every error names the file or folder
/// concerned (``path``) and says what is wrong with it (``message``), so the CLI and the
/// daemon print it as `PATH: message` and never have to guess.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The cache folder cannot be used: not a folder, cannot be created, unreadable.
        case location
        /// A read or write inside the cache failed (full disk, read-only file system,
        /// permissions). Nothing half-written was left looking valid.
        case io
        /// No entry for the key (or no toolchain recorded for this machine yet).
        case miss
        /// The entry failed verification; ``problem`` says how. It was moved aside when the
        /// cache was writable.
        case rejected
        /// The entry verified but the runtime refused to load it (`ArtifactError`).
        case notLoadable
    }

    public let kind: Kind
    /// The file or folder the message is about.
    public let path: String
    /// What is wrong, without the path.
    public let message: String
    /// For ``Kind/rejected``: the verification failure.
    public let problem: EntryProblem?

    public init(_ kind: Kind, _ path: String, _ message: String, problem: EntryProblem? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.problem = problem
    }

    static func io(_ path: String, _ what: String, errno code: Int32) -> CacheError {
        CacheError(.io, path, "\(what): \(POSIX.errnoText(code))")
    }

    public var description: String { "\(path): \(message)" }
}

/// How an entry failed verification. Each case is something a reader must never trust: the
/// entry is refused (daemon) or moved aside and rebuilt (compiler).
public enum EntryProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The entry (or a file in it) is a symbolic link; entries are real folders and files
    /// inside the cache, so a link (perhaps pointing outside the cache) is never followed.
    case symbolicLink(path: String, target: String)
    /// The entry's name is a key but it is not a folder (a foreign file).
    case notADirectory(path: String)
    /// Writable by group or others, or owned by another user (other than root): someone else
    /// could have swapped the code.
    case unsafeOwnership(path: String, detail: String)
    /// `meta.json` is missing: an entry that was never completed (or was tampered with).
    case missingMetadata
    /// `meta.json` is not the JSON this version writes.
    case unparsableMetadata(String)
    /// A metadata format this version does not read.
    case unknownFormat(Int)
    /// `meta.json` parses but its checksum does not match its content: edited by hand.
    case editedMetadata
    /// The key recomputed from the recorded inputs is not the entry's name.
    case keyMismatch(recorded: String, computed: String)
    /// Built for another artifact ABI than this runtime's.
    case abiMismatch(recorded: UInt64, expected: UInt64)
    /// The metadata names an artifact file that cannot be right (not `<sha256>-<nonce>.so`).
    case badArtifactName(String)
    /// The artifact file is missing.
    case missingArtifact(path: String)
    /// Not a regular file.
    case notARegularFile(path: String)
    /// The artifact is shorter or longer than recorded (a truncated copy, a full disk).
    case sizeMismatch(path: String, recorded: Int, actual: Int)
    /// The artifact's SHA-256 is not the recorded one: tampered with, corrupted, or replaced.
    case hashMismatch(path: String, recorded: String, actual: String)
    /// The artifact could not be read.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .symbolicLink(let path, let target):
            "\(path) is a symbolic link (to \(target)); the cache never follows links"
        case .notADirectory(let path): "\(path) is not a cache entry folder"
        case .unsafeOwnership(let path, let detail): "\(path) \(detail)"
        case .missingMetadata: "meta.json is missing (an incomplete entry)"
        case .unparsableMetadata(let reason): "meta.json does not parse: \(reason)"
        case .unknownFormat(let format): "meta.json has format \(format), this midimon reads \(EntryMetadata.currentFormat)"
        case .editedMetadata: "meta.json was edited (its checksum does not match its content)"
        case .keyMismatch(let recorded, let computed):
            "meta.json describes key \(computed), not this entry's key \(recorded)"
        case .abiMismatch(let recorded, let expected):
            "built for artifact ABI version \(recorded), this runtime needs \(expected)"
        case .badArtifactName(let name): "meta.json names an invalid artifact file \"\(name)\""
        case .missingArtifact(let path): "\(path) is missing"
        case .notARegularFile(let path): "\(path) is not a regular file"
        case .sizeMismatch(let path, let recorded, let actual):
            "\(path) has \(actual) bytes, meta.json says \(recorded)\(actual < recorded ? " (truncated)" : "")"
        case .hashMismatch(let path, let recorded, let actual):
            "\(path) has SHA-256 \(actual), meta.json says \(recorded) (tampered with, corrupted or replaced)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}
