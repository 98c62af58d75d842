import FrontEnd
import Synchronization

/// Canonical function type ids, process-wide: equal types get equal ids in every module, so
/// `call_indirect` compares one `u32` (the callee's `VMFuncRef.typeID` with the caller's
/// `typeIDs[typeIndex]`) whatever module either came from. Consulted at instantiation only.
enum TypeRegistry {
    private static let ids = Mutex<[FunctionType: UInt32]>([:])

    /// The id of `type`, assigned on first sight; ids start at 1.
    static func id(of type: FunctionType) -> UInt32 {
        ids.withLock { ids in
            if let id = ids[type] { return id }
            let id = UInt32(ids.count + 1)
            ids[type] = id
            return id
        }
    }
}
