/// Resource limits of one instance, set by the host.
///
/// Memories and tables the instance defines are created with these limits. One it imports
/// keeps the limit it was created with (by its exporter's configuration, or by the host in
/// ``Memory/init(store:limits:limit:)`` and ``Table/init(store:elementType:limits:initial:limit:)``),
/// and `memory.grow` and `table.grow` executed by this instance also stop at this instance's
/// limits. The stack and the deadline are the store's (``Store/stackBudget``,
/// ``Store/deadline``): instances that call each other share them.
public struct InstanceConfiguration: Sendable {
    /// 128 MiB: plenty for a MIDI plugin, and a runaway `memory.grow` stops early.
    public static let defaultMemoryLimit = 128 << 20
    /// 10,000 elements: a plugin's function tables are small; a runaway `table.grow` stops early.
    public static let defaultTableElementLimit = 10_000

    /// The most bytes a memory may grow to, whatever the module's own maximum (a lower module
    /// maximum wins). `memory.grow` beyond it returns -1; a minimum above it fails
    /// instantiation. Rounded down to whole 64 KiB pages.
    public var memoryLimit: Int
    /// The most elements a table may grow to, likewise.
    public var tableElementLimit: Int

    public init(memoryLimit: Int = defaultMemoryLimit, tableElementLimit: Int = defaultTableElementLimit) {
        self.memoryLimit = memoryLimit
        self.tableElementLimit = tableElementLimit
    }
}
