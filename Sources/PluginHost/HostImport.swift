import FrontEnd

/// Every function the host provides under the import module `midimon`: listed once, here.
/// The binder (``HostBindings``) reads names, types and capabilities from this table;
/// docs/plugin-abi.md ("The host provides") and `plugins/sdk/midimon.h` describe the same
/// rows, and a test checks that the doc and the header name every one with this type.
public enum HostImport: String, CaseIterable, Sendable {
    /// `emit(message: i32, delay_us: i32) -> i32`: queue a packed MIDI message; 0 queued,
    /// 1 queue full (dropped).
    case emit
    /// `now_us() -> i64`: the host's monotonic clock in microseconds.
    case nowUs = "now_us"
    /// `log(level: i32, ptr: i32, len: i32)`: UTF-8 text into the plugin's log.
    case log
    /// `param(index: i32) -> f64`: the plugin's parameter `index`, NaN when absent.
    case param
    /// `http_request(method_ptr, method_len, url_ptr, url_len, headers_ptr, headers_len,
    /// body_ptr, body_len, response_ptr, response_capacity: i32) -> i64`: a blocking HTTP
    /// request (JSON-ABI plugins only); `status << 32 | body length`, or a negative
    /// ``HTTPStatus`` code.
    case httpRequest = "http_request"

    /// The import module name.
    public static let module = "midimon"

    public var name: String { rawValue }

    public var type: FunctionType {
        switch self {
        case .emit: FunctionType(parameters: [.i32, .i32], results: [.i32])
        case .nowUs: FunctionType(parameters: [], results: [.i64])
        case .log: FunctionType(parameters: [.i32, .i32, .i32], results: [])
        case .param: FunctionType(parameters: [.i32], results: [.f64])
        case .httpRequest: FunctionType(parameters: Array(repeating: .i32, count: 10), results: [.i64])
        }
    }

    /// The capability a plugin needs to call it; nil for the always-available ones.
    public var capability: Capability? {
        switch self {
        case .httpRequest: .network
        case .emit, .nowUs, .log, .param: nil
        }
    }

    /// Whether an event-ABI plugin may import it: nothing that blocks belongs on the event path.
    public var allowedOnEventPath: Bool { self != .httpRequest }

    /// Negative results of `http_request` (docs/plugin-abi.md, "HTTP").
    public enum HTTPStatus: Int64, Sendable {
        /// The plugin lacks the `network` capability (also logged).
        case notGranted = -1
        /// A pointer/length pair outside memory, a method or URL the host refuses.
        case badRequest = -2
        /// The connection failed or the response could not be read.
        case failed = -3
        /// No complete response within the timeout.
        case timedOut = -4
        /// No HTTP client in this host (a build without PluginHostHTTP).
        case unavailable = -5
    }
}

/// Names and constants of both ABIs (docs/plugin-abi.md): the exports the host looks for.
public enum PluginExports {
    // JSON ABI (MIDIMon compatible).
    public static let memory = "memory"
    public static let alloc = "alloc"
    public static let dealloc = "dealloc"
    public static let initialize = "init"
    public static let execute = "execute"

    // Event ABI.
    public static let eventABIVersion = "midimon_event_abi_version"
    public static let onEvent = "midimon_on_event"
    public static let eventInit = "midimon_init"
    /// The event ABI version this host speaks.
    public static let currentEventABIVersion: Int32 = 1
    /// `midimon_on_event`'s "let the original through" result (`MIDIMON_PASS`).
    public static let pass: Int32 = 1

    /// Required function exports and their types, per ABI.
    static func required(_ abi: PluginManifest.ABI) -> [(String, FunctionType)] {
        switch abi {
        case .json:
            [(alloc, FunctionType(parameters: [.i32], results: [.i32])),
             (initialize, FunctionType(parameters: [], results: [.i64])),
             (execute, FunctionType(parameters: [.i32, .i32], results: [.i32]))]
        case .event:
            [(eventABIVersion, FunctionType(parameters: [], results: [.i32])),
             (onEvent, FunctionType(parameters: [.i32, .i64], results: [.i32]))]
        }
    }

    /// Optional function exports and their types, checked when present.
    static func optional(_ abi: PluginManifest.ABI) -> [(String, FunctionType)] {
        switch abi {
        case .json: [(dealloc, FunctionType(parameters: [.i32, .i32], results: []))]
        case .event: [(eventInit, FunctionType(parameters: [], results: [.i32]))]
        }
    }
}
