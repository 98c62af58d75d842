import FrontEnd

#if canImport(Glibc)
import Glibc
#endif

/// Arguments and results of `midimon run --invoke` as text, by their WebAssembly type.
///
/// Results print one per line: integers in signed decimal, floats in the shortest decimal that
/// reads back to the same value, as C's `%g` writes it (`nan`, `inf`, `-inf` for the specials),
/// so that the output compares with the native runs of `benchmarks/kernels/driver.c`.
enum ValueText {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// The bit pattern of an argument (the low 32 bits for i32 and f32).
    static func parse(_ text: String, as type: ValueType) throws -> UInt64 {
        switch type {
        case .i32:
            if let v = Int32(text) { return UInt64(UInt32(bitPattern: v)) }
            if let v = UInt32(text) { return UInt64(v) }
        case .i64:
            if let v = Int64(text) { return UInt64(bitPattern: v) }
            if let v = UInt64(text) { return v }
        case .f32:
            if let v = Float(text) { return UInt64(v.bitPattern) }
        case .f64:
            if let v = Double(text) { return v.bitPattern }
        case .funcref, .externref:
            if text == "null" { return 0 }
            throw ParseError(description: "a \(type) argument can only be null from the command line")
        }
        throw ParseError(description: "'\(text)' is not a valid \(type)")
    }

    static func format(_ bits: UInt64, as type: ValueType) -> String {
        switch type {
        case .i32: return String(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .i64: return String(Int64(bitPattern: bits))
        case .f32:
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            return value.isNaN ? "nan" : shortest(Double(value), maxDigits: 9) { Double(strtof($0, nil)) == Double(value) }
        case .f64:
            let value = Double(bitPattern: bits)
            return value.isNaN ? "nan" : shortest(value, maxDigits: 17) { strtod($0, nil) == value }
        case .funcref, .externref: return bits == 0 ? "null" : "\(type):0x\(String(bits, radix: 16))"
        }
    }

    /// C's `%g` with the fewest significant digits that read back to the same value: the
    /// same text `benchmarks/kernels/driver.c` prints for native runs.
    private static func shortest(_ value: Double, maxDigits: Int32, readsBack: (UnsafePointer<CChar>) -> Bool) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        for digits in 1...maxDigits {
            _ = withVaList([digits, value]) { vsnprintf(&buffer, buffer.count, "%.*g", $0) }
            if readsBack(buffer) { break }
        }
        return String(cString: buffer)
    }
}
