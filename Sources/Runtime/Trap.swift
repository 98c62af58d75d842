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
    /// For ``TrapCode/hostError``: what the host function or the runtime reported.
    public let detail: String?

    init(rawCode: Int32, site: Int32 = 0, function: String? = nil, detail: String? = nil) {
        self.rawCode = rawCode
        // A fault in the guard region is the same trap as a failed explicit check; rawCode
        // keeps which mechanism caught it.
        let known = TrapCode(rawValue: rawCode) ?? .unreachable
        self.code = known == .guardPageFault ? .outOfBoundsMemoryAccess : known
        self.site = site
        self.function = function
        self.detail = detail
    }

    init(_ code: TrapCode, site: Int32 = 0, function: String? = nil, detail: String? = nil) {
        self.init(rawCode: code.rawValue, site: site, function: function, detail: detail)
    }

    /// The spec suite's wording for the code (`midimon run` prints it after `trap: `).
    public var message: String { code.message }

    public var description: String {
        var text = message
        if let detail { text += ": \(detail)" }
        if let function { text += " (in \(function)" + (site != 0 ? " at offset 0x\(String(site, radix: 16)))" : ")") }
        return text
    }
}
