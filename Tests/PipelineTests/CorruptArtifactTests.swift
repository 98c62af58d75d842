import Compiler
import Foundation
import PluginABI
import Runtime
import Testing
import WasmTestSupport

/// Files handed to ``Artifact/init(path:)`` that are not what the compiler wrote: random
/// bytes, an executable, a real artifact cut short or with its descriptor or skeleton
/// patched. Each is refused with an ``ArtifactError`` naming the file, and nothing crashes.
///
/// Not covered: bytes flipped at random inside a real object. `dlopen` trusts the ELF
/// structures it maps and can fault on them; only truncation is checked before it runs.
struct CorruptArtifactTests {
    static let wat = #"(module (func (export "answer") (result i32) (i32.const 42)))"#

    /// A scratch folder with a freshly compiled artifact of ``wat`` in it.
    struct Scratch {
        let path: String
        let artifactBytes: [UInt8]

        init() throws {
            path = NSTemporaryDirectory() + "midimon-corrupt-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let artifact = "\(path)/good.so"
            _ = try ModuleCompiler.compile(try Pipeline.wasm(CorruptArtifactTests.wat), options: CompileOptions(optimization: .o1), output: artifact)
            artifactBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: artifact)))
        }

        /// Writes `bytes` to a new file (a new name each time: dlopen caches by file).
        func write(_ bytes: [UInt8]) throws -> String {
            let file = "\(path)/\(UUID().uuidString).so"
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return file
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The error loading `file` throws, or nil when it loads.
    static func refusal(_ file: String) -> ArtifactError? {
        do {
            _ = try Artifact(path: file)
            return nil
        } catch {
            return error
        }
    }

    @Test func randomBytesAreNotLoadable() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var rng = SeededGenerator(seed: 0x5EED)
        for length in [0, 1, 63, 64, 4096, 100_000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            let file = try scratch.write(bytes)
            let error = try #require(Self.refusal(file), "\(length) random bytes loaded")
            #expect(error.kind == .notLoadable)
            #expect(error.path == file && error.description.hasPrefix("\(file): "))
        }
    }

    /// The ELF magic followed by noise: refused before `dlopen` reads the noise.
    @Test func anELFHeaderOverNoise() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var bytes = Array(scratch.artifactBytes.prefix(64))
        bytes += [UInt8](repeating: 0xA5, count: 200)
        let error = try #require(Self.refusal(try scratch.write(bytes)))
        #expect(error.kind == .notLoadable, "\(error)")
    }

    /// An executable is an ELF file but not a shared object `dlopen` will take (or, if it
    /// did, one without a descriptor).
    @Test func anExecutableIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let executable = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
        let error = try #require(Self.refusal(try scratch.write(executable)))
        #expect(error.kind == .notLoadable || error.kind == .missingDescriptor, "\(error)")
        #expect(!error.message.isEmpty)
    }

    /// A real artifact cut short at many lengths: each prefix is refused, or (when only the
    /// section headers at the end are lost, which `dlopen` does not need) loads and works.
    @Test func truncatedArtifacts() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let whole = scratch.artifactBytes
        #expect(try Pipeline.instance(try Artifact(path: try scratch.write(whole))).call("answer") == [.i32(42)])
        var lengths = Set(stride(from: 0, to: whole.count, by: max(1, whole.count / 40)))
        lengths.formUnion([1, 4, 16, 63, 64, 65, whole.count / 2, whole.count - 1])
        var refused = 0
        for length in lengths.sorted() {
            let file = try scratch.write(Array(whole.prefix(length)))
            if let error = Self.refusal(file) {
                refused += 1
                #expect(error.path == file)
                #expect(!error.message.isEmpty)
            } else {
                let instance = try Pipeline.instance(try Artifact(path: file))
                #expect(try instance.call("answer") == [.i32(42)], "prefix of \(length) bytes")
            }
        }
        #expect(refused >= lengths.count / 2, "only \(refused) of \(lengths.count) prefixes refused")
    }

    /// The index of the first occurrence of `pattern` in `bytes`.
    static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    @Test func patchedDescriptorMagicAndVersion() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let magic = Self.littleEndian(ArtifactABI.magic)
        let at = try #require(Self.find(magic + Self.littleEndian(ArtifactABI.version), in: scratch.artifactBytes),
                              "the descriptor's first two words are not in the file")
        var badMagic = scratch.artifactBytes
        badMagic[at] ^= 0xFF
        #expect(Self.refusal(try scratch.write(badMagic))?.kind == .badMagic)
        var newer = scratch.artifactBytes
        newer[at + 8] &+= 1
        let error = Self.refusal(try scratch.write(newer))
        #expect(error?.kind == .versionMismatch)
        #expect(error?.message.contains("recompile") == true, "\(String(describing: error))")
    }

    @Test func patchedSkeleton() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let at = try #require(Self.find(BinaryBuilder.header(), in: scratch.artifactBytes), "no embedded skeleton")
        var bytes = scratch.artifactBytes
        bytes[at + 4] = 2  // binary format version 2
        let error = Self.refusal(try scratch.write(bytes))
        #expect(error?.kind == .malformedSkeleton, "\(String(describing: error))")
    }

    @Test func aDirectoryAndAMissingFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(Self.refusal(scratch.path)?.kind == .notLoadable)
        #expect(Self.refusal("\(scratch.path)/missing.so")?.kind == .notFound)
    }
}
