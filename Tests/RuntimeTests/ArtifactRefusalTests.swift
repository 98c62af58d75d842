import Foundation
import PluginABI
import Runtime
import Testing

/// A file that is not a current midimon artifact is refused with an error naming it, never
/// loaded half-way and never a crash.
struct ArtifactRefusalTests {
    static let wat = #"(module (func (export "f") (result i32) unreachable))"#
    static let c = """
        int32_t f(void *vmctx) { return 7; }
        void f_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)f(vmctx); }
        """

    var good: CArtifact { CArtifact(wat: Self.wat, c: Self.c, functions: ["f"], entries: ["f_entry"]) }

    func refusal(_ artifact: CArtifact) async throws -> ArtifactError? {
        let path = try await artifact.build()
        defer { unlink(path) }
        do {
            _ = try Artifact(path: path)
            return nil
        } catch {
            #expect(error.path == path)
            #expect(error.description.hasPrefix(path + ": "))
            return error
        }
    }

    @Test func aWellFormedArtifactLoads() async throws {
        let artifact = try await good.load()
        #expect(artifact.module.exports.map(\.name) == ["f"])
        let instance = try Instance(artifact, store: Store())
        #expect(try instance.exportedFunction(named: "f")?.call([]) == [.i32(7)])
    }

    @Test func wrongMagic() async throws {
        var artifact = good
        artifact.magic = 0x1234
        let error = try await refusal(artifact)
        #expect(error?.kind == .badMagic)
        #expect(error?.message.contains("magic") == true)
    }

    @Test func wrongVersion() async throws {
        var artifact = good
        artifact.version = ArtifactABI.version + 1
        let error = try await refusal(artifact)
        #expect(error?.kind == .versionMismatch)
        #expect(error?.message.contains("version \(ArtifactABI.version + 1)") == true)
    }

    @Test func wrongVMContextSize() async throws {
        var artifact = good
        artifact.vmctxSizeAdjustment = 8
        let error = try await refusal(artifact)
        #expect(error?.kind == .inconsistent)
        #expect(error?.message.contains("VM context size") == true)
    }

    @Test func unknownFlags() async throws {
        var artifact = good
        artifact.flags = 1 << 40
        #expect(try await refusal(artifact)?.kind == .inconsistent)
    }

    @Test func noDescriptor() async throws {
        var artifact = good
        artifact.descriptorName = "something_else"
        #expect(try await refusal(artifact)?.kind == .missingDescriptor)
    }

    @Test func malformedSkeleton() async throws {
        var artifact = good
        artifact.skeletonOverride = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 0x42]
        let error = try await refusal(artifact)
        #expect(error?.kind == .malformedSkeleton)
    }

    @Test func exportWithoutEntry() async throws {
        var artifact = good
        artifact.entries = [nil]
        let error = try await refusal(artifact)
        #expect(error?.kind == .inconsistent)
        #expect(error?.message.contains("no entry") == true)
    }

    @Test func notASharedObject() async throws {
        let path = CArtifact.directory + "/\(UUID().uuidString).so"
        try "not an ELF file\n".write(toFile: path, atomically: false, encoding: .utf8)
        defer { unlink(path) }
        #expect {
            _ = try Artifact(path: path)
        } throws: { error in
            let error = error as! ArtifactError
            return error.kind == .notLoadable && error.path == path && error.description.hasPrefix(path)
        }
    }

    @Test func missingFile() {
        let path = CArtifact.directory + "/does-not-exist.so"
        #expect {
            _ = try Artifact(path: path)
        } throws: { error in
            let error = error as! ArtifactError
            return error.kind == .notFound && error.description == "\(path): no such file"
        }
    }

    @Test func aForeignSharedObjectWithoutDescriptor() async throws {
        let path = try await CArtifact.compile("int answer(void) { return 42; }")
        defer { unlink(path) }
        #expect(throws: ArtifactError.self) { _ = try Artifact(path: path) }
    }
}
