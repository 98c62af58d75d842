import FrontEnd

/// Something an instance exports or imports (spec §4.2.11, external values).
public enum Extern: Sendable {
    /// A function of an instance.
    case function(Function)
    /// A function the host provides.
    case hostFunction(HostFunction)
    case memory(Memory)
    case table(Table)
    case global(Global)

    var kind: ExternalKind {
        switch self {
        case .function, .hostFunction: .function
        case .memory: .memory
        case .table: .table
        case .global: .global
        }
    }

    /// The store it belongs to; nil for host functions, which any store may import.
    var store: Store? {
        switch self {
        case .function(let f): f.store
        case .hostFunction: nil
        case .memory(let m): m.store
        case .table(let t): t.store
        case .global(let g): g.store
        }
    }
}

/// What an instantiation may import, by module and name: single definitions, and whole
/// instances whose exports answer for a module name. A single definition wins over an
/// instance registered under the same module name.
public struct Imports: Sendable {
    private var definitions: [Name: [Name: Extern]] = [:]
    private var instances: [Name: Instance] = [:]

    /// A name compared byte for byte, as WebAssembly compares import names: a String key would
    /// merge canonically equivalent spellings ("\u{C5}" and "A\u{30A}").
    private struct Name: Hashable, Sendable {
        let bytes: [UInt8]
        init(_ text: String) { bytes = Array(text.utf8) }
    }

    public init() {}

    /// Defines `module`.`name`, replacing an earlier definition.
    public mutating func define(module: String, name: String, _ value: Extern) {
        definitions[Name(module), default: [:]][Name(name)] = value
    }

    /// Defines a host function: `define(module:name:.hostFunction(function))`.
    public mutating func define(module: String, name: String, _ function: HostFunction) {
        define(module: module, name: name, .hostFunction(function))
    }

    /// Makes every export of `instance` importable as `module`.`exportName`.
    public mutating func define(module: String, _ instance: Instance) {
        instances[Name(module)] = instance
    }

    /// The definition of `module`.`name`, if any.
    public func lookup(module: String, name: String) -> Extern? {
        definitions[Name(module)]?[Name(name)] ?? instances[Name(module)]?.export(named: name)
    }
}
