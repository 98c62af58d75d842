import Compiler
import Foundation
import PluginABI
import Runtime
import Synchronization
import Testing
import WAT

/// The wall-clock deadline: the process's watchdog thread sets the store's interrupt flag when
/// an outermost call has run past ``Store/deadline``, and compiled code stops at its next
/// function entry or loop header with `deadline exceeded`, with or without fuel. The host,
/// the store and the instance stay usable, and the next call starts with the flag cleared.
///
/// No test measures how fast anything is: the only time checks are lower bounds (a deadline
/// never fires early), which hold on any machine.
struct DeadlineTests {
    static let wat = """
        (module
          (import "env" "sleep" (func $sleep))
          (import "env" "reenter" (func $reenter))
          (func $spin (export "spin") (loop $l (br $l)))
          (func $answer (export "answer") (result i32) (i32.const 42))
          ;; 2^n calls and no loop: only the checks at function entry can stop it.
          (func $tree (export "tree") (param i32)
            (if (local.get 0) (then
              (call $tree (i32.sub (local.get 0) (i32.const 1)))
              (call $tree (i32.sub (local.get 0) (i32.const 1))))))
          ;; The host sleeps, then a function entry checks the flag.
          (func $nap (export "nap") (result i32) (call $sleep) (call $answer))
          ;; The host calls back into `spin`, then a function entry checks the flag.
          (func $nested (export "nested") (result i32) (call $reenter) (call $answer))
          ;; Calls a function of the module every iteration: its header has no check of its
          ;; own (Interrupt.swift), the callee's entry stops it.
          (func $spinCalls (export "spinCalls") (loop $l (drop (call $answer)) (br $l)))
          ;; Calls the host every iteration: the header keeps its check.
          (func $spinHost (export "spinHost") (loop $l (call $sleep) (br $l))))
        """

    /// What the host functions do: sleep this long; call this function (from the host).
    final class Host: @unchecked Sendable {
        let nap: Duration
        let reentry = Mutex<Function?>(nil)
        let nestedTrap = Mutex<Trap?>(nil)
        /// A store `reenter` interrupts before it calls back.
        let interruptBeforeReentry = Mutex<Store?>(nil)
        init(nap: Duration) { self.nap = nap }

        var imports: Imports {
            var imports = Imports()
            imports.define(module: "env", name: "sleep", HostFunction(type: FunctionType(parameters: [], results: [])) { [nap] _, _ in
                Thread.sleep(forTimeInterval: Double(nap.components.seconds) + Double(nap.components.attoseconds) * 1e-18)
                return []
            })
            imports.define(module: "env", name: "reenter", HostFunction(type: FunctionType(parameters: [], results: [])) { [self] _, _ in
                interruptBeforeReentry.withLock { $0 }?.interrupt()
                if let function = reentry.withLock({ $0 }) {
                    let trap = SandboxModule.trap(function)
                    nestedTrap.withLock { $0 = trap }
                }
                return []
            })
            return imports
        }
    }

    static func bytes() throws -> [UInt8] { try wat2wasm(wat, options: EncodeOptions(nameSection: true)) }

    static func instance(fuel: Bool, store: Store, host: Host = Host(nap: .zero)) throws -> (Instance, [UInt8]) {
        let bytes = try bytes()
        let artifact = try SandboxModule.load(bytes: bytes, options: CompileOptions(fuel: fuel))
        return (try Instance(artifact, store: store, imports: host.imports), bytes)
    }

    @Test func theDefaultIsFiveSecondsAndItCanBeChanged() {
        let store = Store()
        #expect(store.deadline == .seconds(5))
        #expect(Store.defaultDeadline == .seconds(5))
        store.deadline = .milliseconds(250)
        #expect(store.deadline == .milliseconds(250))
        store.deadline = nil
        #expect(store.deadline == nil)
        #expect(Store(deadline: nil).deadline == nil)
    }

    @Test func anEndlessLoopWithoutFuelStopsAtTheDeadline() throws {
        let store = Store(deadline: .milliseconds(200))
        let (instance, bytes) = try Self.instance(fuel: false, store: store)
        #expect(!instance.artifact.flags.contains(.fuel))
        let start = ContinuousClock.now
        let trap = try #require(SandboxModule.trap(instance.function("spin")))
        let elapsed = ContinuousClock.now - start
        #expect(trap.code == .deadlineExceeded)
        #expect(trap.message == "deadline exceeded")
        // The call's start comes from the coarse clock (CRuntimeSupport.c): allow 5 ms.
        #expect(elapsed >= .milliseconds(195))
        // Where it stopped: the loop header of `spin` (function 2, after the two imports).
        let location = try #require(trap.location)
        #expect(location.place == .function(index: 2, name: "spin"))
        #expect(bytes[try #require(location.offset)] == 0x03, "offset \(location.offset!) is not a loop")
        #expect(store.isInterrupted)

        // The flag is cleared when the next call starts: the same instance works, and so does
        // the same endless loop's deadline, again.
        #expect(try instance.function("answer").call([]) == [.i32(42)])
        #expect(!store.isInterrupted)
        #expect(SandboxModule.trap(instance.function("spin"))?.code == .deadlineExceeded)
        // A fresh instance in a fresh store.
        let (fresh, _) = try Self.instance(fuel: false, store: Store())
        #expect(try fresh.function("answer").call([]) == [.i32(42)])
    }

