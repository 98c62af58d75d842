import Foundation
import TOMLKit

/// A plugin's `plugin.toml`: MIDIMon's format unchanged, plus midimon's `abi` and `sha256`.
///
/// ```toml
/// [plugin]
/// name = "webhook"
/// version = "1.0.0"
/// description = "Posts to a URL"
/// author = "Ada"
/// license = "MIT"
/// type = "wasm"
/// entry_point = "webhook.wasm"      # relative to this file
/// capabilities = ["network"]
/// abi = "json"                      # midimon: "json" (default) or "event"
/// sha256 = "…64 hex digits…"        # midimon: checked before compiling
///
/// [[actions]]
/// name = "post"
/// description = "POST the event"
/// parameters = [{ name = "url", type = "string" }]
/// ```
///
/// Parsing checks every field's presence and type and every capability name; an error names
/// the file, the field and its line (TOMLKit reports lines for syntax errors only, so field
/// lines are found by ``TOMLLines``).
public struct PluginManifest: Sendable, Equatable {
    /// Which calling convention the module follows (docs/plugin-abi.md).
    public enum ABI: String, Sendable, Equatable {
        case json, event
    }

    public struct Action: Sendable, Equatable {
        public var name: String
        public var description: String?
        public var parameters: [Parameter]
    }

    /// A parameter of an action: a bare name (`parameters = ["url"]`) or a table with `name` and
    /// optional `type`, `description`, `required` (MIDIMon's templates write the tables).
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var type: String?
        public var description: String?
        public var required: Bool
    }

    /// An event plugin's `[[parameters]]` entry: its position is the index `midimon.param`
    /// takes; `default` is what the plugin falls back to when the parameter is absent (NaN).
    /// Only `name` is required; `type`, `min`, `max`, `description` are documentation.
    public struct EventParameter: Sendable, Equatable {
        public var name: String
        public var defaultValue: Double?
    }

    /// The manifest file (absolute or as given).
    public var path: String
    public var name: String
    public var version: String
    public var description: String?
    public var author: String?
    public var license: String?
    /// `type`: always "wasm" (MIDIMon also knows native plugins, which midimon does not run).
    public var type: String
    /// `entry_point` as written.
    public var entryPoint: String
    public var capabilities: [Capability]
    public var abi: ABI
    /// Lower-case hex SHA-256 of the module, when the manifest pins one.
    public var sha256: String?
    public var actions: [Action]
    /// `[[parameters]]`, in index order (event ABI).
    public var parameters: [EventParameter] = []
    /// midimon's `environment` in `[plugin]`: names of host environment variables WASI's
    /// `environ_*` may show the plugin; no others are ever visible.
    public var environment: [String] = []
    /// Keys midimon does not know (likely typos), reported rather than refused: MIDIMon's
    /// manifests may carry fields of later versions.
    public var warnings: [String]

    /// The folder holding the manifest.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The module's path: `entry_point` relative to the manifest's folder.
    public var modulePath: String {
        entryPoint.hasPrefix("/") ? entryPoint : "\(directory)/\(entryPoint)"
    }

    /// The signature file beside the module.
    public var signaturePath: String { modulePath + ".sig" }

    /// Reads and parses the manifest at `path`.
    public static func load(path: String) throws(PluginError) -> PluginManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(.manifest, plugin: path, "cannot read the manifest")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PluginError(.manifest, plugin: path, "the manifest is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses manifest text; `path` names it in errors and anchors `entry_point`.
    public static func parse(_ text: String, path: String) throws(PluginError) -> PluginManifest {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PluginError(.manifest, plugin: path, line: error.source.begin.line, "not valid TOML: \(error.description)")
        } catch {
            throw PluginError(.manifest, plugin: path, "not valid TOML: \(error)")
        }
        var reader = ManifestReader(path: path, lines: TOMLLines(text))
        return try reader.read(table)
    }
}

/// Field-by-field reading with errors that name the field and its line.
private struct ManifestReader {
    let path: String
    let lines: TOMLLines
    var warnings: [String] = []

    static let pluginKeys: Set = ["name", "version", "description", "author", "license", "type", "entry_point",
                                  "capabilities", "abi", "sha256", "environment", "homepage", "repository", "keywords", "min_midimon_version"]
    static let actionKeys: Set = ["name", "description", "parameters"]

