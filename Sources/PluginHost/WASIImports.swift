import Foundation
import Runtime
import WASIPreview1

/// `wasi_snapshot_preview1` for plugins (WASIPreview1), behind the capabilities:
///
/// - standard output and error go into the plugin's log (info and warning), a line per write;
/// - the filesystem exists only when `filesystem` is granted: then the plugin's own `data/`
///   folder (created beside its manifest) is preopened as `/data`, and WASIPreview1 confines
///   every path to it (no `..`, no symlink escapes); without the grant, file calls fail with
///   `ENOTCAPABLE` and the refusal is logged;
/// - only the host environment variables the manifest's `environment` names; `argv` is the plugin's name; clocks and random as the system's.
///
/// One WASIContext per instance: the host functions it defines keep it alive.
public struct WASIImportProvider: ImportProvider {
    /// The guest path of the plugin's data folder.
    public static let dataGuestPath = "/data"

    public init() {}

    public var modules: [String] { ["wasi_snapshot_preview1"] }

    /// The plugin's data folder: `<plugin folder>/data`.
    public static func dataDirectory(for plugin: PluginContext) -> String { "\(plugin.directory)/data" }

    public func define(into imports: inout Imports, for plugin: PluginContext) throws(PluginError) {
        let filesystem = plugin.capabilities.contains(.filesystem)
        var preopens: [WASIPreopen] = []
        if filesystem {
            let data = Self.dataDirectory(for: plugin)
            do {
                try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            } catch {
                throw PluginError(.io, plugin: plugin.name, field: "filesystem", "cannot create the data folder \(data): \(error.localizedDescription)")
            }
            preopens.append(WASIPreopen(hostPath: data, guestPath: Self.dataGuestPath))
        }
        let log = plugin.log
        let name = plugin.name
        let configuration = WASIConfiguration(
            arguments: [name], environment: plugin.environment, preopens: preopens, filesystemAllowed: filesystem,
            output: { stream, bytes in
                // One write, one line: the trailing newline is the log's.
                guard let base = bytes.baseAddress else { return }
                var count = bytes.count
                if count > 0 && bytes[count - 1] == UInt8(ascii: "\n") { count -= 1 }
                log.append(level: stream == .stderr ? .warning : .info, bytes: base, count: count)
            },
            denied: { message in log.append(.error, "\(message) (plugin \(name); `midimon plugin grant \(name) filesystem` grants it)") })
        do {
            try WASIContext(configuration).define(into: &imports)
        } catch {
            throw PluginError(.io, plugin: plugin.name, field: "filesystem", "\(error)")
        }
    }
}
