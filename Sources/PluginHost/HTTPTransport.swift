/// What `midimon.http_request` needs from an HTTP client: one blocking request with a
/// timeout. PluginHost defines it and PluginHostHTTP implements it over async-http-client,
/// so a host that links PluginHost alone (a daemon without networking) carries no SwiftNIO;
/// without a transport, `http_request` returns ``HostImport/HTTPStatus/unavailable``.
///
/// Called on the thread running the plugin (a JSON-ABI action, never the event path), which
/// waits; the client does its I/O on its own threads.
public protocol HTTPTransport: Sendable {
    func perform(_ request: HTTPRequest) -> Result<HTTPResponse, HTTPFailure>
}

public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    /// In order; a name may repeat.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var timeout: Duration

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.url == b.url && a.body == b.body && a.timeout == b.timeout
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

public struct HTTPFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case timedOut
        case failed
        case badRequest
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// The HTTP policy of a host: the transport and the timeout each request gets.
public struct HTTPSettings: Sendable {
    /// 2 s: under the store's default 5 s deadline, which counts time spent in host functions.
    public static let defaultTimeout: Duration = .seconds(2)
    /// Response bodies larger than this are cut (the plugin learns the full length).
    public static let maximumResponseBytes = 1 << 20

    public var transport: (any HTTPTransport)?
    public var timeout: Duration

    public init(transport: (any HTTPTransport)? = nil, timeout: Duration = HTTPSettings.defaultTimeout) {
        self.transport = transport
        self.timeout = timeout
    }
}
