/// The caller's linear memory as a WASI call sees it: every pointer the guest passes is
/// checked against the memory's current size before the host touches it, and one that does
/// not fit is `EFAULT`, never a host crash. A module without a memory has an empty one.
///
/// Values are little-endian, as WebAssembly stores them, and need no alignment.
struct GuestMemory {
    let bytes: UnsafeMutableRawBufferPointer

    /// The bytes `[pointer, pointer + count)`, or `EFAULT`. The sum is computed in 64 bits so
    /// that a pointer near 4 GiB plus a large count cannot wrap into range.
    func buffer(at pointer: UInt32, count: UInt32) throws(WASIErrno) -> UnsafeMutableRawBufferPointer {
        guard UInt64(pointer) + UInt64(count) <= UInt64(bytes.count) else { throw .fault }
        guard count > 0 else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        return UnsafeMutableRawBufferPointer(rebasing: bytes[Int(pointer) ..< Int(pointer) + Int(count)])
    }

    func load<T: FixedWidthInteger>(_: T.Type, at pointer: UInt32) throws(WASIErrno) -> T {
        let slot = try buffer(at: pointer, count: UInt32(MemoryLayout<T>.size))
        return T(littleEndian: slot.loadUnaligned(as: T.self))
    }

    func store<T: FixedWidthInteger>(_ value: T, at pointer: UInt32) throws(WASIErrno) {
        let slot = try buffer(at: pointer, count: UInt32(MemoryLayout<T>.size))
        slot.storeBytes(of: value.littleEndian, as: T.self)
    }

    /// Copies `source` to `pointer`.
    func write(_ source: some Collection<UInt8>, at pointer: UInt32) throws(WASIErrno) {
        guard source.count <= Int(UInt32.max) else { throw .fault }
        let target = try buffer(at: pointer, count: UInt32(source.count))
        _ = target.initializeMemory(as: UInt8.self, from: source)
    }

    /// The guest's string at `pointer` (a path): `EFAULT` out of bounds, `EILSEQ`-like
    /// `EINVAL` for bytes that are not UTF-8 or contain NUL, which no host path may hold.
    func string(at pointer: UInt32, count: UInt32) throws(WASIErrno) -> String {
        let raw = try buffer(at: pointer, count: count)
        guard !raw.contains(0), let text = String(validating: raw, as: UTF8.self) else { throw .invalid }
        return text
    }

    /// The `iovec`/`ciovec` array at `pointer` (`count` records of `buf: u32, buf_len: u32`),
    /// each buffer bounds-checked before any is used.
    func vectors(at pointer: UInt32, count: UInt32) throws(WASIErrno) -> [UnsafeMutableRawBufferPointer] {
        _ = try buffer(at: pointer, count: count.multipliedReportingOverflow(by: 8).overflow ? .max : count * 8)
        var result: [UnsafeMutableRawBufferPointer] = []
        result.reserveCapacity(Int(count))
        for i in 0 ..< count {
            let record = pointer + i * 8
            let start = try load(UInt32.self, at: record)
            let length = try load(UInt32.self, at: record + 4)
            result.append(try buffer(at: start, count: length))
        }
        return result
    }
}
