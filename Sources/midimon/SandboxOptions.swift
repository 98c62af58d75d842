import ArgumentParser
import Runtime

/// The limits `midimon run` sets on the store and the instance: memory, tables, native stack,
/// wall-clock time per call and fuel. Values are read as text so that a bad one gets an error
/// that names its option and says what is expected.
struct SandboxOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Largest linear memory in bytes; memory.grow past it returns -1 (suffixes K, M, G; default 128M).",
        valueName: "bytes"))
    var memoryLimit: String?

    @Option(name: .long, help: ArgumentHelp(
        "Most elements a table may hold; table.grow past it returns -1 (default 10000).",
        valueName: "n"))
    var tableLimit: String?

    @Option(name: .long, help: ArgumentHelp(
        "Native stack for WebAssembly code in bytes; deeper calls trap (suffixes K, M, G; default 512K).",
        valueName: "bytes"))
    var stackLimit: String?

    @Option(name: .long, help: ArgumentHelp(
        "Wall-clock seconds the call may take before it traps; 0 for no limit (default 5).",
        valueName: "seconds"))
    var timeout: String?

    @Option(name: .long, help: ArgumentHelp(
        "Fuel budget: WebAssembly operators the code may execute before it traps (default: unlimited).",
        valueName: "n"))
    var fuel: String?

    /// The options' values, defaults filled in.
    struct Limits {
        var memory = InstanceConfiguration.defaultMemoryLimit
        var tableElements = InstanceConfiguration.defaultTableElementLimit
        var stack = Store.defaultStackBudget
        var deadline: Duration? = Store.defaultDeadline
        var fuel = Int64.max

        var configuration: InstanceConfiguration {
            InstanceConfiguration(memoryLimit: memory, tableElementLimit: tableElements)
        }

        func makeStore() -> Store { Store(stackBudget: stack, fuel: fuel, deadline: deadline) }
    }

    func validate() throws {
        _ = try limits()
    }

    func limits() throws -> Limits {
        var limits = Limits()
        if let memoryLimit { limits.memory = try Self.byteCount(memoryLimit, option: "--memory-limit") }
        if let tableLimit { limits.tableElements = try Self.count(tableLimit, option: "--table-limit") }
        if let stackLimit { limits.stack = try Self.byteCount(stackLimit, option: "--stack-limit") }
        if let timeout { limits.deadline = try Self.seconds(timeout, option: "--timeout") }
        if let fuel { limits.fuel = Int64(try Self.count(fuel, option: "--fuel")) }
        return limits
    }

    // MARK: - Parsing

    /// `65536`, `64K`, `128M`, `1G` (powers of 1024; `64KB`, `64KiB` and `65536B` too).
    static func byteCount(_ text: String, option: String) throws -> Int {
        guard let match = text.wholeMatch(of: /([0-9]+)(?:([KMGTkmgt])(?:i?B)?|B)?/) else {
            throw ValidationError("\(option) must be a number of bytes such as 65536, 64K, 128M or 1G (got '\(text)')")
        }
        let shift = match.output.2.map { ["K": 10, "M": 20, "G": 30, "T": 40][$0.uppercased()]! } ?? 0
        guard let value = Int(match.output.1), value <= Int.max >> shift else {
            throw ValidationError("\(option) is too large (got '\(text)')")
        }
        return value << shift
    }

    /// A non-negative decimal integer that fits in an `Int64`.
    static func count(_ text: String, option: String) throws -> Int {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else {
            throw ValidationError("\(option) must be a whole number, 0 or more (got '\(text)')")
        }
        guard let value = Int(text) else { throw ValidationError("\(option) is too large (got '\(text)')") }
        return value
    }

    /// Seconds as a decimal (`5`, `0.2`); 0 means no deadline.
    static func seconds(_ text: String, option: String) throws -> Duration? {
        guard let value = Double(text), value.isFinite, value >= 0,
              text.allSatisfy({ $0.isASCIIDigit || $0 == "." }) else {
            throw ValidationError("\(option) must be a number of seconds, 0 or more, such as 5 or 0.2 (got '\(text)')")
        }
        guard value > 0 else { return nil }
        // More than about 31 years is as good as none, and keeps the conversion in range.
        return .nanoseconds(Int64(min(value, 1e18 / 1e9) * 1e9))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
