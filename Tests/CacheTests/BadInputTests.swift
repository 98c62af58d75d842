@testable import ArtifactCache
import Compiler
import CompilerCache
import Foundation
import Glibc
import PluginABI
import Runtime
import Testing

/// Nothing read from the cache is trusted: every way an entry can be wrong is caught before
/// `dlopen`, reported with the file's path, moved aside, and rebuilt by the compile side.
struct BadInputTests {
    // MARK: - The artifact

    @Test func tamperedArtifactIsDetectedAndNeverLoaded() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(21)
        let entry = try scratch.compile(module).entry
        let file = entry.metadata.artifact.file
        try edit(entry.artifactPath) { $0[$0.count / 2] ^= 0x01 }

        #expect(scratch.cache.verify(key: entry.key).problem == .hashMismatch(
            path: entry.artifactPath, recorded: entry.metadata.artifact.sha256,
            actual: KeyInputs.sha256([UInt8](try Data(contentsOf: URL(fileURLWithPath: entry.artifactPath))))))
        do {
            _ = try scratch.cache.loadArtifact(entry.metadata.inputs)
            Issue.record("a tampered artifact was loaded")
        } catch {
            #expect(error.kind == .rejected)
            #expect(error.path == entry.directory)
            #expect(error.message.contains(entry.artifactPath) && error.message.contains("SHA-256"), "\(error)")
            #expect(error.message.contains("moved to \(scratch.cache.quarantinePath)/"), "\(error)")
        }
        #expect(!isMapped(file), "the tampered file was mapped")
        // Moved aside with its reason; the key is free again.
        let quarantined = try #require(scratch.quarantined.first)
        #expect(quarantined.hasPrefix(entry.key))
        #expect(try text("\(scratch.cache.quarantinePath)/\(quarantined)/reason.txt").contains("tampered with"))
        #expect(scratch.cache.verify(key: entry.key).problem == nil)

        // The compile side rebuilds it, under a new path (dlopen must never reuse a path).
        let rebuilt = try scratch.compile(module)
        #expect(rebuilt.outcome != .hit)
        #expect(rebuilt.entry.artifactPath != entry.artifactPath)
        let (artifact, _) = try scratch.cache.loadArtifact(entry.metadata.inputs)
        #expect(try Instance(artifact, store: Store()).exportedFunction(named: "get")!.call([]) == [.i32(21)])
    }

    @Test func compileSideRecompilesABadEntryAndSaysSo() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(22)
        let entry = try scratch.compile(module).entry
        try edit(entry.artifactPath) { $0[100] ^= 0x80 }
        let again = try scratch.compile(module)
        #expect(again.outcome != .hit)
        #expect(again.rejected.count == 1)
        #expect(again.rejected.first?.problem.map { if case .hashMismatch = $0 { true } else { false } } == true)
        #expect(scratch.quarantined.count == 1)
        #expect(scratch.cache.verify(key: entry.key).isValid)
    }

    @Test func truncatedArtifact() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let entry = try scratch.compile(try ScratchCache.module(23)).entry
        #expect(truncate(entry.artifactPath, off_t(entry.metadata.artifact.size / 2)) == 0)
        let problem = scratch.cache.verify(key: entry.key).problem
        #expect(problem == .sizeMismatch(path: entry.artifactPath, recorded: entry.metadata.artifact.size, actual: entry.metadata.artifact.size / 2))
        #expect(problem?.description.contains("(truncated)") == true)
        #expect(throws: CacheError.self) { try scratch.cache.loadArtifact(entry.metadata.inputs) }
        #expect(!isMapped(entry.metadata.artifact.file))
    }

    @Test func artifactReplacedByAnotherValidSharedObject() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let a = try scratch.compile(try ScratchCache.module(24)).entry
        let b = try scratch.compile(try ScratchCache.module(25)).entry
        // Same functions, different constant: the two objects may well have the same size.
        let replacement = "\(a.directory)/replacement.tmp"
        try FileManager.default.copyItem(atPath: b.artifactPath, toPath: replacement)
        #expect(rename(replacement, a.artifactPath) == 0)
        switch scratch.cache.verify(key: a.key).problem {
        case .hashMismatch(let path, _, let actual)?:
            #expect(path == a.artifactPath)
            #expect(actual == b.metadata.artifact.sha256)
        case .sizeMismatch?: break
        case let other: Issue.record("expected a hash or size mismatch, got \(String(describing: other))")
        }
        #expect(throws: CacheError.self) { try scratch.cache.loadArtifact(a.metadata.inputs) }
        #expect(!isMapped(a.metadata.artifact.file))
    }

    /// A valid entry whose code was built for another artifact ABI: caught by the runtime's
    /// descriptor check after dlopen, and moved aside like any other bad entry.
    @Test func artifactWithAnotherABIVersionIsRefusedAndMovedAside() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(26)
        let inputs = try scratch.inputs(module)
        let resolution = try scratch.cache.resolve(inputs, module: module) { output in
            let report = try ModuleCompiler.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1), output: output)
            try edit(output) { bytes in
                // "MIDIMON\1" then the ABI version word, little-endian.
                let magic: [UInt8] = [0x4D, 0x49, 0x44, 0x49, 0x4D, 0x4F, 0x4E, 0x01]
                let at = (0...(bytes.count - 16)).first { bytes[$0..<$0 + 8].elementsEqual(magic) && bytes[$0 + 8] == UInt8(ArtifactABI.version) }!
                bytes[at + 8] = UInt8(ArtifactABI.version + 1)
            }
            return CompileStats(seconds: report.seconds, functions: report.functions, partitions: report.partitions)
        }
        #expect(scratch.cache.verify(key: inputs.key).isValid, "the entry itself is consistent")
        do {
            _ = try scratch.cache.load(resolution.entry)
            Issue.record("an artifact of another ABI version was loaded")
        } catch {
            #expect(error.kind == .notLoadable)
            #expect(error.path == resolution.entry.artifactPath)
            #expect(error.message.contains("artifact ABI version \(ArtifactABI.version + 1)"), "\(error)")
        }
        #expect(scratch.quarantined.count == 1)
        #expect(try scratch.compile(module).outcome != .hit)
    }

    @Test func metadataForAnotherABIVersion() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(27)
        var inputs = try scratch.inputs(module)
        inputs.abiVersion = ArtifactABI.version - 1
        // Written as an older midimon would have (resolve itself refuses to return it).
        try scratch.cache.prepareForWriting()
        let staging = try scratch.cache.makeStagingFolder(inputs.key)
        _ = try ModuleCompiler.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1), output: "\(staging)/artifact.so")
        try scratch.cache.seal(staging: staging, output: "\(staging)/artifact.so", inputs: inputs, module: module, plugin: nil,
                               source: nil, stats: CompileStats(seconds: 0, functions: 2, partitions: 1))
        #expect(try scratch.cache.commit(staging: staging, key: inputs.key))
        #expect(scratch.cache.verify(key: inputs.key).problem == .abiMismatch(recorded: ArtifactABI.version - 1, expected: ArtifactABI.version))
        // It is not what this midimon looks up, and `cache verify` reports it.
        #expect(try scratch.cache.lookup(try scratch.inputs(module)) == nil)
        let report = scratch.cache.verifyAll()
        #expect(report.rejected.map(\.key) == [inputs.key])
    }

    // MARK: - The metadata

    @Test func metadataEditedByHand() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(28)
        let entry = try scratch.compile(module).entry
        let meta = "\(entry.directory)/meta.json"
        let original = try Data(contentsOf: URL(fileURLWithPath: meta))
        func restore() throws {
            if !FileManager.default.fileExists(atPath: entry.directory) {
                try scratch.compile(module)  // quarantined: rebuild
            }
            try original.write(to: URL(fileURLWithPath: meta))
        }

        // A field changed in the text: the checksum no longer matches.
        try edit(meta) { $0 = Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\"plugin\" : \"test\"", with: "\"plugin\" : \"evil\"").utf8) }
        #expect(scratch.cache.verify(key: entry.key).problem == .editedMetadata)

        // A careful edit that recomputes the checksum: the inputs no longer give the key.
        try restore()
        var forged = entry.metadata
        forged.inputs.code.optLevel = 3
        forged.checksum = forged.computedChecksum
        try Data(forged.encoded()).write(to: URL(fileURLWithPath: meta))
        #expect(scratch.cache.verify(key: entry.key).problem == .keyMismatch(recorded: entry.key, computed: forged.inputs.key))

        // An artifact name that leaves the folder.
        try restore()
        forged = entry.metadata
        forged.artifact.file = "../../../../etc/evil.so"
        forged.checksum = forged.computedChecksum
        try Data(forged.encoded()).write(to: URL(fileURLWithPath: meta))
        #expect(scratch.cache.verify(key: entry.key).problem == .badArtifactName("../../../../etc/evil.so"))

        // Not JSON, not the right JSON, no file.
        try restore()
        try Data("{ \"format\": 1, ".utf8).write(to: URL(fileURLWithPath: meta))
        guard case .unparsableMetadata(let reason)? = scratch.cache.verify(key: entry.key).problem else {
            Issue.record("expected unparsable metadata")
            return
        }
        #expect(reason.contains("not valid JSON"))
        try Data("{ \"format\": 1 }".utf8).write(to: URL(fileURLWithPath: meta))
        #expect(scratch.cache.verify(key: entry.key).problem == .unparsableMetadata("no \"key\" field"))
        try Data("{\"format\": 2, \"key\": 1}".utf8).write(to: URL(fileURLWithPath: meta))
        #expect(scratch.cache.verify(key: entry.key).problem.map { if case .unparsableMetadata = $0 { true } else { false } } == true)
        unlink(meta)
        #expect(scratch.cache.verify(key: entry.key).problem == .missingMetadata)

        // Each of these was moved aside by the compile side's lookup and rebuilt.
        let rebuilt = try scratch.compile(module)
        #expect(rebuilt.rejected.first?.problem == .missingMetadata)
        #expect(scratch.cache.verify(key: entry.key).isValid)
        #expect(!isMapped(entry.metadata.artifact.file))
    }

    // MARK: - Links, permissions, foreign files

    @Test func symbolicLinksAreNeverFollowed() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(29)
        let entry = try scratch.compile(module).entry
        // The entry moved outside the cache and linked back in.
        let outside = "\(scratch.folder)/outside-\(entry.key.prefix(8))"
        #expect(rename(entry.directory, outside) == 0)
        #expect(symlink(outside, entry.directory) == 0)
        #expect(scratch.cache.verify(key: entry.key).problem == .symbolicLink(path: entry.directory, target: outside))
        #expect(throws: CacheError.self) { try scratch.cache.loadArtifact(entry.metadata.inputs) }
        #expect(!isMapped(outside))
        // The link was moved aside, not what it points to.
        let quarantined = try #require(scratch.quarantined.first)
        let moved = "\(scratch.cache.quarantinePath)/\(quarantined)"
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: moved)) == outside)
        #expect(FileManager.default.fileExists(atPath: "\(outside)/meta.json"))

        // An artifact file that is a link (to a perfectly valid object elsewhere).
        let again = try scratch.compile(module).entry
        let elsewhere = "\(scratch.folder)/elsewhere.so"
        try FileManager.default.copyItem(atPath: again.artifactPath, toPath: elsewhere)
        unlink(again.artifactPath)
        #expect(symlink(elsewhere, again.artifactPath) == 0)
        #expect(scratch.cache.verify(key: again.key).problem == .symbolicLink(path: again.artifactPath, target: elsewhere))
        #expect(throws: CacheError.self) { try scratch.cache.loadArtifact(again.metadata.inputs) }
        #expect(!isMapped("elsewhere.so"))

        // The entries folder itself replaced by a link: nothing is read through it.
        try scratch.compile(module)
        let entries = scratch.cache.entriesPath
        let movedEntries = "\(scratch.folder)/entries-elsewhere"
        #expect(rename(entries, movedEntries) == 0)
        #expect(symlink(movedEntries, entries) == 0)
        #expect(scratch.cache.verify(key: entry.key).problem == .symbolicLink(path: entries, target: movedEntries))
        #expect(throws: CacheError.self) { try scratch.compile(module) }
    }

    @Test func entriesWritableByOthersAreRefused() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let entry = try scratch.compile(try ScratchCache.module(30)).entry
        #expect(chmod(entry.artifactPath, 0o666) == 0)
        #expect(scratch.cache.verify(key: entry.key).problem == .unsafeOwnership(path: entry.artifactPath, detail: "is writable by group or others (mode 666)"))
        #expect(chmod(entry.artifactPath, 0o644) == 0)
        #expect(chmod(entry.directory, 0o777) == 0)
        #expect(scratch.cache.verify(key: entry.key).problem == .unsafeOwnership(path: entry.directory, detail: "is writable by group or others (mode 777)"))
        #expect(chmod(entry.directory, 0o755) == 0)
        #expect(scratch.cache.verify(key: entry.key).isValid)
    }

    @Test func foreignFilesAreIgnoredAndKept() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(31)
        try scratch.compile(module)
        let root = scratch.cache.root
        let keyLike = String(repeating: "e", count: 64)
        let foreign = ["\(root)/notes.txt", "\(root)/v1/stray", "\(scratch.cache.entriesPath)/README",
                       "\(scratch.cache.entriesPath)/\(keyLike)"]
        for file in foreign { try Data("not midimon's".utf8).write(to: URL(fileURLWithPath: file)) }
        try FileManager.default.createDirectory(atPath: "\(scratch.cache.entriesPath)/some-folder", withIntermediateDirectories: true)

        #expect(try scratch.compile(module).outcome == .hit)
        #expect(scratch.cache.foreignNames() == ["README", "some-folder"])
        let listing = scratch.cache.list()
        #expect(listing.count == 2)
        #expect(listing.contains { $0.key == keyLike && $0.problem == .notADirectory(path: "\(scratch.cache.entriesPath)/\(keyLike)") })
        // verify moves the file squatting on a key aside, and leaves the others.
        let report = scratch.cache.verifyAll()
        #expect(report.valid.count == 1)
        #expect(report.rejected.map(\.key) == [keyLike])
        #expect(report.foreign == ["README", "some-folder"])
        _ = try scratch.cache.clear()
        #expect(scratch.entries.sorted() == ["README", "some-folder"])
        for file in foreign.dropLast() { #expect(FileManager.default.fileExists(atPath: file), "\(file)") }
    }

    // MARK: - The folder

    @Test func missingCacheFolderIsCreatedOnWriteAndReportedOnRead() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let cache = ArtifactCache(path: "\(scratch.folder)/not/yet/there")
        #expect(throws: CacheError.self) { try cache.checkReadable() }
        do {
            try cache.checkReadable()
        } catch {
            #expect(error.kind == .location)
            #expect(error.description == "\(scratch.folder)/not/yet/there: no cache folder here")
        }
        let module = try ScratchCache.module(32)
        #expect(try CachedCompiler.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1), cache: cache).outcome != .hit)
        #expect(try cache.lookup(try scratch.inputs(module)) != nil)
    }

    @Test func cacheFolderThatIsAFile() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.cache.root))
        do {
            try scratch.compile(try ScratchCache.module(33))
            Issue.record("compiled into a file")
        } catch let error as CacheError {
            #expect(error.kind == .location)
            #expect(error.description == "\(scratch.cache.root): exists and is not a folder")
        }
        #expect(throws: CacheError.self) { try scratch.cache.checkReadable() }
    }

    /// A read-only file system (EROFS injected where the cache creates files): a miss is an
    /// error naming the file, a hit still works, and no half-made entry is left.
    @Test func readOnlyCache() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let present = try ScratchCache.module(34)
        try scratch.compile(present)
        scratch.cache.writer.faults.create = EROFS
        let absent = try ScratchCache.module(35)
        do {
            try scratch.compile(absent)
            Issue.record("wrote into a read-only cache")
        } catch let error as CacheError {
            #expect(error.kind == .io)
            #expect(error.message.contains("Read-only file system"), "\(error)")
            #expect(error.path.hasPrefix(scratch.cache.root))
        }
        #expect(scratch.entries.count == 1)
        #expect(scratch.staging.isEmpty)
        #expect(try scratch.compile(present).outcome == .hit)
        _ = try scratch.cache.loadArtifact(try scratch.inputs(present))
        // Folders that cannot be created.
        scratch.cache.writer.faults = FaultInjection(makeDirectory: EACCES)
        #expect(throws: CacheError.self) { try scratch.compile(absent) }
        #expect(try scratch.compile(present).outcome == .hit)
    }

    /// The real thing, where permissions apply (not as root, which ignores them).
    @Test(.enabled(if: geteuid() != 0, "root ignores file permissions; CLITests runs this as nobody"))
    func readOnlyFolderWithoutInjection() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let present = try ScratchCache.module(36)
        try scratch.compile(present)
        for folder in [scratch.cache.root, "\(scratch.cache.root)/v1"] + ["entries", "locks", "staging", "quarantine", "toolchains"].map({ "\(scratch.cache.root)/v1/\($0)" }) {
            chmod(folder, 0o555)
        }
        defer { for folder in ["entries", "locks", "staging", "quarantine", "toolchains"] { chmod("\(scratch.cache.root)/v1/\(folder)", 0o755) } }
        #expect(throws: CacheError.self) { try scratch.compile(try ScratchCache.module(37)) }
        #expect(try scratch.compile(present).outcome == .hit)
    }

    /// A full disk (ENOSPC injected after 100 bytes of a file): the write fails with its
    /// reason, nothing that looks like an entry is left, and the next compile works.
    @Test func fullDisk() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(38)
        scratch.cache.writer.faults.write = (afterBytes: 100, errno: ENOSPC)
        do {
            try scratch.compile(module)
            Issue.record("the write did not fail")
        } catch let error as CacheError {
            #expect(error.kind == .io)
            #expect(error.message == "cannot write: No space left on device", "\(error)")
            #expect(error.path.hasSuffix("/meta.json"))
        }
        #expect(scratch.entries.isEmpty)
        #expect(scratch.staging.isEmpty)
        #expect(try scratch.cache.lookup(try scratch.inputs(module)) == nil)
        scratch.cache.writer.faults = FaultInjection()
        #expect(try scratch.compile(module).outcome != .hit)
    }

    /// A crash between writing and committing leaves a staging folder, which nobody reads.
    @Test func abandonedStagingIsInvisibleAndCollected() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(39)
        let inputs = try scratch.inputs(module)
        try scratch.cache.prepareForWriting()
        let staging = try scratch.cache.makeStagingFolder(inputs.key)
        _ = try ModuleCompiler.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1), output: "\(staging)/artifact.so")
        try scratch.cache.seal(staging: staging, output: "\(staging)/artifact.so", inputs: inputs, module: module, plugin: nil,
                               source: nil, stats: CompileStats(seconds: 1, functions: 2, partitions: 1))
        // ... and the process died here, before the rename.
        #expect(try scratch.cache.lookup(inputs) == nil)
        #expect(try scratch.compile(module).outcome != .hit)
        #expect(scratch.staging.count == 1)
        // gc leaves a recent staging folder (a compile may be running) and removes an old one.
        _ = try scratch.cache.collectGarbage(maxSize: .max)
        #expect(scratch.staging.count == 1)
        var old = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, staging, &old, 0)
        _ = try scratch.cache.collectGarbage(maxSize: .max)
        #expect(scratch.staging.isEmpty)
    }
}
