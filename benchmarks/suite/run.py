"""benchmarks/run: builds what the suite needs, runs every system on this machine, and writes
benchmarks/results/<date>-<host>[-quick].{md,json} and the charts beside them.

Started by the `benchmarks/run` script, inside the suite's Python environment (wasmtime,
pywasm3, matplotlib). Sections: kernels (steady-state speed of every system), compile (midimon
and wasmtime on the same module), load (artifact to callable instance), call (one call of a
trivial export), and midimon-bench's other figures (any subcommand named *cache* is picked up
and reported as it is).
"""
import argparse
import datetime
import json
import math
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from kernels import KERNELS  # noqa: E402
from systems import all_systems  # noqa: E402
import report  # noqa: E402

BENCH_DIR = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH_DIR)
WORK = os.path.join(BENCH_DIR, ".work")
DRIVERS = os.path.join(BENCH_DIR, "drivers")
KERNELS_DIR = os.path.join(BENCH_DIR, "kernels")
WASM2C_RUNTIME = "/usr/share/wabt/wasm2c"
NATIVE_FLAGS = ["-O2", "-march=native", "-ffp-contract=off"]
WASM_FLAGS = ["--target=wasm32", "-O2", "-mbulk-memory", "-nostdlib", "-Wl,--no-entry", "-Wl,--export-dynamic"]


def say(message):
    print(f"bench: {message}", flush=True)


def run(command, env=None, cwd=None, check=True, capture=True):
    result = subprocess.run(command, cwd=cwd or ROOT, env=env, text=True,
                            stdout=subprocess.PIPE if capture else None, stderr=subprocess.STDOUT if capture else None)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{(result.stdout or '')[-3000:]}")
    return result


def tool_version(command):
    try:
        out = subprocess.run(command, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30).stdout
        return out.strip().splitlines()[0] if out.strip() else "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


# ---- building --------------------------------------------------------------------------

def build(problems, swift_build=True):
    """Builds midimon-bench (release), the kernels natively and to wasm32, and the C drivers.
    Returns the paths; a failed step is recorded in `problems` and its systems cannot run."""
    os.makedirs(WORK, exist_ok=True)
    paths = {"work": WORK, "drivers": DRIVERS, "wasm": os.path.join(WORK, "kernels.wasm"),
             "native_driver": os.path.join(WORK, "native-driver"), "w2c_guard": os.path.join(WORK, "wasm2c-guard"),
             "w2c_explicit": os.path.join(WORK, "wasm2c-explicit"), "bench": ""}
    env = dict(os.environ)
    if not shutil.which("swift") and os.path.exists("/opt/swift/usr/bin/swift"):
        env["PATH"] = "/opt/swift/usr/bin:" + env["PATH"]
    started = time.monotonic()
    try:
        if swift_build:
            say("swift build -c release --package-path benchmarks --product midimon-bench")
            run(["swift", "build", "-c", "release", "--package-path", "benchmarks", "--product", "midimon-bench"], env=env)
        bin_path = run(["swift", "build", "-c", "release", "--package-path", "benchmarks", "--show-bin-path"],
                       env=env).stdout.strip().splitlines()[-1]
        paths["bench"] = os.path.join(bin_path, "midimon-bench")
        if not os.path.exists(paths["bench"]):
            raise RuntimeError(f"{paths['bench']} is missing")
    except (RuntimeError, OSError) as error:
        problems["midimon-bench"] = str(error)
    paths["swift_env"] = env
    paths["build_seconds"] = round(time.monotonic() - started, 1)
    source = os.path.join(KERNELS_DIR, "kernels.c")
    say("clang-19: kernels to wasm32 and native; wasm2c")
    steps = [
        ("kernels.wasm", ["clang-19", *WASM_FLAGS, source, "-o", paths["wasm"]]),
        ("native", ["clang-19", *NATIVE_FLAGS, "-c", source, "-o", os.path.join(WORK, "kernels.o")]),
        ("native", ["clang-19", *NATIVE_FLAGS, "-rdynamic", os.path.join(DRIVERS, "cdriver.c"),
                    os.path.join(WORK, "kernels.o"), "-ldl", "-o", paths["native_driver"]]),
        ("wasm2c", ["wasm2c", paths["wasm"], "-n", "kernels", "-o", os.path.join(WORK, "kernels_w2c.c")]),
    ]
    for variant, extra in [("wasm2c", []), ("wasm2c-explicit", ["-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0"])]:
        steps.append((variant, ["clang-19", *NATIVE_FLAGS, "-rdynamic", f"-I{WORK}", f"-I{WASM2C_RUNTIME}", "-DWASM2C",
                                *extra, os.path.join(DRIVERS, "cdriver.c"), os.path.join(WORK, "kernels_w2c.c"),
                                os.path.join(WASM2C_RUNTIME, "wasm-rt-impl.c"), "-lm", "-ldl", "-o",
                                paths["w2c_guard" if variant == "wasm2c" else "w2c_explicit"]]))
    # A failed step blocks the systems it names (and everything, for the wasm module itself).
    for name, command in steps:
        if name in problems or "kernels.wasm" in problems:
            continue
        try:
            run(command)
        except (RuntimeError, OSError) as error:
            problems[name] = str(error)
            if name == "wasm2c" and "wasm2c-explicit" not in problems:
                problems["wasm2c-explicit"] = "wasm2c failed"
    return paths


