@testable import FrontEnd
import Testing
import WasmTestSupport

/// The LEB128 rules of binary §5.2.2, read directly through ``ByteReader``: an N-bit integer
/// takes at most ⌈N/7⌉ bytes, and the unused bits of the last byte are zero (unsigned) or
/// copies of the sign bit (signed). Padded (overlong but within ⌈N/7⌉) forms are valid.
@Suite struct LEB128Tests {
    /// Reads one value from `bytes` placed after two filler bytes, so offsets are checked
    /// relative to the file and not to zero. Returns the value and the bytes consumed.
    func read<T>(_ bytes: [UInt8], _ body: (inout ByteReader) throws(WasmError) -> T) -> Result<(T, Int), WasmError> {
        var reader = ByteReader(bytes: [0xEE, 0xEE] + bytes, position: 2)
        do {
            let value = try body(&reader)
            return .success((value, reader.position - 2))
        } catch {
            return .failure(error)
        }
    }

    func expectValue<T: Equatable>(_ bytes: [UInt8], _ expected: T, _ body: (inout ByteReader) throws(WasmError) -> T,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        switch read(bytes, body) {
        case .success(let (value, consumed)):
            #expect(value == expected, sourceLocation: sourceLocation)
            #expect(consumed == bytes.count, "consumed \(consumed) of \(bytes.count) bytes", sourceLocation: sourceLocation)
        case .failure(let error):
            Issue.record("\(bytes) should read as \(expected), got \(error)", sourceLocation: sourceLocation)
        }
    }

    func expectFailure<T>(_ bytes: [UInt8], _ message: String, at offset: Int = 2, _ body: (inout ByteReader) throws(WasmError) -> T,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        switch read(bytes, body) {
        case .success(let (value, _)):
            Issue.record("\(bytes) should fail with \"\(message)\", read \(value)", sourceLocation: sourceLocation)
        case .failure(let error):
            #expect(error.kind == .malformed, sourceLocation: sourceLocation)
            #expect(error.message == message, sourceLocation: sourceLocation)
            #expect(error.offset == offset, sourceLocation: sourceLocation)
        }
    }

    // MARK: - u32

