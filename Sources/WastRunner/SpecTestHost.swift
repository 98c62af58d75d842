import FrontEnd
import Runtime

/// The `spectest` module every spec script may import (spec interpreter's `spectest.ml`):
/// print functions that do nothing, four immutable globals of value 666 / 666.6, a funcref
/// table of 10..20 elements and a memory of 1..2 pages.
enum SpecTestHost {
    static func define(in imports: inout Imports, store: Store) throws {
        func printer(_ name: String, _ parameters: [ValueType]) {
            let function = HostFunction(type: FunctionType(parameters: parameters, results: [])) { _, _ in nil }
            imports.define(module: "spectest", name: name, function)
        }
        printer("print", [])
        printer("print_i32", [.i32])
        printer("print_i64", [.i64])
        printer("print_f32", [.f32])
        printer("print_f64", [.f64])
        printer("print_i32_f32", [.i32, .f32])
        printer("print_f64_f64", [.f64, .f64])

        let globals: [(String, Value)] = [
            ("global_i32", .i32(666)),
            ("global_i64", .i64(666)),
            ("global_f32", Value(Float(666.6))),
            ("global_f64", Value(Double(666.6))),
        ]
        for (name, value) in globals {
            imports.define(module: "spectest", name: name, .global(Global(store: store, value: value, isMutable: false)!))
        }
        imports.define(module: "spectest", name: "table",
                       .table(try Table(store: store, elementType: .funcref, limits: Limits(min: 10, max: 20))))
        imports.define(module: "spectest", name: "memory",
                       .memory(try Memory(store: store, limits: Limits(min: 1, max: 2))))
    }
}
