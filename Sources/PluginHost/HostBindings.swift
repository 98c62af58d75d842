import FrontEnd
import PluginABI
import Runtime

/// Binds a plugin's `midimon` imports to host functions, once, at load: unknown names and
/// wrong types are refused here with the import's name; a function whose capability the
/// plugin lacks is bound to a stub that logs the denial into the plugin's log on every call
/// and fails (``HostImport/HTTPStatus/notGranted``, or a host-error trap), so a missing
/// grant is never silent and never checked on the call path.
///
/// The hot-path functions (`emit`, `now_us`, `log`, `param`) use HostFunction's raw body:
/// they read and write the values array and allocate nothing.
enum HostBindings {
    static func imports(for module: WasmModule, context: PluginContext, providers: [any ImportProvider]) throws(PluginError) -> Imports {
        var imports = Imports()
        var provided = Set<String>()
        for provider in providers {
            try provider.define(into: &imports, for: context)
            provided.formUnion(provider.modules)
        }
        for entry in module.imports {
            let field = "\(entry.module).\(entry.name)"
            guard entry.module == HostImport.module else {
                guard provided.contains(entry.module) else {
                    throw PluginError(.imports, plugin: context.name, field: field,
                                      "imports from module \"\(entry.module)\", which this host does not provide")
                }
                continue
            }
            guard let function = HostImport(rawValue: entry.name) else {
                throw PluginError(.imports, plugin: context.name, field: field,
                                  "the host has no function `\(entry.name)` in module midimon (it has: \(HostImport.allCases.map(\.name).joined(separator: ", ")))")
            }
            guard case .function(let typeIndex) = entry.descriptor, Int(typeIndex) < module.types.count else {
                throw PluginError(.imports, plugin: context.name, field: field, "must be imported as a function \(function.type)")
            }
            let type = module.types[Int(typeIndex)]
            guard type == function.type else {
                throw PluginError(.imports, plugin: context.name, field: field, "imported with type \(type), the host's is \(function.type)")
            }
            guard context.abi == .json || function.allowedOnEventPath else {
                throw PluginError(.imports, plugin: context.name, field: field,
                                  "not available to event-ABI plugins: it blocks, and the event path must not")
            }
            imports.define(module: HostImport.module, name: entry.name, hostFunction(function, context))
        }
        return imports
    }

    static func hostFunction(_ function: HostImport, _ context: PluginContext) -> HostFunction {
        if let capability = function.capability, !context.capabilities.contains(capability) {
            return denied(function, capability, context)
        }
        switch function {
        case .emit:
            let buffer = context.emitBuffer
            return HostFunction(type: function.type, body: { _, values in
                let queued = buffer.append(UInt32(truncatingIfNeeded: values[0]), delayMicroseconds: Int32(truncatingIfNeeded: values[1]))
                values[0] = queued ? 0 : 1
                return nil
            })
        case .nowUs:
            let clock = context.clock
            return HostFunction(type: function.type, body: { _, values in
                values[0] = UInt64(bitPattern: clock())
                return nil
            })
        case .log:
            let log = context.log
            return HostFunction(type: function.type, body: { caller, values in
                let level = PluginLog.Level(rawValue: Int32(truncatingIfNeeded: values[0])) ?? .debug
                let offset = Int(UInt32(truncatingIfNeeded: values[1]))
                let count = Int(UInt32(truncatingIfNeeded: values[2]))
                guard let memory = caller.memory else { return .hostError }
                return memory.withUnsafeMutableBytes { bytes -> TrapCode? in
                    // Both ends checked: offset + count cannot overflow Int from two UInt32s.
                    guard offset + count <= bytes.count, let base = bytes.baseAddress else { return .outOfBoundsMemoryAccess }
                    log.append(level: level, bytes: base + offset, count: count)
                    return nil
                }
            })
        case .param:
            let parameters = context.parameters
            return HostFunction(type: function.type, body: { _, values in
                values[0] = parameters[Int32(truncatingIfNeeded: values[0])].bitPattern
                return nil
            })
        case .httpRequest:
            return HTTPHostFunction.make(context)
        }
    }

    /// The stub for a function the plugin may not call.
    static func denied(_ function: HostImport, _ capability: Capability, _ context: PluginContext) -> HostFunction {
        let message = context.denial("midimon.\(function.name)", needs: capability)
        let log = context.log
        switch function {
        case .httpRequest:
            return HostFunction(type: function.type, body: { _, values in
                log.append(.error, message)
                values[0] = UInt64(bitPattern: HostImport.HTTPStatus.notGranted.rawValue)
                return nil
            })
        default:
            // No error result to return: trap, with the reason in the trap and the log.
            return HostFunction(type: function.type) { (_: Caller, _: [Value]) throws -> [Value] in
                log.append(.error, message)
                throw DeniedCall(message: message)
            }
        }
    }

    struct DeniedCall: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
