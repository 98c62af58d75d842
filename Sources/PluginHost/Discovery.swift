import Foundation

/// The plugins found in a plugins folder: each subfolder with a `plugin.toml` (the folder
/// itself too, when it holds one). A broken manifest or a second plugin of the same name is a
/// problem to report, never a reason to stop: the others still load.
public struct Discovery: Sendable {
    /// A manifest that parsed.
    public var plugins: [PluginManifest]
    /// What could not be used, each naming the manifest and what is wrong.
    public var problems: [PluginError]

    /// Scans `directory` one level deep, in name order (so "first wins" is deterministic).
    public static func scan(_ directory: String) -> Discovery {
        var result = Discovery(plugins: [], problems: [])
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return result
        }
        var manifests: [String] = []
        if FileManager.default.fileExists(atPath: "\(directory)/plugin.toml") { manifests.append("\(directory)/plugin.toml") }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for entry in entries where !entry.hasPrefix(".") {
            let path = "\(directory)/\(entry)/plugin.toml"
            if FileManager.default.fileExists(atPath: path) { manifests.append(path) }
        }
        var seen: [String: String] = [:]
        for path in manifests {
            do {
                let manifest = try PluginManifest.load(path: path)
                if let first = seen[manifest.name] {
                    result.problems.append(PluginError(.manifest, plugin: path, field: "plugin.name",
                        "duplicate plugin name \"\(manifest.name)\" (already defined by \(first)); this one is ignored"))
                    continue
                }
                seen[manifest.name] = path
                result.plugins.append(manifest)
            } catch {
                result.problems.append(error)
            }
        }
        return result
    }

    /// The plugin called `name`.
    public func plugin(named name: String) -> PluginManifest? {
        plugins.first { $0.name == name }
    }
}
