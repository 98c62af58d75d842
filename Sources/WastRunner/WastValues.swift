import FrontEnd
import Runtime
import WAT

/// Spec-script constants as runtime values, and results checked against expectations
/// (including the `nan:canonical` and `nan:arithmetic` patterns).
enum WastValues {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    static func value(_ constant: WASTConstValue) throws(Unsupported) -> Value {
        switch constant {
        case .i32(let v): return .i32(v)
        case .i64(let v): return .i64(v)
        case .f32(let v): return .f32(v)
        case .f64(let v): return .f64(v)
        case .refNull(let heap): return heap == .externRef ? .externref(nil) : .funcref(nil)
        case .refExtern(let v): return .externref(ExternRef(UInt64(v)))
        case .v128: throw Unsupported(description: "v128 argument (SIMD is not supported yet)")
        case .refFunc, .refHost: throw Unsupported(description: "\(constant) argument")
        }
    }

    /// Whether `actual` meets `expected`.
    static func matches(_ actual: Value, _ expected: WASTExpectValue) -> Bool {
        switch (expected, actual) {
        case (.i32(let e), .i32(let a)): return e == a
        case (.i64(let e), .i64(let a)): return e == a
        // Exact bits: a NaN with a given payload must be that payload.
        case (.f32(let e), .f32(let a)): return e == a
        case (.f64(let e), .f64(let a)): return e == a
        // Canonical NaN: quiet bit only, either sign.
        case (.f32CanonicalNaN, .f32(let a)): return a & 0x7FFF_FFFF == 0x7FC0_0000
        case (.f64CanonicalNaN, .f64(let a)): return a & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
        // Arithmetic NaN: exponent all ones and the quiet bit set, any payload and sign.
        case (.f32ArithmeticNaN, .f32(let a)): return a & 0x7FC0_0000 == 0x7FC0_0000
        case (.f64ArithmeticNaN, .f64(let a)): return a & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        case (.refNull(let heap), .funcref(let f)): return f == nil && heap != .externRef
        case (.refNull(let heap), .externref(let e)): return e == nil && heap != .funcRef
        case (.refFunc, .funcref(let f)): return f != nil
        case (.refExtern(let v), .externref(let e)):
            guard let e else { return false }
            return v.map { UInt64($0) == e.value } ?? true
        case (.either(let options), _): return options.contains { matches(actual, $0) }
        default: return false
        }
    }

    static func describe(_ values: [Value]) -> String {
        "[" + values.map(\.description).joined(separator: " ") + "]"
    }

    static func describe(_ expected: [WASTExpectValue]) -> String {
        "[" + expected.map { "\($0)" }.joined(separator: " ") + "]"
    }

    /// The spec's trap message and ours name the same trap. Scripts sometimes add detail after
    /// the common words ("uninitialized element 2"), so a prefix either way is a match.
    static func sameTrap(_ message: String, expected: String) -> Bool {
        message.hasPrefix(expected) || expected.hasPrefix(message)
    }
}
