"""Kernel drivers for the peers driven from Python: wasmtime (wasmtime-py), wasm3 (pywasm3) and
the Swift toolchain's `wasmkit` command.

    python pydriver.py SYSTEM KERNELS.wasm [SCRATCH-DIR]

SYSTEM is one of the configurations in CONFIGURATIONS. The driver compiles and instantiates the
module once, prints {"ready": true, ...}, then serves the protocol of drivers/cdriver.c: one
line "KERNEL RESULT-TYPE ARG [ARG]" per call on standard input, one JSON line
{"ns": N, "bits": "B"} back, timed with perf_counter_ns around exactly one call of the export
(so the figure includes the binding's own call path, a few microseconds at most, against
kernels of milliseconds).
"""
import json
import os
import struct
import sys
import time

# What each wasmtime configuration sets on wasmtime.Config; everything else is the default
# (Cranelift, opt level "speed", code for the host CPU, parallel compilation).
WASMTIME_CONFIGURATIONS = {
    # Default: 4 GiB reservation plus guard pages; bounds checks elided, out-of-bounds
    # accesses fault into the guard region.
    "wasmtime": {},
    # Fuel metering: every operator costs fuel, checked at function entry and loop headers.
    "wasmtime+fuel": {"consume_fuel": True},
    # No reservation and no guard region: linear memory is allocated at its current size and
    # may move when it grows, so every load and store compares its address with the length.
    "wasmtime-explicit": {"memory_reservation": 0, "memory_guard_size": 0},
    # Explicit bounds checks and fuel, the configuration that matches midimon explicit+fuel.
    "wasmtime-explicit+fuel": {"memory_reservation": 0, "memory_guard_size": 0, "consume_fuel": True},
    # The default configuration's code, through Module.serialize / Module.deserialize_file.
    "wasmtime-precompiled": {},
}
CONFIGURATIONS = list(WASMTIME_CONFIGURATIONS) + ["wasm3", "wasmkit-cli"]
WASMKIT_CLI = "/opt/swift/usr/bin/wasmkit"


def bits_of(value, kind):
    """The result's bit pattern, zero-extended to 64 bits, as the other drivers print it."""
    if isinstance(value, RawBits):
        return int(value)
    if kind == "i32":
        return int(value) & 0xFFFFFFFF
    if kind == "i64":
        return int(value) & 0xFFFFFFFFFFFFFFFF
    if kind == "f32":
        return struct.unpack("<I", struct.pack("<f", value))[0]
    if kind == "f64":
        return struct.unpack("<Q", struct.pack("<d", value))[0]
    raise ValueError(kind)


def wasmtime_config(system):
    import wasmtime
    config = wasmtime.Config()
    for key, value in WASMTIME_CONFIGURATIONS[system].items():
        setattr(config, key, value)
    return config


def wasmtime_caller(system, path, scratch):
    """Returns (call(name, args) -> result, setup facts)."""
    import wasmtime
    engine = wasmtime.Engine(wasmtime_config(system))
    start = time.perf_counter_ns()
    if system == "wasmtime-precompiled":
        artifact = os.path.join(scratch or "/tmp", "kernels.cwasm")
        with open(artifact, "wb") as f:
            f.write(wasmtime.Module.from_file(engine, path).serialize())
        start = time.perf_counter_ns()
        module = wasmtime.Module.deserialize_file(engine, artifact)
    else:
        module = wasmtime.Module.from_file(engine, path)
    compiled = time.perf_counter_ns()
    store = wasmtime.Store(engine)
    fuel = WASMTIME_CONFIGURATIONS[system].get("consume_fuel", False)
    if fuel:
        store.set_fuel(1 << 62)
    instance = wasmtime.Instance(store, module, [])
    exports = instance.exports(store)
    functions = {}

    def call(name, args):
        f = functions.get(name)
        if f is None:
            f = functions[name] = exports[name]
        if fuel:
            store.set_fuel(1 << 62)  # outside the timed region
        t0 = time.perf_counter_ns()
        result = f(store, *args)
        t1 = time.perf_counter_ns()
        return result, t1 - t0

    return call, {"version": wasmtime.__version__ if hasattr(wasmtime, "__version__") else package_version("wasmtime"),
                  "setup_ns": compiled - start, "config": WASMTIME_CONFIGURATIONS[system]}


def wasm3_caller(path):
    import wasm3
    env = wasm3.Environment()
    runtime = env.new_runtime(1 << 20)  # 1 MiB of wasm3 stack
    with open(path, "rb") as f:
        module = env.parse_module(f.read())
    runtime.load(module)
    functions = {}

    def call(name, args):
        f = functions.get(name)
        if f is None:
            f = functions[name] = runtime.find_function(name)
        t0 = time.perf_counter_ns()
        result = f(*args)
        t1 = time.perf_counter_ns()
        return result, t1 - t0

    return call, {"version": package_version("pywasm3"), "config": {"stack": "1 MiB"}}


def wasmkit_cli_caller(path):
    """The Swift toolchain's `wasmkit` command (an older WasmKit than the package's): one process
    per call, `wasmkit run --verbose MODULE NAME i32:A ...`, read back from its own log line
    "Finished invoking function ...: S seconds", which times the invoke inside the process
    (so it includes the lazy translation of the functions the call reaches, and first-touch
    page faults: there is no warm process to call twice)."""
    import re
    import subprocess
    binary = os.environ.get("WASMKIT", WASMKIT_CLI)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    pattern = re.compile(r"Finished invoking function .*: ([0-9.e-]+) seconds")
    value = re.compile(r"\[WasmTypes\.Value\.(?:i32|i64|f32|f64)\((\d+)\)\]")

    def call(name, args):
        result = subprocess.run([binary, "run", "--verbose", path, name] + [f"i32:{a}" for a in args],
                                capture_output=True, text=True, timeout=600)
        text = result.stdout + result.stderr
        seconds, bits = pattern.search(text), value.search(text)
        if result.returncode != 0 or not seconds or not bits:
            raise RuntimeError(f"wasmkit exited {result.returncode}: {text.strip()[-300:]}")
        return RawBits(int(bits.group(1))), round(float(seconds.group(1)) * 1e9)

    return call, {"version": version or "unknown", "config": {"command": f"{binary} run --verbose"}}


class RawBits(int):
    """A result already given as its bit pattern (wasmkit prints floats so)."""


def package_version(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:
        return "unknown"


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in CONFIGURATIONS:
        print(f"usage: pydriver.py {'|'.join(CONFIGURATIONS)} KERNELS.wasm [SCRATCH]", file=sys.stderr)
        return 2
    system, path = sys.argv[1], sys.argv[2]
    scratch = sys.argv[3] if len(sys.argv) > 3 else None
    try:
        if system == "wasm3":
            call, facts = wasm3_caller(path)
        elif system == "wasmkit-cli":
            call, facts = wasmkit_cli_caller(path)
        else:
            call, facts = wasmtime_caller(system, path, scratch)
    except Exception as error:  # reported as "could not run", never dropped silently
        print(json.dumps({"ready": False, "error": f"{type(error).__name__}: {error}"}), flush=True)
        return 0
    print(json.dumps({"ready": True, **facts}), flush=True)
    for line in sys.stdin:
        fields = line.split()
        if not fields:
            break
        name, kind, args = fields[0], fields[1], [int(a) for a in fields[2:]]
        try:
            result, ns = call(name, args)
            print(json.dumps({"ns": ns, "bits": str(bits_of(result, kind))}), flush=True)
        except Exception as error:
            print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
