import Foundation

/// A JSON value compared structurally (`field` expectations, params), decoded with
/// JSONDecoder so that `true` and `1` stay different.
indirect enum JSON: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    static func parse(_ text: String) -> JSON? {
        try? JSONDecoder().decode(JSON.self, from: Data(text.utf8))
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : "\(n)"
        case .string(let s): JSONText.quote(s)
        case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): "{" + o.keys.sorted().map { "\(JSONText.quote($0)): \(o[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

enum JSONText {
    /// A JSON string literal at the start of `text` (after spaces): its value and the rest.
    static func leadingString(_ text: String) -> (value: String, rest: String)? {
        let chars = Array(text.drop { $0 == " " })
        guard chars.first == "\"" else { return nil }
        var i = 1
        while i < chars.count, chars[i] != "\"" { i += chars[i] == "\\" ? 2 : 1 }
        guard i < chars.count, case .string(let value)? = JSON.parse(String(chars[...i])) else { return nil }
        return (value, String(chars[(i + 1)...]).trimmingCharacters(in: .whitespaces))
    }

    static func quote(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
