@testable import ArtifactCache
import Compiler
import CompilerCache
import Foundation
import Glibc
import PluginABI
import Runtime
import Testing

/// The normal path: miss, compile, commit, hit, load.
struct StoreTests {
    @Test func missThenHitThenLoad() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(11)
        let first = try scratch.compile(module)
        guard case .compiled(let seconds) = first.outcome else {
            Issue.record("expected a compile, got \(String(describing: first.outcome))")
            return
        }
        #expect(seconds > 0)
        #expect(first.rejected.isEmpty)
        let second = try scratch.compile(module)
        #expect(second.outcome == .hit)
        #expect(second.entry.artifactPath == first.entry.artifactPath)

        let inputs = try scratch.inputs(module)
        let entry = first.entry
        #expect(entry.key == inputs.key)
        #expect(entry.directory == "\(scratch.cache.root)/v1/entries/\(inputs.key)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: entry.directory)) == ["meta.json", "last-used", entry.metadata.artifact.file])
        #expect(entry.metadata.inputs == inputs)
        #expect(entry.metadata.moduleSize == module.count)
        #expect(entry.metadata.functions == 2)
        #expect(entry.metadata.artifact.file.hasPrefix(entry.metadata.artifact.sha256 + "-"))
        #expect(scratch.staging.isEmpty)
        // The entry is readable by others (the daemon may run as another user) but not writable.
        let mode = try FileManager.default.attributesOfItem(atPath: entry.artifactPath)[.posixPermissions] as? Int
        #expect(mode == 0o644)

        let (artifact, loaded) = try scratch.cache.loadArtifact(inputs)
        #expect(loaded.key == inputs.key)
        let instance = try Instance(artifact, store: Store())
        #expect(try instance.exportedFunction(named: "get")!.call([]) == [.i32(11)])
        withExtendedLifetime(instance) { #expect(isMapped(entry.metadata.artifact.file)) }
    }

    @Test func codeOptionsGetTheirOwnEntries() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(12)
        try scratch.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1))
        #expect(try scratch.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 2)).outcome == .hit)
        #expect(try scratch.compile(module, options: CompileOptions(optimization: .o0, maxPartitions: 1)).outcome != .hit)
        #expect(try scratch.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1, fuel: false)).outcome != .hit)
        #expect(try scratch.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1, bounds: .guardPages)).outcome != .hit)
        #expect(scratch.entries.count == 4)
        var flags: [ArtifactABI.CodeFlags] = []
        for listing in scratch.cache.list() {
            let metadata = try #require(listing.metadata)
            let entry = try #require(try scratch.cache.lookup(metadata.inputs))
            flags.append(try scratch.cache.load(entry).flags)
        }
        #expect(flags.count == 4)
        #expect(flags.contains([]) && flags.contains([.fuel, .guardPages]))
    }

    /// The daemon's way in: the toolchain recorded by the compile side gives the same key.
    @Test func daemonComputesTheSameKeyFromTheRecord() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(13)
        #expect(scratch.cache.recordedInputs(module: module, code: .default) == nil)
        let options = CompileOptions(optimization: .o2, maxPartitions: 1)
        let resolution = try scratch.compile(module, options: options)
        let recorded = try #require(scratch.cache.recordedInputs(module: module, code: .default))
        #expect(recorded == resolution.entry.metadata.inputs)
        #expect(try scratch.cache.lookup(recorded)?.artifactPath == resolution.entry.artifactPath)
        // Another code setting has no entry yet.
        let guarded = try #require(scratch.cache.recordedInputs(module: module, code: CodeSettings(optLevel: 2, bounds: "guard", fuel: true)))
        #expect(try scratch.cache.lookup(guarded) == nil)
        // A damaged record is no record: nothing is looked up, which is safe.
        let record = scratch.cache.toolchainPath(MachineIdentity.current)
        try edit(record) { $0 = Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "19.", with: "18.").utf8) }
        #expect(scratch.cache.recordedToolchain() == nil)
    }

    @Test func touchRecordsTheLastUse() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let entry = try scratch.compile(try ScratchCache.module(14)).entry
        let lastUsed = "\(entry.directory)/last-used"
        var old = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, lastUsed, &old, 0) == 0)
        #expect(scratch.cache.list().first.map { Int($0.lastUsed) } == 1_000_000)
        _ = try scratch.cache.loadArtifact(entry.metadata.inputs)
        let used = try #require(scratch.cache.list().first).lastUsed
        #expect(abs(used - Date().timeIntervalSince1970) < 120)
    }
}
