import Foundation
import TOMLKit

/// The user's grants: which plugins may use which capabilities beyond the low-risk ones a
/// manifest gets on request. A TOML file the user may also edit by hand:
///
/// ```toml
/// # midimon plugin grants: `midimon plugin grant NAME CAP` adds, `revoke` removes.
/// [plugins."file-logger"]
/// capabilities = ["filesystem"]
/// ```
///
/// A missing file grants nothing. Grants are read when a plugin is loaded; a change takes
/// effect at the next load.
public struct Grants: Sendable, Equatable {
    public var path: String
    /// Plugin name → granted capabilities.
    public private(set) var capabilities: [String: Set<Capability>]

    public init(path: String, capabilities: [String: Set<Capability>] = [:]) {
        self.path = path
        self.capabilities = capabilities
    }

    /// Reads the grants file (none yet: no grants).
    public static func load(path: String) throws(PluginError) -> Grants {
        guard FileManager.default.fileExists(atPath: path) else { return Grants(path: path) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PluginError(.io, plugin: path, "cannot read the grants file")
        }
        let lines = TOMLLines(text)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PluginError(.io, plugin: path, line: error.source.begin.line, "not valid TOML: \(error.description)")
        } catch {
            throw PluginError(.io, plugin: path, "not valid TOML: \(error)")
        }
        var result = Grants(path: path)
        guard let plugins = root["plugins"] else { return result }
        guard let table = plugins.table else {
            throw PluginError(.io, plugin: path, field: "plugins", "expected a table of plugins")
        }
        for name in table.keys {
            guard let list = table[name]?.table?["capabilities"]?.array else {
                throw PluginError(.io, plugin: path, field: "plugins.\(name).capabilities",
                                  line: lines.line(ofTable: "plugins.\"\(name)\"", index: nil), "expected a list of capability names")
            }
            var granted = Set<Capability>()
            for element in list {
                guard let text = element.string, let capability = Capability(rawValue: text) else {
                    throw PluginError(.io, plugin: path, field: "plugins.\(name).capabilities",
                                      "unknown capability \(element.debugDescription) (known: \(Capability.knownNames))")
                }
                granted.insert(capability)
            }
            result.capabilities[name] = granted
        }
        return result
    }

    /// What the user granted `plugin` (not counting automatic grants).
    public func granted(to plugin: String) -> Set<Capability> { capabilities[plugin] ?? [] }

    public mutating func grant(_ capability: Capability, to plugin: String) {
        capabilities[plugin, default: []].insert(capability)
    }

    public mutating func revoke(_ capability: Capability, from plugin: String) {
        capabilities[plugin]?.remove(capability)
        if capabilities[plugin]?.isEmpty == true { capabilities[plugin] = nil }
    }

    /// The capabilities `manifest`'s plugin has: those it requests that are low risk or granted.
    /// A grant for a capability the manifest does not request gives nothing: the manifest is
    /// the plugin's declaration of what it may do.
    public func effective(for manifest: PluginManifest) -> Set<Capability> {
        let user = granted(to: manifest.name)
        return Set(manifest.capabilities.filter { $0.isGrantedOnRequest || user.contains($0) })
    }

    /// Requested but not granted: what `plugin info` and the load warning list.
    public func missing(for manifest: PluginManifest) -> [Capability] {
        let have = effective(for: manifest)
        return manifest.capabilities.filter { !have.contains($0) }
    }

    /// The file's text: sorted, so that a grant or revoke changes one line.
    public var text: String {
        var out = "# midimon plugin grants: `midimon plugin grant NAME CAP` adds, `revoke` removes.\n"
        for name in capabilities.keys.sorted() {
            let list = capabilities[name]!.sorted().map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            out += "\n[plugins.\(Self.quoted(name))]\ncapabilities = [\(list)]\n"
        }
        return out
    }

    /// Writes the file (creating its folder), replacing it atomically.
    public func save() throws(PluginError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PluginError(.io, plugin: path, "cannot write the grants file: \(error.localizedDescription)")
        }
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
