@testable import FrontEnd
import Foundation
import Testing
import WasmTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The opcode table (`Utilities/instructions.txt`), the generated file made from it, and what
/// the decoder does with bytes that are no operator.
@Suite struct OpcodeTests {
    /// One row of `Utilities/instructions.txt`.
    struct Row: CustomStringConvertible {
        var code: UInt16
        var name: String
        var immediates: String
        var signature: String
        var feature: String
        var access: Int

        var description: String { name }
        var encoding: [UInt8] { code < 0x100 ? [UInt8(code)] : [0xFC] + B.unsigned(UInt64(code & 0xFF)) }
    }

    /// The table, read straight from the text file so these tests do not trust the generated Swift.
    static let rows: [Row] = {
        let text = (try? String(contentsOfFile: packageRoot() + "/Utilities/instructions.txt", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].split(separator: " ")
            guard fields.count == 6, let code = UInt16(fields[0].dropFirst(2), radix: 16) else { return nil }
            return Row(code: code, name: String(fields[1]), immediates: String(fields[2]), signature: String(fields[3]),
                       feature: String(fields[4]), access: Int(fields[5]) ?? 0)
        }
    }()

    @Test func tableAndGeneratedEnumAgree() {
        #expect(Self.rows.count > 190, "could not read Utilities/instructions.txt from \(packageRoot())")
        #expect(Self.rows.count == Opcode.allCases.count)
        for row in Self.rows {
            #expect(Opcode(rawValue: row.code)?.name == row.name, "\(row.name)")
        }
    }

    /// The immediates of `row` in their shortest valid form (indices 0, natural alignment).
    static func immediates(_ row: Row) -> [UInt8]? {
        switch row.immediates {
        case "none": []
        case "memarg": B.unsigned(UInt64(row.access.trailingZeroBitCount)) + [0x00]
        case "memory", "i32", "i64", "label", "function", "local", "global", "table", "data", "element": [0x00]
        case "f32": [0x00, 0x00, 0x00, 0x00]
        case "f64": [UInt8](repeating: 0, count: 8)
        case "blockType": [0x40]
        case "brTable": [0x01, 0x00, 0x00]
        case "callIndirect", "memoryInit", "memoryCopy", "tableInit", "tableCopy": [0x00, 0x00]
        case "selectTypes": [0x01, 0x7F]
        case "refType": [0x70]
        default: nil
        }
    }

    @Test(arguments: rows)
    func everyOpcodeDecodes(_ row: Row) throws {
        guard let immediates = Self.immediates(row) else {
            Issue.record("no test encoding for immediates \(row.immediates) of \(row.name)")
            return
        }
        let bytes = row.encoding + immediates
        var decoder = InstructionDecoder(reader: ByteReader(bytes: bytes), hasDataCount: true)
        let instruction = try decoder.decode()
        #expect(instruction.opcode.rawValue == row.code)
        #expect(instruction.offset == 0)
        #expect(decoder.reader.position == bytes.count, "\(row.name) left \(bytes.count - decoder.reader.position) bytes")
    }

