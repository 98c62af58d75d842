"""The systems the suite compares, how each is built and started, and the driver protocol
(see benchmarks/drivers/cdriver.c): a driver prints a ready line, then answers one request line
per call with the call's nanoseconds and the result's bits."""
import json
import os
import select
import subprocess
import time
from dataclasses import dataclass, field


@dataclass
class System:
    name: str
    family: str  # native, midimon, wasmtime, wasm2c, wasm3, wasmkit
    description: str  # the exact configuration, for the report
    command: list = field(default_factory=list)
    slow: bool = False  # an interpreter: fewer repetitions
    status: str = "not started"  # "ok", or why it could not run
    facts: dict = field(default_factory=dict)  # what the driver's ready line said
    process: object = None

    @property
    def ok(self):
        return self.status == "ok"

    def start(self, timeout=600):
        if not self.command:
            return
        try:
            self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True, bufsize=1)
        except OSError as error:
            self.status = f"could not start: {error}"
            return
        line = self._read(timeout)
        if line is None:
            self.status = "could not run: " + (self._stderr() or "no ready line")
            self.stop()
            return
        try:
            ready = json.loads(line)
        except json.JSONDecodeError:
            self.status = f"could not run: unexpected output {line.strip()[:200]!r}"
            self.stop()
            return
        if not ready.pop("ready", False):
            self.status = "could not run: " + ready.get("error", "not ready")
            self.stop()
            return
        self.facts = ready
        self.status = "ok"

    def call(self, kernel, arguments, timeout=600):
        """One call: (nanoseconds, bits) or raises RuntimeError with the driver's message."""
        self.process.stdin.write(f"{kernel.name} {kernel.result} {' '.join(map(str, arguments))}\n")
        self.process.stdin.flush()
        line = self._read(timeout)
        if line is None:
            raise RuntimeError(f"{self.name} died or hung: {self._stderr()}")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["ns"], int(reply["bits"])

    def stop(self):
        if self.process and self.process.poll() is None:
            try:
                self.process.stdin.write("\n")
                self.process.stdin.flush()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self.process = None

    def _read(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None and not _readable(self.process.stdout, 0):
                return None
            if _readable(self.process.stdout, max(0.0, min(1.0, deadline - time.monotonic()))):
                line = self.process.stdout.readline()
                return line if line else None
            if time.monotonic() > deadline:
                return None

    def _stderr(self):
        if self.process is None or self.process.poll() is None:
            return ""
        try:
            return self.process.stderr.read().strip()[-500:]
        except OSError:
            return ""


def _readable(stream, timeout):
    return bool(select.select([stream], [], [], timeout)[0])


MIDIMON_CONFIGURATIONS = {
    "explicit+fuel": "explicit bounds checks (compare and branch to a cold trap block) and fuel metering",
    "explicit": "explicit bounds checks, no fuel",
    "guard+fuel": "guard pages (4 GiB reservation plus guard region; checks elided) and fuel metering",
    "guard": "guard pages, no fuel",
}


def all_systems(paths, python):
    """Every system, in the order of the report's columns. `paths` has the built files."""
    bench, wasm, work = paths["bench"], paths["wasm"], paths["work"]
    pydriver = os.path.join(paths["drivers"], "pydriver.py")
    systems = [System("native", "native", "clang-19 -O2 -march=native -ffp-contract=off, kernels.c linked into "
                      "drivers/cdriver.c: the limit", [paths["native_driver"]])]
    for config, text in MIDIMON_CONFIGURATIONS.items():
        systems.append(System(f"midimon {config}", "midimon",
                              f"midimon, O2 for the host CPU, {text}; default Store (5 s deadline), "
                              "Function.invoke", [bench, "driver-midimon", config, wasm]))
    for name, text in [
        ("wasmtime", "wasmtime-py, default Config (Cranelift opt level speed, guard pages, no fuel)"),
        ("wasmtime+fuel", "default Config with consume_fuel = True"),
        ("wasmtime-explicit", "memory_reservation = 0, memory_guard_size = 0: no guard region, every "
                              "access bounds-checked against the current length"),
        ("wasmtime-explicit+fuel", "memory_reservation = 0, memory_guard_size = 0, consume_fuel = True"),
        ("wasmtime-precompiled", "default Config; Module.serialize to a file, then Module.deserialize_file"),
    ]:
        systems.append(System(name, "wasmtime", text, [python, pydriver, name, wasm, work]))
    systems.append(System("wasm2c", "wasm2c", "wabt 1.0.32 wasm2c, clang-19 -O2 -march=native -ffp-contract=off, "
                          "guard pages (WASM_RT_MEMCHECK_SIGNAL_HANDLER=1, its default)", [paths["w2c_guard"]]))
    systems.append(System("wasm2c-explicit", "wasm2c", "as wasm2c, with WASM_RT_MEMCHECK_SIGNAL_HANDLER=0: explicit "
                          "bounds checks and a call-depth counter", [paths["w2c_explicit"]]))
    systems.append(System("wasm3", "wasm3", "pywasm3 (wasm3 interpreter), 1 MiB stack", [python, pydriver, "wasm3", wasm],
                          slow=True))
    systems.append(System("wasmkit-cli", "wasmkit", "the Swift toolchain's `wasmkit run --verbose` (WasmKit 0.1.6): one "
                          "process per call, timed by its own log of the invoke (includes lazy translation of the "
                          "code it reaches and first-touch page faults; no warm-up possible)",
                          [python, pydriver, "wasmkit-cli", wasm], slow=True))
    systems.append(System("wasmkit", "wasmkit", "WasmKit 0.4.2 interpreter (package, default EngineConfiguration, "
                          "eager translation)", [bench, "driver-wasmkit", wasm], slow=True))
    return systems
