import Compiler
import CompilerCache
import Dispatch
import Foundation
import Synchronization

/// `midimon compile DIR`: every `.wasm` under a folder into the cache, keeping every core busy.
///
/// Modules are compiled `workers` at a time (one per core by default), largest first so that
/// a big module does not start last and leave the other cores idle. Each compile splits into
/// `cores / min(workers, modules)` partitions: with many modules, one partition each (two
/// compiles side by side beat one compile on two threads, measured on 2 cores: see
/// cache/README.md); with a single module, all cores work on it.
struct DirectoryCompilation {
    let folder: String
    let options: CompileOptions
    let cache: ArtifactCache
    let workers: Int
    /// `--jobs`, when given: partitions per compile.
    let partitionsPerModule: Int?

    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
    static var defaultWorkers: Int { max(1, cores) }
    /// Partitions per compile when `workers` compiles run at once.
    static func partitions(workers: Int) -> Int { max(1, cores / max(1, workers)) }

    /// Compiles everything; false when any module failed.
    func run() throws -> Bool {
        let files = Self.modules(in: folder)
        guard !files.isEmpty else {
            print("no .wasm files in \(folder)")
            return true
        }
        let start = ContinuousClock.now
        let sizes = files.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        let order = files.indices.sorted { sizes[$0] > sizes[$1] }
        let progress = Progress(total: files.count, terminal: isatty(STDERR_FILENO) != 0)
        let next = Atomic<Int>(0)
        let outcomes = Mutex<(compiled: Int, hits: Int, failed: Int)>((0, 0, 0))
        var partitioned = options
        partitioned.maxPartitions = partitionsPerModule ?? Self.partitions(workers: min(workers, files.count))
        let settings = partitioned
        DispatchQueue.concurrentPerform(iterations: min(workers, files.count)) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < order.count else { return }
                let file = files[order[index]]
                progress.started(file)
                do {
                    let bytes = try FileInput.bytes(file)
                    let resolution = try CachedCompiler.compile(bytes, options: settings, cache: self.cache,
                                                                plugin: Compile.pluginName(file), source: Compile.absolutePath(file))
                    for rejected in resolution.rejected {
                        progress.error("warning: bad cache entry \(rejected); recompiled")
                    }
                    let what: String
                    switch resolution.outcome {
                    case .hit:
                        what = "cache hit"
                        outcomes.withLock { $0.hits += 1 }
                    case .compiled(let seconds):
                        what = "compiled in \(Compile.seconds(seconds))"
                        outcomes.withLock { $0.compiled += 1 }
                    }
                    progress.finished(file, "\(file): \(what): \(resolution.entry.artifactPath)")
                } catch {
                    outcomes.withLock { $0.failed += 1 }
                    progress.failed(file, "\(file): \(error)")
                }
            }
        }
        progress.done()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let counts = outcomes.withLock { $0 }
        print("\(files.count) module\(files.count == 1 ? "" : "s"): \(counts.compiled) compiled, \(counts.hits) cache hit\(counts.hits == 1 ? "" : "s"), \(counts.failed) failed in \(Compile.seconds(seconds))")
        return counts.failed == 0
    }

    /// Every `.wasm` file under `folder`, sorted; hidden folders and `.build*` are skipped.
    static func modules(in folder: String) -> [String] {
        var result: [String] = []
        func walk(_ directory: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil { walk(path) }
                } else if name.hasSuffix(".wasm") {
                    result.append(path)
                }
            }
        }
        walk(folder)
        return result
    }
}

/// What `compile DIR` shows while it works. On a terminal (stderr is a tty): a bar on
/// stderr, redrawn in place, with result lines printed above it. Otherwise: result lines only.
final class Progress: Sendable {
    let total: Int
    let terminal: Bool
    private let state = Mutex<(done: Int, running: [String])>((0, []))

    init(total: Int, terminal: Bool) {
        self.total = total
        self.terminal = terminal
    }

    func started(_ file: String) {
        state.withLock { state in
            state.running.append(file)
            draw(state)
        }
    }

    func finished(_ file: String, _ line: String) {
        // Unbuffered, so that lines and the bar (on stderr) come out in order.
        complete(file) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }

    func failed(_ file: String, _ line: String) {
        complete(file) { FileInput.printError(line) }
    }

    func error(_ line: String) {
        state.withLock { state in
            clear()
            FileInput.printError(line)
            draw(state)
        }
    }

    func done() {
        state.withLock { _ in clear() }
    }

    private func complete(_ file: String, _ report: () -> Void) {
        state.withLock { state in
            state.done += 1
            if let index = state.running.firstIndex(of: file) { state.running.remove(at: index) }
            clear()
            report()
            draw(state)
        }
    }

    private func clear() {
        guard terminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(_ state: (done: Int, running: [String])) {
        guard terminal else { return }
        let width = 30
        let filled = total == 0 ? width : width * state.done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let names = state.running.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(state.done)/\(total) \(names)".utf8))
    }
}
