import CLLVM

/// A failure in the LLVM back end: setting up the target, checking or optimizing a module,
/// emitting its object code, or linking the shared object.
///
/// The message is LLVM's or the linker's own text, kept whole, because that is what someone
/// debugging the translator needs. Nothing in the back end aborts the process for a bad module:
/// LLVM's verifier runs before anything that would assert on one.
public struct BackendError: Error, Sendable, CustomStringConvertible {
    /// Which step failed.
    public enum Kind: Sendable, Equatable {
        /// The native target could not be initialised or a target machine not created.
        case target
        /// The module failed LLVM's verifier (the translator produced broken IR).
        case invalidModule
        /// The pass pipeline reported an error.
        case optimization
        /// Code generation into an object file failed.
        case emission
        /// The linker (GNU `ld`) was not found or could not be started.
        case linkerUnavailable
        /// The linker ran and failed; the message holds what it printed.
        case link
        /// A file operation around linking failed (temporary files, the final rename).
        case io
    }

    public let kind: Kind
    public let message: String
    /// The partition being compiled, when the error comes from ``ParallelCodegen``.
    public internal(set) var partition: Int?

    public init(_ kind: Kind, _ message: String, partition: Int? = nil) {
        self.kind = kind
        self.message = message
        self.partition = partition
    }

    public var description: String {
        if let partition { "partition \(partition): \(message)" } else { message }
    }
}

// MARK: - Taking ownership of LLVM's strings and errors

/// Copies a string LLVM allocated for the caller (`char *` documented as "dispose with
/// LLVMDisposeMessage") and frees it, so no LLVM allocation outlives the call that made it.
func takeLLVMMessage(_ message: UnsafeMutablePointer<CChar>?) -> String {
    guard let message else { return "" }
    defer { LLVMDisposeMessage(message) }
    return String(cString: message)
}

/// Copies and consumes an `LLVMErrorRef` (every error must be consumed exactly once, or LLVM
/// aborts in builds with assertions).
func takeLLVMError(_ error: LLVMErrorRef) -> String {
    let message = LLVMGetErrorMessage(error)!  // consumes `error`
    defer { LLVMDisposeErrorMessage(message) }
    return String(cString: message)
}
