/// Why an artifact was refused. Loading checks everything it can before trusting a byte of
/// the object: a missing, foreign, corrupt or stale file is an error naming the file, never
/// a crash.
public struct ArtifactError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No file at the path.
        case notFound
        /// `dlopen` refused it (not a shared object, wrong architecture, unresolved symbols).
        case notLoadable
        /// It loads but has no `midimon_module_descriptor`: not a midimon artifact.
        case missingDescriptor
        /// The descriptor's magic word is wrong.
        case badMagic
        /// Built for another version of the artifact ABI.
        case versionMismatch
        /// The descriptor disagrees with the runtime's layout or with itself (VM context
        /// size, function counts, pointers outside the object, unknown flags).
        case inconsistent
        /// The embedded module skeleton does not parse or validate.
        case malformedSkeleton
        /// The module uses something this runtime does not support.
        case unsupported
    }

    public let kind: Kind
    /// The artifact's path, as given.
    public let path: String
    /// What is wrong, without the path.
    public let message: String

    init(_ kind: Kind, _ path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