    /// A body that uses `row`'s operator in a valid context, for the module of ``contextModule``.
    static func validUse(of row: Row) -> [UInt8]? {
        guard let immediates = immediates(row) else { return nil }
        let op = row.encoding + immediates
        let i32: [UInt8] = [0x41, 0x00]
        let nullFunc: [UInt8] = [0xD0, 0x70]
        if row.signature != "special" {
            let parts = row.signature.split(separator: "-", omittingEmptySubsequences: false)
            let params = parts[0].split(separator: ",")
            let hasResult = parts.count > 1 && !parts[1].dropFirst().isEmpty
            var code: [UInt8] = []
            for p in params {
                switch p {
                case "i32": code += i32
                case "i64": code += [0x42, 0x00]
                case "f32": code += [0x43, 0, 0, 0, 0]
                case "f64": code += [0x44] + [UInt8](repeating: 0, count: 8)
                default: return nil
                }
            }
            return code + op + (hasResult ? [0x1A] : [])
        }
        switch row.name {
        case "unreachable", "nop", "return": return op
        case "end": return []  // the body's own end
        case "block", "loop": return op + [0x0B]
        case "if": return i32 + op + [0x0B]
        case "else": return i32 + [0x04, 0x40] + op + [0x0B]
        case "br": return [0x02, 0x40] + op + [0x0B]
        case "br_if", "br_table": return [0x02, 0x40] + i32 + op + [0x0B]
        case "call": return op
        case "call_indirect": return i32 + op
        case "drop": return i32 + op
        case "select", "select_typed": return i32 + i32 + i32 + op + [0x1A]
        case "local.get", "global.get": return op + [0x1A]
        case "table.get": return i32 + op + [0x1A]
        case "local.set", "global.set": return i32 + op
        case "local.tee": return i32 + op + [0x1A]
        case "table.set": return i32 + nullFunc + op
        case "ref.null", "ref.func": return op + [0x1A]
        case "ref.is_null": return nullFunc + op + [0x1A]
        case "memory.init", "memory.copy", "memory.fill", "table.init", "table.copy": return i32 + i32 + i32 + op
        case "data.drop", "elem.drop": return op
        case "table.grow": return nullFunc + i32 + op + [0x1A]
        case "table.size": return op + [0x1A]
        case "table.fill": return i32 + nullFunc + i32 + op
        default: return nil
        }
    }

    /// Everything an operator may refer to at index 0: a function of type [] -> [] (declared
    /// for `ref.func` by its export), a funcref table, a memory, a mutable i32 global, an i32
    /// local, a passive element segment and a passive data segment.
    static func contextModule(_ code: [UInt8]) -> [UInt8] {
        var spec = ModuleSpec()
        spec.tables = [[0x70] + B.limits(min: 1)]
        spec.memories = [B.limits(min: 1)]
        spec.globals = [global(.i32, mutable: true, [0x41, 0x00, 0x0B])]
        spec.exports = [export("f")]
        spec.elements = [[0x01, 0x00, 0x01, 0x00]]
        spec.dataCount = 1
        spec.locals = [(1, .i32)]
        spec.code = code + [0x0B]
        spec.data = [[0x01, 0x01, 0x2A]]
        return spec.bytes
    }

    /// Every operator in the table validates in a context made for it, so none reaches the
    /// validator's "neither a signature nor a rule" trap, and its feature is reported.
    @Test(arguments: rows)
    func everyOpcodeValidatesInContext(_ row: Row) {
        guard let code = Self.validUse(of: row) else {
            Issue.record("no valid context written for \(row.name) (\(row.signature)); add one to validUse(of:)")
            return
        }
        guard let (_, summary) = expectValid(Self.contextModule(code)) else { return }
        if row.feature != "mvp" {
            #expect(summary.features.proposals.map(\.rawValue).contains(row.feature), "\(row.name)")
        }
        // And it is checked: the same use with an f64 where the first operand goes fails.
        if row.signature.hasPrefix("i32"), code.starts(with: [0x41, 0x00]) {
            let wrong = [0x44] + [UInt8](repeating: 0, count: 8) + code.dropFirst(2)
            #expect(moduleError(Self.contextModule(wrong))?.kind == .invalid, "\(row.name) accepted an f64 for an i32")
        }
    }

    @Test func unknownOneByteOpcodesAreMalformed() {
        let known = Set(Opcode.allCases.map(\.rawValue))
        var count = 0
        for byte in UInt8.min...UInt8.max where !known.contains(UInt16(byte)) && byte != 0xFC && byte != 0xFD {
            let (bytes, start) = function([0x01, byte, 0x0B]).build()
            expectError(bytes, .malformed, at: start + 1, "illegal opcode 0x\(String(byte, radix: 16))")
            count += 1
        }
        // 256 byte values, minus the 0xFC and 0xFD prefixes, minus the one-byte operators.
        #expect(count == 254 - Opcode.allCases.filter { $0.rawValue < 0x100 }.count)
        #expect(count > 40)
    }

