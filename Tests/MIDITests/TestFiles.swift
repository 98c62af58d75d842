import Glibc
import MIDI

/// A private temporary folder per test, removed by the caller with `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        var template = Array("/tmp/midimon-midi-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = made.map { String(cString: $0) } ?? "/tmp"
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        bytes.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return target
    }

    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    func read(_ name: String) -> String {
        (try? FileIO.readAll(file(name))).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func remove() {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink("\(path)/\(name)") }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}

/// Builds Standard MIDI Files byte by byte.
enum SMFBuilder {
    static func vlq(_ value: UInt32) -> [UInt8] {
        var bytes = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            bytes.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return bytes
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }

    /// A track from (delta ticks, event bytes) pairs, with End of Track appended.
    static func track(_ events: [(UInt32, [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        for (delta, bytes) in events { body += vlq(delta) + bytes }
        body += [0x00, 0xFF, 0x2F, 0x00]
        return Array("MTrk".utf8) + be32(UInt32(body.count)) + body
    }

    static func file(format: UInt16, division: UInt16, tracks: [[UInt8]]) -> [UInt8] {
        Array("MThd".utf8) + be32(6) + be16(format) + be16(UInt16(tracks.count)) + be16(division) + tracks.flatMap { $0 }
    }

    static func tempo(_ microsPerQuarter: UInt32) -> [UInt8] {
        [0xFF, 0x51, 0x03, UInt8(microsPerQuarter >> 16), UInt8(microsPerQuarter >> 8 & 0xFF), UInt8(microsPerQuarter & 0xFF)]
    }
}
