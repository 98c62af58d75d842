/// One problem in a config file, with the line it is on.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Errors stop the config from loading (and on reload the old one keeps running);
    /// warnings do not.
    public enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    public var severity: Severity
    /// 1-based; nil when the place is unknown.
    public var line: Int?
    /// The key or table it is about, such as `modes[0].mappings[2].trigger.note`.
    public var path: String
    public var message: String

    public init(_ severity: Severity, line: Int?, path: String, message: String) {
        self.severity = severity
        self.line = line
        self.path = path
        self.message = message
    }

    /// `line 12: error: modes[0].mappings[2].trigger.note: 200 is out of range 0–127`.
    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        let subject = path.isEmpty ? "" : "\(path): "
        return "\(place)\(severity.rawValue): \(subject)\(message)"
    }

    /// The form compilers use, `FILE:LINE: error: …`, which editors can jump to.
    public func formatted(file: String) -> String {
        let subject = path.isEmpty ? "" : "\(path): "
        return "\(file):\(line.map { "\($0):" } ?? "") \(severity.rawValue): \(subject)\(message)"
    }
}

/// A config that did not load: every error found (not just the first), with warnings.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ConfigDiagnostic]
    public init(_ diagnostics: [ConfigDiagnostic]) { self.diagnostics = diagnostics }
    public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