    func fail(_ section: String, _ key: String, _ message: String, index: Int? = nil) -> PluginError {
        let field = index.map { "\(section)[\($0)].\(key)" } ?? (section.isEmpty ? key : "\(section).\(key)")
        let line = lines.line(of: key, in: section, index: index) ?? lines.line(ofTable: section, index: index)
        return PluginError(.manifest, plugin: path, field: field, line: line, message)
    }

    mutating func read(_ root: TOMLTable) throws(PluginError) -> PluginManifest {
        guard let value = root["plugin"] else {
            throw PluginError(.manifest, plugin: path, field: "plugin", "missing [plugin] table")
        }
        guard let plugin = value.table else {
            throw PluginError(.manifest, plugin: path, field: "plugin", line: lines.line(of: "plugin", in: "", index: nil),
                              "expected a table, found \(value.type)")
        }
        for key in plugin.keys.sorted() where !Self.pluginKeys.contains(key) {
            warnings.append("\(path): plugin.\(key): unknown field, ignored")
        }
        for key in root.keys.sorted() where key != "plugin" && key != "actions" && key != "parameters" {
            warnings.append("\(path): \(key): unknown field, ignored")
        }

        let name = try string(plugin, "plugin", "name", required: true)!
        guard !name.isEmpty, !name.contains("/"), name.allSatisfy({ !$0.isWhitespace && !$0.isNewline }) else {
            throw fail("plugin", "name", "must be a non-empty name without spaces or slashes (got \"\(name)\")")
        }
        let type = try string(plugin, "plugin", "type", required: true)!
        guard type == "wasm" else {
            throw fail("plugin", "type", "must be \"wasm\" (got \"\(type)\"): midimon runs WebAssembly plugins only")
        }
        let entryPoint = try string(plugin, "plugin", "entry_point", required: true)!
        guard !entryPoint.isEmpty else { throw fail("plugin", "entry_point", "must not be empty") }

        var abi = PluginManifest.ABI.json
        if let text = try string(plugin, "plugin", "abi", required: false) {
            guard let parsed = PluginManifest.ABI(rawValue: text) else {
                throw fail("plugin", "abi", "must be \"json\" or \"event\" (got \"\(text)\")")
            }
            abi = parsed
        }
        var sha256: String?
        if let text = try string(plugin, "plugin", "sha256", required: false) {
            let lower = text.lowercased()
            guard lower.count == 64, lower.allSatisfy({ $0.isHexDigit }) else {
                throw fail("plugin", "sha256", "must be 64 hexadecimal digits (got \"\(text)\")")
            }
            sha256 = lower
        }

        return PluginManifest(
            path: path, name: name,
            version: try string(plugin, "plugin", "version", required: true)!,
            description: try string(plugin, "plugin", "description", required: false),
            author: try string(plugin, "plugin", "author", required: false),
            license: try string(plugin, "plugin", "license", required: false),
            type: type, entryPoint: entryPoint,
            capabilities: try capabilities(plugin),
            abi: abi, sha256: sha256,
            actions: try actions(root),
            parameters: try eventParameters(root),
            environment: try environment(plugin),
            warnings: warnings)
    }

    func string(_ table: TOMLTable, _ section: String, _ key: String, required: Bool, index: Int? = nil) throws(PluginError) -> String? {
        guard let value = table[key] else {
            if required { throw missing(section, key, index: index) }
            return nil
        }
        guard let text = value.string else {
            throw fail(section, key, "expected a string, found \(Self.typeName(value))", index: index)
        }
        return text
    }

    func missing(_ section: String, _ key: String, index: Int?) -> PluginError {
        let field = index.map { "\(section)[\($0)].\(key)" } ?? "\(section).\(key)"
        let where_ = index.map { "the \($0 + 1)\(Self.ordinal($0 + 1)) [[\(section)]] table" } ?? "[\(section)]"
        return PluginError(.manifest, plugin: path, field: field, line: lines.line(ofTable: section, index: index),
                           "missing required field `\(key)` in \(where_)")
    }

    func capabilities(_ plugin: TOMLTable) throws(PluginError) -> [Capability] {
        guard let value = plugin["capabilities"] else { return [] }
        guard let array = value.array else {
            throw fail("plugin", "capabilities", "expected a list of capability names, found \(Self.typeName(value))")
        }
        var result: [Capability] = []
        for element in array {
            guard let name = element.string else {
                throw fail("plugin", "capabilities", "expected capability names (strings), found \(Self.typeName(element))")
            }
            guard let capability = Capability(rawValue: name) else {
                throw fail("plugin", "capabilities", "unknown capability \"\(name)\" (known: \(Capability.knownNames))")
            }
            if !result.contains(capability) { result.append(capability) }
        }
        return result
    }

