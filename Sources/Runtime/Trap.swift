import PluginABI

/// Why a call into WebAssembly stopped early. Returned by ``Function/call(_:)`` as its error;
/// the instance and the store stay usable afterwards.
public struct Trap: Error, Sendable, CustomStringConvertible {
    /// What happened. A code the runtime does not know (a corrupt artifact) reads as
    /// ``TrapCode/unreachable``; ``rawCode`` keeps the original.
    public let code: TrapCode
    /// The raw value compiled code passed to the trap builtin.
    public let rawCode: Int32
    /// Byte offset in the module of the trapping instruction; 0 when unknown (faults, host
    /// functions, the runtime's own checks).
    public let site: Int32
    /// The function that was called, when known: `"run" in plugin.so`.
    public let function: String?
    /// Where it happened: the function that trapped (not necessarily the one called) and the
    /// instruction's offset. Nil for traps outside WebAssembly code (a host function's
    /// refusal, arguments of the wrong type).
    public let location: TrapLocation?
    /// For ``TrapCode/hostError``: what the host function or the runtime reported.
    public let detail: String?

    init(rawCode: Int32, site: Int32 = 0, function: String? = nil, location: TrapLocation? = nil, detail: String? = nil) {
        self.rawCode = rawCode
        // A fault in the guard region is the same trap as a failed explicit check; rawCode
        // keeps which mechanism caught it.
        let known = TrapCode(rawValue: rawCode) ?? .unreachable
        self.code = known == .guardPageFault ? .outOfBoundsMemoryAccess : known
        self.site = site
        self.function = function
        self.location = location
        self.detail = detail
    }

    init(_ code: TrapCode, site: Int32 = 0, function: String? = nil, location: TrapLocation? = nil, detail: String? = nil) {
        self.init(rawCode: code.rawValue, site: site, function: function, location: location, detail: detail)
    }

    /// The spec suite's wording for the code (`midimon run` prints it after `trap: `).
    public var message: String { code.message }

    /// `message: detail (in "run" in plugin.so) at fib (offset 0x2a)`, the parts known.
    public var description: String {
        var text = message
        if let detail { text += ": \(detail)" }
        if let function { text += " (in \(function))" }
        if let location {
            text += " at \(location)"
        } else if site != 0 {
            text += " at offset 0x\(String(site, radix: 16))"
        }
        return text
    }
}

/// Where a trap happened, for reports: `fib (offset 0x2a)`, `#3 (offset 0x51)`.
///
/// Compiled code passes the trapping operator's byte offset (the site) to the trap builtin;
/// the function is the one whose body is the last to start at or before it (the artifact's
/// body offsets). Faults caught by the signal handler (out-of-bounds accesses with guard
/// pages, a frame beyond the end of the stack) carry no site, and the runtime cannot map a
/// native address to a function (the artifact lists the code of escaping functions only), so
/// they read ``Place/unknownFunction``.
public struct TrapLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Place: Sendable, Equatable {
        /// A function: its index in the function index space (imports first) and its name in
        /// the module's `name` section, if any.
        case function(index: UInt32, name: String?)
        /// WebAssembly code of a function the runtime cannot tell (a fault).
        case unknownFunction
        /// An active element segment of instantiation (spec §4.5.4 step 3).
        case elementSegment(Int)
        /// An active data segment of instantiation (step 4).
        case dataSegment(Int)
    }

    public var place: Place
    /// Byte offset in the module file of the trapping instruction; nil when unknown.
    public var offset: Int?

    public init(_ place: Place, offset: Int?) {
        self.place = place
        self.offset = offset
    }

    /// The function's debug name, else `#index`; `<unknown function>`; `data segment 2`.
    public var placeName: String {
        switch place {
        case .function(let index, let name): name ?? "#\(index)"
        case .unknownFunction: "<unknown function>"
        case .elementSegment(let i): "element segment \(i)"
        case .dataSegment(let i): "data segment \(i)"
        }
    }

    /// ``placeName`` and the offset in hex: `fib (offset 0x2a)`.
    public var description: String {
        offset.map { "\(placeName) (offset 0x\(String($0, radix: 16)))" } ?? placeName
    }
}
