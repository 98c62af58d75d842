/// Reads the `name` custom section (spec appendix 7.4): the module name, function names and
/// local names. Other subsections (labels, types, … from later proposals) are skipped.
enum NameSectionParser {
    static func parse(bytes: [UInt8], range: Range<Int>) throws(WasmError) -> NameMap {
        var names = NameMap()
        var reader = ByteReader(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        while !reader.isAtEnd {
            let id = try reader.readByte()
            let size = Int(try reader.readU32())
            let sub = try reader.readRange(size)
            var r = ByteReader(bytes: bytes, position: sub.lowerBound, end: sub.upperBound)
            switch id {
            case 0: names.module = try r.readName()
            case 1: names.functions = try readNameMap(&r)
            case 2:
                let count = try r.readCount(minElementSize: 2)
                for _ in 0..<count {
                    let function = try r.readU32()
                    names.locals[function] = try readNameMap(&r)
                }
            default: break
            }
        }
        return names
    }

    private static func readNameMap(_ r: inout ByteReader) throws(WasmError) -> [UInt32: String] {
        let count = try r.readCount(minElementSize: 2)
        var map: [UInt32: String] = [:]
        map.reserveCapacity(count)
        for _ in 0..<count {
            let index = try r.readU32()
            map[index] = try r.readName()
        }
        return map
    }
}
