import ArgumentParser
import Compiler
import CompilerCache
import Foundation

extension BoundsCheckStrategy: ExpressibleByArgument {}

/// Options that change the generated code, shared by `compile` and `run`.
struct CodeOptions: ParsableArguments {
    @Option(name: .long, help: "LLVM optimisation pipeline, 0 to 3.")
    var optLevel: Int = 2

    @Option(name: .long, help: "Compile at most this many partitions in parallel (default: one per core).")
    var jobs: Int?

    @Option(name: .long, help: "Bounds checks: explicit (compare before each access) or guard (guard pages).")
    var bounds: BoundsCheckStrategy = .explicit

    @Flag(name: .long, help: "Compile without fuel counters (no instruction budget).")
    var noFuel = false

    func compileOptions() throws -> CompileOptions {
        guard let level = OptimizationLevel(rawValue: optLevel) else {
            throw ValidationError("--opt-level must be 0, 1, 2 or 3 (got \(optLevel))")
        }
        var options = CompileOptions(optimization: level, bounds: bounds, fuel: !noFuel)
        if let jobs {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            options.maxPartitions = jobs
        }
        return options
    }
}

/// `midimon compile FILE.wasm | DIR`: the module as a native shared object, through the cache.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a WebAssembly module to a native shared object through LLVM, or fetch it from the cache.",
        discussion: """
            Prints `cache hit` or `compiled in N s`, then the path of the shared object: the \
            cache's copy, or OUT with -o OUT (a copy of it). With --no-cache the cache is not \
            used and the object is written to OUT, or beside FILE (.wasm replaced by .so); only \
            its path is printed. Given a folder, compiles every .wasm file found in it and its \
            subfolders (hidden folders and .build* skipped) into the cache, --parallel modules at \
            a time, with a progress bar on a terminal and one line per module otherwise; exit \
            status 1 if any failed. The cache's location and format: cache/README.md.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var code: CodeOptions
    @OptionGroup var cacheDirectory: CacheDirectoryOption

    @Option(name: .shortAndLong, help: "Also write the shared object here (a single FILE only).")
    var output: String?

    @Flag(help: "Do not use the cache: compile and write the shared object to OUT or beside FILE.")
    var noCache = false

    @Option(help: "With a folder: modules compiled at once (default: one per core).")
    var parallel: Int?

    @Flag(help: "Print the LLVM IR instead of compiling (after the pipeline unless --opt-level 0).")
    var emitLLVM = false

    @Argument(help: "A WebAssembly binary module (.wasm), or a folder of them.")
    var file: String

    func run() throws {
        let log = global.bootstrapLogging()
        let options = try code.compileOptions()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue, !emitLLVM {
            guard output == nil else { throw ValidationError("-o applies to a single module, not a folder") }
            guard !noCache else { throw ValidationError("a folder is compiled into the cache; --no-cache applies to a single module") }
            if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
            let compilation = DirectoryCompilation(folder: file, options: options, cache: cacheDirectory.open(),
                                                   workers: parallel ?? DirectoryCompilation.defaultWorkers,
                                                   partitionsPerModule: code.jobs)
            guard try compilation.run() else { throw ExitCode.failure }
            return
        }
        let bytes = try FileInput.bytesOrExit(file)
        do {
            if emitLLVM {
                print(try ModuleCompiler.textualIR(bytes, options: options, optimized: options.optimization != .o0), terminator: "")
                return
            }
            if noCache {
                let destination = output ?? Self.defaultOutput(for: file)
                let report = try ModuleCompiler.compile(bytes, options: options, output: destination)
                log.info("compiled \(file): \(report.functions) functions, \(report.partitions) partitions, \(report.seconds) s")
                print(report.output)
                return
            }
            try compileThroughCache(bytes, options: options)
        } catch let error as WasmError {
            FileInput.printError("\(file): \(error)")
            throw ExitCode.failure
        } catch let error as ExitCode {
            throw error
        } catch {
            FileInput.printError("\(file): \(error)")
            throw ExitCode.failure
        }
    }

    private func compileThroughCache(_ bytes: [UInt8], options: CompileOptions) throws {
        let cache = cacheDirectory.open()
        let resolution: Resolution
        do {
            resolution = try CachedCompiler.compile(bytes, options: options, cache: cache,
                                                    plugin: Self.pluginName(file), source: Self.absolutePath(file))
        } catch let error as CacheError {
            // The cache cannot take the artifact (read-only, full, not a folder). With -o the
            // user still gets the object, compiled without the cache.
            guard let output else {
                FileInput.printError("\(error)")
                FileInput.printError("\(file): not compiled: the cache at \(cache.root) is unusable; choose another with --cache-dir, or use --no-cache (-o FILE)")
                throw ExitCode.failure
            }
            FileInput.printError("warning: \(error); compiling without the cache")
            let report = try ModuleCompiler.compile(bytes, options: options, output: output)
            print("compiled in \(Self.seconds(report.seconds)) (not cached)")
            print(report.output)
            return
        }
        for rejected in resolution.rejected {
            FileInput.printError("warning: bad cache entry \(rejected); recompiled")
        }
        switch resolution.outcome {
        case .hit: print("cache hit")
        case .compiled(let seconds): print("compiled in \(Self.seconds(seconds))")
        }
        if let output {
            try Self.copy(resolution.entry.artifactPath, to: output)
            print(output)
        } else {
            print(resolution.entry.artifactPath)
        }
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    static func defaultOutput(for file: String) -> String {
        (file.hasSuffix(".wasm") ? String(file.dropLast(5)) : file) + ".so"
    }

    /// The file name without `.wasm`: the plugin's name in `cache ls` when its module has none.
    static func pluginName(_ file: String) -> String {
        let name = URL(fileURLWithPath: file).lastPathComponent
        return name.hasSuffix(".wasm") ? String(name.dropLast(5)) : name
    }

    static func absolutePath(_ file: String) -> String {
        URL(fileURLWithPath: file).standardizedFileURL.path
    }

    /// Copies the cached artifact to `destination` through a temporary file beside it, so a
    /// reader of `destination` never sees a partial file.
    static func copy(_ source: String, to destination: String) throws {
        let temporary = "\(destination).\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
        do {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
            try bytes.write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, destination) == 0 else {
                throw FileInput.ReadError(path: destination, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw CopyError(destination: destination, reason: "\(error)")
        }
    }

    struct CopyError: Error, CustomStringConvertible {
        var destination: String
        var reason: String
        var description: String { "cannot write \(destination): \(reason)" }
    }
}