# ---- kernels ---------------------------------------------------------------------------

def run_kernels(systems, quick, data, failures):
    repetitions, slow_repetitions = (21, 3) if quick else (41, 7)
    data["kernel_repetitions"] = {"fast": repetitions, "interpreters": slow_repetitions, "warm_up": 1}
    live = [s for s in systems if s.ok]
    results = data["kernels"] = {}
    for kernel in KERNELS:
        arguments = kernel.arguments(quick)
        entry = results[kernel.name] = {"category": kernel.category, "arguments": arguments, "result": kernel.result,
                                        "samples": {}, "rounds": {}, "wrong": {}, "errors": {}}
        expected = None
        active = []
        # Warm-up: one untimed call per system, which also checks the answer; native first.
        for system in live:
            try:
                _, bits = system.call(kernel, arguments)
            except RuntimeError as error:
                entry["errors"][system.name] = str(error)
                failures.append(f"{kernel.name} on {system.name}: {error}")
                continue
            if system.family == "native":
                expected = bits
                if kernel.reference is not None and kernel.reference(arguments) != bits:
                    failures.append(f"{kernel.name}: native result {bits} differs from the reference implementation")
                entry["expected_bits"] = str(bits)
            if expected is None:
                failures.append(f"{kernel.name}: no native result to compare {system.name} with")
            elif bits != expected:
                entry["wrong"][system.name] = str(bits)
                failures.append(f"{kernel.name} on {system.name}: result {bits} differs from native {expected}")
                continue
            active.append(system)
            entry["samples"][system.name] = []
            entry["rounds"][system.name] = []
        # Timed rounds: every system once per round, the order rotated each round (A B C,
        # B C A, ...), so that load on the shared machine lands on every system alike.
        started = time.monotonic()
        for round_index in range(repetitions):
            order = active[round_index % len(active):] + active[:round_index % len(active)] if active else []
            for system in order:
                if system.slow and round_index >= slow_repetitions:
                    continue
                if system.name in entry["wrong"] or system.name in entry["errors"]:
                    continue
                try:
                    ns, bits = system.call(kernel, arguments)
                except RuntimeError as error:
                    entry["errors"][system.name] = str(error)
                    failures.append(f"{kernel.name} on {system.name}: {error}")
                    continue
                if bits != expected:
                    entry["wrong"][system.name] = str(bits)
                    failures.append(f"{kernel.name} on {system.name}: result {bits} differs from native {expected}")
                    continue
                entry["samples"][system.name].append(ns)
                entry["rounds"][system.name].append(round_index)
        say(f"  {kernel.name:<14} {time.monotonic() - started:6.1f} s  " + "  ".join(
            f"{s.name}={statistics.median(entry['samples'][s.name]) / 1e6:.2f}ms" for s in active
            if entry["samples"].get(s.name))[:400])


# ---- midimon-bench and wasmtime batch figures -------------------------------------------

def parse_json_lines(text):
    """{figure name: samples} from the JSON lines of midimon-bench (MIDIMON_BENCH_JSON) or of
    the wasmtime tasks. A figure whose text line is indented belongs to the figure above it
    (midimon-bench cache prints sub-figures so) and is named "PARENT / NAME"."""
    figures = {}
    lines = text.splitlines()
    parent = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not (stripped.startswith("{") and '"benchmark"' in stripped):
            continue
        try:
            record = json.loads(stripped)
            name, samples = record["benchmark"], record["ns"]
        except (ValueError, KeyError) as error:
            # A RuntimeError: the section that printed it becomes a problem in the report.
            raise RuntimeError(f"unreadable figure line {stripped[:200]!r}: {error}") from None
        before = lines[index - 1] if index > 0 else ""
        if before[:1].isspace() and parent:
            name = f"{parent} / {name}"
        else:
            parent = name
        figures[name] = samples
    return figures


def midimon_bench(paths, names, quick, samples=None):
    env = dict(os.environ, MIDIMON_BENCH_JSON="1")
    if paths.get("bin_dir"):
        env["MIDIMON_BIN_DIR"] = paths["bin_dir"]
    if quick:
        env["MIDIMON_BENCH_QUICK"] = "1"
    if samples:
        env["MIDIMON_BENCH_SAMPLES"] = str(samples)
    result = run([paths["bench"], *names], env=env)
    return result.stdout, parse_json_lines(result.stdout)


