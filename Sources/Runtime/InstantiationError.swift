/// Why ``Instance/init(_:store:imports:configuration:)`` failed. Link errors use the spec
/// suite's wording first (`unknown import`, `incompatible import type`), so `assert_unlinkable`
/// can match them; a trap during segment initialisation or in the start function carries it.
public struct InstantiationError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No definition for an import.
        case unknownImport
        /// A definition of the wrong kind or type.
        case incompatibleImportType
        /// An import comes from another store (functions, tables, memories and globals are
        /// shared only inside one store; host functions may be shared freely).
        case foreignStore
        /// A memory or table is larger than the instance's limits allow, or the system
        /// refused the memory.
        case resourceExhausted
        /// The artifact disagrees with itself in a way loading could not see.
        case malformedArtifact
        /// An element or data segment was out of bounds, or the start function trapped.
        case trap
    }

    public let kind: Kind
    public let message: String
    /// For ``Kind/trap``.
    public let trap: Trap?

    init(_ kind: Kind, _ message: String, trap: Trap? = nil) {
        self.kind = kind
        self.message = message
        self.trap = trap
    }

    static func unknownImport(_ module: String, _ name: String) -> Self {
        Self(.unknownImport, "unknown import \"\(module)\" \"\(name)\"")
    }

    static func incompatible(_ module: String, _ name: String, _ why: String) -> Self {
        Self(.incompatibleImportType, "incompatible import type for \"\(module)\" \"\(name)\": \(why)")
    }

    static func trapped(_ trap: Trap) -> Self {
        Self(.trap, trap.message, trap: trap)
    }

    public var description: String { message }
}