    @Test func u32AcceptsMinimalAndPaddedForms() {
        let u32 = { (r: inout ByteReader) throws(WasmError) in try r.readU32() }
        expectValue([0x00], 0, u32)
        expectValue([0x7F], 127, u32)
        expectValue([0x80, 0x01], 128, u32)
        expectValue([0xE5, 0x8E, 0x26], 624_485, u32)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], UInt32.max, u32)
        // Padded zeros and small values, up to the five bytes a u32 may take.
        expectValue([0x80, 0x00], 0, u32)
        expectValue([0x80, 0x80, 0x80, 0x80, 0x00], 0, u32)
        expectValue([0x81, 0x80, 0x80, 0x80, 0x00], 1, u32)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0x00], 0x0FFF_FFFF, u32)
    }

    @Test func u32RejectsHighBitsInTheFifthByte() {
        let u32 = { (r: inout ByteReader) throws(WasmError) in try r.readU32() }
        // Bits 4..6 of the fifth byte would be bits 32..34 of the value.
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0x1F], "integer too large", u32)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x10], "integer too large", u32)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x40], "integer too large", u32)
        expectFailure([0x82, 0x80, 0x80, 0x80, 0x70], "integer too large", u32)
    }

    @Test func u32RejectsMoreThanFiveBytes() {
        let u32 = { (r: inout ByteReader) throws(WasmError) in try r.readU32() }
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], "integer representation too long", u32)
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0x8F, 0x00], "integer representation too long", u32)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], "integer representation too long", u32)
    }

    @Test func truncatedIntegersFailWhereTheDataRunsOut() {
        let u32 = { (r: inout ByteReader) throws(WasmError) in try r.readU32() }
        // At the end of the file: "unexpected end"; before it (a section's end): the section form.
        expectFailure([], "unexpected end", at: 2, u32)
        expectFailure([0x80], "unexpected end", at: 3, u32)
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF], "unexpected end", at: 6, u32)
        do {
            var r = ByteReader(bytes: [0x80, 0x80, 0x00], position: 0, end: 2)
            let value = try r.readU32()
            Issue.record("read \(value) past the end of the section")
        } catch {
            #expect(error.message == "unexpected end of section or function")
            #expect(error.offset == 2)
        }
        let s64 = { (r: inout ByteReader) throws(WasmError) in try r.readS64() }
        expectFailure([0xFF, 0xFF, 0xFF], "unexpected end", at: 5, s64)
    }

    // MARK: - s32

    @Test func s32AcceptsItsExtremesAndPaddedForms() {
        let s32 = { (r: inout ByteReader) throws(WasmError) in try r.readS32() }
        expectValue([0x00], 0, s32)
        expectValue([0x3F], 63, s32)
        expectValue([0x40], -64, s32)
        expectValue([0x7F], -1, s32)
        expectValue([0xC0, 0x00], 64, s32)
        expectValue([0x80, 0x7F], -128, s32)
        expectValue([0x80, 0x80, 0x80, 0x80, 0x78], Int32.min, s32)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0x07], Int32.max, s32)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], -1, s32)
        expectValue([0x80, 0x80, 0x80, 0x80, 0x00], 0, s32)
        expectValue([0xC0, 0xFF, 0xFF, 0xFF, 0x7F], -64, s32)
    }

    @Test func s32RejectsUnsignExtendedHighBits() {
        let s32 = { (r: inout ByteReader) throws(WasmError) in try r.readS32() }
        // 2^32 - 1 and 2^31 are not 32-bit signed values; bits 4..6 must copy bit 3.
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], "integer too large", s32)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x08], "integer too large", s32)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x70], "integer too large", s32)
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0x77], "integer too large", s32)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x1F], "integer too large", s32)
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], "integer representation too long", s32)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], "integer representation too long", s32)
    }

    // MARK: - s33 (block types)

    @Test func s33AcceptsTypeIndicesUpTo2To32Minus1() {
        let s33 = { (r: inout ByteReader) throws(WasmError) in try r.readS33() }
        expectValue([0x00], 0, s33)
        expectValue([0x7F], -1, s33)
        expectValue([0x80, 0x80, 0x80, 0x80, 0x00], 0, s33)
        expectValue([0x85, 0x80, 0x80, 0x80, 0x00], 5, s33)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], 4_294_967_295, s33)
        expectValue([0x80, 0x80, 0x80, 0x80, 0x70], -4_294_967_296, s33)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], -1, s33)
    }

    @Test func s33RejectsValuesBeyond33Bits() {
        let s33 = { (r: inout ByteReader) throws(WasmError) in try r.readS33() }
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0x1F], "integer too large", s33)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x20], "integer too large", s33)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x60], "integer too large", s33)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x50], "integer too large", s33)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], "integer representation too long", s33)
    }

    // MARK: - s64

    @Test func s64AcceptsItsExtremesInTenBytes() {
        let s64 = { (r: inout ByteReader) throws(WasmError) in try r.readS64() }
        expectValue([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F], Int64.min, s64)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00], Int64.max, s64)
        expectValue([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], -1, s64)
        expectValue([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 0, s64)
        expectValue([0x7F], -1, s64)
        expectValue([0x80, 0x80, 0x80, 0x80, 0x78], -2_147_483_648, s64)
    }

    @Test func s64RejectsBadTenthBytesAndElevenBytes() {
        let s64 = { (r: inout ByteReader) throws(WasmError) in try r.readS64() }
        // Only bit 0 of the tenth byte carries a value bit; bits 1..6 must repeat it.
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], "integer too large", s64)
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7E], "integer too large", s64)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40], "integer too large", s64)
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], "integer too large", s64)
        expectFailure([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], "integer representation too long", s64)
        expectFailure([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], "integer representation too long", s64)
    }

    // MARK: - Round trips through the builder

    @Test func builderEncodingsRoundTripAtEveryLegalPadding() {
        var rng = SeededGenerator(seed: 0x1EB1_28)
        let specials: [Int64] = [0, 1, -1, 63, 64, -64, -65, 127, 128, Int64(Int32.max), Int64(Int32.min), Int64.max, Int64.min]
        for i in 0..<2000 {
            let v = i < specials.count ? specials[i] : Int64(bitPattern: rng.next()) >> rng.next(below: 64)
            let u = UInt32(truncatingIfNeeded: v)
            let s = Int32(truncatingIfNeeded: v)
            let padU = rng.next(in: 0...5), padS = rng.next(in: 0...5), pad64 = rng.next(in: 0...10)
            expectValue(B.unsigned(UInt64(u), paddedTo: padU), u) { (r: inout ByteReader) throws(WasmError) in try r.readU32() }
            expectValue(B.signed(Int64(s), paddedTo: padS), s) { (r: inout ByteReader) throws(WasmError) in try r.readS32() }
            expectValue(B.signed(v, paddedTo: pad64), v) { (r: inout ByteReader) throws(WasmError) in try r.readS64() }
            let s33 = v >> 31  // within the 33-bit range
            expectValue(B.signed(s33, paddedTo: padS), s33) { (r: inout ByteReader) throws(WasmError) in try r.readS33() }
        }
    }

    // MARK: - In a module

    @Test func overlongIntegersInAModuleAreAcceptedWithinTheirWidth() throws {
        // Section sizes, counts, type indices and constants, all padded to their maximum width.
        let type = B.section(.type, B.unsigned(1, paddedTo: 5) + [0x60] + B.unsigned(0, paddedTo: 5) + B.unsigned(1, paddedTo: 5) + [0x7F], sizePaddedTo: 5)
        let function = B.section(.function, B.unsigned(1, paddedTo: 5) + B.unsigned(0, paddedTo: 5), sizePaddedTo: 5)
        let code = B.section(.code, B.vector([B.functionBody([0x41] + B.signed(-1, paddedTo: 5) + [0x0B])]), sizePaddedTo: 5)
        let module = B.module(type, function, code)
        guard let (parsed, _) = expectValid(module) else { return }
        #expect(parsed.types == [FunctionType(parameters: [], results: [.i32])])
        #expect(parsed.functionTypeIndices == [0])
    }

    @Test func overlongIntegersInAModuleFailAtTheirFirstByte() {
        // A six-byte type index in the function section: header 8, type section 8..<14.
        let types = B.section(.type, B.vector([B.functionType([], [])]))
        let badIndex: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x00]
        let module = B.module(types, B.section(.function, [0x01] + badIndex))
        expectError(module, .malformed, at: 8 + types.count + 3, "integer representation too long")

        // An i32.const whose fifth byte overflows, inside a body.
        var spec = function([0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x1A, 0x0B])
        let (bytes, start) = spec.build()
        expectError(bytes, .malformed, at: start + 1, "integer too large")
        // An i64.const of eleven bytes.
        spec.code = [0x42] + [UInt8](repeating: 0x80, count: 10) + [0x00, 0x1A, 0x0B]
        let (bytes64, start64) = spec.build()
        expectError(bytes64, .malformed, at: start64 + 1, "integer representation too long")
    }

    @Test func blockTypesAreSigned33BitIntegers() {
        // Type 0 as a padded s33 is a type index; 0x7A (-6) is no type and no index.
        var spec = function([0x02, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B, 0x0B])
        expectValid(spec.bytes)
        spec.code = [0x02, 0x7A, 0x0B, 0x0B]
        let (bytes, start) = spec.build()
        expectError(bytes, .malformed, at: start + 1, "malformed block type")
        // The largest s33 type index decodes, then is unknown.
        spec.code = [0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B, 0x0B]
        let (big, bigStart) = spec.build()
        expectError(big, .invalid, at: bigStart, "unknown type 4294967295")
        // One bit more does not decode at all.
        spec.code = [0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F, 0x0B, 0x0B]
        let (tooBig, tooBigStart) = spec.build()
        expectError(tooBig, .malformed, at: tooBigStart + 1, "integer too large")
    }
}
