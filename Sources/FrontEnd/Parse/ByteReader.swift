/// A cursor over the module's bytes with a movable end (the current section or body), and the
/// exact LEB128 rules of binary §5.2.2: at most ⌈N/7⌉ bytes for an N-bit integer, and the
/// unused bits of the last byte must be zero (unsigned) or copies of the sign bit (signed).
///
/// Every read checks the end first, so a truncated file or a section whose size lies becomes
/// an error at the offset where the data ran out, never an out-of-range access.
package struct ByteReader {
    package let bytes: [UInt8]
    package var position: Int
    /// Reads past this offset fail; it is the end of the enclosing section or body.
    package var end: Int

    package init(bytes: [UInt8], position: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = end ?? bytes.count
    }

    package var isAtEnd: Bool { position >= end }
    package var remaining: Int { end - position }

    /// The error for running out of data; within a section the spec names it so.
    func unexpectedEnd() -> WasmError {
        .malformed(end < bytes.count ? "unexpected end of section or function" : "unexpected end", at: position)
    }

    @inline(__always)
    mutating func readByte() throws(WasmError) -> UInt8 {
        guard position < end else { throw unexpectedEnd() }
        let b = bytes[position]
        position += 1
        return b
    }

    func peekByte() throws(WasmError) -> UInt8 {
        guard position < end else { throw unexpectedEnd() }
        return bytes[position]
    }

    /// Skips `count` bytes and returns their range; `length out of bounds` when they are not there.
    mutating func readRange(_ count: Int) throws(WasmError) -> Range<Int> {
        guard count <= remaining else {
            throw .malformed(end < bytes.count ? "unexpected end of section or function" : "length out of bounds", at: position)
        }
        let range = position..<(position + count)
        position += count
        return range
    }

    // MARK: - LEB128

    mutating func readU32() throws(WasmError) -> UInt32 {
        let b0 = try readByte()
        if b0 < 0x80 { return UInt32(b0) }
        let start = position - 1
        var result = UInt32(b0 & 0x7F)
        var shift: UInt32 = 7
        while true {
            let b = try readByte()
            if shift == 28 {
                if b & 0x80 != 0 { throw .malformed("integer representation too long", at: start) }
                // Only 4 bits of the fifth byte fit in 32 bits.
                if b & 0x70 != 0 { throw .malformed("integer too large", at: start) }
                return result | UInt32(b) << 28
            }
            result |= UInt32(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readS32() throws(WasmError) -> Int32 {
        let start = position
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let b = try readByte()
            if shift == 28 {
                if b & 0x80 != 0 { throw .malformed("integer representation too long", at: start) }
                // Bits 3..6 of the fifth byte: bit 3 is the sign, bits 4..6 must repeat it.
                let high = b & 0x78
                if high != 0 && high != 0x78 { throw .malformed("integer too large", at: start) }
                return Int32(bitPattern: result | UInt32(b & 0x0F) << 28)
            }
            result |= UInt32(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 {
                if b & 0x40 != 0 { result |= ~0 << shift }  // sign-extend; shift < 32 here
                return Int32(bitPattern: result)
            }
        }
    }

    /// The signed 33-bit integer of block types: a type index when non-negative.
    mutating func readS33() throws(WasmError) -> Int64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 28 {
                if b & 0x80 != 0 { throw .malformed("integer representation too long", at: start) }
                // Bits 4..6 of the fifth byte: bit 4 is the sign (bit 32), bits 5..6 repeat it.
                let high = b & 0x70
                if high != 0 && high != 0x70 { throw .malformed("integer too large", at: start) }
                result |= UInt64(b & 0x1F) << 28
                if b & 0x10 != 0 { result |= ~0 << 33 }
                return Int64(bitPattern: result)
            }
            result |= UInt64(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 {
                if b & 0x40 != 0 { result |= ~0 << shift }
                return Int64(bitPattern: result)
            }
        }
    }

    mutating func readS64() throws(WasmError) -> Int64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 {
                if b & 0x80 != 0 { throw .malformed("integer representation too long", at: start) }
                // Only bit 0 of the tenth byte is a value bit; bits 1..6 must repeat it.
                let high = b & 0x7F
                if high != 0 && high != 0x7F { throw .malformed("integer too large", at: start) }
                return Int64(bitPattern: result | UInt64(b) << 63)
            }
            result |= UInt64(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 {
                if b & 0x40 != 0 { result |= ~0 << shift }
                return Int64(bitPattern: result)
            }
        }
    }

    mutating func readFixedU32() throws(WasmError) -> UInt32 {
        let r = try readRange(4)
        var v: UInt32 = 0
        for i in r.reversed() { v = v << 8 | UInt32(bytes[i]) }
        return v
    }

    mutating func readFixedU64() throws(WasmError) -> UInt64 {
        let r = try readRange(8)
        var v: UInt64 = 0
        for i in r.reversed() { v = v << 8 | UInt64(bytes[i]) }
        return v
    }

    // MARK: - Composite values

    /// A vector length, checked against the bytes left so that a lying count fails here
    /// instead of driving a huge allocation: every element takes at least `minElementSize` bytes.
    mutating func readCount(minElementSize: Int = 1) throws(WasmError) -> Int {
        let start = position
        let count = Int(try readU32())
        if count > remaining / minElementSize {
            throw .malformed(end < bytes.count ? "unexpected end of section or function" : "length out of bounds", at: start)
        }
        return count
    }

    /// A name: a length-prefixed string that must be valid UTF-8 (binary §5.2.4).
    mutating func readName() throws(WasmError) -> String {
        let start = position
        let length = Int(try readU32())
        guard length <= remaining else {
            throw .malformed(end < bytes.count ? "unexpected end of section or function" : "length out of bounds", at: start)
        }
        let range = position..<(position + length)
        guard let name = UTF8Validation.decode(bytes[range]) else {
            throw .malformed("malformed UTF-8 encoding", at: position)
        }
        position += length
        return name
    }

    mutating func readValueType() throws(WasmError) -> ValueType {
        let at = position
        let b = try readByte()
        if let t = ValueType(rawValue: b) { return t }
        if b == 0x7B { throw .simd(at: at) }
        throw .malformed("malformed value type 0x\(String(b, radix: 16))", at: at)
    }

    mutating func readReferenceType() throws(WasmError) -> ValueType {
        let at = position
        let b = try readByte()
        guard let t = ValueType(rawValue: b), t.isReference else {
            throw .malformed("malformed reference type 0x\(String(b, radix: 16))", at: at)
        }
        return t
    }
}

/// Strict UTF-8 decoding: no overlong forms, no surrogates, nothing above U+10FFFF.
enum UTF8Validation {
    static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        // Fast path for the ASCII names that almost every module has.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }
}
