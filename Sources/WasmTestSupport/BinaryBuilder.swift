/// A tiny encoder for hand-made binary modules (spec §5), for tests and benchmarks.
///
/// Unlike a text assembler it writes whatever it is told: overlong or overflowing LEB128s,
/// section sizes that lie, names that are not UTF-8, counts that promise more than follows.
/// Every helper returns plain bytes, so a test composes a module by concatenation:
///
/// ```swift
/// let bytes = BinaryBuilder.module(
///     BinaryBuilder.section(.type, BinaryBuilder.vector([BinaryBuilder.functionType([], [.i32])])),
///     BinaryBuilder.section(.function, BinaryBuilder.vector([BinaryBuilder.unsigned(0)])),
///     BinaryBuilder.section(.code, BinaryBuilder.vector([BinaryBuilder.functionBody([0x41, 0x07, 0x0B])])))
/// ```
///
/// Nothing here checks what it writes; that is the job of the code under test.
public enum BinaryBuilder {
    /// Section ids (binary §5.5.2). Any other id can be written with ``section(id:_:declaredSize:)``.
    public enum Section: UInt8, Sendable {
        case custom = 0, type, `import`, function, table, memory, global, export, start, element, code, data, dataCount
    }

    /// Value type encodings (binary §5.3), `v128` included so that tests can write it.
    public enum ValueType: UInt8, Sendable {
        case i32 = 0x7F
        case i64 = 0x7E
        case f32 = 0x7D
        case f64 = 0x7C
        case v128 = 0x7B
        case funcref = 0x70
        case externref = 0x6F
    }

    /// `\0asm`, the first four bytes of every module.
    public static let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6D]

    /// The eight-byte preamble: magic, then the version as a little-endian `u32`.
    public static func header(version: UInt32 = 1) -> [UInt8] {
        magic + [UInt8(version & 0xFF), UInt8(version >> 8 & 0xFF), UInt8(version >> 16 & 0xFF), UInt8(version >> 24)]
    }

    /// A whole module: the header followed by the given sections (or any bytes) in order.
    public static func module(_ sections: [UInt8]...) -> [UInt8] {
        module(sections)
    }

    /// A whole module: the header followed by the given sections (or any bytes) in order.
    public static func module(_ sections: [[UInt8]]) -> [UInt8] {
        header() + sections.flatMap { $0 }
    }

    // MARK: - LEB128

    /// Unsigned LEB128 of `value`. With `paddedTo`, the encoding is stretched to that many
    /// bytes with `0x80` continuation bytes and a final `0x00`, which is how an *overlong* form
    /// is written (`unsigned(0, paddedTo: 5)` is `80 80 80 80 00`). A `paddedTo` shorter than
    /// the minimal encoding is ignored.
    public static func unsigned(_ value: UInt64, paddedTo length: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        appendUnsigned(value, paddedTo: length, to: &out)
        return out
    }

    /// Signed LEB128 of `value`; with `paddedTo`, stretched with sign-extension bytes
    /// (`0x80`… then `0x00` for non-negative values, `0xFF`… then `0x7F` for negative ones).
    public static func signed(_ value: Int64, paddedTo length: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        appendSigned(value, paddedTo: length, to: &out)
        return out
    }

    /// Appends ``unsigned(_:paddedTo:)`` to `out` without building a temporary array.
    public static func appendUnsigned(_ value: UInt64, paddedTo length: Int = 0, to out: inout [UInt8]) {
        var v = value
        var written = 0
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            written += 1
            if v != 0 || written < length { byte |= 0x80 }
            out.append(byte)
        } while v != 0
        while written < length {
            written += 1
            out.append(written < length ? 0x80 : 0x00)
        }
    }

    /// Appends ``signed(_:paddedTo:)`` to `out` without building a temporary array.
    public static func appendSigned(_ value: Int64, paddedTo length: Int = 0, to out: inout [UInt8]) {
        var v = value
        var written = 0
        while true {
            let byte = UInt8(v & 0x7F)
            v >>= 7  // arithmetic shift: keeps the sign
            written += 1
            let done = (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0)
            if done {
                out.append(written < length ? byte | 0x80 : byte)
                break
            }
            out.append(byte | 0x80)
        }
        let fill: UInt8 = value < 0 ? 0x7F : 0x00
        while written < length {
            written += 1
            out.append(written < length ? fill | 0x80 : fill)
        }
    }

    // MARK: - Composite values

    /// A name: its byte length as a `u32`, then its UTF-8 bytes.
    public static func name(_ text: String) -> [UInt8] {
        name(bytes: Array(text.utf8))
    }

    /// A name from raw bytes, which need not be valid UTF-8.
    public static func name(bytes: [UInt8]) -> [UInt8] {
        unsigned(UInt64(bytes.count)) + bytes
    }

    /// A vector: the element count as a `u32`, then the elements. Pass `count` to declare a
    /// different number of elements than are actually written.
    public static func vector(_ items: [[UInt8]], count: UInt32? = nil) -> [UInt8] {
        var out = unsigned(UInt64(count ?? UInt32(items.count)))
        for item in items { out += item }
        return out
    }

    /// A section: its id, its size as a `u32`, then `contents`. The size is computed unless
    /// `declaredSize` is given, which lets a test lie about it; `sizePaddedTo` writes the size
    /// in an overlong form.
    public static func section(_ id: Section, _ contents: [UInt8], declaredSize: Int? = nil, sizePaddedTo: Int = 0) -> [UInt8] {
        section(id: id.rawValue, contents, declaredSize: declaredSize, sizePaddedTo: sizePaddedTo)
    }

    /// A section with a raw id byte, for ids the format does not define.
    public static func section(id: UInt8, _ contents: [UInt8], declaredSize: Int? = nil, sizePaddedTo: Int = 0) -> [UInt8] {
        [id] + unsigned(UInt64(declaredSize ?? contents.count), paddedTo: sizePaddedTo) + contents
    }

    /// A custom section (id 0): its name, then arbitrary payload bytes.
    public static func customSection(_ sectionName: String, _ payload: [UInt8] = []) -> [UInt8] {
        section(.custom, name(sectionName) + payload)
    }

    /// A function type: `0x60`, the parameter types, the result types.
    public static func functionType(_ parameters: [ValueType], _ results: [ValueType]) -> [UInt8] {
        [0x60] + vector(parameters.map { [$0.rawValue] }) + vector(results.map { [$0.rawValue] })
    }

    /// A code-section entry: the body size, the local declarations (run-length groups), then
    /// `code`, which must include the function's final `end` (`0x0B`) if it is to have one.
    public static func functionBody(locals: [(count: UInt32, type: ValueType)] = [], _ code: [UInt8]) -> [UInt8] {
        var body = unsigned(UInt64(locals.count))
        for group in locals { body += unsigned(UInt64(group.count)) + [group.type.rawValue] }
        body += code
        return unsigned(UInt64(body.count)) + body
    }

    /// Limits (binary §5.3.7): flag `0x00` and a minimum, or flag `0x01`, minimum and maximum.
    public static func limits(min: UInt32, max: UInt32? = nil) -> [UInt8] {
        if let max { return [0x01] + unsigned(UInt64(min)) + unsigned(UInt64(max)) }
        return [0x00] + unsigned(UInt64(min))
    }
}
