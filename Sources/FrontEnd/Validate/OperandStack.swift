/// The types a control frame takes and leaves, without copying: a block type's single
/// result, or the parameter or result list of a function type (a retained array, not a copy).
struct TypeList {
    private enum Storage {
        case empty
        case one(ValueType)
        case many([ValueType])
    }

    private let storage: Storage

    static let empty = TypeList(storage: .empty)
    static func one(_ t: ValueType) -> TypeList { TypeList(storage: .one(t)) }
    static func list(_ types: [ValueType]) -> TypeList { TypeList(storage: types.isEmpty ? .empty : .many(types)) }

    var count: Int {
        switch storage {
        case .empty: 0
        case .one: 1
        case .many(let types): types.count
        }
    }

    subscript(i: Int) -> ValueType {
        switch storage {
        case .empty: preconditionFailure("empty type list")
        case .one(let t): t
        case .many(let types): types[i]
        }
    }

    func equals(_ other: TypeList) -> Bool {
        guard count == other.count else { return false }
        for i in 0..<count where self[i] != other[i] { return false }
        return true
    }

    var description: String {
        "[" + (0..<count).map { self[$0].description }.joined(separator: " ") + "]"
    }
}

/// A control frame of the validation algorithm (spec appendix "Validation Algorithm").
struct ControlFrame {
    enum Kind { case function, block, loop, `if`, `else` }

    var kind: Kind
    var startTypes: TypeList
    var endTypes: TypeList
    /// Operand stack height when the frame was entered.
    var height: Int
    /// Set after an unconditional branch: the rest of the frame is stack-polymorphic.
    var unreachable = false

    /// What a branch to this frame carries: a loop's parameters, otherwise its results.
    var labelTypes: TypeList { kind == .loop ? startTypes : endTypes }
}