def python_task(python, arguments):
    result = run([python, os.path.join(DRIVERS, "wasmtime_tasks.py"), *arguments])
    extra = {}
    for line in result.stdout.splitlines():
        if line.startswith("{") and '"benchmark"' not in line:
            extra.update(json.loads(line))
    return parse_json_lines(result.stdout), extra


def merge(into, figures):
    for name, samples in figures.items():
        into.setdefault(name, []).extend(samples)


def bench_subcommands(paths):
    """midimon-bench's subcommands, read from its usage line."""
    result = run([paths["bench"]], check=False)
    first = result.stdout.splitlines()[0] if result.stdout else ""
    words = first.replace("usage: midimon-bench", "").replace("...", "").strip()
    return [w for w in words.split("|") if w]


def run_batch(paths, python, quick, data, problems, run_cache=False, compile_rounds=1):
    """Compile, load and call figures, midimon and wasmtime alternating process by process."""
    figures = data["batch"] = {}
    data["batch_text"] = {}
    if not paths["bench"]:
        return
    large = os.path.join(WORK, "large.wasm")
    env = dict(os.environ, MIDIMON_LARGE_WASM=large, **({"MIDIMON_BENCH_QUICK": "1"} if quick else {}))
    run([paths["bench"], "write-large"], env=env)
    data["compile_module_bytes"] = os.path.getsize(large)
    # midimon at O2 takes minutes on the 2 MB module on a busy machine: one round by default.
    rounds = compile_rounds
    say(f"compile: {data['compile_module_bytes'] / 1e6:.2f} MB module, {rounds} round(s), midimon and wasmtime alternating")
    for _ in range(rounds):
        text, got = midimon_bench(paths, ["compile"], quick, samples=1)
        data["batch_text"]["compile"] = text
        merge(figures, got)
        try:
            got, _ = python_task(python, ["compile", large, "1"])
            merge(figures, got)
        except RuntimeError as error:
            problems["wasmtime compile"] = str(error)
    say("load: midimon-bench load, wasmtime deserialize_file + instantiate")
    for _ in range(1 if quick else 3):
        text, got = midimon_bench(paths, ["load"], quick)
        data["batch_text"]["load"] = text
        merge(figures, got)
        try:
            merge(figures, python_task(python, ["load", "small", "50", WORK, "small"])[0])
            merge(figures, python_task(python, ["load", large, "5" if quick else "10", WORK, "large"])[0])
        except RuntimeError as error:
            problems["wasmtime load"] = str(error)
    caches = [name for name in bench_subcommands(paths) if "cache" in name]
    data["cache_subcommands"] = caches
    if quick and not run_cache:
        data["cache_skipped"] = ("not run with --quick (midimon-bench cache compiles the 2 MB module at O2 and "
                                 "times the CLI; add --cache to run it anyway)") if caches else None
        caches = []
    def bench_section(name, label):
        """One midimon-bench subcommand: its text for the report, its figures; a failure is a problem."""
        say(f"midimon-bench {name} ({label})")
        try:
            text, got = midimon_bench(paths, [name], quick)
            data["batch_text"][name] = text
            merge(figures, got)
        except RuntimeError as error:
            problems[f"midimon-bench {name}"] = str(error)

    if caches:
        # The cache figures time the `midimon` and `midimond` command lines: release builds of
        # this checkout, beside midimon-bench (a build left elsewhere may be stale).
        try:
            for product in ("midimon", "midimond"):
                say(f"swift build -c release --package-path benchmarks --product {product}")
                run(["swift", "build", "-c", "release", "--package-path", "benchmarks", "--product", product],
                    env=paths.get("swift_env"))
            paths["bin_dir"] = os.path.dirname(paths["bench"])
        except RuntimeError as error:
            problems["midimon and midimond release builds"] = str(error)
    for name in caches:
        bench_section(name, "cache figures")
    say("call: midimon-bench call, wasmtime's call path")
    text, got = midimon_bench(paths, ["call"], quick)
    data["batch_text"]["call"] = text
    merge(figures, got)
    try:
        merge(figures, python_task(python, ["call", "5" if quick else "15", "20000"])[0])
    except RuntimeError as error:
        problems["wasmtime-py call"] = str(error)
    wasmtime_c = paths.get("wasmtime_call")
    if wasmtime_c:
        try:
            merge(figures, parse_json_lines(run([wasmtime_c, "5" if quick else "15", "1000000"]).stdout))
        except RuntimeError as error:
            problems["wasmtime C call"] = str(error)
    bench_section("plugins", "calls through the event and JSON plugin ABIs")
    bench_section("daemon", "replayed events through midimond's loop and an event-ABI plugin")