    mutating func actions(_ root: TOMLTable) throws(PluginError) -> [PluginManifest.Action] {
        guard let value = root["actions"] else { return [] }
        guard let array = value.array else {
            throw PluginError(.manifest, plugin: path, field: "actions", line: lines.line(of: "actions", in: "", index: nil),
                              "expected [[actions]] tables, found \(Self.typeName(value))")
        }
        var result: [PluginManifest.Action] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw PluginError(.manifest, plugin: path, field: "actions[\(index)]", line: lines.line(of: "actions", in: "", index: nil),
                                  "expected a table, found \(Self.typeName(element))")
            }
            for key in table.keys.sorted() where !Self.actionKeys.contains(key) {
                warnings.append("\(path): actions[\(index)].\(key): unknown field, ignored")
            }
            let name = try string(table, "actions", "name", required: true, index: index)!
            let description = try string(table, "actions", "description", required: false, index: index)
            result.append(.init(name: name, description: description, parameters: try parameters(table, index)))
        }
        return result
    }

    /// `[[parameters]]`: tables with a string `name` and an optional numeric `default`.
    /// `environment = ["LANG", ...]`: variable names only; a value or `=` would let the manifest
    /// smuggle in text the user never set.
    func environment(_ plugin: TOMLTable) throws(PluginError) -> [String] {
        guard let value = plugin["environment"] else { return [] }
        guard let array = value.array else {
            throw fail("plugin", "environment", "expected a list of environment variable names, found \(Self.typeName(value))")
        }
        var names: [String] = []
        for element in array {
            guard let name = element.string else {
                throw fail("plugin", "environment", "expected variable names (strings), found \(Self.typeName(element))")
            }
            guard !name.isEmpty, !name.contains("="), !name.contains("\0") else {
                throw fail("plugin", "environment", "\"\(name)\" is not an environment variable name")
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    func eventParameters(_ root: TOMLTable) throws(PluginError) -> [PluginManifest.EventParameter] {
        guard let value = root["parameters"] else { return [] }
        guard let array = value.array else {
            throw PluginError(.manifest, plugin: path, field: "parameters", line: lines.line(of: "parameters", in: "", index: nil),
                              "expected [[parameters]] tables, found \(Self.typeName(value))")
        }
        var result: [PluginManifest.EventParameter] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw PluginError(.manifest, plugin: path, field: "parameters[\(index)]", line: lines.line(of: "parameters", in: "", index: nil),
                                  "expected a table, found \(Self.typeName(element))")
            }
            let name = try string(table, "parameters", "name", required: true, index: index)!
            var defaultValue: Double?
            if let value = table["default"] {
                // TOML keeps integers and floats apart; both are numbers here.
                guard let number = value.double ?? value.int.map(Double.init) else {
                    throw fail("parameters", "default", "expected a number, found \(Self.typeName(value))", index: index)
                }
                defaultValue = number
            }
            result.append(.init(name: name, defaultValue: defaultValue))
        }
        return result
    }

    func parameters(_ action: TOMLTable, _ index: Int) throws(PluginError) -> [PluginManifest.Parameter] {
        guard let value = action["parameters"] else { return [] }
        guard let array = value.array else {
            throw fail("actions", "parameters", "expected a list of parameter names or tables, found \(Self.typeName(value))", index: index)
        }
        var result: [PluginManifest.Parameter] = []
        for element in array {
            if let name = element.string {
                result.append(.init(name: name, type: nil, description: nil, required: false))
            } else if let table = element.table {
                guard let name = table["name"]?.string else {
                    throw fail("actions", "parameters", "each parameter table needs a string `name`", index: index)
                }
                result.append(.init(name: name, type: table["type"]?.string, description: table["description"]?.string,
                                    required: table["required"]?.bool ?? false))
            } else {
                throw fail("actions", "parameters", "expected a parameter name or table, found \(Self.typeName(element))", index: index)
            }
        }
        return result
    }

    static func typeName(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        case .table: "a table"
        case .array: "a list"
        default: "a date or time"
        }
    }

    static func ordinal(_ n: Int) -> String {
        if (11...13).contains(n % 100) { return "th" }
        return [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
    }
}
