import Foundation
import Testing

/// midimond's only path to code: the cache. It verifies before dlopen, refuses what it cannot
/// trust or find with the exact command to run, or runs `midimon compile` itself.
struct DaemonCacheTests {
    typealias Setup = CacheCommandTests.Setup

    static func midimond(_ arguments: String...) async throws -> Tool.Output {
        try await Tool.run(Tool.product("midimond"), arguments, workingDirectory: Tool.packageRoot)
    }

    /// The command a refusal tells the user to run, as arguments (scratch paths have no spaces).
    static func suggestedCommand(_ stderr: String) -> [String]? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("to compile it, run: ") }),
              let range = line.range(of: "to compile it, run: ") else { return nil }
        return line[range.upperBound...].split(separator: " ").map(String.init)
    }

    @Test func refusesAMissingPluginWithTheCommandThenLoadsIt() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        // No cache folder at all.
        let missing = try await Self.midimond("--cache-dir", setup.cache, "--load-plugin", setup.module)
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderrLines.first == "midimond: \(setup.module): refused: \(setup.cache): no cache folder here", "\(missing.stderr)")
        #expect(Self.suggestedCommand(missing.stderr) == ["midimon", "compile", "--cache-dir", setup.cache, setup.module])

        // Non-default code options are part of the command.
        let options = try await Self.midimond("--cache-dir", setup.cache, "--opt-level", "1", "--no-fuel", "--load-plugin", setup.module)
        let command = try #require(Self.suggestedCommand(options.stderr))
        #expect(command == ["midimon", "compile", "--cache-dir", setup.cache, "--opt-level", "1", "--no-fuel", setup.module])

        // Running exactly that command makes the entry the daemon looks for.
        let compiled = try await Tool.run(Tool.product("midimon"), Array(command.dropFirst()), workingDirectory: Tool.packageRoot)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let loaded = try await Self.midimond("--cache-dir", setup.cache, "--opt-level", "1", "--no-fuel", "--load-plugin", setup.module)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.hasPrefix("loaded \(setup.module): plugin module, 2 exports (get, twice), cache entry "), "\(loaded.stdout)")
        // Default options: still missing (another key).
        let other = try await Self.midimond("--cache-dir", setup.cache, "--load-plugin", setup.module)
        #expect(other.status == 1)
        #expect(other.stderr.contains("refused: \(setup.cache)/v1/entries/"), "\(other.stderr)")
        #expect(other.stderr.contains(": no cache entry"), "\(other.stderr)")
    }

    @Test func refusesATamperedArtifactAndNeverLoadsIt() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        let compiled = try await Tool.midimon("compile", "--cache-dir", setup.cache, setup.module)
        let artifact = String(compiled.stdoutLines[1])
        try CacheCommandTests.flipByte(artifact)
        let refused = try await Self.midimond("--cache-dir", setup.cache, "--load-plugin", setup.module)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty, "nothing was loaded: \(refused.stdout)")
        let first = String(refused.stderrLines.first ?? "")
        #expect(first.hasPrefix("midimond: \(setup.module): refused: \(setup.cache)/v1/entries/"), "\(first)")
        #expect(first.contains("\(artifact) has SHA-256"), "\(first)")
        #expect(first.contains("moved to \(setup.cache)/v1/quarantine/"), "\(first)")
        #expect(Self.suggestedCommand(refused.stderr) != nil)
        #expect(setup.quarantined.count == 1)

        // Metadata edited by hand: refused too.
        let rebuilt = try await Tool.midimon("compile", "--cache-dir", setup.cache, setup.module)
        let entry = URL(fileURLWithPath: String(rebuilt.stdoutLines[1])).deletingLastPathComponent().path
        let meta = "\(entry)/meta.json"
        let edited = try String(contentsOfFile: meta, encoding: .utf8).replacingOccurrences(of: "\"plugin\" : \"module\"", with: "\"plugin\" : \"other\"")
        try edited.write(toFile: meta, atomically: false, encoding: .utf8)
        let editedRefusal = try await Self.midimond("--cache-dir", setup.cache, "--load-plugin", setup.module)
        #expect(editedRefusal.status == 1)
        #expect(editedRefusal.stderr.contains("meta.json was edited"), "\(editedRefusal.stderr)")
    }

    @Test func compilesAMissingPluginWhenAsked() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        let result = try await Self.midimond("--cache-dir", setup.cache, "--compile-missing", "--load-plugin", setup.module)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("midimond: \(setup.module): not in the cache; running \(Tool.product("midimon")) compile --cache-dir \(setup.cache) \(setup.module)"), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("loaded \(setup.module): plugin module"), "\(result.stdout)")
        // A module midimon cannot compile: refused with midimon's reason.
        let invalid = try setup.scratch.write("invalid.wasm", ValidateCommandTests.invalid)
        let refused = try await Self.midimond("--cache-dir", setup.cache, "--compile-missing", "--load-plugin", invalid)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(invalid): offset 0x18: type mismatch"), "\(refused.stderr)")
        #expect(refused.stderr.contains("midimond: \(invalid): midimon compile failed (exit status 1)"), "\(refused.stderr)")
    }

    /// The benchmark's figure, measured here as a smoke test: ten small plugins loaded, and
    /// the daemon's resident memory printed (no bound asserted: machines differ).
    @Test func tenPluginsAndResidentMemory() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let folder = "\(scratch.path)/plugins"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var files: [String] = []
        for i in 0..<10 {
            files.append(try await RunCommandTests.wasm(Setup.wat(100 + i), named: "plugins/p\(i)", in: scratch))
        }
        let cache = "\(scratch.path)/cache"
        let compiled = try await Tool.midimon("compile", "--cache-dir", cache, folder)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let result = try await Tool.run(Tool.product("midimond"), ["--cache-dir", cache, "--report-memory"] + files.flatMap { ["--load-plugin", $0] })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.filter { $0.hasPrefix("loaded ") }.count == 10)
        #expect(try /resident memory: \d+ KiB \(peak \d+ KiB\) with 10 plugins loaded/.wholeMatch(in: result.stdoutLines.last ?? "") != nil, "\(result.stdout)")
    }

    @Test func noToolchainRecordedMeansNothingToLoad() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        #expect(try await Tool.midimon("compile", "--cache-dir", setup.cache, setup.module).status == 0)
        for record in try FileManager.default.contentsOfDirectory(atPath: "\(setup.cache)/v1/toolchains") {
            try FileManager.default.removeItem(atPath: "\(setup.cache)/v1/toolchains/\(record)")
        }
        let refused = try await Self.midimond("--cache-dir", setup.cache, "--load-plugin", setup.module)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no toolchain recorded for this machine"), "\(refused.stderr)")
        // A hit in midimon records it again.
        #expect(try await Tool.midimon("compile", "--cache-dir", setup.cache, setup.module).stdoutLines.first == "cache hit")
        #expect(try await Self.midimond("--cache-dir", setup.cache, "--load-plugin", setup.module).status == 0)
    }
}
