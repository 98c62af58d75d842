import Foundation
import Testing

/// `midimon inspect` and `midimon wast` as a user runs them.
struct InspectAndWastCommandTests {
    @Test func inspectJSONDescribesTheWASIExample() async throws {
        let result = try await Tool.midimon("inspect", "--json", "plugins/examples/chord-wasi-c/chord.wasm")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["error"] == nil)
        let imports = try #require(object["imports"] as? [[String: Any]])
        #expect(imports.contains { $0["module"] as? String == "wasi_snapshot_preview1" && $0["name"] as? String == "fd_write" })
        let exports = try #require(object["exports"] as? [[String: Any]])
        #expect(exports.contains { $0["name"] as? String == "memory" && $0["kind"] as? String == "memory" })
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(sections.contains { $0["id"] as? String == "code" })
        #expect(sections.contains { $0["name"] as? String == "name" })
        #expect((object["operators"] as? Int ?? 0) > 1000)
        let functions = try #require(object["functions"] as? [[String: Any]])
        #expect(functions.contains { $0["name"] as? String == "chord_major" })
    }

    @Test func inspectTextNamesSectionsAndExports() async throws {
        let result = try await Tool.midimon("inspect", "plugins/examples/velocity-wat/velocity.wasm")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid"))
        #expect(result.stdout.contains("func \"on_event\""))
        #expect(result.stdout.contains("table 0: funcref"))
    }

    @Test func inspectOfAMalformedFileFailsWithItsOffset() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write("cut.wasm", ValidateCommandTests.malformed)
        let result = try await Tool.midimon("inspect", file)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(file): offset 0x9: "))
    }

    @Test func wastLastLineIsTheSummary() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let script = """
            (module (func (export "f") (result i32) (i32.const 1)))
            (assert_return (invoke "f") (i32.const 1))
            (assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
            (assert_malformed (module binary "\\00asm" "\\02\\00\\00\\00") "unknown binary version")
            (assert_invalid (module (func (result i32))) "type mismatch")
            """
        let file = try scratch.write("small.wast", Array(script.utf8))
        let result = try await Tool.midimon("wast", file)
        let last = try #require(result.stdoutLines.last)
        #expect(try /^\d+ passed, \d+ failed, \d+ skipped$/.wholeMatch(in: String(last)) != nil)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(last == "5 passed, 0 failed, 0 skipped")
        // Without running code, the assert_return is skipped.
        let frontEnd = try await Tool.midimon("wast", "--front-end-only", file)
        #expect(frontEnd.stdoutLines.last == "4 passed, 0 failed, 1 skipped")
    }

    @Test func wastReportsAFailureByFileAndLine() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        // This module is valid, so claiming it invalid must fail, on line 2; the function
        // returns 1, not 2, so line 3 fails too.
        let script = """
            (module (func (export "one") (result i32) (i32.const 1)))
            (assert_invalid (module (func)) "type mismatch")
            (assert_return (invoke "one") (i32.const 2))

            """
        let file = try scratch.write("wrong.wast", Array(script.utf8))
        let result = try await Tool.midimon("wast", file)
        #expect(result.status == 1)
        #expect(result.stdoutLines.last == "1 passed, 2 failed, 0 skipped")
        #expect(result.stderr.contains("\(file):2: invalid module accepted"))
        #expect(result.stderr.contains("\(file):3: returned [i32:1], expected [i32(2)]"))
    }
}
