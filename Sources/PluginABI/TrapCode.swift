/// Why WebAssembly code stopped. Compiled code passes the raw value to the trap builtin; the
/// runtime's call returns it; `midimon run` prints ``message`` after `trap: `.
///
/// The raw values are part of the artifact ABI (``ArtifactABI/version``): never renumber.
public enum TrapCode: Int32, Sendable, CaseIterable, CustomStringConvertible {
    /// `unreachable` was executed.
    case unreachable = 1
    /// `div`/`rem` with a zero divisor.
    case integerDivideByZero = 2
    /// `INT_MIN / -1` in `i32.div_s`/`i64.div_s` (the quotient does not fit).
    case integerOverflow = 3
    /// A trapping float-to-int conversion of NaN or of a value outside the target range.
    case invalidConversionToInteger = 4
    /// A load, store or bulk memory operation outside the memory's current size.
    case outOfBoundsMemoryAccess = 5
    /// `table.get/set/fill/copy/init` outside a table's current size.
    case outOfBoundsTableAccess = 6
    /// `call_indirect` with an index at or beyond the table's size.
    case undefinedElement = 7
    /// `call_indirect` through a null table entry.
    case uninitializedElement = 8
    /// `call_indirect` whose callee's canonical type differs from the expected one.
    case indirectCallTypeMismatch = 9
    /// The native stack reached the limit set for WebAssembly code (deep or endless recursion).
    case callStackExhausted = 10
    /// The fuel budget ran out (deterministic instruction budget).
    case outOfFuel = 11
    /// The call's wall-clock deadline passed (a watchdog set the interrupt flag).
    case deadlineExceeded = 12
    /// A host function reported failure (its message is kept by the runtime).
    case hostError = 13
    /// A memory access faulted inside the guard region (guard-page bounds checking); reported
    /// as an out-of-bounds access once the signal handler has identified it.
    case guardPageFault = 14

    /// The spec test suite's wording, used by `midimon run` and `midimon wast`.
    public var message: String {
        switch self {
        case .unreachable: "unreachable"
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        case .outOfBoundsMemoryAccess, .guardPageFault: "out of bounds memory access"
        case .outOfBoundsTableAccess: "out of bounds table access"
        case .undefinedElement: "undefined element"
        case .uninitializedElement: "uninitialized element"
        case .indirectCallTypeMismatch: "indirect call type mismatch"
        case .callStackExhausted: "call stack exhausted"
        case .outOfFuel: "out of fuel"
        case .deadlineExceeded: "deadline exceeded"
        case .hostError: "host function error"
        }
    }

    public var description: String { message }
}
