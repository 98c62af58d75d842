import Compiler
import Runtime
import WasmTestSupport
import WAT

#if canImport(Glibc)
import Glibc
#endif

/// Issue 3's figures: compile time of the 2 MB module at O0 and O2 on every core, `dlopen` +
/// instantiate of a small module, and one call of an empty export through the runtime.
enum CompilerBenchmarks {
    static func scratch() -> String {
        var template = Array("/tmp/midimon-bench-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }

    static func compile() {
        let bytes = Bench.compileModule()
        let directory = scratch()
        defer { rmdir(directory) }
        print("compile: module of \(bytes.count) bytes")
        for level in [OptimizationLevel.o0, .o1, .o2, .o3] {
            for threads in [1, ParallelCodegen.defaultThreadCount] where threads == 1 || threads > 1 {
                var samples = Samples()
                var partitions = 0
                let path = "\(directory)/large.so"
                for _ in 0..<(Bench.samples ?? (Bench.quick ? 1 : 3)) {
                    try! samples.measure {
                        partitions = try ModuleCompiler.compile(
                            bytes, options: CompileOptions(optimization: level, maxPartitions: threads), output: path).partitions
                    }
                    unlink(path)
                }
                print(samples.report("compile \(Bench.quick ? "0.2" : "2") MB module \(level), \(threads) thread(s), \(partitions) partition(s)"))
            }
        }
    }

    /// A module with one memory, a table, globals and the exports the call benchmark needs.
    static let small = """
        (module
          (memory (export "memory") 1)
          (table 4 funcref)
          (global $g (mut i32) (i32.const 0))
          (func $empty (export "empty"))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (elem (i32.const 0) $empty)
          (data (i32.const 16) "hello"))
        """

    static func smallArtifact(_ directory: String) -> String {
        let path = "\(directory)/small.so"
        _ = try! ModuleCompiler.compile(try! wat2wasm(small), options: CompileOptions(), output: path)
        return path
    }

    static func load() {
        let directory = scratch()
        let master = smallArtifact(directory)
        defer { unlink(master); rmdir(directory) }
        // dlopen returns the loaded handle for a path it has seen, so each sample loads a
        // fresh copy of the file, as the daemon does for a new plugin.
        let bytes = readFile(master)
        var load = Samples()
        var instantiate = Samples()
        for i in 0..<50 {
            let path = "\(directory)/copy\(i).so"
            writeFile(path, bytes)
            defer { unlink(path) }
            var artifact: Artifact?
            try! load.measure { artifact = try Artifact(path: path) }
            let store = Store()
            try! instantiate.measure { _ = try Instance(artifact!, store: store) }
        }
        print(load.report("dlopen + check of a small module"))
        print(instantiate.report("instantiate a small module"))
    }

    static func call() {
        let directory = scratch()
        let path = smallArtifact(directory)
        defer { unlink(path); rmdir(directory) }
        let artifact = try! Artifact(path: path)
        let instance = try! Instance(artifact, store: Store())
        // The same export in a store without a deadline: the cost of arming the watchdog.
        let unwatched = try! Instance(artifact, store: Store(deadline: nil))
        let empty = instance.exportedFunction(named: "empty")!
        let add = instance.exportedFunction(named: "add")!
        let values = UnsafeMutablePointer<UInt64>.allocate(capacity: 4)
        defer { values.deallocate() }
        Runtime.prepareCurrentThread()
        let iterations = 1_000_000
        for (name, function) in [("\"empty\"", empty), ("\"add\"", add),
                                 ("\"empty\" in a store without a deadline", unwatched.exportedFunction(named: "empty")!)] {
            var samples = Samples()
            for _ in 0..<15 {
                samples.measure {
                    for i in 0..<iterations {
                        values[0] = UInt64(i)
                        values[1] = 1
                        _ = function.invoke(values)
                    }
                }
            }
            samples.nanoseconds = samples.nanoseconds.map { $0 / Double(iterations) }
            print(samples.report("call \(name) through Function.invoke (per call)"))
        }
    }

    private static func readFile(_ path: String) -> [UInt8] {
        let file = fopen(path, "rb")!
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) {
        let file = fopen(path, "wb")!
        _ = fwrite(bytes, 1, bytes.count, file)
        fclose(file)
    }
}
