/// Finds the line of a key in TOML text, for error messages: TOMLKit reports a line for a
/// syntax error but not for the values it parsed. A line scan is enough for manifests and
/// grants files (one key per line, tables by `[name]` and `[[name]]` headers); when it cannot
/// tell (a key inside an inline table, a dotted key) it answers nil and the error has no line.
struct TOMLLines {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line where `key = ` is written in table `section` ("" for the top level;
    /// `index` picks the n-th `[[section]]`).
    func line(of key: String, in section: String, index: Int?) -> Int? {
        var current = ""
        var arrayIndex = -1
        for (number, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                current = Self.header(line.dropFirst(2))
                if current == section { arrayIndex += 1 }
                continue
            }
            if line.hasPrefix("[") {
                current = Self.header(line.dropFirst())
                continue
            }
            guard current == section, index == nil || index == arrayIndex else { continue }
            let name = line.prefix { $0 != "=" && $0 != " " && $0 != "\t" }
            let unquoted = name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 ? name.dropFirst().dropLast() : name
            if unquoted == key, line.dropFirst(name.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") {
                return number + 1
            }
        }
        return nil
    }

    /// The 1-based line of the header `[section]` (or the `index`-th `[[section]]`).
    func line(ofTable section: String, index: Int?) -> Int? {
        var arrayIndex = -1
        for (number, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                guard Self.header(line.dropFirst(2)) == section else { continue }
                arrayIndex += 1
                if index == nil || index == arrayIndex { return number + 1 }
            } else if line.hasPrefix("["), index == nil, Self.header(line.dropFirst()) == section {
                return number + 1
            }
        }
        return nil
    }

    /// `plugin` from `plugin]  # comment` or `actions]]`.
    private static func header(_ rest: Substring) -> String {
        String(rest.prefix { $0 != "]" }).trimmingSpaces
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return String(s)
    }
}
