import Compiler
import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// Issue 4's figures: each C kernel (`benchmarks/kernels/kernels.c`) natively (clang-19 -O2
/// -march=native -ffp-contract=off: midimon compiles for the host CPU too, and WebAssembly has
/// no fused multiply-add, so results stay bit-identical)
/// and under midimon in four configurations (explicit/guard bounds × fuel on/off), one call
/// per repetition from the host, median of the repetitions, side by side in one run.
enum KernelBenchmarks {
    struct Kernel: Sendable {
        var name: String
        var arguments: [Int32]
        /// Calls the native function at `address`.
        var native: @Sendable (UnsafeMutableRawPointer, [Int32]) -> UInt64
    }

    static func i32(_ f: UnsafeMutableRawPointer, _ a: [Int32]) -> UInt64 {
        typealias F = @convention(c) (Int32) -> Int32
        return UInt64(UInt32(bitPattern: unsafeBitCast(f, to: F.self)(a[0])))
    }
    static func i64(_ f: UnsafeMutableRawPointer, _ a: [Int32]) -> UInt64 {
        typealias F = @convention(c) (Int32) -> Int64
        return UInt64(bitPattern: unsafeBitCast(f, to: F.self)(a[0]))
    }
    static func i64x2(_ f: UnsafeMutableRawPointer, _ a: [Int32]) -> UInt64 {
        typealias F = @convention(c) (Int32, Int32) -> Int64
        return UInt64(bitPattern: unsafeBitCast(f, to: F.self)(a[0], a[1]))
    }
    static func i32x2(_ f: UnsafeMutableRawPointer, _ a: [Int32]) -> UInt64 {
        typealias F = @convention(c) (Int32, Int32) -> UInt32
        return UInt64(unsafeBitCast(f, to: F.self)(a[0], a[1]))
    }
    static func f64(_ f: UnsafeMutableRawPointer, _ a: [Int32]) -> UInt64 {
        typealias F = @convention(c) (Int32) -> Double
        return unsafeBitCast(f, to: F.self)(a[0]).bitPattern
    }
    static func f32(_ f: UnsafeMutableRawPointer, _ a: [Int32]) -> UInt64 {
        typealias F = @convention(c) (Int32) -> Float
        return UInt64(unsafeBitCast(f, to: F.self)(a[0]).bitPattern)
    }

    static let kernels: [Kernel] = [
        Kernel(name: "fib", arguments: [27], native: i32),
        Kernel(name: "collatz", arguments: [30000], native: i64),
        Kernel(name: "divmix", arguments: [300000], native: i64),
        Kernel(name: "mandelbrot", arguments: [160], native: i32),
        Kernel(name: "nbody", arguments: [30000], native: f64),
        Kernel(name: "floatmix", arguments: [300000], native: f32),
        Kernel(name: "sort", arguments: [60000, 1], native: i64x2),
        Kernel(name: "sieve", arguments: [1000000], native: i32),
        Kernel(name: "crc32", arguments: [200000, 7], native: i32x2),
        Kernel(name: "matmul", arguments: [64], native: f64),
    ]

    static let configurations: [(String, CompileOptions)] = [
        ("explicit+fuel", CompileOptions(bounds: .explicit, fuel: true)),
        ("explicit", CompileOptions(bounds: .explicit, fuel: false)),
        ("guard+fuel", CompileOptions(bounds: .guardPages, fuel: true)),
        ("guard", CompileOptions(bounds: .guardPages, fuel: false)),
    ]

    static func kernelsDirectory() -> String {
        // #filePath is benchmarks/Sources/midimon-bench/KernelBenchmarks.swift.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/kernels"
    }

    static func spawn(_ arguments: [String]) -> Int32 {
        var pid = pid_t()
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        guard posix_spawnp(&pid, arguments[0], nil, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }

    static func run() {
        let directory = CompilerBenchmarks.scratch()
        let source = kernelsDirectory() + "/kernels.c"
        let wasm = directory + "/kernels.wasm", native = directory + "/native.so"
        guard spawn(["clang-19", "--target=wasm32", "-O2", "-mbulk-memory", "-nostdlib", "-Wl,--no-entry",
                     "-Wl,--export-dynamic", source, "-o", wasm]) == 0,
              spawn(["clang-19", "-O2", "-march=native", "-ffp-contract=off", "-fPIC", "-shared", source, "-o", native, "-lm"]) == 0 else {
            print("kernels: clang-19 failed (run scripts/setup)")
            return
        }
        let handle = dlopen(native, RTLD_NOW)!
        let bytes = readAll(wasm)
        var instances: [(String, Instance)] = []
        for (name, options) in configurations {
            let path = "\(directory)/\(name).so"
            _ = try! ModuleCompiler.compile(bytes, options: options, output: path)
            let store = Store(fuel: .max)
            instances.append((name, try! Instance(try! Artifact(path: path), store: store)))
        }
        Runtime.prepareCurrentThread()
        let values = UnsafeMutablePointer<UInt64>.allocate(capacity: 4)
        let repetitions = 11
        print("kernel        native      " + configurations.map { pad($0.0, 22) }.joined())
        var logRatios = [Double](repeating: 0, count: configurations.count)
        for kernel in kernels {
            let address = dlsym(handle, kernel.name)!
            let expected = kernel.native(address, kernel.arguments)
            var nativeSamples = Samples()
            var samples = configurations.map { _ in Samples() }
            // Interleaved: one native call, then one call per configuration, per repetition,
            // so that noise on the shared machine lands on every column alike.
            for _ in 0..<repetitions {
                nativeSamples.measure { _ = kernel.native(address, kernel.arguments) }
                for (i, (_, instance)) in instances.enumerated() {
                    let function = instance.exportedFunction(named: kernel.name)!
                    samples[i].measure {
                        for (j, a) in kernel.arguments.enumerated() { values[j] = UInt64(UInt32(bitPattern: a)) }
                        precondition(function.invoke(values) == nil, "\(kernel.name) trapped")
                    }
                    let mask: UInt64 = function.type.results[0] == .i32 || function.type.results[0] == .f32 ? 0xFFFF_FFFF : ~0
                    precondition(values[0] & mask == expected & mask, "\(kernel.name): result differs from native")
                }
            }
            var line = pad(kernel.name, 14) + pad(format(nativeSamples.median), 12)
            for (i, s) in samples.enumerated() {
                let ratio = s.median / nativeSamples.median
                logRatios[i] += log(ratio)
                line += pad("\(format(s.median)) \(String(format: "%.2f", ratio))x", 22)
            }
            print(line)
        }
        var line = pad("geomean", 26)
        for r in logRatios { line += pad(String(format: "%.2f", exp(r / Double(kernels.count))) + "x", 22) }
        print(line)
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }

    static func format(_ ns: Double) -> String {
        ns >= 1e6 ? String(format: "%.2f ms", ns / 1e6) : String(format: "%.1f µs", ns / 1e3)
    }

    static func readAll(_ path: String) -> [UInt8] {
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
}
