// swift-tools-version:6.1
//
// midimon: WebAssembly plugins compiled ahead of time through LLVM and run by a
// lean live-performance MIDI daemon. See README.md for the layout and DEVELOPERS.md
// habits (one source of truth per fact, policy out of the translator).
import PackageDescription

let package = Package(
    name: "midimon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "midimon", targets: ["midimon"]),
        .executable(name: "midimond", targets: ["Daemon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Text format only: `.wast` scripts and `.wat` test fixtures become binary here.
        // Nothing in the product's validation or compilation path uses WasmKit.
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
    ],
    targets: [
        // Facts shared by the compiler and the runtime (version, and later the VM-context
        // layout, builtins and trap codes). Depends on nothing.
        .target(name: "PluginABI"),

        // Front end (binary parser, validator) and, later, the LLVM translator.
        .target(
            name: "Compiler",
            dependencies: ["PluginABI"]
        ),

        // What the daemon links: loading and calling compiled plugins. Never LLVM.
        .target(
            name: "Runtime",
            dependencies: ["PluginABI"]
        ),

        // Runs `.wast` spec scripts through the real pipeline; shared by the CLI and tests.
        .target(
            name: "WastRunner",
            dependencies: [
                "Compiler",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),

        .executableTarget(
            name: "midimon",
            dependencies: [
                "Compiler",
                "WastRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // midimond links Runtime only (checked by a test that reads `ldd`).
        .executableTarget(
            name: "Daemon",
            dependencies: [
                "Runtime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(
            name: "CompilerTests",
            dependencies: [
                "Compiler",
                .product(name: "WAT", package: "WasmKit"),
            ]
        ),
        .testTarget(
            name: "SpecTests",
            dependencies: ["WastRunner", "Compiler"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
