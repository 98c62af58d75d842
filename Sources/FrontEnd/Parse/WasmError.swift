/// A problem with a module, with the byte offset in the file where it was found.
///
/// The kind follows the specification's split: a *malformed* module is not a valid encoding
/// (binary format, §5); an *invalid* one decodes but breaks a validation rule (§3). SIMD and
/// implementation limits get kinds of their own so that nobody mistakes them for either.
public struct WasmError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case malformed
        case invalid
        case unsupported
        case implementationLimit
    }

    public let kind: Kind
    public let message: String
    /// Byte offset in the module file.
    public let offset: Int

    public init(_ kind: Kind, _ message: String, at offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    static func malformed(_ message: String, at offset: Int) -> WasmError {
        WasmError(.malformed, message, at: offset)
    }

    static func invalid(_ message: String, at offset: Int) -> WasmError {
        WasmError(.invalid, message, at: offset)
    }

    static func simd(at offset: Int) -> WasmError {
        WasmError(.unsupported, "SIMD is not supported yet (fixed-width SIMD, opcode prefix 0xFD or type v128)", at: offset)
    }

    /// `offset 0xNN: message`, the form `midimon validate` prints after the file name.
    public var description: String { "offset 0x\(String(offset, radix: 16)): \(message)" }
}
