import Compiler
import Runtime
import WAT

/// Execute mode: every directive through compile → shared object → `dlopen` → run.
extension Command {
    mutating func execute(_ directive: WASTDirective, in session: WastSession, uncheckedBinary: () -> [UInt8]?) {
        switch directive {
        case .module(let module):
            switch Self.binary(of: module.source) {
            case .failure(let error):
                fail("text module does not convert to binary: \(error)")
            case .success(let bytes):
                do {
                    if module.isDefinition {
                        try session.define(bytes, id: module.id)
                    } else {
                        try session.instantiate(bytes, id: module.id)
                    }
                    pass()
                } catch {
                    fail("module: \(error)")
                }
            }

        case .moduleInstance(let instance, let module):
            do {
                try session.instantiateDefinition(module, as: instance)
                pass()
            } catch {
                fail("module instance: \(error)")
            }

        case .register(let name, let module):
            if session.register(name, module: module) { pass() } else { fail("register: no module \(module ?? "(current)")") }

        case .assertMalformed(let module, let message):
            checkMalformed(module, message)

        case .assertInvalid(let module, let message):
            checkInvalid(module, message, uncheckedBinary: uncheckedBinary)

        case .invoke(let invoke):
            switch run(invoke, in: session) {
            case .returned: pass()
            case .trapped(let trap): fail("invoke \"\(invoke.name)\" trapped: \(trap)")
            case .skipped(let reason): skip(reason)
            case .error(let message): fail(message)
            }

        case .assertReturn(let execute, let expected):
            let outcome: Outcome
            switch execute {
            case .invoke(let invoke): outcome = run(invoke, in: session)
            case .get(let module, let name): outcome = get(module, name, in: session)
            case .wat: outcome = .error("assert_return of a module")
            }
            switch outcome {
            case .returned(let values):
                if values.count == expected.count, zip(values, expected).allSatisfy({ WastValues.matches($0, $1) }) {
                    pass()
                } else {
                    fail("returned \(WastValues.describe(values)), expected \(WastValues.describe(expected))")
                }
            case .trapped(let trap): fail("trapped (\(trap)), expected \(WastValues.describe(expected))")
            case .skipped(let reason): skip(reason)
            case .error(let message): fail(message)
            }

        case .assertTrap(.wat(var wat), let message):
            // The module is valid and links, but its segments or start function trap.
            do {
                try session.instantiate(try wat.encode(), id: nil)
                fail("module instantiated, expected trap \"\(message)\"")
            } catch let failure as WastSession.ModuleFailure {
                if case .instantiate(let error) = failure, let trap = error.trap,
                   WastValues.sameTrap(trap.message, expected: message) {
                    pass()
                } else {
                    fail("expected trap \"\(message)\" while instantiating, got \(failure)")
                }
            } catch {
                fail("module of assert_trap does not convert to binary: \(error)")
            }

        case .assertTrap(let execute, let message):
            expectTrap(execute, message, in: session)

        case .assertExhaustion(let invoke, let message):
            expectTrap(.invoke(invoke), message, in: session)

        case .assertUnlinkable(var wat, let message):
            do {
                try session.instantiate(try wat.encode(), id: nil)
                fail("module linked, expected \"\(message)\"")
            } catch let failure as WastSession.ModuleFailure {
                if case .instantiate(let error) = failure,
                   error.kind == .unknownImport || error.kind == .incompatibleImportType {
                    pass()
                } else {
                    fail("expected a link error (\"\(message)\"), got \(failure)")
                }
            } catch {
                fail("module of assert_unlinkable does not convert to binary: \(error)")
            }

        case .assertFuel, .assertOutOfFuel:
            skip(WastRunner.SkipReason.fuel)
        case .assertException:
            skip(WastRunner.SkipReason.exception)
        }
    }

    enum Outcome {
        case returned([Value])
        case trapped(Trap)
        case skipped(String)
        case error(String)
    }

    private mutating func expectTrap(_ execute: WASTExecute, _ message: String, in session: WastSession) {
        guard case .invoke(let invoke) = execute else {
            fail("assert_trap of \(execute)")
            return
        }
        switch run(invoke, in: session) {
        case .returned(let values): fail("returned \(WastValues.describe(values)), expected trap \"\(message)\"")
        case .trapped(let trap):
            if WastValues.sameTrap(trap.message, expected: message) {
                pass()
            } else {
                fail("trapped with \"\(trap.message)\", expected \"\(message)\"")
            }
        case .skipped(let reason): skip(reason)
        case .error(let error): fail(error)
        }
    }

    private func run(_ invoke: WASTInvoke, in session: WastSession) -> Outcome {
        guard let instance = session.instance(invoke.module) else {
            return .error("no module \(invoke.module ?? "(current)") to invoke \"\(invoke.name)\"")
        }
        guard let function = instance.exportedFunction(named: invoke.name) else {
            return .error("no exported function \"\(invoke.name)\"")
        }
        var arguments: [Value] = []
        for constant in invoke.args {
            do {
                arguments.append(try WastValues.value(constant))
            } catch {
                return .skipped(WastRunner.SkipReason.simd)
            }
        }
        do {
            return .returned(try function.call(arguments))
        } catch {
            return .trapped(error)
        }
    }

    private func get(_ module: String?, _ name: String, in session: WastSession) -> Outcome {
        guard let global = session.instance(module)?.exportedGlobal(named: name) else {
            return .error("no exported global \"\(name)\"")
        }
        return .returned([global.value])
    }
}
