/// Resource limits of one instance's own memories and tables (imported ones keep theirs).
public struct InstanceConfiguration: Sendable {
    /// 128 MiB: plenty for a MIDI plugin, and a runaway `memory.grow` stops early.
    public static let defaultMemoryLimit = 128 << 20
    public static let defaultTableElementLimit = 10_000_000

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
