// swift-tools-version:6.1
//
// midimon: WebAssembly plugins compiled ahead of time through LLVM and run by a
// lean live-performance MIDI daemon. See README.md for the layout and DEVELOPERS.md
// habits (one source of truth per fact, policy out of the translator).
import PackageDescription

// Where clang finds the LLVM-C headers for the CLLVM module, in every target that imports it.
let llvmHeaders: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I/usr/lib/llvm-19/include"])]

let package = Package(
    name: "midimon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "midimon", targets: ["midimon"]),
        .executable(name: "midimond", targets: ["Daemon"]),
        // For the separate benchmarks package (benchmarks/Package.swift), which measures
        // the front end and later the compiler and runtime from outside.
        .library(name: "MidimonCompiler", targets: ["Compiler"]),
        .library(name: "MidimonFrontEnd", targets: ["FrontEnd"]),
        .library(name: "MidimonRuntime", targets: ["Runtime"]),
        .library(name: "MidimonArtifactCache", targets: ["ArtifactCache"]),
        .library(name: "MidimonCompilerCache", targets: ["CompilerCache"]),
        .library(name: "MidimonTestSupport", targets: ["WasmTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Text format only: `.wast` scripts and `.wat` test fixtures become binary here.
        // Nothing in the product's validation or compilation path uses WasmKit.
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
        // Tests run the built `midimon` and `midimond` and tools like wat2wasm and ldd.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        // SHA-256 for the artifact cache's keys and its verification of artifacts before dlopen.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Facts shared by the compiler and the runtime (version, and later the VM-context
        // layout, builtins and trap codes). Depends on nothing.
        .target(name: "PluginABI"),

        // The LLVM 19 C API (Debian's llvm-19-dev). Only Compiler may depend on it.
        .systemLibrary(name: "CLLVM"),

        // The binary format: parser, validator and module model. No LLVM: the runtime reads a
        // compiled artifact's embedded module skeleton with the same parser.
        .target(name: "FrontEnd"),

        // The translator to LLVM IR and the back end (re-exports FrontEnd).
        .target(
            name: "Compiler",
            dependencies: ["FrontEnd", "PluginABI", "CLLVM"],
            swiftSettings: llvmHeaders
        ),

        // The runtime's small C part: the call trampoline (sigsetjmp) that traps return to,
        // the fault handler that turns guard-region faults into traps, thread stack bounds.
        .target(name: "CRuntimeSupport"),

        // What the daemon links: loading and calling compiled plugins. Never LLVM.
        .target(
            name: "Runtime",
            dependencies: ["FrontEnd", "PluginABI", "CRuntimeSupport"]
        ),

        // The on-disk cache of compiled plugins: layout, metadata, keys, verification before
        // dlopen, locking, quarantine, gc. No LLVM: the daemon reads it (cache/README.md).
        .target(
            name: "ArtifactCache",
            dependencies: [
                "PluginABI",
                "Runtime",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Compile on a cache miss: the LLVM toolchain's identity and ModuleCompiler through
        // ArtifactCache. The compile side only (midimon, benchmarks); never the daemon.
        .target(
            name: "CompilerCache",
            dependencies: ["Compiler", "ArtifactCache", "CLLVM"],
            swiftSettings: llvmHeaders
        ),

        // Runs `.wast` spec scripts through the real pipeline; shared by the CLI and tests.
        .target(
            name: "WastRunner",
            dependencies: [
                "Compiler",
                "Runtime",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),

        // Hand-built binary modules for tests and benchmarks: a small encoder that can also
        // write what a text assembler refuses (overlong LEB128s, lying sizes, bad UTF-8), and
        // large synthetic modules. Not linked into midimon or midimond.
        .target(name: "WasmTestSupport"),

        .executableTarget(
            name: "midimon",
            dependencies: [
                "Compiler",
                "Runtime",
                "ArtifactCache",
                "CompilerCache",
                "WastRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // midimond links Runtime and ArtifactCache, never LLVM (checked by a test that reads
        // `ldd`).
        .executableTarget(
            name: "Daemon",
            dependencies: [
                "Runtime",
                "ArtifactCache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(
            name: "FrontEndTests",
            dependencies: [
                "FrontEnd",
                "WasmTestSupport",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        // The translator: golden IR for the places where a regression would be silent.
        .testTarget(
            name: "CompilerTests",
            dependencies: [
                "Compiler",
                .product(name: "WAT", package: "WasmKit"),
            ],
            exclude: ["Golden"]
        ),
        // The LLVM back end alone: hand-built IR through optimize, emit, link and dlopen.
        .testTarget(
            name: "BackendTests",
            dependencies: ["Compiler", "CLLVM"],
            swiftSettings: llvmHeaders
        ),
        .testTarget(
            name: "SpecTests",
            dependencies: ["WastRunner", "Compiler"],
            exclude: ["KnownFailures.txt"]
        ),
        // The runtime against hand-written C artifacts that follow the plugin ABI (the tests
        // compile them with clang-19), so it is tested without the compiler.
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                "Runtime",
                "CRuntimeSupport",
                "FrontEnd",
                "PluginABI",
                .product(name: "WAT", package: "WasmKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The real pipeline: WAT text to binary, ModuleCompiler to a shared object, the
        // Runtime's dlopen, and calls that trap or return exact values.
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Compiler",
                "Runtime",
                "WasmTestSupport",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        // The sandbox: exact fuel (against wasmtime), guard pages, limits and deadlines.
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Compiler",
                "Runtime",
                "PluginABI",
                .product(name: "WAT", package: "WasmKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            exclude: ["wasmtime-fuel.py"]
        ),
        // The artifact cache: keys, layout, verification, quarantine, concurrency, gc, and
        // every kind of bad input (tampered, truncated, replaced, linked, edited, foreign).
        .testTarget(
            name: "CacheTests",
            dependencies: [
                "ArtifactCache",
                "CompilerCache",
                "Compiler",
                "Runtime",
                "PluginABI",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        // Runs the built executables as a user would: exit codes, stderr forms, linkage.
        .testTarget(
            name: "CLITests",
            dependencies: [
                "WasmTestSupport",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
