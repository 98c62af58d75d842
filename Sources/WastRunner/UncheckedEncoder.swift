#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes text modules that WasmKit's encoder refuses because they are *invalid* (an index
/// out of range, say) although they have a perfectly good binary form. wabt's
/// `wat2wasm --no-check` writes that binary without validating, which is how the spec suite's
/// own `wast2json` produces the binaries of `assert_invalid` cases. midimon's validator then
/// judges the result, so the case still tests midimon.
enum UncheckedEncoder {
    /// The `(module ...)` text inside the directive that starts at `line`:`column` (1-based).
    static func moduleText(in lines: [Substring], line: Int, column: Int) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        let tail = lines[(line - 1)...].joined(separator: "\n")
        let text = Array(tail.utf8.dropFirst(max(column - 1, 0)))
        // Find the first "(module" after the directive's own opening parenthesis.
        var i = 1
        while i < text.count {
            if text[i] == UInt8(ascii: "("), text[i...].starts(with: Array("(module".utf8)) { break }
            i += 1
        }
        guard i < text.count, let end = matchingParenthesis(text, from: i) else { return nil }
        return String(decoding: text[i...end], as: UTF8.self)
    }

    /// Index of the `)` closing the `(` at `start`, skipping strings and comments.
    static func matchingParenthesis(_ text: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var i = start
        while i < text.count {
            let c = text[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                while i < text.count && text[i] != UInt8(ascii: "\"") {
                    if text[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            } else if c == UInt8(ascii: ";"), i + 1 < text.count, text[i + 1] == UInt8(ascii: ";") {
                while i < text.count && text[i] != UInt8(ascii: "\n") { i += 1 }
            } else if c == UInt8(ascii: "("), i + 1 < text.count, text[i + 1] == UInt8(ascii: ";") {
                var nesting = 1
                i += 2
                while i + 1 < text.count && nesting > 0 {
                    if text[i] == UInt8(ascii: "("), text[i + 1] == UInt8(ascii: ";") { nesting += 1; i += 1 }
                    else if text[i] == UInt8(ascii: ";"), text[i + 1] == UInt8(ascii: ")") { nesting -= 1; i += 1 }
                    i += 1
                }
                continue
            } else if c == UInt8(ascii: "(") {
                depth += 1
            } else if c == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// Runs `wat2wasm --no-check` on `text`; nil when wabt is missing or rejects the text.
    static func encode(_ text: String) -> [UInt8]? {
        let directory = "/tmp/midimon-wast-\(getpid())"
        mkdir(directory, 0o700)
        let input = "\(directory)/module.wat"
        let output = "\(directory)/module.wasm"
        defer {
            unlink(input)
            unlink(output)
            rmdir(directory)
        }
        guard write(text, to: input) else { return nil }
        guard run(["wat2wasm", "--no-check", input, "-o", output]) == 0, let bytes = read(output) else { return nil }
        return addingDataCount(bytes)
    }

    /// wabt 1.0.32 leaves out the data count section when a module has no data segments, even
    /// if its code names data segments; the spec's encoder always writes it then (binary
    /// §5.5.16), so without it the binary would be malformed rather than invalid. Adds it
    /// (count = number of data segments) before the code section when it is missing.
    static func addingDataCount(_ bytes: [UInt8]) -> [UInt8] {
        var position = 8
        var codeSection: Int?
        var dataSegments = 0
        while position < bytes.count {
            let id = bytes[position]
            var size = 0
            var shift = 0
            var p = position + 1
            while p < bytes.count {
                size |= Int(bytes[p] & 0x7F) << shift
                shift += 7
                p += 1
                if bytes[p - 1] & 0x80 == 0 { break }
            }
            switch id {
            case 12: return bytes
            case 10: codeSection = position
            case 11 where p < bytes.count: dataSegments = Int(bytes[p] & 0x7F)  // small counts only
            default: break
            }
            position = p + size
        }
        guard let codeSection, dataSegments < 0x80 else { return bytes }
        return Array(bytes[..<codeSection]) + [12, 1, UInt8(dataSegments)] + Array(bytes[codeSection...])
    }

    private static func write(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        let bytes = Array(text.utf8)
        return fwrite(bytes, 1, bytes.count, file) == bytes.count
    }

    private static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        return result
    }

    /// posix_spawn, not Foundation's Process, which costs tens of milliseconds per launch.
    private static func run(_ arguments: [String]) -> Int32 {
        var pid = pid_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED/WEXITSTATUS are macros Swift cannot import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}
