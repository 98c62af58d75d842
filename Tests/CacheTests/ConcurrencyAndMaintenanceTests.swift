@testable import ArtifactCache
import Compiler
import CompilerCache
import Foundation
import Glibc
import Synchronization
import Testing

/// Two writers of one key, and `gc` / `clear` next to writers. (Two *processes* compiling at
/// once: CLITests.)
struct ConcurrencyTests {
    /// Threads with separate cache objects lock each other out exactly as processes do
    /// (`flock` locks belong to open file descriptions): one compiles, the others wait and hit.
    @Test func concurrentCompilesOfOneModuleMakeOneEntry() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(41)
        let outcomes = Mutex<[Resolution.Outcome]>([])
        let paths = Mutex<Set<String>>([])
        let root = scratch.cache.root
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            let cache = ArtifactCache(path: root)
            do {
                let resolution = try CachedCompiler.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1), cache: cache)
                outcomes.withLock { $0.append(resolution.outcome) }
                paths.withLock { _ = $0.insert(resolution.entry.artifactPath) }
            } catch {
                Issue.record("\(error)")
            }
        }
        let all = outcomes.withLock { $0 }
        #expect(all.count == 3)
        #expect(all.filter { $0 != .hit }.count == 1, "\(all)")
        #expect(paths.withLock { $0.count } == 1)
        #expect(scratch.entries.count == 1)
        #expect(scratch.staging.isEmpty)
    }

    /// Without the lock (another tool, a lock file on a broken file system), the rename of a
    /// complete folder still decides: the second commit finds the entry there and gives way.
    @Test func renameRaceIsHarmless() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(42)
        let inputs = try scratch.inputs(module)
        try scratch.cache.prepareForWriting()
        var stagings: [String] = []
        for _ in 0..<2 {
            let staging = try scratch.cache.makeStagingFolder(inputs.key)
            _ = try ModuleCompiler.compile(module, options: CompileOptions(optimization: .o1, maxPartitions: 1), output: "\(staging)/artifact.so")
            try scratch.cache.seal(staging: staging, output: "\(staging)/artifact.so", inputs: inputs, module: module,
                                   plugin: nil, source: nil, stats: CompileStats(seconds: 1, functions: 2, partitions: 1))
            stagings.append(staging)
        }
        #expect(try scratch.cache.commit(staging: stagings[0], key: inputs.key) == true)
        #expect(try scratch.cache.commit(staging: stagings[1], key: inputs.key) == false)
        #expect(scratch.cache.verify(key: inputs.key).isValid)
        // The loser's folder is the caller's to remove (resolve does).
        #expect(FileManager.default.fileExists(atPath: stagings[1]))
    }
}

struct MaintenanceTests {
    /// Sets an entry's last use.
    func age(_ entry: VerifiedEntry, to seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        utimensat(AT_FDCWD, "\(entry.directory)/last-used", &times, 0)
    }

    @Test func gcRemovesLeastRecentlyUsedFirst() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let entries = try (51...54).map { try scratch.compile(try ScratchCache.module(Int32($0))).entry }
        for (i, entry) in entries.enumerated() { age(entry, to: 1_000_000 + i * 1000) }
        // A bad entry in quarantine goes first of all.
        try edit(entries[3].artifactPath) { $0[64] ^= 1 }
        _ = scratch.cache.verifyAll()
        #expect(scratch.quarantined.count == 1)

        // One byte short of the three left: the oldest goes.
        let limit = scratch.cache.list().map(\.size).reduce(0, +) - 1
        let report = try scratch.cache.collectGarbage(maxSize: limit)
        #expect(scratch.quarantined.isEmpty)
        #expect(report.removedEntries == [entries[0].key])
        #expect(Set(scratch.entries) == Set([entries[1].key, entries[2].key]))
        #expect(report.remainingBytes <= limit)

        // A key being compiled (its lock held) is kept.
        let lock = try KeyLock(path: scratch.cache.lockPath(entries[1].key))
        let busy = try scratch.cache.collectGarbage(maxSize: 0)
        lock.release()
        #expect(busy.busy == [entries[1].key])
        #expect(busy.removedEntries == [entries[2].key])
        #expect(scratch.entries == [entries[1].key])
        #expect(try scratch.cache.collectGarbage(maxSize: 0).removedEntries == [entries[1].key])
    }

    @Test func clearRemovesWhatTheCacheWrote() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let module = try ScratchCache.module(55)
        try scratch.compile(module)
        try scratch.compile(try ScratchCache.module(56))
        let report = try scratch.cache.clear()
        #expect(report.removedEntries.count == 2)
        #expect(report.freedBytes > 0)
        #expect(scratch.entries.isEmpty)
        #expect(scratch.cache.recordedToolchain() == nil)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: "\(scratch.cache.root)/v1/locks")) == [])
        #expect(try scratch.compile(module).outcome != .hit)
    }

    @Test func listingShowsNameOptionsAndDamage() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let named = try scratch.compile(try ScratchCache.module(57, name: "arpeggiator")).entry
        let unnamed = try scratch.compile(try ScratchCache.module(58), options: CompileOptions(optimization: .o0, maxPartitions: 1, fuel: false)).entry
        #expect(named.metadata.plugin == "arpeggiator")
        #expect(unnamed.metadata.plugin == "test")
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: "\(unnamed.directory)/meta.json"))
        let listing = scratch.cache.list()
        #expect(listing.count == 2)
        let good = try #require(listing.first { $0.key == named.key })
        #expect(good.isCurrent)
        #expect(good.metadata.map { "\($0.inputs.code)" } == "O1 explicit fuel")
        #expect(good.size > named.metadata.artifact.size)
        let bad = try #require(listing.first { $0.key == unnamed.key })
        #expect(bad.metadata == nil)
        #expect(bad.problem.map { if case .unparsableMetadata = $0 { true } else { false } } == true)
    }
}
