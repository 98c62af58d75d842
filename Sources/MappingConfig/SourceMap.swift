/// Where each key and table of a TOML document is, by line: TOMLKit reports lines for syntax
/// errors only, so semantic errors ("note 200 is out of range") find their line here.
///
/// Paths look like `modes[0].mappings[2].trigger.note` and `global_mappings[1].action.actions[0]`:
/// array-of-tables headers (`[[modes.mappings]]`) and arrays of inline tables are indexed as
/// TOML numbers them. The scanner is deliberately small: it understands headers, keys (bare,
/// quoted, dotted), strings, inline tables and arrays across lines, which is all a config
/// needs; a path it cannot place falls back to its nearest placed ancestor.
public struct SourceMap: Sendable {
    private var lines: [String: Int] = [:]
    /// Byte offsets of the same paths, to order keys as written (TOMLKit sorts them).
    private var offsets: [String: Int] = [:]

    /// Scans `text`.
    public init(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        scanner.document(&lines)
        offsets = scanner.offsets
    }

    /// The byte offset where `path` is written, if it is.
    public func offset(for path: String) -> Int? { offsets[path] }

    /// The line (1-based) of `path`, or of its nearest ancestor that has one.
    public func line(for path: String) -> Int? {
        var path = Substring(path)
        while true {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
    }

    private struct Scanner {
        let text: [UInt8]
        var at = 0
        var line = 1
        /// The last index given to each array (of tables or of inline values), by resolved path.
        var arrayIndex: [String: Int] = [:]
        var offsets: [String: Int] = [:]

        init(_ text: [UInt8]) { self.text = text }

        var current: UInt8? { at < text.count ? text[at] : nil }

        mutating func advance() {
            if text[at] == UInt8(ascii: "\n") { line += 1 }
            at += 1
        }

        mutating func skipSpaces() {
            while let c = current, c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") { advance() }
        }

        /// Spaces, newlines and comments (inside arrays and between statements).
        mutating func skipBlank() {
            while let c = current {
                if c == UInt8(ascii: "#") {
                    while let d = current, d != UInt8(ascii: "\n") { _ = d; advance() }
                } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n") {
                    advance()
                } else {
                    return
                }
            }
        }

        mutating func skipLine() {
            while let c = current, c != UInt8(ascii: "\n") { _ = c; advance() }
        }

        static func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

        /// A dotted key: its parts, unquoted.
        mutating func key() -> [String] {
            var parts: [String] = []
            while true {
                skipSpaces()
                guard let c = current else { break }
                var part: [UInt8] = []
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    advance()
                    while let d = current, d != c, d != UInt8(ascii: "\n") {
                        if d == UInt8(ascii: "\\") && c == UInt8(ascii: "\"") { advance() }
                        if let e = current { part.append(e); advance() }
                    }
                    if current == c { advance() }
                } else {
                    while let d = current, isBareKey(d) { part.append(d); advance() }
                }
                parts.append(String(decoding: part, as: UTF8.self))
                skipSpaces()
                if current == UInt8(ascii: ".") { advance() } else { break }
            }
            return parts
        }

        func isBareKey(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }

        /// Resolves a header's parts: each part that names an array of tables gets its
        /// current index.
        func resolve(_ parts: [String]) -> String {
            var path = ""
            for part in parts {
                path = Self.join(path, part)
                if let index = arrayIndex[path] { path += "[\(index)]" }
            }
            return path
        }

        mutating func document(_ lines: inout [String: Int]) {
            var prefix = ""
            while true {
                skipBlank()
                guard let c = current else { return }
                let startLine = line
                if c == UInt8(ascii: "[") {
                    advance()
                    let isArray = current == UInt8(ascii: "[")
                    if isArray { advance() }
                    let parts = key()
                    if isArray {
                        let parent = resolve(Array(parts.dropLast()))
                        let array = Self.join(parent, parts.last ?? "")
                        let index = (arrayIndex[array] ?? -1) + 1
                        arrayIndex[array] = index
                        // A new element starts fresh sub-arrays.
                        for key in arrayIndex.keys where key.hasPrefix(array + "[") { arrayIndex[key] = nil }
                        prefix = array + "[\(index)]"
                    } else {
                        prefix = resolve(parts)
                    }
                    lines[prefix] = lines[prefix] ?? startLine
                    skipLine()
                } else {
                    let keyOffset = at
                    let parts = key()
                    let path = parts.reduce(prefix) { Self.join($0, $1) }
                    lines[path] = startLine
                    offsets[path] = keyOffset
                    skipSpaces()
                    if current == UInt8(ascii: "=") { advance() }
                    skipSpaces()
                    value(path, &lines)
                    skipLine()
                }
            }
        }

        /// Records the places inside one value: inline tables' keys and arrays' elements.
        mutating func value(_ path: String, _ lines: inout [String: Int]) {
            guard let c = current else { return }
            switch c {
            case UInt8(ascii: "{"):
                advance()
                while true {
                    skipBlank()
                    guard let d = current else { return }
                    if d == UInt8(ascii: "}") { advance(); return }
                    if d == UInt8(ascii: ",") { advance(); continue }
                    let startLine = line
                    let keyOffset = at
                    let parts = key()
                    let inner = parts.reduce(path) { Self.join($0, $1) }
                    lines[inner] = startLine
                    offsets[inner] = keyOffset
                    skipSpaces()
                    if current == UInt8(ascii: "=") { advance() } else { return }
                    skipSpaces()
                    value(inner, &lines)
                }
            case UInt8(ascii: "["):
                advance()
                var index = 0
                while true {
                    skipBlank()
                    guard let d = current else { return }
                    if d == UInt8(ascii: "]") { advance(); return }
                    if d == UInt8(ascii: ",") { advance(); continue }
                    let element = path + "[\(index)]"
                    lines[element] = line
                    value(element, &lines)
                    index += 1
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let triple = at + 2 < text.count && text[at + 1] == c && text[at + 2] == c
                if triple {
                    advance(); advance(); advance()
                    while at + 2 < text.count && !(text[at] == c && text[at + 1] == c && text[at + 2] == c) { advance() }
                    for _ in 0..<3 where current != nil { advance() }
                } else {
                    advance()
                    while let d = current, d != c, d != UInt8(ascii: "\n") {
                        if d == UInt8(ascii: "\\") && c == UInt8(ascii: "\"") { advance() }
                        if current != nil { advance() }
                    }
                    if current == c { advance() }
                }
            default:
                // A number, boolean or date: up to a delimiter.
                while let d = current, d != UInt8(ascii: ","), d != UInt8(ascii: "]"), d != UInt8(ascii: "}"),
                      d != UInt8(ascii: "\n"), d != UInt8(ascii: "#") { advance() }
            }
        }
    }
}
