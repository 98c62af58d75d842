import Foundation
import Subprocess
import SystemPackage
import Testing
import WasmTestSupport

/// `midimon compile` through the cache and `midimon cache ...`, as a user runs them: what is
/// printed, exit statuses, and the bad inputs of issue 5 (tampered entries, two processes at
/// once, read-only, missing or foreign-filled cache folders).
struct CacheCommandTests {
    /// A scratch folder with a cache folder in it and a module to compile.
    struct Setup {
        let scratch: Tool.ScratchDirectory
        let cache: String
        let module: String

        init(_ wat: String = Self.wat(1)) async throws {
            scratch = try Tool.ScratchDirectory()
            cache = "\(scratch.path)/cache"
            module = try await RunCommandTests.wasm(wat, in: scratch)
        }

        static func wat(_ value: Int) -> String {
            """
            (module
              (func (export "get") (result i32) (i32.const \(value)))
              (func (export "twice") (param i32) (result i32) (i32.add (local.get 0) (local.get 0))))
            """
        }

        func midimon(_ arguments: String...) async throws -> Tool.Output {
            try await Tool.midimon(arguments)
        }

        var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: "\(cache)/v1/entries")) ?? [] }
        var quarantined: [String] { (try? FileManager.default.contentsOfDirectory(atPath: "\(cache)/v1/quarantine")) ?? [] }
        var staging: [String] { (try? FileManager.default.contentsOfDirectory(atPath: "\(cache)/v1/staging")) ?? [] }
    }

    /// Runs a product with extra environment variables (nil removes one).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String?],
                    workingDirectory: String = Tool.packageRoot) async throws -> Tool.Output {
        var updates: [Environment.Key: String?] = [:]
        for (name, value) in environment { updates[Environment.Key(stringLiteral: name)] = value }
        let result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: Arguments(arguments),
            environment: .inherit.updating(updates), workingDirectory: FilePath(workingDirectory),
            output: .string(limit: 1 << 24), error: .string(limit: 1 << 24))
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
        return Tool.Output(status: status, stdout: result.standardOutput ?? "", stderr: result.standardError ?? "")
    }

    static func flipByte(_ path: String, at offset: Int? = nil) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset ?? bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    // MARK: - compile

    @Test func compileFillsThenHitsTheCache() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        let first = try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "\(first.stderr)")
        let lines = first.stdoutLines
        try #require(lines.count == 2, "\(first.stdout)")
        #expect(try /compiled in \d+\.\d\d s/.wholeMatch(in: lines[0]) != nil, "\(lines[0])")
        let artifact = String(lines[1])
        #expect(artifact.hasPrefix("\(setup.cache)/v1/entries/") && artifact.hasSuffix(".so"))
        #expect(RunCommandTests.isELF(artifact))

        let second = try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module)
        #expect(second.stdout == "cache hit\n\(artifact)\n")
        // -o still writes a copy where asked.
        let copy = "\(setup.scratch.path)/copy.so"
        let third = try await setup.midimon("compile", "--cache-dir", setup.cache, "-o", copy, setup.module)
        #expect(third.stdout == "cache hit\n\(copy)\n")
        #expect(FileManager.default.contentsEqual(atPath: copy, andPath: artifact))
        // Other code options: another entry. --jobs does not change code: the same entry.
        let jobs = try await setup.midimon("compile", "--cache-dir", setup.cache, "--jobs", "1", setup.module)
        #expect(jobs.stdout == "cache hit\n\(artifact)\n")
        let o1 = try await setup.midimon("compile", "--cache-dir", setup.cache, "--opt-level", "1", setup.module)
        #expect(o1.stdoutLines.first?.hasPrefix("compiled in") == true)
        #expect(setup.entries.count == 2)

        let list = try await setup.midimon("cache", "ls", "--cache-dir", setup.cache)
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("cache: \(setup.cache) (from --cache-dir)\n"), "\(list.stdout)")
        #expect(list.stdout.contains("KEY") && list.stdout.contains("PLUGIN") && list.stdout.contains("OPTIONS"))
        #expect(list.stdout.contains("module"))
        #expect(list.stdout.contains("O2 explicit fuel") && list.stdout.contains("O1 explicit fuel"))
        #expect(list.stdout.contains("2 entries"))
        let verify = try await setup.midimon("cache", "verify", "--cache-dir", setup.cache)
        #expect(verify.status == 0)
        #expect(verify.stdoutLines.last == "2 entries: 2 ok, 0 bad")
    }

    @Test func tamperedEntryIsReportedQuarantinedAndRebuilt() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        let first = try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module)
        let artifact = String(first.stdoutLines[1])
        try Self.flipByte(artifact)

        let verify = try await setup.midimon("cache", "verify", "--cache-dir", setup.cache)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("BAD"), "\(verify.stdout)")
        #expect(verify.stdout.contains("\(artifact) has SHA-256"), "\(verify.stdout)")
        #expect(verify.stdout.contains("moved to \(setup.cache)/v1/quarantine/"), "\(verify.stdout)")
        #expect(verify.stdoutLines.last == "1 entry: 0 ok, 1 bad")
        #expect(setup.quarantined.count == 1)
        #expect(setup.entries.isEmpty)

        // compile finds nothing and rebuilds, under a new path.
        let rebuilt = try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module)
        #expect(rebuilt.status == 0)
        #expect(rebuilt.stdoutLines.first?.hasPrefix("compiled in") == true)
        #expect(rebuilt.stdoutLines.last.map(String.init) != artifact)

        // compile itself notices a bad entry, says so and rebuilds it.
        let current = String(rebuilt.stdoutLines[1])
        try Self.flipByte(current, at: 200)
        let again = try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module)
        #expect(again.status == 0)
        #expect(again.stderr.hasPrefix("warning: bad cache entry \(setup.cache)/v1/entries/"), "\(again.stderr)")
        #expect(again.stderr.contains("SHA-256") && again.stderr.contains("; recompiled"), "\(again.stderr)")
        #expect(again.stdoutLines.first?.hasPrefix("compiled in") == true)
        #expect(setup.quarantined.count == 2)
        #expect(try await setup.midimon("cache", "verify", "--cache-dir", setup.cache).status == 0)
    }

    @Test func twoProcessesCompilingTheSameModule() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        // Big enough that the two overlap (about 200 KB of code).
        let module = try scratch.write("big.wasm", SyntheticModule.large(functionCount: 200))
        let cache = "\(scratch.path)/cache"
        let arguments = ["compile", "--cache-dir", cache, "--opt-level", "1", module]
        async let a = Tool.midimon(arguments)
        async let b = Tool.midimon(arguments)
        let results = try await [a, b]
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        // One compiled; the other waited for the key's lock and found its entry.
        let firstLines = results.map { String($0.stdoutLines.first ?? "") }
        #expect(firstLines.filter { $0.hasPrefix("compiled in") }.count == 1, "\(firstLines)")
        #expect(firstLines.filter { $0 == "cache hit" }.count == 1, "\(firstLines)")
        #expect(Set(results.map { $0.stdoutLines.last }).count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(cache)/v1/entries").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(cache)/v1/staging").isEmpty)
        #expect(try await Tool.midimon("cache", "verify", "--cache-dir", cache).status == 0)
    }

    @Test func compileAFolder() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let folder = "\(scratch.path)/plugins"
        for sub in ["a/b", ".hidden"] {
            try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
        }
        let sources = ["\(folder)/a/one": Setup.wat(1), "\(folder)/a/b/two": Setup.wat(2), "\(folder)/.hidden/three": Setup.wat(3)]
        for (path, wat) in sources {
            try wat.write(toFile: "\(path).wat", atomically: true, encoding: .utf8)
            let encoded = try await Tool.run("wat2wasm", ["\(path).wat", "-o", "\(path).wasm"])
            try #require(encoded.status == 0)
        }
        try Data(ValidateCommandTests.invalid).write(to: URL(fileURLWithPath: "\(folder)/bad.wasm"))
        let cache = "\(scratch.path)/cache"

        let result = try await Tool.midimon("compile", "--cache-dir", cache, folder)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"), "no progress bar when not on a terminal")
        let lines = result.stdoutLines.map(String.init)
        #expect(lines.count == 3, "\(result.stdout)")
        for name in ["a/one.wasm", "a/b/two.wasm"] {
            #expect(lines.contains { $0.hasPrefix("\(folder)/\(name): compiled in ") && $0.contains("\(cache)/v1/entries/") }, "\(name): \(lines)")
        }
        #expect(!result.stdout.contains("three"))
        #expect(result.stderr.hasPrefix("\(folder)/bad.wasm: offset 0x18: type mismatch"), "\(result.stderr)")
        #expect(try /3 modules: 2 compiled, 0 cache hits, 1 failed in \d+\.\d\d s/.wholeMatch(in: lines.last ?? "") != nil, "\(lines)")

        try FileManager.default.removeItem(atPath: "\(folder)/bad.wasm")
        let again = try await Tool.midimon("compile", "--cache-dir", cache, "--parallel", "1", folder)
        #expect(again.status == 0)
        #expect(again.stdoutLines.last?.hasPrefix("2 modules: 0 compiled, 2 cache hits, 0 failed") == true, "\(again.stdout)")
        #expect(try await Tool.midimon("compile", "-o", "x.so", folder).status != 0)
    }

    // MARK: - cache gc, clear, ls with foreign files

    @Test func gcAndClear() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        for level in ["0", "1", "2"] {
            #expect(try await setup.midimon("compile", "--cache-dir", setup.cache, "--opt-level", level, setup.module).status == 0)
        }
        // Foreign files are listed and kept.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(setup.cache)/v1/entries/notes.txt"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(setup.cache)/notes.txt"))
        let list = try await setup.midimon("cache", "ls", "--cache-dir", setup.cache)
        #expect(list.stdout.contains("3 entries"))
        #expect(list.stdout.contains("foreign file, ignored: \(setup.cache)/v1/entries/notes.txt"))

        let bad = try await setup.midimon("cache", "gc", "--cache-dir", setup.cache, "--max-size", "lots")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--max-size: 'lots' is not a size"), "\(bad.stderr)")
        let roomy = try await setup.midimon("cache", "gc", "--cache-dir", setup.cache, "--max-size", "1G")
        #expect(roomy.stdout.hasPrefix("removed 0 entries"), "\(roomy.stdout)")
        let gc = try await setup.midimon("cache", "gc", "--cache-dir", setup.cache, "--max-size", "0")
        #expect(gc.status == 0)
        #expect(gc.stdout.hasPrefix("removed 3 entries, freed "), "\(gc.stdout)")
        #expect(setup.entries == ["notes.txt"])

        #expect(try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module).status == 0)
        let clear = try await setup.midimon("cache", "clear", "--cache-dir", setup.cache)
        #expect(clear.stdout.hasPrefix("removed 1 entry, freed "), "\(clear.stdout)")
        #expect(try await setup.midimon("cache", "ls", "--cache-dir", setup.cache).stdout.contains("no entries"))
        #expect(FileManager.default.fileExists(atPath: "\(setup.cache)/notes.txt"))
        #expect(try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module).stdoutLines.first?.hasPrefix("compiled") == true)
    }

    // MARK: - Where the cache is, and bad cache folders

    @Test func locationFromEnvironmentCheckoutAndXDG() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        let midimon = Tool.product("midimon")
        let viaEnvironment = try await Self.run(midimon, ["compile", setup.module], environment: ["MIDIMON_CACHE_DIR": setup.cache])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        #expect(viaEnvironment.stdoutLines.last?.hasPrefix("\(setup.cache)/v1/entries/") == true)
        // --cache-dir wins over the environment.
        let other = "\(setup.scratch.path)/other"
        let explicit = try await Self.run(midimon, ["compile", "--cache-dir", other, setup.module], environment: ["MIDIMON_CACHE_DIR": setup.cache])
        #expect(explicit.stdoutLines.last?.hasPrefix("\(other)/v1/entries/") == true)
        // Inside this checkout: its cache/ folder.
        let inCheckout = try await Self.run(midimon, ["cache", "ls"], environment: ["MIDIMON_CACHE_DIR": nil],
                                            workingDirectory: "\(Tool.packageRoot)/Sources")
        #expect(inCheckout.stdoutLines.first == "cache: \(Tool.packageRoot)/cache (from the midimon checkout)", "\(inCheckout.stdout)")
        // Elsewhere: XDG_CACHE_HOME, then ~/.cache.
        let xdg = try await Self.run(midimon, ["cache", "ls"], environment: ["MIDIMON_CACHE_DIR": nil, "XDG_CACHE_HOME": "\(setup.scratch.path)/xdg"],
                                     workingDirectory: setup.scratch.path)
        #expect(xdg.stdoutLines.first == "cache: \(setup.scratch.path)/xdg/midimon (from XDG_CACHE_HOME)", "\(xdg.stdout)")
        let home = try await Self.run(midimon, ["cache", "ls"], environment: ["MIDIMON_CACHE_DIR": nil, "XDG_CACHE_HOME": nil, "HOME": "/nonexistent-home"],
                                      workingDirectory: setup.scratch.path)
        #expect(home.stdout.hasPrefix("cache: /nonexistent-home/.cache/midimon (from ~/.cache)\nno cache folder yet\n"), "\(home.stdout)")
    }

    @Test func missingAndUnusableCacheFolders() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        // Missing, parents and all: created.
        let nested = "\(setup.scratch.path)/a/b/c"
        let created = try await setup.midimon("compile", "--cache-dir", nested, setup.module)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdoutLines.last?.hasPrefix("\(nested)/v1/entries/") == true)

        // A file where the folder should be: a clear error, exit 1, nothing crashes.
        let file = "\(setup.scratch.path)/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let refused = try await setup.midimon("compile", "--cache-dir", file, setup.module)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderrLines.first == "\(file): exists and is not a folder", "\(refused.stderr)")
        #expect(refused.stderr.contains("choose another with --cache-dir, or use --no-cache"))
        // With -o the object is still produced, without the cache.
        let out = "\(setup.scratch.path)/out.so"
        let fallback = try await setup.midimon("compile", "--cache-dir", file, "-o", out, setup.module)
        #expect(fallback.status == 0, "\(fallback.stderr)")
        #expect(fallback.stderr.hasPrefix("warning: \(file): exists and is not a folder; compiling without the cache"))
        #expect(fallback.stdoutLines.last.map(String.init) == out)
        #expect(RunCommandTests.isELF(out))
        for command in [["cache", "verify"], ["cache", "gc", "--max-size", "0"], ["cache", "clear"]] {
            let result = try await Tool.midimon(command + ["--cache-dir", file])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr == "\(file): is not a folder\n", "\(command): \(result.stderr)")
        }
        // A symbolic link in place of the cache's entries folder.
        try FileManager.default.createDirectory(atPath: "\(setup.scratch.path)/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: "\(nested)/v1/entries")
        try FileManager.default.createSymbolicLink(atPath: "\(nested)/v1/entries", withDestinationPath: "\(setup.scratch.path)/elsewhere")
        let linked = try await setup.midimon("compile", "--cache-dir", nested, setup.module)
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("symbolic link"), "\(linked.stderr)")
    }

    static var canDropPrivileges: Bool {
        geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// A cache the user cannot write (as root, the test runs midimon as `nobody`, since root
    /// ignores permissions): hits work, a miss is an error naming the folder.
    @Test(.enabled(if: canDropPrivileges, "needs setpriv to drop root's privileges"))
    func readOnlyCacheFolder() async throws {
        let setup = try await Setup()
        defer { setup.scratch.remove() }
        let compiled = try await setup.midimon("compile", "--cache-dir", setup.cache, setup.module)
        #expect(compiled.status == 0)
        let other = try await RunCommandTests.wasm(Setup.wat(2), named: "other", in: setup.scratch)
        func unprivileged(_ arguments: [String]) async throws -> Tool.Output {
            if geteuid() == 0 {
                return try await Tool.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Tool.product("midimon")] + arguments,
                                          workingDirectory: setup.scratch.path)
            }
            for folder in ["", "/v1", "/v1/entries", "/v1/locks", "/v1/staging", "/v1/quarantine", "/v1/toolchains"] {
                chmod(setup.cache + folder, 0o555)
            }
            return try await Tool.run(Tool.product("midimon"), arguments, workingDirectory: setup.scratch.path)
        }
        defer { for folder in ["", "/v1", "/v1/entries", "/v1/locks", "/v1/staging", "/v1/quarantine", "/v1/toolchains"] { chmod(setup.cache + folder, 0o755) } }
        let hit = try await unprivileged(["compile", "--cache-dir", setup.cache, setup.module])
        #expect(hit.status == 0, "\(hit.stderr)")
        #expect(hit.stdout == "cache hit\n\(compiled.stdoutLines[1])\n", "\(hit.stdout)")
        let miss = try await unprivileged(["compile", "--cache-dir", setup.cache, other])
        #expect(miss.status == 1)
        #expect(miss.stderrLines.first == "\(setup.cache)/v1/entries: not writable: Permission denied", "\(miss.stderr)")
        #expect(miss.stderr.contains("\(other): not compiled: the cache at \(setup.cache) is unusable"))
        #expect(setup.entries.count == 1)
    }
}
