import Foundation
import PluginABI
import Runtime
import Testing

/// The store's fuel and interrupt fields are the ones compiled code reads.
struct StoreContextTests {
    static let artifact = CArtifact(
        wat: """
            (module
              (func (export "fuel") (result i64) unreachable)
              (func (export "spin") (result i32) unreachable))
            """,
        c: """
            int64_t fuel(void *vmctx) {
                if (STORE(vmctx)->fuel < 0) TRAP(vmctx, 11, 0);
                return STORE(vmctx)->fuel;
            }
            void fuel_entry(void *vmctx, uint64_t *v) { v[0] = (uint64_t)fuel(vmctx); }
            /* An endless loop with the check compiled code makes at loop headers. */
            int32_t spin(void *vmctx) {
                for (int32_t i = 0;; i++) {
                    if (__atomic_load_n(&STORE(vmctx)->interrupt, __ATOMIC_RELAXED)) TRAP(vmctx, 12, i == 0 ? 1 : 2);
                }
            }
            void spin_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)spin(vmctx); }
            """,
        functions: ["fuel", "spin"], entries: ["fuel_entry", "spin_entry"])

    @Test func fuelIsVisibleToCode() async throws {
        let store = Store(fuel: 1234)
        let instance = try Instance(try await Self.artifact.load(), store: store)
        let fuel = try #require(instance.exportedFunction(named: "fuel"))
        #expect(try fuel.call([]) == [.i64(1234)])
        store.fuel = -1
        #expect { _ = try fuel.call([]) } throws: { ($0 as! Trap).code == .outOfFuel }
    }

    @Test func interruptFromAnotherThreadStopsALoop() async throws {
        let store = Store()
        let instance = try Instance(try await Self.artifact.load(), store: store)
        let spin = try #require(instance.exportedFunction(named: "spin"))
        let watchdog = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            store.interrupt()
        }
        watchdog.start()
        #expect { _ = try spin.call([]) } throws: { ($0 as! Trap).code == .deadlineExceeded }
        #expect(store.isInterrupted)
        // The interrupt also poisoned the stack limit, which function entries check
        // (CRuntimeSupport's MIDIMON_INTERRUPTED_STACK_LIMIT mirrors PluginABI's value).
        #expect(store.stackLimit == VMStoreContext.interruptedStackLimit)
        // And the flag is the value that fuel checks compare with (MIDIMON_INTERRUPTED_FLAG).
        #expect(store.interruptFlag == VMStoreContext.interruptedFlag)
        store.clearInterrupt()
        #expect(!store.isInterrupted)
    }
}
