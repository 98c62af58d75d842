import ArtifactCache
import Compiler
import CompilerCache
import Runtime
import WasmTestSupport
import WAT

#if canImport(Glibc)
import Glibc
#endif

/// Issue 5's figures: from a cache hit to a callable instance (small plugin and the 2 MB
/// module) next to wasmtime's `Module.deserialize_file` + instantiate of the same modules in
/// the same run; the speed-up of a second `midimon compile` over the first; `compile DIR`
/// strategies on two cores; and midimond's resident memory with ten small plugins.
///
/// The CLI figures need release builds of `midimon` and `midimond`: from `$MIDIMON_BIN_DIR`
/// (benchmarks/run builds both beside midimon-bench and sets it), else `.build-cache/release`
/// or `.build/release` beside `benchmarks/`; they are skipped (with a note) when none is found.
enum CacheBenchmarks {
    static let root: String = {
        let file = #filePath
        // .../benchmarks/Sources/midimon-bench/CacheBenchmarks.swift -> the repository.
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }()

    static func run() {
        let small = try! wat2wasm(CompilerBenchmarks.small)
        let large = SyntheticModule.large()
        print("cache: small module \(small.count) bytes, large module \(large.count) bytes; O2, explicit bounds, fuel")
        let directory = CompilerBenchmarks.scratch()
        defer { removeTree(directory) }

        // MIDIMON_CACHE_SECTIONS (comma-separated: load, second, folder, memory) runs a subset:
        // the folder strategies compile the 2 MB module at O2 several times.
        let sections = getenv("MIDIMON_CACHE_SECTIONS").map { String(cString: $0).split(separator: ",").map(String.init) }
        // fflush(nil): figures show as they come when the output is a file.
        func wanted(_ name: String) -> Bool { fflush(nil); return sections?.contains(name) ?? true }
        if wanted("load") { hitToInstance(small: small, large: large, directory: directory) }
        if wanted("second") { secondCompile(small: small, large: large, directory: directory) }
        // The small module only: the 2 MB one's first compile takes about a minute at O2.
        if sections?.contains("second-small") == true { secondCompile(small: small, large: nil, directory: directory) }
        if wanted("folder") { directoryStrategies(small: small, large: large, directory: directory) }
        if wanted("memory") { daemonMemory(directory: directory) }
    }

    // MARK: - Hit to callable instance

    static func hitToInstance(small: [UInt8], large: [UInt8], directory: String) {
        let cache = ArtifactCache(path: "\(directory)/cache-load")
        for (name, module, runs) in [("small", small, 300), ("2 MB", large, 30)] {
            let first = try! CachedCompiler.compile(module, options: CompileOptions(), cache: cache)
            let (imports, export) = importsAndExport(name == "small")
            // The daemon's whole path: hash the module, read the toolchain record, compute the
            // key, read and check meta.json, re-hash the artifact, dlopen and check it,
            // instantiate, look the export up. Each sample unloads the object afterwards, so
            // every sample is a real dlopen.
            var total = Samples(), lookup = Samples(), open = Samples(), instantiate = Samples()
            for _ in 0..<runs {
                var keep: (Artifact, Instance)?
                var inputs: KeyInputs?
                var entry: VerifiedEntry?
                var artifact: Artifact?
                let start = ContinuousClock.now
                lookup.measure {
                    inputs = cache.recordedInputs(module: module, code: .default)
                    entry = try! cache.lookup(inputs!)!
                }
                open.measure { artifact = try! cache.load(entry!) }
                instantiate.measure {
                    let store = Store()
                    let instance = try! Instance(artifact!, store: store, imports: imports(store))
                    _ = instance.exportedFunction(named: export)!
                    keep = (artifact!, instance)
                }
                total.nanoseconds.append(nanoseconds(since: start))
                cache.touch(entry!)
                keep = nil
                artifact = nil
                _ = keep
            }
            print(total.report("cache hit to callable instance, \(name) module (artifact \(first.entry.metadata.artifact.size / 1024) KiB)"))
            print("  " + lookup.report("lookup: module hash, toolchain record, meta.json, artifact SHA-256"))
            print("  " + open.report("dlopen + descriptor and skeleton checks"))
            print("  " + instantiate.report("instantiate + export lookup"))
            let wasm = "\(directory)/\(name == "small" ? "small" : "large").wasm"
            writeFile(wasm, module)
            if let median = wasmtime(wasm, runs: runs, export: export) {
                print("  wasmtime \(median.version) Module.deserialize_file + Instance + export, same module: median \(format(median.nanoseconds)) (\(runs) runs)")
            }
        }
        _ = try? cache.clear()
    }

