"""wasmtime's side of the suite's compile, load and call figures (kernels: pydriver.py).

    python wasmtime_tasks.py compile MODULE.wasm SAMPLES
    python wasmtime_tasks.py load MODULE.wasm SAMPLES SCRATCH-DIR [LABEL]
    python wasmtime_tasks.py call SAMPLES ITERATIONS

Each prints JSON lines {"benchmark": NAME, "ns": [samples]}, as midimon-bench does with
MIDIMON_BENCH_JSON set, so the orchestrator reads both the same way.
"""
import json
import os
import sys
import time

import wasmtime

# The module of midimon-bench's `load` and `call` benchmarks (CompilerBenchmarks.small), so
# that both sides load and call the same thing.
SMALL = """
(module
  (memory (export "memory") 1)
  (table 4 funcref)
  (global $g (mut i32) (i32.const 0))
  (func $empty (export "empty"))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (elem (i32.const 0) $empty)
  (data (i32.const 16) "hello"))
"""


def stub_imports(store, module):
    """A definition for each import (the compile benchmark's module imports a function and a
    global): functions return zeros, globals hold zero, memories and tables are fresh."""
    externs = []
    for item in module.imports:
        kind = item.type
        if isinstance(kind, wasmtime.FuncType):
            results = list(kind.results)
            externs.append(wasmtime.Func(store, kind, lambda *args, _r=results: None if not _r else
                                         (0 if len(_r) == 1 else [0] * len(_r))))
        elif isinstance(kind, wasmtime.GlobalType):
            externs.append(wasmtime.Global(store, kind, 0))
        elif isinstance(kind, wasmtime.MemoryType):
            externs.append(wasmtime.Memory(store, kind))
        elif isinstance(kind, wasmtime.TableType):
            externs.append(wasmtime.Table(store, kind, None))
        else:
            raise RuntimeError(f"cannot stub import {item.module}.{item.name}")
    return externs


def emit(name, samples):
    print(json.dumps({"benchmark": name, "ns": samples}), flush=True)


def compile_module(path, samples):
    """Module(engine, bytes): validation plus Cranelift, at opt level none and speed, with and
    without parallel compilation (one core or every core), a fresh engine per sample so that
    nothing is cached in memory (the on-disk cache is off by default)."""
    with open(path, "rb") as f:
        data = f.read()
    print(json.dumps({"module_bytes": len(data)}), flush=True)
    for level in ["none", "speed"]:
        for parallel in [False, True]:
            times = []
            for _ in range(samples):
                config = wasmtime.Config()
                config.cranelift_opt_level = level
                config.parallel_compilation = parallel
                engine = wasmtime.Engine(config)
                t0 = time.perf_counter_ns()
                wasmtime.Module(engine, data)
                times.append(time.perf_counter_ns() - t0)
            emit(f"wasmtime compile opt-level {level}, {'parallel' if parallel else '1 thread'}", times)


def load(path, samples, scratch, label):
    """Module.deserialize_file + Instance: wasmtime's cache-hit path to a callable instance
    (a precompiled artifact on disk, mapped and instantiated), default configuration."""
    engine = wasmtime.Engine()
    module = wasmtime.Module(engine, SMALL) if path == "small" else wasmtime.Module.from_file(engine, path)
    imports = lambda store: stub_imports(store, module)  # noqa: E731
    artifact = os.path.join(scratch, f"{label}.cwasm")
    with open(artifact, "wb") as f:
        f.write(module.serialize())
    deserialize, instantiate, both = [], [], []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        loaded = wasmtime.Module.deserialize_file(engine, artifact)
        t1 = time.perf_counter_ns()
        store = wasmtime.Store(engine)
        t2 = time.perf_counter_ns()
        externs = imports(store)
        t2 = time.perf_counter_ns()
        wasmtime.Instance(store, loaded, externs)
        t3 = time.perf_counter_ns()
        deserialize.append(t1 - t0)
        instantiate.append(t3 - t2)
        both.append(t1 - t0 + t3 - t2)
    os.unlink(artifact)
    emit(f"wasmtime deserialize_file ({label})", deserialize)
    emit(f"wasmtime instantiate ({label})", instantiate)
    emit(f"wasmtime deserialize_file + instantiate ({label})", both)


def call(samples, iterations):
    """One call of the empty export and of add(i32, i32) from Python, per call: wasmtime-py's
    call path (ctypes, argument conversion, wasmtime_func_call), not Cranelift's code."""
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, SMALL), [])
    exports = instance.exports(store)
    for name, args in [("empty", ()), ("add", (1, 2))]:
        f = exports[name]
        times = []
        for _ in range(samples):
            t0 = time.perf_counter_ns()
            for _ in range(iterations):
                f(store, *args)
            times.append((time.perf_counter_ns() - t0) / iterations)
        emit(f'wasmtime-py call "{name}" (per call)', times)


def main():
    task = sys.argv[1] if len(sys.argv) > 1 else ""
    if task == "compile":
        compile_module(sys.argv[2], int(sys.argv[3]))
    elif task == "load":
        load(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else "small")
    elif task == "call":
        call(int(sys.argv[2]), int(sys.argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
