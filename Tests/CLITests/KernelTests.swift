import Foundation
import Testing

/// The C kernels of `benchmarks/kernels`, compiled to wasm32 by clang and run by `midimon run`,
/// print exactly what the same C compiled natively prints (`driver.c`): integer, floating-point
/// and memory-heavy code through the whole pipeline, checked against a reference that is not
/// midimon.
struct KernelTests {
    /// A kernel and its arguments, as `driver` and `--invoke` take them.
    struct Kernel: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var optLevel: Int? = nil

        var testDescription: String {
            ([name] + arguments).joined(separator: " ") + (optLevel.map { " at --opt-level \($0)" } ?? "")
        }
    }

    static let kernels: [Kernel] = [
        Kernel(name: "fib", arguments: ["25"]),
        Kernel(name: "collatz", arguments: ["1000"]),
        Kernel(name: "divmix", arguments: ["5000"]),
        Kernel(name: "mandelbrot", arguments: ["64"]),
        Kernel(name: "nbody", arguments: ["1000"]),
        Kernel(name: "floatmix", arguments: ["1000"]),
        Kernel(name: "sort", arguments: ["10000", "3"]),
        Kernel(name: "sieve", arguments: ["100000"]),
        Kernel(name: "crc32", arguments: ["1000", "7"]),
        Kernel(name: "matmul", arguments: ["40"]),
        // Unoptimised code takes other paths through the translator's output.
        Kernel(name: "nbody", arguments: ["1000"], optLevel: 0),
        Kernel(name: "sort", arguments: ["10000", "3"], optLevel: 0),
        Kernel(name: "divmix", arguments: ["5000"], optLevel: 0),
        Kernel(name: "crc32", arguments: ["1000", "7"], optLevel: 1),
    ]

    /// `kernels.wasm` and the native `driver`, built by clang-19 into `scratch`.
    static func build(in scratch: Tool.ScratchDirectory) async throws -> (wasm: String, driver: String) {
        let sources = "\(Tool.packageRoot)/benchmarks/kernels"
        let wasm = "\(scratch.path)/kernels.wasm", driver = "\(scratch.path)/driver"
        let wasmBuild = try await Tool.run("clang-19", [
            "--target=wasm32", "-O2", "-mbulk-memory", "-nostdlib", "-Wl,--no-entry", "-Wl,--export-dynamic",
            "\(sources)/kernels.c", "-o", wasm,
        ])
        try #require(wasmBuild.status == 0, "clang-19 --target=wasm32: \(wasmBuild.stderr)")
        let nativeBuild = try await Tool.run("clang-19", ["-O2", "\(sources)/kernels.c", "\(sources)/driver.c", "-lm", "-o", driver])
        try #require(nativeBuild.status == 0, "clang-19: \(nativeBuild.stderr)")
        return (wasm, driver)
    }

    @Test(arguments: kernels)
    func midimonPrintsWhatNativeCodePrints(_ kernel: Kernel) async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let (wasm, driver) = try await Self.build(in: scratch)
        let native = try await Tool.run(driver, [kernel.name] + kernel.arguments)
        try #require(native.status == 0, "driver: \(native.stderr)")
        try #require(native.stdoutLines.count == 1, "driver printed \(native.stdout)")

        let options = kernel.optLevel.map { ["--opt-level", String($0)] } ?? []
        let result = try await Tool.midimon(["run"] + options + [wasm, "--invoke", kernel.name] + kernel.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == native.stdout)
    }

    /// A float result that is a whole power of ten: `floatmix` clamps at 1e6 after about
    /// 1,200 steps, and both print C's shortest `%g` form, `1e+06`.
    @Test func wholeNumberFloatResultsPrintTheSame() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let (wasm, driver) = try await Self.build(in: scratch)
        let native = try await Tool.run(driver, ["floatmix", "2000"])
        let result = try await Tool.midimon("run", wasm, "--invoke", "floatmix", "2000")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == native.stdout)
        #expect(result.stdout == "1e+06\n")
    }
}
