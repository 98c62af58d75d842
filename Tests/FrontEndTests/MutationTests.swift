@testable import FrontEnd
import Testing
import WasmTestSupport

/// Random damage to valid modules must give an error or a valid module, never a crash, a hang
/// or an offset outside the file. The generator is seeded, so a failure reproduces exactly.
@Suite struct MutationTests {
    static func corpus() throws -> [[UInt8]] {
        let text = try wat("""
            (module $m
              (type $bin (func (param i32 i32) (result i32)))
              (import "env" "log" (func $log (param i32)))
              (memory 1 4)
              (table 4 funcref)
              (global $g (mut i64) (i64.const -7))
              (elem (i32.const 0) $add $loop)
              (data (i32.const 16) "midimon")
              (func $add (type $bin) (local $t f64)
                local.get 0
                local.get 1
                i32.add)
              (func $loop (param $n i32) (result i32) (local $acc i32)
                (block $done
                  (loop $next
                    local.get $n
                    i32.eqz
                    br_if $done
                    (local.set $acc (i32.add (local.get $acc) (i32.load8_u offset=16 (local.get $n))))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    br $next))
                (global.set $g (i64.extend_i32_u (local.get $acc)))
                (call_indirect (type $bin) (local.get $acc) (i32.const 2) (i32.const 0))
                (if (result i32) (i32.const 1)
                  (then (i32.const 1))
                  (else (select (i32.const 2) (i32.const 3) (local.get $n))))
                i32.add)
              (func (export "main") (param i32) (result i32)
                (call $log (local.get 0))
                (br_table 0 0 (i32.const 5) (local.get 0))
                unreachable)
            )
            """, names: true)
        var segments = ModuleSpec()
        segments.tables = [[0x70] + B.limits(min: 4), [0x6F] + B.limits(min: 2)]
        segments.memories = [B.limits(min: 1)]
        segments.elements = [
            [0x01, 0x00, 0x01, 0x00], [0x03, 0x00, 0x01, 0x00],
            [0x04, 0x41, 0x01, 0x0B, 0x01, 0xD2, 0x00, 0x0B], [0x06, 0x01, 0x41, 0x00, 0x0B, 0x6F, 0x01, 0xD0, 0x6F, 0x0B],
        ]
        segments.dataCount = 2
        segments.code = [0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0xFC, 0x08, 0x01, 0x00, 0xFC, 0x09, 0x00,
                         0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0xFC, 0x0C, 0x00, 0x00, 0xFC, 0x0D, 0x01, 0x0B]
        segments.data = [[0x00, 0x41, 0x00, 0x0B, 0x02, 0x01, 0x02], [0x01, 0x01, 0x03]]
        return [SyntheticModule.large(functionCount: 3), SectionTests.richModule().bytes, text, segments.bytes]
    }

    /// Bytes that mean something in many places: LEB continuation, end, block, prefixes, types.
    static let interesting: [UInt8] = [0x00, 0x01, 0x02, 0x0B, 0x0C, 0x40, 0x41, 0x60, 0x6F, 0x70, 0x7B, 0x7F, 0x80, 0xFC, 0xFD, 0xFF]

    static func mutate(_ bytes: inout [UInt8], _ rng: inout SeededGenerator) {
        // Mostly past the header, where the interesting structure is.
        let position = bytes.count > 8 && rng.chance(15, in: 16) ? 8 + rng.next(below: bytes.count - 8) : rng.next(below: bytes.count)
        // In-place changes (0–2) are drawn twice as often: they keep every size right, so more
        // of them get past the parser and reach the validator.
        switch rng.next(below: 11) {
        case 0, 8: bytes[position] ^= 1 << UInt8(rng.next(below: 8))
        case 1, 9: bytes[position] = rng.pick(interesting)
        case 2, 10: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
        case 3: bytes.insert(rng.pick(interesting), at: position)
        case 4: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: position)
        case 5: if bytes.count > 1 { bytes.remove(at: position) }
        case 6:
            // Duplicate a short run, as a repeated field or section would.
            let end = min(bytes.count, position + rng.next(in: 1...8))
            bytes.insert(contentsOf: bytes[position..<end], at: end)
        default:  // 7
            // Turn a small LEB128 into an overlong one.
            if bytes[position] < 0x80 {
                bytes.replaceSubrange(position...position, with: B.unsigned(UInt64(bytes[position]), paddedTo: rng.next(in: 2...6)))
            } else {
                bytes[position] &= 0x7F
            }
        }
    }

    @Test func randomMutationsNeverCrash() throws {
        let corpus = try Self.corpus()
        for module in corpus { #expect(expectValid(module) != nil) }
        var rng = SeededGenerator(seed: 0x5EED_F00D)
        var valid = 0
        var kinds: [String: Int] = [:]
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for iteration in 0..<8000 {
                var bytes = corpus[iteration % corpus.count]
                for _ in 0..<rng.next(in: 1...3) { Self.mutate(&bytes, &rng) }
                guard let error = moduleError(bytes) else {
                    valid += 1
                    continue
                }
                kinds["\(error.kind)", default: 0] += 1
                if error.offset < 0 || error.offset > bytes.count || error.message.isEmpty {
                    Issue.record("iteration \(iteration): \(error) for a file of \(bytes.count) bytes")
                }
                // The same bytes give the same verdict.
                #expect(moduleError(bytes)?.description == error.description)
            }
        }
        // Both outcomes must occur, or the mutations are not reaching anything.
        #expect(valid > 200, "valid: \(valid), errors: \(kinds)")
        #expect(kinds["malformed", default: 0] > 1000, "\(kinds)")
        #expect(kinds["invalid", default: 0] > 200, "\(kinds)")
        #expect(elapsed < .seconds(60), "8000 mutations took \(elapsed)")
    }

    @Test func everyByteValueAtEveryPositionOfASmallModule() {
        // Exhaustive single-byte substitution over a small module with a body.
        let base = SectionTests.richModule().bytes
        var valid = 0, invalid = 0
        for position in 8..<base.count {
            for value in [UInt8](arrayLiteral: 0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF) where value != base[position] {
                var bytes = base
                bytes[position] = value
                if let error = moduleError(bytes) {
                    #expect(error.offset >= 0 && error.offset <= bytes.count, "\(error)")
                    if error.kind == .invalid { invalid += 1 }
                } else {
                    valid += 1
                }
            }
        }
        #expect(valid > 0 && invalid > 0)
    }
}
