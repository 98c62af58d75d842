"""wasmtime's counterpart of midimon's cache hit: Module.deserialize_file + instantiate.

Usage: python3 wasmtime-load.py MODULE.wasm RUNS EXPORT

Compiles MODULE once (Cranelift, fuel on as midimon compiles by default), serializes it
to a file, then times RUNS repetitions of: deserialize the file, make a store, instantiate
(with the imports the 2 MB synthetic module needs, when it has them), look EXPORT up.
Prints `version X` and `median_ns N`. Timing happens here, so the interpreter's start-up is
not counted; the wasmtime-py call overhead (ctypes) is.
"""
import statistics
import sys
import time

import wasmtime


def main():
    path, runs, export = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    config = wasmtime.Config()
    config.consume_fuel = True
    engine = wasmtime.Engine(config)
    serialized = path + ".cwasm"
    with open(serialized, "wb") as f:
        f.write(wasmtime.Module.from_file(engine, path).serialize())

    def imports(store, module):
        values = []
        for item in module.imports:
            if item.module == "env" and item.name == "log":
                values.append(wasmtime.Func(store, wasmtime.FuncType([wasmtime.ValType.i32()], []), lambda x: None))
            elif item.module == "env" and item.name == "heap_base":
                values.append(wasmtime.Global(store, wasmtime.GlobalType(wasmtime.ValType.i32(), False), wasmtime.Val.i32(1024)))
            else:
                raise SystemExit(f"unexpected import {item.module}.{item.name}")
        return values

    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        module = wasmtime.Module.deserialize_file(engine, serialized)
        store = wasmtime.Store(engine)
        store.set_fuel(1 << 40)
        instance = wasmtime.Instance(store, module, imports(store, module))
        instance.exports(store)[export]
        samples.append(time.perf_counter_ns() - start)
        del instance, store, module
    try:
        from importlib.metadata import version
        print("version", version("wasmtime"))
    except Exception:
        print("version ?")
    print("median_ns", statistics.median(samples))


main()
