/// The immediates of one operator. Which fields are meaningful depends on the opcode's
/// ``ImmediateKind``; the struct is plain data so decoding allocates nothing.
public struct Immediates: Sendable {
    /// Label, function, local, global, table, type (`call_indirect`), data or element index;
    /// the default label of `br_table`; the destination table of `table.copy`; the element
    /// segment of `table.init`; the number of types of a typed `select`.
    public var index: UInt32 = 0
    /// The table of `call_indirect` and `table.init`; the source table of `table.copy`.
    public var index2: UInt32 = 0
    /// Constants as bit patterns (`i32.const` sign-extended to 64 bits).
    public var bits: UInt64 = 0
    public var memoryOffset: UInt32 = 0
    /// log2 of the alignment hint.
    public var alignment: UInt32 = 0
    public var blockType: BlockType = .empty
    /// The type of `ref.null` and of a typed `select`.
    public var valueType: ValueType = .i32
}

/// One decoded operator: what it is, where it starts, and its immediates.
public struct Instruction: Sendable {
    /// The operator's row of the opcode table.
    public var info: OpcodeInfo
    /// Byte offset of the opcode in the module file.
    public var offset: Int
    public var immediates: Immediates

    public var opcode: Opcode { info.opcode }
}

/// Decodes operators one at a time from a function body or constant expression, reading
/// immediates as the opcode table says. `br_table` targets go to a buffer the decoder owns
/// and reuses, so a steady decode loop allocates nothing.
package struct InstructionDecoder {
    package var reader: ByteReader
    /// Targets of the last `br_table`, default excluded (it is `immediates.index`).
    package private(set) var branchTargets: [UInt32] = []
    /// Whether the module has a data count section; `memory.init` and `data.drop` need one.
    let hasDataCount: Bool

    package init(reader: ByteReader, hasDataCount: Bool) {
        self.reader = reader
        self.hasDataCount = hasDataCount
    }

    package var isAtEnd: Bool { reader.isAtEnd }

    package mutating func decode() throws(WasmError) -> Instruction {
        let offset = reader.position
        let first = try reader.readByte()
        let found: OpcodeInfo?
        switch first {
        case 0xFC:
            let sub = try reader.readU32()
            found = sub < OpcodeInfo.prefixedFC.count ? OpcodeInfo.prefixedFC[Int(sub)] : nil
            guard found != nil else { throw .malformed("illegal opcode 0xfc \(sub)", at: offset) }
        case 0xFD:
            throw .simd(at: offset)
        default:
            found = OpcodeInfo.oneByte[Int(first)]
        }
        guard let info = found else {
            throw .malformed("illegal opcode 0x\(String(first, radix: 16))", at: offset)
        }
        var imm = Immediates()
        switch info.immediates {
        case .none:
            break
        case .blockType:
            imm.blockType = try readBlockType()
        case .label, .function, .local, .global, .table, .data, .element:
            imm.index = try reader.readU32()
        case .brTable:
            let count = try reader.readCount()
            branchTargets.removeAll(keepingCapacity: true)
            for _ in 0..<count { branchTargets.append(try reader.readU32()) }
            imm.index = try reader.readU32()
        case .callIndirect:
            imm.index = try reader.readU32()
            // A LEB128 since reference types; `0x80 0x00` (LLVM 20+) is table 0.
            imm.index2 = try reader.readU32()
        case .memarg:
            let at = reader.position
            imm.alignment = try reader.readU32()
            // 2^32 and beyond is no alignment; bit 6 would announce a memory index (multi-memory).
            guard imm.alignment < 32 else { throw .malformed("malformed memop flags: alignment exponent \(imm.alignment)", at: at) }
            imm.memoryOffset = try reader.readU32()
        case .memory:
            try readZeroByte()
        case .i32:
            imm.bits = UInt64(bitPattern: Int64(try reader.readS32()))
        case .i64:
            imm.bits = UInt64(bitPattern: try reader.readS64())
        case .f32:
            imm.bits = UInt64(try reader.readFixedU32())
        case .f64:
            imm.bits = try reader.readFixedU64()
        case .selectTypes:
            let count = try reader.readCount()
            imm.index = UInt32(count)
            for i in 0..<count {
                let t = try reader.readValueType()
                if i == 0 { imm.valueType = t }
            }
        case .refType:
            imm.valueType = try reader.readReferenceType()
        case .memoryInit:
            imm.index = try reader.readU32()
            try readZeroByte()
        case .memoryCopy:
            try readZeroByte()
            try readZeroByte()
        case .tableInit, .tableCopy:
            imm.index = try reader.readU32()
            imm.index2 = try reader.readU32()
        }
        if (info.opcode == .memoryInit || info.opcode == .dataDrop) && !hasDataCount {
            throw .malformed("data count section required", at: offset)
        }
        return Instruction(info: info, offset: offset, immediates: imm)
    }

    /// Reserved memory indices are a single zero byte in WebAssembly 2.0 (not a LEB128).
    private mutating func readZeroByte() throws(WasmError) {
        let at = reader.position
        guard try reader.readByte() == 0 else { throw .malformed("zero byte expected", at: at) }
    }

    private mutating func readBlockType() throws(WasmError) -> BlockType {
        let at = reader.position
        let b = try reader.peekByte()
        if b == 0x40 {
            reader.position += 1
            return .empty
        }
        if let t = ValueType(rawValue: b) {
            reader.position += 1
            return .value(t)
        }
        if b == 0x7B { throw .simd(at: at) }
        let index = try reader.readS33()
        guard index >= 0 else { throw .malformed("malformed block type", at: at) }
        guard index <= Int64(UInt32.max) else { throw .invalid("unknown type \(index)", at: at) }
        return .typeIndex(UInt32(index))
    }

    /// Decodes up to and including the `end` that closes the current expression, checking
    /// only the encoding. Used for constant expressions while parsing and for the sweep that
    /// makes a malformed body win over an invalid one, as the spec orders them.
    package mutating func skipExpression() throws(WasmError) {
        var depth = 0
        while true {
            let instruction = try decode()
            switch instruction.opcode {
            case .block, .loop, .if: depth += 1
            case .end:
                if depth == 0 { return }
                depth -= 1
            default: break
            }
        }
    }
}
