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
        // The plugin host, for the benchmarks' `plugins` figures (event and JSON ABI calls).
        .library(name: "MidimonPluginHost", targets: ["PluginHost"]),
        .library(name: "MidimonDaemonCore", targets: ["DaemonCore"]),
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
        // The MIDI engine: the lock-free event rings, mapping configs in TOML (MIDIMon's
        // format), and the daemon's latency histogram.
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // The plugin host's `http_request` (behind the `network` capability), in its own target
        // so that what links PluginHost alone gets no SwiftNIO.
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
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

        // The plugin host: manifests, discovery, capabilities and grants, signatures, the
        // `midimon` host functions and both plugin ABIs over Runtime. No LLVM: the daemon links
        // it; the compile step is injected (ArtifactSource).
        .target(
            name: "PluginHost",
            dependencies: [
                "FrontEnd",
                "Runtime",
                "ArtifactCache",
                "PluginABI",
                "WASIPreview1",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // `http_request` over async-http-client: an HTTPTransport for PluginHost.
        .target(
            name: "PluginHostHTTP",
            dependencies: [
                "PluginHost",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),

        // WASI preview 1 (`wasi_snapshot_preview1`) over Runtime's host functions, behind
        // capabilities: output to sinks, clocks, random, an allow-listed environment, and files
        // confined to preopened directories. No LLVM: the daemon may link it. (Not "WASI":
        // WasmKit, a dependency, already has a target of that name.)
        .target(
            name: "WASIPreview1",
            dependencies: ["Runtime", "FrontEnd", "PluginABI"]
        ),

        .executableTarget(
            name: "midimon",
            dependencies: [
                "Compiler",
                "Runtime",
                "ArtifactCache",
                "CompilerCache",
                "WastRunner",
                "WASIPreview1",
                "PluginHost",
                "PluginHostHTTP",
                "MappingConfig",
                "MappingEngine",
                "DaemonCore",
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
                "DaemonCore",
                "PluginHost",
                "PluginHostHTTP",
                "MIDI",
                "MappingConfig",
                "MappingEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // ALSA's sequencer API (Debian's libasound2-dev) as a system library; only MIDI uses it.
        .systemLibrary(name: "CALSA"),

        // The MIDI message model, the one byte-stream parser, the event ring, and every
        // source and sink (replay, SMF, UDP, UNIX datagram, capture, ALSA). No LLVM, no Runtime.
        .target(
            name: "MIDI",
            dependencies: ["CALSA", .product(name: "Atomics", package: "swift-atomics")]
        ),

        // Mapping configs (MIDIMon's TOML format plus midimon's additions), with line numbers
        // in errors.
        .target(
            name: "MappingConfig",
            dependencies: ["MIDI", .product(name: "TOMLKit", package: "TOMLKit")]
        ),

        // The matching engine: pure, no I/O, time passed in; what the daemon's hot path runs.
        .target(name: "MappingEngine", dependencies: ["MIDI", "MappingConfig"]),

        // midimond's MIDI loop (inputs, engine, outputs, latency) as a library, so that tests
        // drive it without starting a process.
        .target(
            name: "DaemonCore",
            dependencies: [
                "MIDI", "MappingConfig", "MappingEngine", "PluginHost", "PluginABI",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Atomics", package: "swift-atomics"),
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
        // The plugin host: manifests, discovery, grants, signatures, host functions and both
        // ABIs through the real pipeline, and http_request against a loopback server.
        .testTarget(
            name: "PluginHostTests",
            dependencies: [
                "PluginHost",
                "PluginHostHTTP",
                "CompilerCache",
                "Compiler",
                "Runtime",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        // WASI through the real pipeline: WAT and C programs (clang-19 --target=wasm32-wasi,
        // built at test time from Fixtures/) against output, clocks, confinement and errnos.
        .testTarget(
            name: "WASIPreview1Tests",
            dependencies: [
                "WASIPreview1",
                "Compiler",
                "Runtime",
                .product(name: "WAT", package: "WasmKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            exclude: ["Fixtures"]
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
        // Every example plugin with a tests.txt (plugins/README.md, "Test vectors"), built by
        // plugins/build and run through the real pipeline: manifest, loader, compile, dlopen.
        .testTarget(
            name: "ExamplePluginTests",
            dependencies: ["PluginHost", "PluginHostHTTP", "CompilerCache", "Compiler", "Runtime"]
        ),
        // midimond end to end: plugins through both ABIs, faults, reload, the control socket,
        // and a running daemon driven over UDP from this process.
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "DaemonCore", "PluginHost", "CompilerCache", "Compiler", "ArtifactCache", "Runtime",
                "MIDI", "MappingConfig", "MappingEngine",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        // MIDI I/O, mapping configs and the matching engine on simulated time.
        .testTarget(
            name: "MIDITests",
            dependencies: ["MIDI", "MappingConfig", "MappingEngine", "DaemonCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