    @Test func aLoopThatCallsStopsAtItsCalleesEntry() throws {
        let store = Store(deadline: .milliseconds(100))
        let (instance, _) = try Self.instance(fuel: false, store: store)
        let trap = try #require(SandboxModule.trap(instance.function("spinCalls")))
        #expect(trap.code == .deadlineExceeded)
        #expect(trap.location?.place == .function(index: 3, name: "answer"))
        // Calling the host instead (no entry check there), the loop header stops it.
        let host = try #require(SandboxModule.trap(instance.function("spinHost")))
        #expect(host.code == .deadlineExceeded)
        #expect(host.location?.place == .function(index: 8, name: "spinHost"))
    }

    @Test func aCallTreeWithoutLoopsStopsAtTheDeadline() throws {
        let store = Store(deadline: .milliseconds(200))
        let (instance, bytes) = try Self.instance(fuel: false, store: store)
        let trap = try #require(SandboxModule.trap(instance.function("tree"), [.i32(60)]))
        #expect(trap.code == .deadlineExceeded)
        // At the entry of `tree`: the site is where its body starts.
        let location = try #require(trap.location)
        #expect(location.place == .function(index: 4, name: "tree"))
        let module = try ModuleParser.parse(bytes)
        #expect(location.offset == module.code[2].offset)
        #expect(try instance.function("tree").call([.i32(3)]) == [])
    }

    @Test func withFuelTheBudgetStopsTheLoopFirst() throws {
        let store = Store(fuel: 1_000_000, deadline: .seconds(5))
        let (instance, _) = try Self.instance(fuel: true, store: store)
        let trap = try #require(SandboxModule.trap(instance.function("spin")))
        #expect(trap.code == .outOfFuel)
        #expect(trap.location?.place == .function(index: 2, name: "spin"))
        #expect(!store.isInterrupted)
        // The same endless loop with plenty of fuel: the deadline.
        store.fuel = .max
        store.deadline = .milliseconds(100)
        #expect(SandboxModule.trap(instance.function("spin"))?.code == .deadlineExceeded)
    }

    /// Time in host functions counts; the trap comes when control is back in WebAssembly.
    @Test func timeInHostFunctionsCounts() throws {
        let store = Store(deadline: .milliseconds(100))
        let (instance, _) = try Self.instance(fuel: true, store: store, host: Host(nap: .milliseconds(300)))
        let trap = try #require(SandboxModule.trap(instance.function("nap")))
        #expect(trap.code == .deadlineExceeded)
        // At the entry of `answer`, the first check after the host returned.
        #expect(trap.location?.place == .function(index: 3, name: "answer"))
    }

    /// Each outermost call gets the whole budget: six calls of 0.3 s each under a 2 s deadline.
    @Test func theDeadlineIsPerCall() throws {
        let store = Store(deadline: .seconds(2))
        let (instance, _) = try Self.instance(fuel: true, store: store, host: Host(nap: .milliseconds(300)))
        for _ in 0..<6 {
            #expect(try instance.function("nap").call([]) == [.i32(42)])
        }
    }

    /// A host function's call back into the store runs under the outermost call's deadline
    /// (it neither re-arms it nor clears the flag), and both calls stop.
    @Test func nestedCallsRunUnderTheOutermostDeadline() throws {
        let store = Store(deadline: .milliseconds(200))
        let host = Host(nap: .zero)
        let (instance, _) = try Self.instance(fuel: false, store: store, host: host)
        host.reentry.withLock { $0 = instance.function("spin") }
        let trap = try #require(SandboxModule.trap(instance.function("nested")))
        #expect(host.nestedTrap.withLock { $0 }?.code == .deadlineExceeded)
        #expect(trap.code == .deadlineExceeded)
        #expect(trap.location?.place == .function(index: 3, name: "answer"))
        #expect(try instance.function("answer").call([]) == [.i32(42)])
    }

    /// Function entries find an interrupt through the stack limit it poisons (StackLimit.swift).
    /// A nested call writes the limit again; it re-reads the flag after, so the interrupt
    /// survives it: the nested call stops at its first entry, and so does the caller after.
    @Test func anInterruptSurvivesTheStackLimitANestedCallWrites() throws {
        let store = Store(deadline: nil)
        let host = Host(nap: .zero)
        let (instance, _) = try Self.instance(fuel: false, store: store, host: host)
        host.interruptBeforeReentry.withLock { $0 = store }
        host.reentry.withLock { $0 = instance.function("answer") }
        let trap = try #require(SandboxModule.trap(instance.function("nested")))
        #expect(host.nestedTrap.withLock { $0 }?.code == .deadlineExceeded)
        #expect(trap.code == .deadlineExceeded)
        #expect(trap.location?.place == .function(index: 3, name: "answer"))
        host.interruptBeforeReentry.withLock { $0 = nil }
        #expect(try instance.function("nested").call([]) == [.i32(42)])
    }

    /// An interrupt sent between calls does not stop the next one (the flag is cleared when
    /// it starts); one sent during a call does.
    @Test func interruptsBetweenCallsAreCleared() throws {
        let store = Store(deadline: nil)
        let (instance, _) = try Self.instance(fuel: false, store: store)
        store.interrupt()
        #expect(try instance.function("tree").call([.i32(4)]) == [])
        // Interrupts every 10 ms until the loop has stopped (one sent just before the call
        // starts is cleared, so one is not enough); the deadline is only a safety net.
        store.deadline = .seconds(30)
        let stopped = Flag()
        let stopper = TestThread {
            while !stopped.isSet {
                Thread.sleep(forTimeInterval: 0.01)
                store.interrupt()
            }
        }
        let start = ContinuousClock.now
        #expect(SandboxModule.trap(instance.function("spin"))?.code == .deadlineExceeded)
        stopped.set()
        stopper.wait()
        // Not the 30 s deadline (a generous bound, not a measurement).
        #expect(ContinuousClock.now - start < .seconds(20))
    }
}
