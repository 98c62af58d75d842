/// Where MIDI comes from, as written on the command line (`--input SPEC`).
///
/// - `alsa:NAME[@ADDR]`: an ALSA sequencer input port NAME on midimond's client, connected
///   from ADDR when given (`20:0`, or a client name as `aconnect` accepts).
/// - `replay:FILE[:fast]`: a replay text file, in real time or as fast as possible.
/// - `smf:FILE[:fast]`: a Standard MIDI File, likewise.
/// - `udp:HOST:PORT`: datagrams on a UDP port (one raw MIDI message per datagram).
/// - `unix:PATH`: datagrams on a UNIX datagram socket bound at PATH.
public enum InputSpec: Equatable, Sendable, CustomStringConvertible {
    case alsa(port: String, connect: String?)
    case replay(path: String, fast: Bool)
    case smf(path: String, fast: Bool)
    case udp(host: String, port: UInt16)
    case unix(path: String)

    /// Parses a spec; the error says what was expected.
    public init(parsing text: String) throws(SpecError) {
        let (scheme, rest) = try splitScheme(text)
        switch scheme {
        case "alsa":
            let (port, connect) = splitAt(rest, "@")
            guard !port.isEmpty else { throw SpecError(text, "alsa: needs a port name, as in alsa:in or alsa:in@20:0") }
            self = .alsa(port: port, connect: connect)
        case "replay", "smf":
            var path = rest
            var fast = false
            if path.hasSuffix(":fast") {
                path.removeLast(5)
                fast = true
            }
            guard !path.isEmpty else { throw SpecError(text, "\(scheme): needs a file, as in \(scheme):FILE[:fast]") }
            self = scheme == "replay" ? .replay(path: path, fast: fast) : .smf(path: path, fast: fast)
        case "udp":
            let (host, port) = try hostPort(text, rest)
            self = .udp(host: host, port: port)
        case "unix":
            guard !rest.isEmpty else { throw SpecError(text, "unix: needs a socket path") }
            self = .unix(path: rest)
        default:
            throw SpecError(text, "unknown input `\(scheme)`; expected alsa:, replay:, smf:, udp: or unix:")
        }
    }

    /// Whether the input ends by itself (files), so the daemon may exit when it is done.
    public var isFinite: Bool {
        switch self {
        case .replay, .smf: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .alsa(let port, let connect): return "alsa:\(port)" + (connect.map { "@\($0)" } ?? "")
        case .replay(let path, let fast): return "replay:\(path)" + (fast ? ":fast" : "")
        case .smf(let path, let fast): return "smf:\(path)" + (fast ? ":fast" : "")
        case .udp(let host, let port): return "udp:\(host):\(port)"
        case .unix(let path): return "unix:\(path)"
        }
    }
}

/// Where MIDI goes, as written on the command line (`--output [NAME=]SPEC`). NAME is what a
/// mapping's `port` refers to; without it the output is named after its spec's kind.
public struct OutputSpec: Equatable, Sendable, CustomStringConvertible {
    /// The kinds of output.
    public enum Kind: Equatable, Sendable {
        /// `alsa:NAME[@ADDR]`: an output port NAME on midimond's client, connected to ADDR.
        case alsa(port: String, connect: String?)
        /// `udp:HOST:PORT`: each message as one datagram.
        case udp(host: String, port: UInt16)
        /// `unix:PATH`: each message as one datagram to the socket at PATH.
        case unix(path: String)
        /// `capture:FILE`: the replay text format, flushed on exit.
        case capture(path: String)
    }

    /// The name mappings use.
    public var name: String
    /// Where it goes.
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Parses `[NAME=]SPEC`.
    public init(parsing text: String) throws(SpecError) {
        var spec = text
        var name: String?
        if let equals = text.firstIndex(of: "="), let colon = text.firstIndex(of: ":"), equals < colon {
            name = String(text[..<equals])
            spec = String(text[text.index(after: equals)...])
            guard !name!.isEmpty else { throw SpecError(text, "empty output name before `=`") }
        }
        let (scheme, rest) = try splitScheme(spec)
        switch scheme {
        case "alsa":
            let (port, connect) = splitAt(rest, "@")
            guard !port.isEmpty else { throw SpecError(text, "alsa: needs a port name, as in alsa:out or alsa:out@128:0") }
            kind = .alsa(port: port, connect: connect)
        case "udp":
            let (host, port) = try hostPort(text, rest)
            kind = .udp(host: host, port: port)
        case "unix":
            guard !rest.isEmpty else { throw SpecError(text, "unix: needs a socket path") }
            kind = .unix(path: rest)
        case "capture":
            guard !rest.isEmpty else { throw SpecError(text, "capture: needs a file") }
            kind = .capture(path: rest)
        default:
            throw SpecError(text, "unknown output `\(scheme)`; expected alsa:, udp:, unix: or capture:")
        }
        self.name = name ?? scheme
    }

    public var description: String {
        let spec: String
        switch kind {
        case .alsa(let port, let connect): spec = "alsa:\(port)" + (connect.map { "@\($0)" } ?? "")
        case .udp(let host, let port): spec = "udp:\(host):\(port)"
        case .unix(let path): spec = "unix:\(path)"
        case .capture(let path): spec = "capture:\(path)"
        }
        return "\(name)=\(spec)"
    }
}

/// A spec that could not be read.
public struct SpecError: Error, CustomStringConvertible, Equatable {
    public var spec: String
    public var message: String
    public init(_ spec: String, _ message: String) {
        self.spec = spec
        self.message = message
    }
    public var description: String { "`\(spec)`: \(message)" }
}

private func splitScheme(_ text: String) throws(SpecError) -> (String, String) {
    guard let colon = text.firstIndex(of: ":") else {
        throw SpecError(text, "expected KIND:VALUE, as in replay:FILE, udp:127.0.0.1:9000 or capture:FILE")
    }
    return (String(text[..<colon]), String(text[text.index(after: colon)...]))
}

private func splitAt(_ text: String, _ separator: Character) -> (String, String?) {
    guard let at = text.firstIndex(of: separator) else { return (text, nil) }
    return (String(text[..<at]), String(text[text.index(after: at)...]))
}

private func hostPort(_ spec: String, _ rest: String) throws(SpecError) -> (String, UInt16) {
    guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]), port > 0 else {
        throw SpecError(spec, "udp: needs HOST:PORT, as in udp:127.0.0.1:9000")
    }
    let host = String(rest[..<colon])
    return (host.isEmpty ? "127.0.0.1" : host, port)
}
