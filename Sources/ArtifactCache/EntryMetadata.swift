#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `meta.json`: what an entry holds and how it was made. The format is described in
/// `cache/README.md`; ``checksum`` covers every other field, so an edit by hand is noticed
/// (it protects against accidents and stale tools, not against someone who can write the
/// cache and recompute it: see the README's threat model).
public struct EntryMetadata: Codable, Sendable, Equatable {
    /// The metadata format this version writes and reads.
    public static let currentFormat = 1

    public var format: Int
    /// The entry's key: SHA-256 of ``inputs``' canonical text, and the entry folder's name.
    public var key: String
    public var inputs: KeyInputs
    public var artifact: ArtifactRecord
    /// Bytes in the WebAssembly module.
    public var moduleSize: Int
    /// The plugin's name: the module's own name (name section) or its file name without `.wasm`.
    public var plugin: String?
    /// The path the module was compiled from, when it came from a file.
    public var source: String?
    /// How long the compilation took (validation, translation, LLVM, link).
    public var compileMilliseconds: Int
    /// Functions the module defines, and partitions it was compiled in.
    public var functions: Int
    public var partitions: Int
    /// When the entry was written, in seconds since 1970 (UTC).
    public var createdAt: Int
    /// SHA-256 of ``canonicalText`` (every field above).
    public var checksum: String

    /// The shared object in the entry folder.
    public struct ArtifactRecord: Codable, Sendable, Equatable {
        /// The file name: `<sha256>-<nonce>.so`, the nonce 16 hex digits drawn when the file
        /// was written. `dlopen` returns the already loaded object for a path it has seen, so
        /// an artifact must never take the path of another: the key folder separates different
        /// inputs, the SHA-256 different code, and the nonce two writes of the same code (an
        /// entry rebuilt after it was tampered with, while a process still maps the old file).
        public var file: String
        public var sha256: String
        public var size: Int
    }

    /// A new entry's metadata with its checksum computed.
    public init(inputs: KeyInputs, artifactSHA256: String, artifactNonce: String, artifactSize: Int, moduleSize: Int,
                plugin: String?, source: String?, compileMilliseconds: Int, functions: Int,
                partitions: Int, createdAt: Int) {
        format = Self.currentFormat
        key = inputs.key
        self.inputs = inputs
        artifact = ArtifactRecord(file: Self.artifactFile(sha256: artifactSHA256, nonce: artifactNonce),
                                  sha256: artifactSHA256, size: artifactSize)
        self.moduleSize = moduleSize
        self.plugin = plugin
        self.source = source
        self.compileMilliseconds = compileMilliseconds
        self.functions = functions
        self.partitions = partitions
        self.createdAt = createdAt
        checksum = ""
        checksum = computedChecksum
    }

    /// `<sha256>-<nonce>.so`.
    public static func artifactFile(sha256: String, nonce: String) -> String { "\(sha256)-\(nonce).so" }

    /// Whether `file` is a valid artifact name for `sha256`.
    static func isArtifactFile(_ file: String, sha256: String) -> Bool {
        guard POSIX.isDigest(sha256), file.hasPrefix(sha256 + "-"), file.hasSuffix(".so") else { return false }
        let nonce = file.dropFirst(65).dropLast(3)
        return nonce.utf8.count == 16 && nonce.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Everything but the checksum, as hashed.
    public var canonicalText: String {
        inputs.canonicalText + CanonicalText.lines([
            ("meta-format", "\(format)"),
            ("key", key),
            ("artifact-file", artifact.file),
            ("artifact-sha256", artifact.sha256),
            ("artifact-size", "\(artifact.size)"),
            ("module-size", "\(moduleSize)"),
            ("plugin", plugin.map { "+" + $0 } ?? "-"),
            ("source", source.map { "+" + $0 } ?? "-"),
            ("compile-ms", "\(compileMilliseconds)"),
            ("functions", "\(functions)"),
            ("partitions", "\(partitions)"),
            ("created-at", "\(createdAt)"),
        ])
    }

    public var computedChecksum: String { POSIX.sha256(canonicalText) }

    /// The JSON written to `meta.json`: pretty, keys sorted, so that it reads well and diffs.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try! encoder.encode(self)) + [0x0A]
    }

    static func decode(_ bytes: [UInt8]) -> Result<EntryMetadata, EntryProblem> {
        do {
            return .success(try JSONDecoder().decode(EntryMetadata.self, from: Data(bytes)))
        } catch {
            return .failure(.unparsableMetadata(Self.describe(error)))
        }
    }

    /// A one-line reason for a decoding error (Foundation's descriptions span lines).
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): "not valid JSON (\(context.debugDescription))"
        case DecodingError.keyNotFound(let key, _): "no \"\(key.stringValue)\" field"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)".split(separator: "\n").first.map(String.init) ?? "unknown error"
        }
    }
}

/// `toolchains/<machine>.json`: the toolchain the compile side last used on a machine. The
/// daemon, which cannot ask LLVM, reads it to compute the key of the entry that
/// `midimon compile` would make (see `cache/README.md`).
public struct ToolchainRecord: Codable, Sendable, Equatable {
    public var format: Int
    public var machine: String
    public var toolchain: ToolchainIdentity
    public var midimonVersion: String
    public var checksum: String

    public init(machine: String, toolchain: ToolchainIdentity, midimonVersion: String) {
        format = EntryMetadata.currentFormat
        self.machine = machine
        self.toolchain = toolchain
        self.midimonVersion = midimonVersion
        checksum = ""
        checksum = computedChecksum
    }

    public var computedChecksum: String {
        POSIX.sha256(CanonicalText.lines([
            ("format", "\(format)"), ("machine", machine), ("midimon", midimonVersion),
            ("llvm", toolchain.llvmVersion), ("triple", toolchain.triple),
            ("cpu", toolchain.cpu), ("features", toolchain.features),
        ]))
    }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try! encoder.encode(self)) + [0x0A]
    }
}