    @Test func unknownFCOpcodesAreMalformed() {
        let known = Set(Opcode.allCases.filter { $0.rawValue >= 0xFC00 }.map { UInt32($0.rawValue & 0xFF) })
        let unknown = (0..<0x40).filter { !known.contains($0) } + [0x7F, 0xFF, 0x100, 0x3FFF, 0xFFFF_FFFF]
        #expect(unknown.contains(0x12))
        for sub in unknown {
            let (bytes, start) = function([0xFC] + B.unsigned(UInt64(sub)) + [0x0B]).build()
            expectError(bytes, .malformed, at: start, "illegal opcode 0xfc \(sub)")
        }
        // The sub-opcode is a u32 LEB128: padded forms are fine, six bytes are not.
        let truncSat: [UInt8] = [0x43, 0, 0, 0, 0, 0xFC, 0x80, 0x80, 0x00, 0x1A, 0x0B]
        expectValid(function(truncSat).bytes)
        let (long, start) = function([0xFC, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B]).build()
        expectError(long, .malformed, at: start + 1, "integer representation too long")
        let (truncated, tStart) = function([0xFC]).build()
        expectError(truncated, .malformed, at: tStart + 1, "unexpected end")
    }

    @Test func simdIsUnsupportedWherever() {
        let message = "SIMD is not supported yet"
        // An operator with the 0xFD prefix (v128.const).
        let (body, start) = function([0xFD, 0x0C] + [UInt8](repeating: 0, count: 16) + [0x1A, 0x0B]).build()
        expectError(body, .unsupported, at: start, message)
        // v128 as a parameter: type section id 8, size 9, count 10, 0x60 at 11, count 12, type 13.
        expectError(B.module(B.section(.type, B.vector([B.functionType([.v128], [])]))), .unsupported, at: 13, message)
        expectError(B.module(B.section(.type, B.vector([B.functionType([], [.i32, .v128])]))), .unsupported, at: 15, message)
        // As a local: the type byte just before the first instruction.
        let (local, localStart) = function([0x0B], locals: [(1, .v128)]).build()
        expectError(local, .unsupported, at: localStart - 1, message)
        // As a global's type (id 8, size 9, count 10, type 11) and an imported global's.
        expectError(B.module(B.section(.global, [0x01, 0x7B, 0x00, 0x0B])), .unsupported, at: 11, message)
        expectError(B.module(B.section(.import, [0x01] + B.name("m") + B.name("g") + [0x03, 0x7B, 0x00])), .unsupported, at: 16, message)
        // As a block type and as the type of a typed select.
        let (block, blockStart) = function([0x02, 0x7B, 0x0B, 0x0B]).build()
        expectError(block, .unsupported, at: blockStart + 1, message)
        let (select, selectStart) = function([0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x1C, 0x01, 0x7B, 0x1A, 0x0B]).build()
        expectError(select, .unsupported, at: selectStart + 8, message)
    }

    @Test func generatedOpcodeFileIsFresh() {
        let root = packageRoot()
        let status = spawnAndWait(["python3", "Utilities/generate-instructions.py", "--check"], in: root)
        // And the check can fail: a table that does not exist is an error, not a pass.
        #expect(spawnAndWait(["python3", "-c", "import sys; sys.exit(3)"], in: root) == 3)
        #expect(status == 0, "Utilities/generate-instructions.py --check exited with \(status) in \(root)")
    }
}

/// The package root, three levels above this file (`Tests/FrontEndTests/<file>.swift`).
func packageRoot(_ filePath: String = #filePath) -> String {
    var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}

/// Runs `arguments` (the program is looked up on PATH) in `directory` with `posix_spawnp`, and
/// returns its exit status, or -1 if it could not start or did not exit normally.
///
/// Foundation's `Process` is avoided on purpose (slow to start, and it has had threading bugs
/// on Linux under parallel tests). The test process cannot `chdir` either, since tests run in
/// parallel, and Glibc's `posix_spawn_file_actions_addchdir_np` is not visible to Swift, so
/// `/bin/sh` changes directory in the child and then `exec`s the program.
func spawnAndWait(_ arguments: [String], in directory: String) -> Int32 {
    let command = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", directory] + arguments
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid = pid_t()
    guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
        if errno != EINTR { return -1 }
    }
    // WIFEXITED and WEXITSTATUS are macros Swift does not import.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
}
