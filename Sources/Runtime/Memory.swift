import CRuntimeSupport
import FrontEnd
import Glibc
import PluginABI

/// A linear memory: a fixed reservation of address space (8 GiB + 64 KiB, VMMemory.reservation) whose first `size` bytes are
/// accessible. The base never moves (compiled code may keep it in a register across a
/// `memory.grow` by another instance), so growing is an `mprotect`, never a copy.
///
/// Why 8 GiB: a 32-bit index plus a 32-bit static offset reaches at most 8 GiB past the
/// base, so code compiled with guard pages (``ArtifactABI/CodeFlags/guardPages``) can leave
/// accesses unchecked: anything past `size` is `PROT_NONE` inside our reservation, and the
/// fault handler turns it into a trap. The reservation costs address space only.
final class LinearMemory {
    static let reservationSize = VMMemory.reservation
    static let pageSize = VMMemory.pageSize

    /// The `VMMemory` compiled code reads.
    let descriptor: UnsafeMutablePointer<midimon_vm_memory>
    /// The declared maximum (import matching compares it), not the runtime limit.
    let declaredMaximum: UInt32?
    /// What `grow` may reach: the declared maximum, the limit and 4 GiB, whichever is least.
    let maximumPages: UInt32
    private let region: Int32

    init(limits: Limits, limitBytes: Int) throws(InstantiationError) {
        let limitPages = UInt64(max(limitBytes, 0) / Self.pageSize)
        let maximum = min(UInt64(limits.max ?? MemoryType.maxPages), limitPages, UInt64(MemoryType.maxPages))
        guard UInt64(limits.min) <= maximum else {
            throw InstantiationError(.resourceExhausted,
                "memory of \(limits.min) pages exceeds the limit of \(maximum) pages (\(limitBytes) bytes)")
        }
        guard let base = mmap(nil, Self.reservationSize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
              base != MAP_FAILED else {
            throw InstantiationError(.resourceExhausted, "cannot reserve address space for a memory")
        }
        let initial = Int(limits.min) * Self.pageSize
        if initial > 0 && mprotect(base, initial, PROT_READ | PROT_WRITE) != 0 {
            munmap(base, Self.reservationSize)
            throw InstantiationError(.resourceExhausted, "cannot commit \(initial) bytes of memory")
        }
        descriptor = .allocate(capacity: 1)
        descriptor.initialize(to: midimon_vm_memory(base: base.assumingMemoryBound(to: UInt8.self), size: UInt64(initial)))
        declaredMaximum = limits.max
        maximumPages = UInt32(maximum)
        // A full region table only means faults here are not traps; code compiled with
        // explicit bounds checks never faults, so this is not worth failing for.
        region = midimon_register_region(base, Self.reservationSize)
    }

    deinit {
        midimon_unregister_region(region)
        munmap(base, Self.reservationSize)
        descriptor.deallocate()
    }

    var base: UnsafeMutableRawPointer { UnsafeMutableRawPointer(descriptor.pointee.base) }
    var byteCount: Int { Int(descriptor.pointee.size) }
    var pageCount: UInt32 { UInt32(descriptor.pointee.size / UInt64(Self.pageSize)) }

    /// `memory.grow`: the old size in pages, or -1 past the maximum or when the system
    /// refuses. Fresh pages of an anonymous mapping read as zero, as the spec requires.
    func grow(by delta: UInt32) -> Int32 {
        let old = pageCount
        guard delta > 0 else { return Int32(bitPattern: old) }
        let new = UInt64(old) + UInt64(delta)
        guard new <= UInt64(maximumPages) else { return -1 }
        guard mprotect(base + byteCount, Int(delta) * Self.pageSize, PROT_READ | PROT_WRITE) == 0 else { return -1 }
        descriptor.pointee.size = new * UInt64(Self.pageSize)
        return Int32(bitPattern: old)
    }

    /// Whether [offset, offset + count) is accessible (a zero count at the end is).
    @inline(__always)
    func contains(_ offset: UInt64, _ count: UInt64) -> Bool {
        offset + count <= descriptor.pointee.size
    }
}

/// A linear memory that can be exported, imported into other instances of the same store, or
/// created by the host.
public struct Memory: @unchecked Sendable {
    /// The store whose instances may import it; the handle keeps it alive.
    public let store: Store
    let storage: LinearMemory

    init(store: Store, storage: LinearMemory) {
        self.store = store
        self.storage = storage
    }

    /// A memory for instances of `store` to import. `limits` are in 64 KiB pages.
    public init(store: Store, limits: Limits, limit: Int = InstanceConfiguration.defaultMemoryLimit) throws(InstantiationError) {
        self.init(store: store, storage: try LinearMemory(limits: limits, limitBytes: limit))
    }

    /// Current size in pages and declared maximum: what import matching compares.
    public var limits: Limits { Limits(min: storage.pageCount, max: storage.declaredMaximum) }
    public var pageCount: Int { Int(storage.pageCount) }
    public var byteCount: Int { storage.byteCount }

    /// Grows by `pages`; the old page count, or nil past the maximum.
    public func grow(by pages: UInt32) -> UInt32? {
        let old = storage.grow(by: pages)
        return old < 0 ? nil : UInt32(old)
    }

    /// The accessible bytes. Do not keep the buffer: a grow changes its size (not its base).
    public func withUnsafeMutableBytes<R, E: Error>(_ body: (UnsafeMutableRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeMutableRawBufferPointer(start: storage.base, count: storage.byteCount))
    }

    /// A copy of `count` bytes at `offset`, or nil when out of bounds.
    public func read(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, storage.contains(UInt64(offset), UInt64(count)) else { return nil }
        return Array(UnsafeRawBufferPointer(start: storage.base + offset, count: count))
    }

    /// Writes `bytes` at `offset`; false (and nothing written) when out of bounds.
    @discardableResult
    public func write(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, storage.contains(UInt64(offset), UInt64(bytes.count)) else { return false }
        bytes.withUnsafeBytes { source in
            if let start = source.baseAddress { (storage.base + offset).copyMemory(from: start, byteCount: source.count) }
        }
        return true
    }
}
