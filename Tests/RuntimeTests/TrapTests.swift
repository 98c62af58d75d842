import Foundation
import PluginABI
import Runtime
import Testing

/// Traps from compiled code: the trap builtin's code and site reach the caller, the instance
/// and the thread stay usable, and a fault in a memory's guard region is a trap too.
struct TrapTests {
    static let artifact = CArtifact(
        wat: """
            (module
              (memory 1)
              (func (export "div") (param i32 i32) (result i32) unreachable)
              (func (export "peek") (param i32) (result i32) unreachable))
            """,
        c: """
            int32_t div_s(void *vmctx, int32_t a, int32_t b) {
                if (b == 0) TRAP(vmctx, 2, 0x42);
                return a / b;
            }
            void div_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)div_s(vmctx, (int32_t)v[0], (int32_t)v[1]); }

            /* A load with no bounds check, as guard-page code does it. */
            int32_t peek(void *vmctx, uint32_t address) { return *(volatile uint8_t *)(MEMORY(vmctx)->base + address); }
            void peek_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)peek(vmctx, (uint32_t)v[0]); }
            """,
        functions: ["div_s", "peek"], entries: ["div_entry", "peek_entry"])

    @Test func trapCarriesCodeSiteAndFunction() async throws {
        let artifact = try await Self.artifact.load()
        let instance = try Instance(artifact, store: Store())
        let div = try #require(instance.exportedFunction(named: "div"))
        #expect(try div.call([Value(Int32(84)), Value(Int32(2))]) == [Value(Int32(42))])
        do {
            _ = try div.call([Value(Int32(1)), Value(Int32(0))])
            Issue.record("expected a trap")
        } catch {
            #expect(error.code == .integerDivideByZero)
            #expect(error.site == 0x42)
            #expect(error.function?.contains("\"div\"") == true)
            #expect(error.message == "integer divide by zero")
        }
        // The same instance, and a fresh one, work afterwards.
        #expect(try div.call([Value(Int32(9)), Value(Int32(3))]) == [Value(Int32(3))])
        let fresh = try Instance(artifact, store: Store())
        #expect(try fresh.exportedFunction(named: "div")?.call([Value(Int32(10)), Value(Int32(5))]) == [Value(Int32(2))])
    }

    @Test func valuesArrayPathReturnsTheCode() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let div = try #require(instance.exportedFunction(named: "div"))
        var values: [UInt64] = [1, 0]
        #expect(values.withUnsafeMutableBufferPointer { div.invoke($0.baseAddress!) } == .integerDivideByZero)
        #expect(Runtime.lastTrapSite == 0x42)
        values = [8, 2]
        #expect(values.withUnsafeMutableBufferPointer { div.invoke($0.baseAddress!) } == nil)
        #expect(values[0] == 4)
    }

    @Test func manyTrapsLeaveTheThreadUsable() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let div = try #require(instance.exportedFunction(named: "div"))
        var traps = 0
        for _ in 0..<10_000 {
            do { _ = try div.call([.i32(1), .i32(0)]) } catch { traps += 1 }
        }
        #expect(traps == 10_000)
        #expect(try div.call([.i32(6), .i32(3)]) == [.i32(2)])
    }

    @Test func faultInGuardRegionIsATrap() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let peek = try #require(instance.exportedFunction(named: "peek"))
        instance.memory?.write([7], at: 100)
        #expect(try peek.call([.i32(100)]) == [.i32(7)])
        // Past the one committed page, inside the reservation.
        #expect { _ = try peek.call([.i32(1 << 20)]) } throws: { error in
            // The same trap as a failed explicit check; rawCode tells which mechanism caught it.
            let trap = error as! Trap
            return trap.code == .outOfBoundsMemoryAccess && trap.rawCode == TrapCode.guardPageFault.rawValue
                && trap.message == "out of bounds memory access"
        }
        #expect { _ = try peek.call([.i32(0xFFFF_FFFF)]) } throws: { ($0 as! Trap).rawCode == TrapCode.guardPageFault.rawValue }
        #expect(try peek.call([.i32(100)]) == [.i32(7)])
    }

    /// The signal handler in a process of its own: a fault outside any registered region, or
    /// inside one but outside WebAssembly, goes to the handler installed before ours; with
    /// none, the process dies of SIGSEGV as it would without us.
    @Test(arguments: ["outside-region", "outside-wasm", "default-action"])
    func faultsThatAreNotOursReachThePreviousHandler(mode: String) async throws {
        let program = try await Self.compileFaultProgram()
        defer { unlink(program) }
        let result = try await CArtifact.run(program, [mode])
        #expect(result.output.contains("trap 14"), "output: \(result.output)")
        if mode == "default-action" {
            #expect(result.status == 128 + SIGSEGV, "output: \(result.output)")
        } else {
            #expect(result.status == 42, "output: \(result.output)")
            #expect(result.output.contains("previous handler"), "output: \(result.output)")
        }
    }

    static func compileFaultProgram() async throws -> String {
        let support = CArtifact.includeDirectory + "/../CRuntimeSupport.c"
        return try await CArtifact.compile("""
            #include "CRuntimeSupport.h"
            #include <signal.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/mman.h>
            #include <unistd.h>

            static void previous(int signal) {
                const char text[] = "previous handler\\n";
                write(1, text, sizeof text - 1);
                _exit(42);
            }

            static midimon_vm_store_context store;
            static void *vmctx[1] = { &store };
            static volatile uint8_t *target;
            static void touch(void *context, uint64_t *values) { values[0] = *target; }

            int main(int argc, char **argv) {
                const char *mode = argv[1];
                if (strcmp(mode, "default-action") != 0) signal(SIGSEGV, previous);
                size_t size = 1 << 20;
                uint8_t *region = mmap(0, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                uint8_t *other = mmap(0, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                midimon_prepare_thread();
                midimon_register_region(region, size);
                uint64_t values[1];

                target = region + 4096;
                printf("trap %d\\n", midimon_invoke(touch, vmctx, values, 512 * 1024));
                fflush(stdout);

                if (strcmp(mode, "outside-wasm") == 0) {
                    values[0] = *(volatile uint8_t *)(region + 8192);
                } else {
                    target = other;
                    midimon_invoke(touch, vmctx, values, 512 * 1024);
                }
                printf("survived\\n");
                return 0;
            }
            """, extraArguments: [support, "-lpthread"], shared: false)
    }
}
