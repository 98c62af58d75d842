@testable import ArtifactCache
import Compiler
import CompilerCache
import Foundation
import PluginABI
import Testing

/// The key: every input that changes code changes it, nothing else does.
struct KeyTests {
    static let toolchain = ToolchainIdentity(llvmVersion: "19.1.7", triple: "x86_64-pc-linux-gnu", cpu: "znver3", features: "+avx2,-avx512f")
    static let base = KeyInputs(moduleSHA256: String(repeating: "ab", count: 32), midimonVersion: "0.1.0", abiVersion: 2,
                                toolchain: toolchain, machine: String(repeating: "cd", count: 32), code: .default)

    @Test func everyInputChangesTheKey() {
        let key = Self.base.key
        #expect(key.count == 64 && POSIX.isDigest(key))
        #expect(Self.base.key == key, "the key is a function of its inputs")
        var variants: [String: KeyInputs] = [:]
        func vary(_ name: String, _ change: (inout KeyInputs) -> Void) {
            var inputs = Self.base
            change(&inputs)
            variants[name] = inputs
        }
        vary("module") { $0.moduleSHA256 = String(repeating: "ac", count: 32) }
        vary("midimon") { $0.midimonVersion = "0.1.1" }
        vary("abi") { $0.abiVersion = 3 }
        vary("llvm") { $0.toolchain.llvmVersion = "19.1.8" }
        vary("triple") { $0.toolchain.triple = "aarch64-unknown-linux-gnu" }
        vary("cpu") { $0.toolchain.cpu = "skylake" }
        vary("features") { $0.toolchain.features = "+avx2,+avx512f" }
        vary("machine") { $0.machine = String(repeating: "ce", count: 32) }
        vary("opt") { $0.code.optLevel = 3 }
        vary("bounds") { $0.code.bounds = "guard" }
        vary("fuel") { $0.code.fuel = false }
        let keys = variants.mapValues(\.key)
        for (name, variant) in keys { #expect(variant != key, "changing \(name) must change the key") }
        #expect(Set(keys.values).count == keys.count, "every variant has its own key")
    }

    /// `name=length:value` lines: moving text from one field to the next changes the key.
    @Test func canonicalTextIsUnambiguous() {
        var a = Self.base, b = Self.base
        a.toolchain.cpu = "znver3"
        a.toolchain.features = "x"
        b.toolchain.cpu = "znver3\nfeatures=1:x"
        b.toolchain.features = ""
        #expect(a.key != b.key)
        #expect(Self.base.canonicalText.hasPrefix("format=19:midimon-cache-key-1\nmodule-sha256=64:"))
    }

    /// maxPartitions changes how fast a module compiles, not what it compiles to.
    @Test func partitionsAreNotInTheKey() throws {
        let module = try ScratchCache.module()
        let one = try CachedCompiler.inputs(module, options: CompileOptions(maxPartitions: 1))
        let four = try CachedCompiler.inputs(module, options: CompileOptions(maxPartitions: 4))
        #expect(one.key == four.key)
        let guarded = try CachedCompiler.inputs(module, options: CompileOptions(bounds: .guardPages))
        #expect(guarded.key != one.key)
        #expect(guarded.code.bounds == "guard")
    }

    /// Adding a field to CompileOptions must come with a decision: does it change code (then
    /// it joins CodeSettings and the key) or not (then it joins this list's exceptions).
    @Test func everyCompileOptionIsAccountedFor() {
        let fields = Mirror(reflecting: CompileOptions()).children.compactMap(\.label)
        #expect(fields.sorted() == ["bounds", "fuel", "maxPartitions", "optimization"],
                "CompileOptions changed: add code-changing options to CodeSettings (ArtifactCache/CacheKey.swift) and cache/README.md")
        #expect(CachedCompiler.codeSettings(CompileOptions()) == CodeSettings.default,
                "the daemon's default code settings must be midimon compile's defaults")
        let settings = CachedCompiler.codeSettings(CompileOptions(optimization: .o3, bounds: .guardPages, fuel: false))
        #expect(settings == CodeSettings(optLevel: 3, bounds: "guard", fuel: false))
        #expect(settings.commandLineOptions == ["--opt-level", "3", "--bounds", "guard", "--no-fuel"])
        #expect(CodeSettings.default.commandLineOptions.isEmpty)
    }

    @Test func toolchainComesFromLLVM() throws {
        let toolchain = try CachedCompiler.toolchain()
        #expect(toolchain.llvmVersion.hasPrefix("19."))
        #expect(toolchain.triple.contains("linux"))
        #expect(!toolchain.cpu.isEmpty)
        #expect(toolchain.features.contains("+"))
        let inputs = try CachedCompiler.inputs(try ScratchCache.module(), options: CompileOptions())
        #expect(inputs.midimonVersion == MidimonVersion.string)
        #expect(inputs.abiVersion == ArtifactABI.version)
        #expect(inputs.machine == MachineIdentity.current)
    }

    @Test func machineIdentityIgnoresWhatChangesWhileRunning() {
        let cpuinfo = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 1
            model name\t: AMD EPYC
            microcode\t: 0x1000065
            cpu MHz\t\t: 2445.406
            flags\t\t: fpu sse sse2 avx2

            processor\t: 1
            vendor_id\t: AuthenticAMD
            flags\t\t: fpu sse sse2 avx2 avx512f

            """
        let identity = MachineIdentity.identity(cpuinfo: cpuinfo, architecture: "x86_64")
        #expect(POSIX.isDigest(identity))
        let otherClock = cpuinfo.replacingOccurrences(of: "2445.406", with: "3100.000")
            .replacingOccurrences(of: "0x1000065", with: "0x1000066")
        #expect(MachineIdentity.identity(cpuinfo: otherClock, architecture: "x86_64") == identity)
        // Only the first processor's block counts.
        let otherSecond = cpuinfo.replacingOccurrences(of: "avx2 avx512f", with: "avx2")
        #expect(MachineIdentity.identity(cpuinfo: otherSecond, architecture: "x86_64") == identity)
        let otherFlags = cpuinfo.replacingOccurrences(of: "fpu sse sse2 avx2\n\n", with: "fpu sse sse2\n\n")
        #expect(MachineIdentity.identity(cpuinfo: otherFlags, architecture: "x86_64") != identity)
        #expect(MachineIdentity.identity(cpuinfo: cpuinfo, architecture: "aarch64") != identity)
        #expect(POSIX.isDigest(MachineIdentity.current))
    }

    @Test func metadataChecksumCoversEveryField() {
        let metadata = EntryMetadata(inputs: Self.base, artifactSHA256: String(repeating: "0f", count: 32), artifactNonce: "0123456789abcdef",
                                     artifactSize: 100, moduleSize: 10, plugin: "p", source: "/s.wasm", compileMilliseconds: 5,
                                     functions: 1, partitions: 1, createdAt: 1_700_000_000)
        #expect(metadata.checksum == metadata.computedChecksum)
        #expect(metadata.key == Self.base.key)
        #expect(metadata.artifact.file == String(repeating: "0f", count: 32) + "-0123456789abcdef.so")
        var edits: [EntryMetadata] = []
        for change in [{ (m: inout EntryMetadata) in m.plugin = "q" }, { $0.plugin = nil }, { $0.source = "/t.wasm" },
                       { $0.compileMilliseconds = 6 }, { $0.createdAt += 1 }, { $0.artifact.size = 101 },
                       { $0.inputs.code.optLevel = 3 }, { $0.moduleSize = 11 }] {
            var edited = metadata
            change(&edited)
            edits.append(edited)
        }
        for edited in edits { #expect(edited.computedChecksum != metadata.checksum) }
        // The JSON round-trips to the same checksum.
        guard case .success(let decoded) = EntryMetadata.decode(metadata.encoded()) else {
            Issue.record("meta.json does not decode")
            return
        }
        #expect(decoded == metadata)
        #expect(decoded.computedChecksum == metadata.checksum)
    }
}

/// Where the cache is: --cache-dir, MIDIMON_CACHE_DIR, the checkout, XDG, ~/.cache.
struct LocationTests {
    @Test func precedence() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let outside = scratch.folder
        let environment = ["MIDIMON_CACHE_DIR": "/env/cache", "XDG_CACHE_HOME": "/xdg", "HOME": "/home/me"]
        #expect(CacheLocation.resolve(explicit: "/opt/c", environment: environment, workingDirectory: outside) == CacheLocation(path: "/opt/c", source: .option))
        #expect(CacheLocation.resolve(environment: environment, workingDirectory: outside) == CacheLocation(path: "/env/cache", source: .environment))
        #expect(CacheLocation.resolve(environment: ["MIDIMON_CACHE_DIR": "", "XDG_CACHE_HOME": "/xdg"], workingDirectory: outside).path == "/xdg/midimon")
        // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        #expect(CacheLocation.resolve(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/home/me"], workingDirectory: outside).path == "/home/me/.cache/midimon")
        #expect(CacheLocation.resolve(environment: ["HOME": "/home/me/"], workingDirectory: outside) == CacheLocation(path: "/home/me/.cache/midimon", source: .home))
        #expect(CacheLocation(path: "/a/./b/../c//d", source: .option).path == "/a/c/d")
    }

    @Test func checkoutIsDetectedOnlyWithBothMarks() throws {
        let scratch = try ScratchCache()
        defer { scratch.remove() }
        let root = "\(scratch.folder)/checkout"
        let deep = "\(root)/Sources/midimon/deeper"
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        let manifest = "// swift-tools-version:6.1\nimport PackageDescription\n\nlet package = Package(\n    name: \"midimon\",\n    targets: [])\n"
        try manifest.write(toFile: "\(root)/Package.swift", atomically: true, encoding: .utf8)
        // A manifest alone is not enough.
        #expect(CacheLocation.checkoutRoot(from: deep) == nil)
        try FileManager.default.createDirectory(atPath: "\(root)/cache", withIntermediateDirectories: true)
        try "# cache\n".write(toFile: "\(root)/cache/README.md", atomically: true, encoding: .utf8)
        #expect(CacheLocation.checkoutRoot(from: deep) == root)
        let environment = ["XDG_CACHE_HOME": "/xdg"]
        #expect(CacheLocation.resolve(environment: environment, workingDirectory: deep) == CacheLocation(path: "\(root)/cache", source: .checkout))
        // The environment variable still wins inside a checkout.
        #expect(CacheLocation.resolve(environment: ["MIDIMON_CACHE_DIR": "/e"], workingDirectory: deep).path == "/e")
        // Another package's manifest is not a midimon checkout.
        try manifest.replacingOccurrences(of: "\"midimon\"", with: "\"midimonish\"").write(toFile: "\(root)/Package.swift", atomically: true, encoding: .utf8)
        #expect(CacheLocation.checkoutRoot(from: deep) == nil)
        #expect(CacheLocation.packageName("let package = Package(\n  name:\n  \"midimon\")") == "midimon")
        #expect(CacheLocation.packageName("let x = 1") == nil)
    }

    @Test func thisRepositoryIsACheckout() {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        #expect(CacheLocation.checkoutRoot(from: "\(repository)/Sources/ArtifactCache") == repository)
    }
}