def build_wasmtime_call(python, problems):
    """drivers/wasmtime_call.c against the wasmtime-py wheel's own libwasmtime: wasmtime's call
    path from C, without Python in the way."""
    try:
        library = run([python, "-c", "import wasmtime._ffi as f; print(f.dll._name)"]).stdout.strip().splitlines()[-1]
        output = os.path.join(WORK, "wasmtime-call")
        run(["clang-19", "-O2", os.path.join(DRIVERS, "wasmtime_call.c"), "-o", output, library,
             f"-Wl,-rpath,{os.path.dirname(library)}"])
        return output
    except (RuntimeError, OSError) as error:
        problems["wasmtime C call"] = str(error)
        return None


# ---- main ------------------------------------------------------------------------------

def machine_facts():
    facts = {"host": socket.gethostname(), "platform": platform.platform(), "cores": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    facts["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    facts["versions"] = {
        "clang-19": tool_version(["clang-19", "--version"]),
        "swift": tool_version(["swift", "--version"]) if shutil.which("swift") else tool_version(["/opt/swift/usr/bin/swift", "--version"]),
        "wasm2c": tool_version(["wasm2c", "--version"]),
        "wasmkit (toolchain CLI, not used for timing)": tool_version(["/opt/swift/usr/bin/wasmkit", "--version"]),
        "python": platform.python_version(),
    }
    for package in ["wasmtime", "pywasm3", "matplotlib"]:
        try:
            from importlib.metadata import version
            facts["versions"][package] = version(package)
        except Exception:
            facts["versions"][package] = "not installed"
    return facts


def load_average():
    try:
        return list(os.getloadavg())
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and smaller inputs (under 5 minutes)")
    parser.add_argument("--sections", default="kernels,batch", help="comma-separated: kernels, batch")
    parser.add_argument("--systems", default="", help="comma-separated system names to run (default: all)")
    parser.add_argument("--compile-rounds", type=int, default=1, help="rounds of the compile figures (default 1)")
    parser.add_argument("--cache", action="store_true", help="run midimon-bench's cache subcommand even with --quick")
    parser.add_argument("--no-swift-build", action="store_true", help="use midimon-bench as last built")
    parser.add_argument("--out", default=os.path.join(BENCH_DIR, "results"), help="folder for the report")
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    started = time.monotonic()
    data = {"quick": args.quick, "started": datetime.datetime.now().isoformat(timespec="seconds"),
            "machine": machine_facts(), "load_average": {"start": load_average()}}
    problems, failures = {}, []
    paths = build(problems, swift_build=not args.no_swift_build)
    data["build_seconds"] = paths.get("build_seconds")
    python = sys.executable
    if "batch" in sections:
        paths["wasmtime_call"] = build_wasmtime_call(python, problems)
    systems = all_systems(paths, python)
    if args.systems:
        wanted = set(args.systems.split(","))
        systems = [s for s in systems if s.name in wanted or s.family == "native"]
    for system in systems:
        blocked = [p for p in problems if p in (system.family, system.name, "kernels.wasm")
                   or (p == "midimon-bench" and system.family in ("midimon", "wasmkit"))]
        if blocked:
            system.status = f"could not run: build of {blocked[0]} failed: {problems[blocked[0]][:300]}"
    try:
        if "kernels" in sections:
            say("starting drivers (each compiles and instantiates once; not timed)")
            for system in systems:
                if system.status == "not started":
                    system.start()
                    say(f"  {system.name}: {system.status}")
            if not any(s.ok and s.family == "native" for s in systems):
                failures.append("native driver could not run: no reference answers")
            run_kernels(systems, args.quick, data, failures)
    finally:
        for system in systems:
            system.stop()
    data["systems"] = {s.name: {"family": s.family, "description": s.description, "status": s.status,
                                "slow": s.slow, **s.facts} for s in systems}
    if "batch" in sections:
        try:
            run_batch(paths, python, args.quick, data, problems, run_cache=args.cache,
                      compile_rounds=args.compile_rounds)
        except RuntimeError as error:
            problems["batch"] = str(error)
    data["load_average"]["end"] = load_average()
    data["problems"] = problems
    data["failures"] = failures
    data["seconds"] = round(time.monotonic() - started, 1)
    stem = f"{datetime.date.today().isoformat()}-{socket.gethostname()}{'-quick' if args.quick else ''}"
    os.makedirs(args.out, exist_ok=True)
    written = report.write(data, args.out, stem)
    for path in written:
        say(f"wrote {os.path.relpath(path, ROOT)}")
    for line in report.headline_lines(data):
        say(line)
    if failures:
        print("\n" + "=" * 78 + "\nbench: FAILED: wrong answers or errors:\n  " + "\n  ".join(failures)
              + "\n" + "=" * 78, file=sys.stderr, flush=True)
        return 1
    say(f"done in {data['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