    /// Host definitions for the large module (`env.log`, `env.heap_base`) and the export to
    /// look up.
    static func importsAndExport(_ small: Bool) -> ((Store) -> Imports, String) {
        if small { return ({ _ in Imports() }, "empty") }
        let log = HostFunction(type: FunctionType(parameters: [.i32], results: [])) { _, _ in nil }
        return ({ store in
            var imports = Imports()
            imports.define(module: "env", name: "log", log)
            imports.define(module: "env", name: "heap_base", .global(Global(store: store, value: .i32(1024), isMutable: false)!))
            return imports
        }, "f0")
    }

    /// Median nanoseconds of wasmtime's deserialize + instantiate, from the Python script
    /// beside this file (timed inside Python, so interpreter start-up is not counted).
    static func wasmtime(_ wasm: String, runs: Int, export: String) -> (nanoseconds: Double, version: String)? {
        let script = "\(root)/benchmarks/Sources/midimon-bench/wasmtime-load.py"
        let result = runProcess(["/usr/bin/env", "python3", script, wasm, "\(runs)", export])
        guard result.status == 0 else {
            print("  wasmtime: skipped (\(result.output.split(separator: "\n").last ?? "python3 failed"))")
            return nil
        }
        var median: Double?
        var version = "?"
        for line in result.output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "median_ns", fields.count == 2 { median = Double(fields[1]) }
            if fields.first == "version", fields.count == 2 { version = String(fields[1]) }
        }
        return median.map { ($0, version) }
    }

    // MARK: - Second compile

    static func secondCompile(small: [UInt8], large: [UInt8]?, directory: String) {
        let modules = [("small", small, 7)] + (large.map { [("2 MB", $0, 2)] } ?? [])
        // In process: CachedCompiler, a fresh cache per first compile.
        for (name, module, runs) in modules {
            var first = Samples(), second = Samples()
            for run in 0..<runs {
                let cache = ArtifactCache(path: "\(directory)/cache-compile-\(run)")
                first.measure { _ = try! CachedCompiler.compile(module, options: CompileOptions(), cache: cache) }
                second.measure { _ = try! CachedCompiler.compile(module, options: CompileOptions(), cache: cache) }
                _ = try? cache.clear()
            }
            print(first.report("CachedCompiler.compile, \(name) module, miss"))
            print(second.report("CachedCompiler.compile, \(name) module, hit"))
            // On its own line: in JSON mode a report ends with its figure's JSON line.
            print("CachedCompiler.compile, \(name) module: a hit is \(String(format: "%.0f", first.median / second.median))x faster than a miss")
        }
        // The command line, as a user sees it (process start-up included).
        guard let midimon = binary("midimon") else {
            print("midimon compile (CLI): skipped, no release build of midimon (swift build -c release --product midimon)")
            return
        }
        for (name, module, runs) in modules {
            let wasm = "\(directory)/cli-\(name == "small" ? "small" : "large").wasm"
            writeFile(wasm, module)
            var first = Samples(), second = Samples()
            for run in 0..<runs {
                let cache = "\(directory)/cache-cli-\(run)"
                first.measure { check(runProcess([midimon, "compile", "--cache-dir", cache, wasm]), expect: "compiled in") }
                second.measure { check(runProcess([midimon, "compile", "--cache-dir", cache, wasm]), expect: "cache hit") }
                removeTree(cache)
            }
            print(first.report("midimon compile (CLI), \(name) module, first"))
            print(second.report("midimon compile (CLI), \(name) module, second"))
            print("midimon compile (CLI), \(name) module: the second is \(String(format: "%.0f", first.median / second.median))x faster than the first")
        }
    }

    // MARK: - compile DIR on two cores

    static func directoryStrategies(small: [UInt8], large: [UInt8], directory: String) {
        guard let midimon = binary("midimon") else { return }
        let smallFolder = "\(directory)/folder-small"
        let largeFolder = "\(directory)/folder-large"
        mkdir(smallFolder, 0o755)
        mkdir(largeFolder, 0o755)
        for i in 0..<16 { writeFile("\(smallFolder)/p\(i).wasm", try! wat2wasm(smallPlugin(i))) }
        writeFile("\(largeFolder)/large.wasm", large)
        let strategies: [(String, [String])] = [
            ("2 at a time, 1 partition each", ["--parallel", "2", "--jobs", "1"]),
            ("1 at a time, 2 partitions", ["--parallel", "1", "--jobs", "2"]),
            ("2 at a time, 2 partitions each", ["--parallel", "2", "--jobs", "2"]),
            ("default", []),
        ]
        for (folder, label, runs) in [(smallFolder, "16 small modules", 3), (largeFolder, "the 2 MB module", 1)] {
            for (name, options) in strategies {
                var samples = Samples()
                for run in 0..<runs {
                    let cache = "\(directory)/cache-dir-\(run)"
                    samples.measure { check(runProcess([midimon, "compile", "--cache-dir", cache] + options + [folder]), expect: "0 failed") }
                    removeTree(cache)
                }
                print(samples.report("midimon compile DIR, \(label), \(name)"))
            }
        }
    }

    static func smallPlugin(_ i: Int) -> String {
        """
        (module
          (memory (export "memory") 1)
          (global $level (mut i32) (i32.const \(i)))
          (func (export "set") (param i32) (global.set $level (local.get 0)))
          (func (export "on_event") (param i32 i32 i32) (result i32)
            (i32.add (i32.mul (local.get 1) (global.get $level)) (i32.const \(i))))
          (data (i32.const 16) "plugin \(i)"))
        """
    }

    // MARK: - midimond's resident memory

    static func daemonMemory(directory: String) {
        guard let midimond = binary("midimond") else {
            print("midimond resident memory: skipped, no release build of midimond")
            return
        }
        let cache = ArtifactCache(path: "\(directory)/cache-daemon")
        var files: [String] = []
        for i in 0..<10 {
            let module = try! wat2wasm(smallPlugin(100 + i))
            _ = try! CachedCompiler.compile(module, options: CompileOptions(), cache: cache)
            files.append("\(directory)/daemon-p\(i).wasm")
            writeFile(files[i], module)
        }
        let baseline = runProcess([midimond, "--cache-dir", cache.root, "--report-memory"])
        let loaded = runProcess([midimond, "--cache-dir", cache.root, "--report-memory"] + files.flatMap { ["--load-plugin", $0] })
        print("midimond (release), no plugin: \(baseline.output.split(separator: "\n").last ?? "?")")
        print("midimond (release), ten small plugins: \(loaded.output.split(separator: "\n").last ?? "?")")
        _ = try? cache.clear()
    }

    // MARK: - Helpers

    static func binary(_ name: String) -> String? {
        var candidates: [String] = []
        if let bin = getenv("MIDIMON_BIN_DIR") { candidates.append("\(String(cString: bin))/\(name)") }
        candidates += ["\(root)/.build-cache/release/\(name)", "\(root)/.build/release/\(name)"]
        return candidates.first { access($0, X_OK) == 0 }
    }

    static func check(_ result: (status: Int32, output: String), expect: String) {
        guard result.status == 0, result.output.contains(expect) else {
            print("unexpected output (status \(result.status)):\n\(result.output)")
            exit(1)
        }
    }

    /// Runs a program with posix_spawn (stdout and stderr to a file) and waits for it.
    static func runProcess(_ arguments: [String]) -> (status: Int32, output: String) {
        let outputFile = "/tmp/midimon-bench-\(getpid())-\(UInt32.random(in: 0 ... .max)).out"
        defer { unlink(outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return (127, "cannot run \(arguments[0])") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let file = fopen(outputFile, "rb")
        var bytes: [UInt8] = []
        if let file {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&chunk, 1, chunk.count, file)
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            fclose(file)
        }
        let signal = status & 0x7f
        return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, String(decoding: bytes, as: UTF8.self))
    }

    static func nanoseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    }

    static func format(_ ns: Double) -> String {
        ns >= 1e6 ? String(format: "%.2f ms", ns / 1e6) : String(format: "%.1f µs", ns / 1e3)
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) {
        let file = fopen(path, "wb")!
        _ = fwrite(bytes, 1, bytes.count, file)
        fclose(file)
    }

    static func removeTree(_ path: String) {
        _ = runProcess(["/bin/rm", "-rf", path])
    }
}
