import Compiler
import Foundation
import PluginHost
import Testing

@Suite struct DiscoveryTests {
    static func manifest(_ name: String) -> String {
        "[plugin]\nname = \"\(name)\"\nversion = \"1.0.0\"\ntype = \"wasm\"\nentry_point = \"plugin.wasm\"\n"
    }

    @Test func duplicatesAndBrokenManifestsAreReportedNotFatal() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.plugin("a-first", manifest: Self.manifest("alpha"))
        try scratch.plugin("b-broken", manifest: Self.manifest("beta").replacingOccurrences(of: "version = \"1.0.0\"", with: "version = 1"))
        try scratch.plugin("c-second", manifest: Self.manifest("alpha"))
        try scratch.plugin("d-gamma", manifest: Self.manifest("gamma"))
        try FileManager.default.createDirectory(atPath: "\(scratch.plugins)/e-empty", withIntermediateDirectories: true)

        let found = Discovery.scan(scratch.plugins)
        #expect(found.plugins.map(\.name) == ["alpha", "gamma"])
        #expect(found.plugins[0].path.hasSuffix("a-first/plugin.toml"))
        #expect(found.problems.count == 2)
        #expect(found.problems[0].plugin.hasSuffix("b-broken/plugin.toml"))
        #expect(found.problems[0].field == "plugin.version")
        #expect(found.problems[0].line == 3)
        #expect(found.problems[1].plugin.hasSuffix("c-second/plugin.toml"))
        #expect(found.problems[1].message.contains("duplicate plugin name \"alpha\""))
    }

    @Test func missingFolderIsEmpty() {
        let found = Discovery.scan("/nonexistent/midimon/plugins")
        #expect(found.plugins.isEmpty && found.problems.isEmpty)
    }

    @Test func pathsFollowOptionThenEnvironmentThenHome() {
        let environment = ["HOME": "/home/u", "MIDIMON_PLUGINS_DIR": "/env/plugins"]
        #expect(HostPaths.resolve(environment: ["HOME": "/home/u"]).pluginsDirectory == "/home/u/.config/midimon/plugins")
        #expect(HostPaths.resolve(environment: ["HOME": "/home/u"]).grantsFile == "/home/u/.config/midimon/grants.toml")
        #expect(HostPaths.resolve(environment: environment).pluginsDirectory == "/env/plugins")
        #expect(HostPaths.resolve(pluginsDirectory: "/opt", environment: environment).pluginsDirectory == "/opt")
        #expect(HostPaths.resolve(environment: ["MIDIMON_GRANTS_FILE": "/g.toml", "HOME": "/h"]).grantsFile == "/g.toml")
    }
}

@Suite struct GrantTests {
    func manifest(_ capabilities: String) throws -> PluginManifest {
        try PluginManifest.parse("[plugin]\nname = \"fs\"\nversion = \"1\"\ntype = \"wasm\"\nentry_point = \"p.wasm\"\ncapabilities = [\(capabilities)]\n",
                                 path: "plugin.toml")
    }

    @Test func lowRiskIsAutomaticOthersNeedAGrant() throws {
        let manifest = try manifest("\"network\", \"filesystem\", \"system-control\"")
        var grants = Grants(path: "/unused")
        #expect(grants.effective(for: manifest) == [.network])
        #expect(grants.missing(for: manifest) == [.filesystem, .systemControl])
        grants.grant(.filesystem, to: "fs")
        grants.grant(.subprocess, to: "fs")  // not requested: gives nothing
        #expect(grants.effective(for: manifest) == [.network, .filesystem])
        #expect(grants.missing(for: manifest) == [.systemControl])
    }

    @Test func grantAndRevokeRoundTripThroughTheFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var grants = try Grants.load(path: scratch.grantsFile)
        #expect(grants.capabilities.isEmpty)
        grants.grant(.filesystem, to: "fs")
        grants.grant(.systemControl, to: "my.plugin")
        try grants.save()
        var loaded = try Grants.load(path: scratch.grantsFile)
        #expect(loaded == grants)
        #expect(loaded.granted(to: "my.plugin") == [.systemControl])
        loaded.revoke(.filesystem, from: "fs")
        try loaded.save()
        let again = try Grants.load(path: scratch.grantsFile)
        #expect(again.granted(to: "fs").isEmpty)
        #expect(again.granted(to: "my.plugin") == [.systemControl])
        #expect(!loaded.text.contains("[plugins.\"fs\"]"))
    }

    @Test func unknownCapabilityInTheGrantsFileIsAnError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data("[plugins.x]\ncapabilities = [\"telepathy\"]\n".utf8).write(to: URL(fileURLWithPath: scratch.grantsFile))
        let error = expectError { () throws(PluginError) in _ = try Grants.load(path: scratch.grantsFile) }
        #expect(error?.field == "plugins.x.capabilities")
        #expect(error?.message.contains("unknown capability") == true)
    }
}

@Suite struct LoadAllTests {
    @Test func oneBadPluginDoesNotStopTheOthers() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.watPlugin("good", wat: jsonPluginWAT())
        try scratch.watPlugin("nojson", wat: jsonPluginWAT(metadata: "nope"))
        try scratch.plugin("broken", manifest: "[plugin]\nname = \"broken\"\n")
        let loader = try PluginHostLoader(paths: HostPaths(pluginsDirectory: scratch.plugins, grantsFile: scratch.grantsFile,
                                                           trustedKeysFile: scratch.trustedKeysFile),
                                          source: TestArtifactSource(cache: scratch.cache))
        let (plugins, problems) = loader.loadAll(Discovery.scan(scratch.plugins))
        #expect(plugins.map(\.name) == ["good"])
        #expect(problems.map(\.plugin).sorted() == ["\(scratch.plugins)/broken/plugin.toml", "nojson"])
        #expect(try plugins[0].execute(PluginRequest(action: "echo")).succeeded)
    }

    @Test func daemonSourceRefusesAMissWithTheCompileCommand() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("uncompiled", wat: jsonPluginWAT())
        let source = CachedArtifactSource(cache: scratch.cache)
        let loader = PluginHostLoader(source: source, grants: Grants(path: scratch.grantsFile), trustedKeys: TrustedKeys(path: scratch.trustedKeysFile))
        let error = expectError { () throws(PluginError) in _ = try loader.load(manifest) }
        #expect(error?.kind == .artifact)
        #expect(error?.message.contains("to compile it, run: midimon compile --cache-dir \(scratch.cache.root)") == true)
        #expect(error?.message.hasSuffix(manifest.modulePath) == true)
        // Compiled by the CLI's way (CompilerCache, default code settings), the daemon's source finds it.
        _ = try TestArtifactSource(cache: scratch.cache, options: CompileOptions(maxPartitions: 1)).artifact(module: Array(FileManager.default.contents(atPath: manifest.modulePath)!), manifest: manifest)
        #expect(try loader.load(manifest).origin.hasPrefix("cache entry "))
    }
}
