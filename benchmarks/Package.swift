// swift-tools-version:6.1
//
// midimon's benchmark suite: a package of its own so that the main package and CI never
// build it. Run from the repository root:
//
//     swift run -c release --package-path benchmarks midimon-bench frontend
//
// Figures are medians of repeated runs in one process; see README.md.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so the root package is known by whatever
// name the checkout has ("main", "midimon", ...).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "midimon-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
    ],
    targets: [
        // Counts the heap allocations of the daemon's MIDI thread (the `daemon` benchmark).
        .target(name: "CMallocCounter"),
        .executableTarget(
            name: "midimon-bench",
            dependencies: [
                .product(name: "MidimonCompiler", package: root),
                .product(name: "MidimonTestSupport", package: root),
                .product(name: "MidimonRuntime", package: root),
                .product(name: "MidimonArtifactCache", package: root),
                .product(name: "MidimonCompilerCache", package: root),
                // The `plugins` benchmark: calls through both plugin ABIs.
                .product(name: "MidimonPluginHost", package: root),
                // The `daemon` benchmark: a million events through midimond's loop.
                .product(name: "MidimonDaemonCore", package: root),
                "CMallocCounter",
                .product(name: "WAT", package: "WasmKit"),
                // WasmKit's interpreter, a peer in `benchmarks/run` (driver-wasmkit).
                .product(name: "WasmKit", package: "WasmKit"),
            ],
            // Run by the `cache` benchmark with python3 (wasmtime's side of the comparison).
            exclude: ["wasmtime-load.py"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
