import TOMLKit

/// Collects diagnostics while a config is read, placing each on its line.
final class DiagnosticSink {
    let map: SourceMap
    var diagnostics: [ConfigDiagnostic] = []

    init(map: SourceMap) { self.map = map }

    func error(_ path: String, _ message: String) {
        diagnostics.append(ConfigDiagnostic(.error, line: map.line(for: path), path: path, message: message))
    }

    func warning(_ path: String, _ message: String) {
        diagnostics.append(ConfigDiagnostic(.warning, line: map.line(for: path), path: path, message: message))
    }
}

/// One TOML table being read: typed field access that reports wrong types, missing fields
/// and out-of-range values at the field's line, and remembers which keys were read so that
/// unknown ones can be pointed out.
struct TableReader {
    let table: TOMLTable
    let path: String
    let sink: DiagnosticSink

    init(_ table: TOMLTable, path: String, sink: DiagnosticSink) {
        self.table = table
        self.path = path
        self.sink = sink
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { table.contains(key: key) }

    func missing(_ key: String, _ what: String) {
        sink.error(path, "missing required field `\(key)` (\(what))")
    }

    func wrongType(_ key: String, _ expected: String, _ found: TOMLValueConvertible) {
        sink.error(at(key), "`\(key)` must be \(expected), found \(found.type)")
    }

    /// An integer in `range`; nil (with an error) when absent but required, mistyped or out
    /// of range.
    func int(_ key: String, _ range: ClosedRange<Int>, required: Bool = false, what: String = "an integer") -> Int? {
        guard let value = table[key] else {
            if required { missing(key, what) }
            return nil
        }
        guard let int = value.int else {
            wrongType(key, "an integer", value)
            return nil
        }
        guard range.contains(int) else {
            sink.error(at(key), "`\(key)` = \(int) is out of range \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return int
    }

    /// A 7-bit MIDI value.
    func byte(_ key: String, required: Bool = false, what: String = "0–127") -> UInt8? {
        int(key, 0...127, required: required, what: what).map(UInt8.init)
    }

    /// A MIDI channel, 0–15 as MIDIMon numbers them.
    func channel(_ key: String = "channel", required: Bool = false) -> UInt8? {
        int(key, 0...15, required: required, what: "a MIDI channel, 0–15").map(UInt8.init)
    }

    /// Milliseconds, at least 1.
    func millis(_ key: String, required: Bool = false) -> UInt64? {
        int(key, 1...3_600_000, required: required, what: "milliseconds").map(UInt64.init)
    }

    func string(_ key: String, required: Bool = false, what: String = "a string") -> String? {
        guard let value = table[key] else {
            if required { missing(key, what) }
            return nil
        }
        guard let string = value.string else {
            wrongType(key, "a string", value)
            return nil
        }
        return string
    }

    func bool(_ key: String) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.bool else {
            wrongType(key, "true or false", value)
            return nil
        }
        return bool
    }

    func double(_ key: String) -> Double? {
        guard let value = table[key] else { return nil }
        if let double = value.double { return double }
        if let int = value.int { return Double(int) }
        wrongType(key, "a number", value)
        return nil
    }

    /// A string that must be one of `choices`.
    func choice<T>(_ key: String, _ choices: [(String, T)], required: Bool = false) -> T? {
        guard let text = string(key, required: required, what: choices.map(\.0).joined(separator: ", ")) else { return nil }
        if let match = choices.first(where: { $0.0 == text }) { return match.1 }
        sink.error(at(key), "`\(key)` = \"\(text)\" is not one of \(choices.map { "\"\($0.0)\"" }.joined(separator: ", "))")
        return nil
    }

    func subtable(_ key: String, required: Bool = false, what: String = "a table") -> TableReader? {
        guard let value = table[key] else {
            if required { missing(key, what) }
            return nil
        }
        guard let sub = value.table else {
            wrongType(key, "a table", value)
            return nil
        }
        return TableReader(sub, path: at(key), sink: sink)
    }

    /// An array of tables (`[[x]]` or `x = [{…}, {…}]`).
    func tables(_ key: String) -> [TableReader] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else {
            wrongType(key, "an array of tables", value)
            return []
        }
        var out: [TableReader] = []
        for (i, element) in array.enumerated() {
            guard let sub = element.table else {
                sink.error("\(at(key))[\(i)]", "element \(i) of `\(key)` must be a table, found \(element.type)")
                continue
            }
            out.append(TableReader(sub, path: "\(at(key))[\(i)]", sink: sink))
        }
        return out
    }

    /// An array of integers in `range`.
    func ints(_ key: String, _ range: ClosedRange<Int>, required: Bool = false, what: String) -> [Int]? {
        guard let value = table[key] else {
            if required { missing(key, what) }
            return nil
        }
        guard let array = value.array else {
            wrongType(key, "an array of integers", value)
            return nil
        }
        var out: [Int] = []
        for (i, element) in array.enumerated() {
            guard let int = element.int, range.contains(int) else {
                sink.error("\(at(key))[\(i)]", "element \(i) of `\(key)` must be an integer \(range.lowerBound)–\(range.upperBound), found \(element.debugDescription)")
                return nil
            }
            out.append(int)
        }
        return out
    }

    /// Warns about keys this table does not use (a typo would otherwise be silently ignored).
    func warnUnknown(_ known: Set<String>) {
        for key in table.keys.sorted() where !known.contains(key) {
            sink.warning(at(key), "unknown field `\(key)` ignored")
        }
    }

    /// Keys in the order the file writes them (TOMLKit's are sorted).
    var keysInFileOrder: [String] {
        table.keys.sorted { (sink.map.offset(for: at($0)) ?? Int.max, $0) < (sink.map.offset(for: at($1)) ?? Int.max, $1) }
    }
}
