import Testing
import WasmTestSupport

/// The test encoder itself: other tests trust its bytes, so pin them here.
@Suite struct BinaryBuilderTests {
    @Test func unsignedLEB128() {
        #expect(B.unsigned(0) == [0x00])
        #expect(B.unsigned(127) == [0x7F])
        #expect(B.unsigned(128) == [0x80, 0x01])
        #expect(B.unsigned(624_485) == [0xE5, 0x8E, 0x26])
        #expect(B.unsigned(UInt64(UInt32.max)) == [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(B.unsigned(0, paddedTo: 5) == [0x80, 0x80, 0x80, 0x80, 0x00])
        #expect(B.unsigned(1, paddedTo: 3) == [0x81, 0x80, 0x00])
        #expect(B.unsigned(300, paddedTo: 1) == [0xAC, 0x02])  // shorter than minimal: ignored
        var out: [UInt8] = [0xAA]
        B.appendUnsigned(128, to: &out)
        #expect(out == [0xAA, 0x80, 0x01])
    }

    @Test func signedLEB128() {
        #expect(B.signed(0) == [0x00])
        #expect(B.signed(-1) == [0x7F])
        #expect(B.signed(63) == [0x3F])
        #expect(B.signed(64) == [0xC0, 0x00])
        #expect(B.signed(-64) == [0x40])
        #expect(B.signed(-65) == [0xBF, 0x7F])
        #expect(B.signed(-123_456) == [0xC0, 0xBB, 0x78])
        #expect(B.signed(Int64.min) == [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F])
        #expect(B.signed(Int64.max) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00])
        #expect(B.signed(-1, paddedTo: 5) == [0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(B.signed(1, paddedTo: 3) == [0x81, 0x80, 0x00])
        #expect(B.signed(-64, paddedTo: 2) == [0xC0, 0x7F])
    }

    @Test func namesVectorsSectionsAndModules() {
        #expect(B.header() == [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        #expect(B.header(version: 0x0D) == [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x00, 0x00])
        #expect(B.name("é") == [0x02, 0xC3, 0xA9])
        #expect(B.name(bytes: [0xFF]) == [0x01, 0xFF])
        #expect(B.vector([[0x01], [0x02, 0x03]]) == [0x02, 0x01, 0x02, 0x03])
        #expect(B.vector([[0x01]], count: 9) == [0x09, 0x01])
        #expect(B.section(.type, [0x01, 0x02, 0x03]) == [0x01, 0x03, 0x01, 0x02, 0x03])
        #expect(B.section(.type, [0x01], declaredSize: 9) == [0x01, 0x09, 0x01])
        #expect(B.section(.code, [0x00], sizePaddedTo: 5) == [0x0A, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00])
        #expect(B.section(id: 42, []) == [42, 0x00])
        #expect(B.customSection("n", [0xAB]) == [0x00, 0x03, 0x01, 0x6E, 0xAB])
        #expect(B.functionType([.i32, .f64], [.v128]) == [0x60, 0x02, 0x7F, 0x7C, 0x01, 0x7B])
        #expect(B.functionBody(locals: [(2, .i32)], [0x0B]) == [0x04, 0x01, 0x02, 0x7F, 0x0B])
        #expect(B.limits(min: 1) == [0x00, 0x01])
        #expect(B.limits(min: 1, max: 128) == [0x01, 0x01, 0x80, 0x01])
        #expect(B.module([0x01, 0x00], [0x02, 0x00]) == B.header() + [0x01, 0x00, 0x02, 0x00])
    }

    @Test func seededGeneratorIsSplitMix64() {
        // Reference outputs of SplitMix64 for seed 0.
        var rng = SeededGenerator(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        for _ in 0..<100 {
            let x = a.next(in: 3...9)
            #expect(x == b.next(in: 3...9))
            #expect((3...9).contains(x))
        }
    }
}
