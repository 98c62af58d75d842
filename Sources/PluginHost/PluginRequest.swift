/// A JSON-ABI `execute` request (docs/plugin-abi.md), MIDIMon's shape:
///
/// ```json
/// {"action": "NAME", "params": {"key": "value"}, "context": {"velocity": 100, "current_mode": 0, "timestamp": 1234}}
/// ```
///
/// Encoded by hand, in a fixed key order, so the bytes a plugin sees are predictable (and
/// testable) and no Foundation encoder runs per call.
public struct PluginRequest: Sendable, Equatable {
    public var action: String
    /// In the mapping's order.
    public var params: [Param]
    public var velocity: Int?
    public var currentMode: Int?
    /// Milliseconds (MIDIMon's unit).
    public var timestampMilliseconds: Int64

    public struct Param: Sendable, Equatable {
        public var name: String
        public var value: JSONValue

        public init(_ name: String, _ value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    public init(action: String, params: [Param] = [], velocity: Int? = nil, currentMode: Int? = nil, timestampMilliseconds: Int64 = 0) {
        self.action = action
        self.params = params
        self.velocity = velocity
        self.currentMode = currentMode
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// The request's JSON text.
    public var json: String {
        let params = self.params.map { "\(JSONValue.string($0.name).encoded): \($0.value.encoded)" }.joined(separator: ", ")
        let velocity = self.velocity.map(String.init) ?? "null"
        let mode = currentMode.map(String.init) ?? "null"
        return "{\"action\": \(JSONValue.string(action).encoded), \"params\": {\(params)}, \"context\": {\"velocity\": \(velocity), \"current_mode\": \(mode), \"timestamp\": \(timestampMilliseconds)}}"
    }
}

/// A parameter value: what `--param K=V` and a mapping can give.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null

    /// `V` of `--param K=V`: an integer, a number, `true`/`false`/`null`, else a string.
    public static func parse(_ text: String) -> JSONValue {
        if let integer = Int64(text) { return .integer(integer) }
        if let number = Double(text), number.isFinite, text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true { return .number(number) }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: return .string(text)
        }
    }

    public var encoded: String {
        switch self {
        case .integer(let v): return String(v)
        case .number(let v): return v.isFinite ? "\(v)" : "null"
        case .bool(let v): return v ? "true" : "false"
        case .null: return "null"
        case .string(let text):
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
    }
}
