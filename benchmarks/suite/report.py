"""Turns the suite's raw figures into the report: <stem>.json (every raw figure), <stem>.md
(tables) and the charts <stem>-kernels.png, <stem>-compile.png, <stem>-load.png."""
import json
import math
import os
import re
import statistics
import textwrap

# The headline pairs: (midimon configuration, its wasmtime counterpart, target over native,
# target over wasmtime). Targets come from issue 8's acceptance.
HEADLINE = [
    ("midimon explicit+fuel", "wasmtime+fuel", 1.5, 0.5),
    ("midimon explicit+fuel", "wasmtime-explicit+fuel", None, None),
    ("midimon explicit", "wasmtime-explicit", None, None),
    ("midimon guard+fuel", "wasmtime+fuel", None, None),
    ("midimon guard", "wasmtime", 1.15, 1.0),
]
FAMILY_COLOURS = {"native": "#444444", "midimon": "#1f77b4", "wasmtime": "#ff7f0e", "wasm2c": "#2ca02c",
                  "wasm3": "#d62728", "wasmkit": "#9467bd"}


# ---- statistics ------------------------------------------------------------------------

def summary(samples):
    if not samples:
        return None
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def paired_ratio(entry, a, b):
    """Median over rounds of (a's sample / b's sample in the same round): the ratio per pair."""
    rounds_a = dict(zip(entry["rounds"].get(a, []), entry["samples"].get(a, [])))
    rounds_b = dict(zip(entry["rounds"].get(b, []), entry["samples"].get(b, [])))
    ratios = [rounds_a[r] / rounds_b[r] for r in rounds_a if r in rounds_b and rounds_b[r] > 0]
    return statistics.median(ratios) if ratios else None


def ratio_of_medians(entry, a, b):
    sa, sb = summary(entry["samples"].get(a)), summary(entry["samples"].get(b))
    return sa["median"] / sb["median"] if sa and sb else None


def compare(data, a, b, statistic="median"):
    """Geometric mean over the kernels both ran of a / b, and the kernels it covers."""
    ratios, names = [], []
    for name, entry in data.get("kernels", {}).items():
        sa, sb = summary(entry["samples"].get(a)), summary(entry["samples"].get(b))
        if sa and sb:
            ratios.append(sa[statistic] / sb[statistic])
            names.append(name)
    return geomean(ratios), names


def headline(data):
    rows = []
    kernels = len(data.get("kernels", {}))
    for midimon, peer, native_target, peer_target in HEADLINE:
        over_native, covered = compare(data, midimon, "native")
        over_native_min, _ = compare(data, midimon, "native", "min")
        over_peer, covered_peer = compare(data, midimon, peer)
        worst, without_worst = None, None
        ratios = {k: ratio_of_medians(e, midimon, "native") for k, e in data.get("kernels", {}).items()}
        ratios = {k: v for k, v in ratios.items() if v}
        if len(ratios) > 2:
            worst = max(ratios, key=ratios.get)
            without_worst = geomean([v for k, v in ratios.items() if k != worst])
        rows.append({"system": midimon, "peer": peer, "over_native": over_native, "over_native_min": over_native_min,
                     "worst_kernel": worst, "over_native_without_worst": without_worst,
                     "over_peer": over_peer, "native_target": native_target, "peer_target": peer_target,
                     "kernels": len(covered), "kernels_peer": len(covered_peer), "kernels_total": kernels})
    return rows


def verdict(value, target, strictly=False):
    if target is None:
        return ""
    if value is None:
        return "not measured"
    return "met" if (value < target if strictly else value <= target) else "**not met**"


def cache_label(name):
    """A chart label for midimon-bench cache's figure `name`: the whole, or one of its parts
    ("PARENT / PART: details")."""
    parent, _, part = name.partition(" / ")
    parent = parent.split(" (artifact")[0]
    if not part:
        return f"midimon: {parent}"
    module = parent.split(", ")[-1].replace(" module", "")
    return f"midimon cache hit ({module}), of which {part.split(':')[0]}"


def reach_lines(data):
    """What a 'times faster than the peer' target asks of midimon on this machine: the peer's own
    geometric mean over native, halved, next to midimon's configuration without checks or fuel."""
    lines = []
    guard, _ = compare(data, "midimon guard", "native")
    for row in data.get("headline", []):
        if row["peer_target"] != 0.5:
            continue
        peer, _ = compare(data, row["peer"], "native")
        if peer is None or guard is None:
            continue
        lines.append(f"What the 2× target asks here: {row['peer']} runs at {peer:.2f}× native on this machine, so "
                     f"{row['system']} would have to run at {peer * row['peer_target']:.2f}× native or better; "
                     f"midimon guard, with neither bounds checks nor fuel, runs at {guard:.2f}×.")
    return lines + [""] if lines else []


def headline_lines(data):
    lines = []
    for row in data.get("headline", []):
        if row["over_native"] is None:
            lines.append(f"{row['system']}: not measured")
            continue
        text = f"{row['system']}: {row['over_native']:.2f}x native"
        if row["native_target"]:
            text += f" (target <= {row['native_target']}: {verdict(row['over_native'], row['native_target'])})"
        if row["over_peer"] is not None:
            text += f", {row['over_peer']:.2f}x {row['peer']}"
            if row["peer_target"]:
                text += f" (target <= {row['peer_target']}: {verdict(row['over_peer'], row['peer_target'], row['peer_target'] == 1.0)})"
        lines.append(text.replace("**", ""))
    return lines


# ---- formatting ------------------------------------------------------------------------

def fmt_time(ns):
    if ns is None:
        return "–"
    if ns >= 1e9:
        return f"{ns / 1e9:.2f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.1f} ns"


def fmt_ratio(r):
    if r is None:
        return "–"
    return f"{r:.2f}×" if r < 100 else f"{r:.0f}×"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


# ---- batch figures (compile, load, call) -------------------------------------------------

def compile_rows(data):
    """(system, level, cores, samples) for midimon's and wasmtime's compile figures."""
    rows = []
    for name, samples in data.get("batch", {}).items():
        m = re.match(r"compile ([\d.]+) MB module (o\d), (\d+) thread", name, re.IGNORECASE)
        if m:
            rows.append(("midimon", m.group(2).upper(), int(m.group(3)), samples, name))
        m = re.match(r"wasmtime compile opt-level (\w+), (parallel|1 thread)", name)
        if m:
            level = {"none": "none (≈O0)", "speed": "speed (≈O2)"}[m.group(1)]
            rows.append(("wasmtime", level, 2 if m.group(2) == "parallel" else 1, samples, name))
    return rows


LOAD_FIGURES = [
    # (row label, figure name or None for a TODO row, note)
    ("midimon: dlopen + ABI check, small module", "dlopen + check of a small module", "midimon-bench load"),
    ("midimon: instantiate, small module", "instantiate a small module", "midimon-bench load"),
    ("wasmtime: deserialize_file, small module", "wasmtime deserialize_file (small)", ""),
    ("wasmtime: instantiate, small module", "wasmtime instantiate (small)", ""),
    ("wasmtime: deserialize_file + instantiate, small module", "wasmtime deserialize_file + instantiate (small)", ""),
    ("wasmtime: deserialize_file + instantiate, compile-benchmark module",
     "wasmtime deserialize_file + instantiate (large)", ""),
]
CALL_FIGURES = [
    ('midimon: Function.invoke of "empty"', 'call "empty" through Function.invoke (per call)', "midimon-bench call"),
    ('midimon: Function.invoke of "add"', 'call "add" through Function.invoke (per call)', "midimon-bench call"),
    ('wasmtime (C API): wasmtime_func_call_unchecked of "empty"', 'wasmtime C call_unchecked "empty" (per call)', "drivers/wasmtime_call.c"),
    ('wasmtime (C API): wasmtime_func_call_unchecked of "add"', 'wasmtime C call_unchecked "add" (per call)', "drivers/wasmtime_call.c"),
    ('wasmtime (C API): wasmtime_func_call of "add"', 'wasmtime C call "add" (per call)', "checked call: typed values"),
    ('wasmtime-py: call of "empty"', 'wasmtime-py call "empty" (per call)', "includes Python and ctypes"),
    ('wasmtime-py: call of "add"', 'wasmtime-py call "add" (per call)', "includes Python and ctypes"),
]


def used_batch_names(data):
    used = {name for _, name, _ in LOAD_FIGURES + CALL_FIGURES if name}
    used |= {row[4] for row in compile_rows(data)}
    return used


# ---- markdown ----------------------------------------------------------------------------

def markdown(data, stem):
    systems = data.get("systems", {})
    names = list(systems)
    kernels = data.get("kernels", {})
    machine = data["machine"]
    load = data.get("load_average", {})
    out = [f"# midimon benchmark suite: {data['started'][:10]} on {machine['host']}{' (--quick)' if data['quick'] else ''}", ""]
    out.append(f"{machine.get('cpu', 'unknown CPU')}, {machine['cores']} cores, {machine['platform']}. "
               f"Load average (1, 5, 15 min) at start {fmt_load(load.get('start'))}, at end {fmt_load(load.get('end'))}: "
               "the machine is shared, so single figures are noisy; systems alternate call by call and the "
               "figures are medians (min and max in the detailed table, every sample in the JSON). "
               f"The run took {data['seconds']:.0f} s (build {data.get('build_seconds') or 0:.0f} s). "
               "How to read it: `benchmarks/README.md`.")
    out.append("")
    if data.get("failures"):
        out += ["## FAILED", "", "Wrong answers or errors (the run exits non-zero):", ""]
        out += [f"- {f}" for f in data["failures"]] + [""]
    # Headline
    out += ["## Headline", "",
            "Geometric mean over the kernels of midimon's median time divided by native's, and by the matching "
            "wasmtime configuration's (below 1: midimon is faster). The min column uses each system's fastest "
            "call instead of its median, the figure least disturbed by other load.", ""]
    rows = []
    for row in data.get("headline", []):
        rows.append([row["system"], fmt_ratio(row["over_native"]), fmt_ratio(row["over_native_min"]),
                     f"≤ {row['native_target']}: {verdict(row['over_native'], row['native_target'])}" if row["native_target"] else "",
                     row["peer"], fmt_ratio(row["over_peer"]),
                     (f"≤ 0.5 (2× faster): {verdict(row['over_peer'], 0.5)}" if row["peer_target"] == 0.5 else
                      f"< 1 (faster): {verdict(row['over_peer'], 1.0, True)}" if row["peer_target"] == 1.0 else ""),
                     f"{row['kernels']}/{row['kernels_total']}"])
    out.append(table(["midimon", "× native (median)", "× native (min)", "target", "vs", "× peer", "target", "kernels"], rows))
    out.append("")
    out += reach_lines(data)
    # One entry per configuration (a configuration may head two rows, one per peer).
    sensitivity = list(dict.fromkeys(f"{r['system']} {fmt_ratio(r['over_native_without_worst'])} without {r['worst_kernel']}"
                                     for r in data.get("headline", []) if r.get("worst_kernel")))
    if sensitivity:
        out += ["Sensitivity (not the headline): each configuration's geometric mean over native without its single "
                "worst kernel: " + "; ".join(sensitivity) + "." + (
                    " matmul_repeat is where native's auto-vectorised code (AVX2 or AVX-512 with -march=native) pulls away: the "
                    "wasm32 module is built without SIMD (one module for every system; wasm3 has no SIMD), so the "
                    "peers run it scalar; midimon re-vectorises it only where loop versioning proves its accesses." if any(r.get("worst_kernel") == "matmul_repeat"
                                                         for r in data.get("headline", [])) else ""), ""]
    # Systems
    out += ["## Systems", "", "Set-up is what the driver reported for getting kernels.wasm ready to call (midimon: "
            "compile + load + instantiate; wasmtime: compile, or deserialize for the precompiled path; WasmKit: parse "
            "+ translate + instantiate); it is not in any kernel figure.", "",
            table(["system", "configuration", "version", "set-up", "status"], [
                [n, s["description"], s.get("version", ""), fmt_time(s.get("setup_ns")) if s.get("setup_ns") else "",
                 s["status"] if s["status"] != "ok" else "ran"] for n, s in systems.items()]), ""]
    reps = data.get("kernel_repetitions", {})
    # Kernel tables
    if kernels:
        out += ["## Kernels: time relative to native", "",
                f"Median of {reps.get('fast')} calls per system ({reps.get('interpreters')} for the interpreters), "
                "one call per repetition timed inside each system's host after one untimed warm-up call, divided "
                "by native's median. Every answer was compared with native's.", ""]
        header = ["kernel", "native"] + [n for n in names if n != "native"]
        rows = []
        for kname, entry in kernels.items():
            native = summary(entry["samples"].get("native"))
            row = [f"{kname} ({', '.join(map(str, entry['arguments']))})", fmt_time(native["median"]) if native else "–"]
            for n in header[2:]:
                if n in entry["wrong"]:
                    row.append("**WRONG**")
                elif n in entry["errors"]:
                    row.append("**error**")
                else:
                    row.append(fmt_ratio(ratio_of_medians(entry, n, "native")))
            rows.append(row)
        geo = ["geometric mean", ""]
        for n in header[2:]:
            g, covered = compare(data, n, "native")
            geo.append(f"**{fmt_ratio(g)}**" + ("" if len(covered) == len(kernels) or g is None else f" ({len(covered)})"))
        rows.append(geo)
        out += [table(header, rows), ""]
        out += ["## Kernels: the headline pairs", "",
                "Per kernel, midimon over its counterpart: ratio of medians, and in brackets the paired ratio (median "
                "over rounds of the ratio of the two calls made in the same round).", ""]
        pairs = [(m, "native") for m, _, t, _ in HEADLINE if t] + [(m, p) for m, p, _, t in HEADLINE if t]
        rows = []
        for kname, entry in kernels.items():
            row = [kname]
            for a, b in pairs:
                r, pr = ratio_of_medians(entry, a, b), paired_ratio(entry, a, b)
                row.append(f"{fmt_ratio(r)} ({fmt_ratio(pr)})" if r else "–")
            rows.append(row)
        out += [table(["kernel"] + [f"{a.replace('midimon ', '')} / {b}" for a, b in pairs], rows), ""]
        out += ["## Kernels: median time per call", "", table(["kernel", "category"] + names, [
            [k, e["category"]] + [fmt_time((summary(e["samples"].get(n)) or {}).get("median")) for n in names]
            for k, e in kernels.items()]), ""]
        out += ["## Kernels: every system in detail", "",
                "Median, min and max of the timed calls; 'paired' is the median over rounds of the ratio to native's "
                "call in the same round (the ratio per pair).", ""]
        rows = []
        for k, e in kernels.items():
            for n in names:
                s = summary(e["samples"].get(n))
                if s:
                    rows.append([k, n, fmt_time(s["median"]), fmt_time(s["min"]), fmt_time(s["max"]), s["n"],
                                 fmt_ratio(paired_ratio(e, n, "native")) if n != "native" else ""])
        out += [table(["kernel", "system", "median", "min", "max", "calls", "paired × native"], rows), ""]
    # Compile
    crow = compile_rows(data)
    size = data.get("compile_module_bytes")
    if crow and size:
        mb = size / 1e6
        out += ["## Compile time", "",
                f"The same generated module (`SyntheticModule.large`, {mb:.2f} MB, {'a tenth of the full 2 MB module with --quick' if data['quick'] else '2,000 functions'}) "
                "compiled from bytes to loadable code: midimon to a shared object (validate, translate, LLVM, link), "
                "wasmtime to an in-memory module (validate, Cranelift). One core: one partition / no parallel "
                "compilation; two cores: two partitions / parallel compilation. The two systems alternate, one "
                "process each.", ""]
        rows = []
        for system, level, cores, samples, name in sorted(crow, key=lambda r: (r[0] != "midimon", r[1], r[2])):
            s = summary(samples)
            m = re.search(r"(\d+) partition", name)
            rows.append([system, level, cores, m.group(1) if m else "", fmt_time(s["median"]), fmt_time(s["min"]),
                         fmt_time(s["max"]), s["n"], f"{s['median'] / 1e9 / mb:.2f} s/MB"])
        out += [table(["system", "opt level", "cores", "partitions", "median", "min", "max", "runs", "per MB"], rows), ""]
    # Load
    batch = data.get("batch", {})
    if batch:
        out += ["## Load to callable", "",
                "From an artifact on disk to an instance whose exports can be called. midimon-bench `load` times "
                "`dlopen` + ABI check of the small module of `CompilerBenchmarks.small` and its instantiation (50 "
                "fresh copies of the file); wasmtime times `Module.deserialize_file` of the same module precompiled "
                "with `Module.serialize`, and `Instance` (default configuration). wasmtime's figures include "
                "wasmtime-py's Python call path (a few µs).", ""]
        rows = []
        for label, name, note in LOAD_FIGURES:
            s = summary(batch.get(name))
            rows.append([label, fmt_time(s["median"]) if s else "not measured", fmt_time(s["min"]) if s else "",
                         fmt_time(s["max"]) if s else "", s["n"] if s else "", note])
        small = [summary(batch.get(n)) for n in ("dlopen + check of a small module", "instantiate a small module")]
        if all(small):
            rows.insert(2, ["midimon: dlopen + check + instantiate, small module (sum of medians)",
                            fmt_time(small[0]["median"] + small[1]["median"]), "", "", "", ""])
        cache_figures = [n for n in batch if n.startswith("cache hit")]
        if cache_figures:
            for n in cache_figures:
                s = summary(batch[n])
                rows.append([f"midimon: {n}", fmt_time(s["median"]), fmt_time(s["min"]), fmt_time(s["max"]), s["n"],
                             "midimon-bench " + ", ".join(data.get("cache_subcommands", []))])
        elif data.get("cache_skipped"):
            rows.append(["midimon: cache hit to callable instance", data["cache_skipped"], "", "", "", ""])
        else:
            failed = [p for p in data.get("problems", {}) if "cache" in p]
            rows.append(["midimon: cache hit to callable instance",
                         "not measured: " + (f"{failed[0]} failed (see Problems)" if failed else
                                             "midimon-bench has no cache subcommand"), "", "", "", ""])
        out += [table(["what", "median", "min", "max", "runs", "source"], rows), ""]
        out += ["## One call into a trivial export", "",
                "Per call, averaged over a loop of calls (midimon: 1,000,000; wasmtime C: 1,000,000; wasmtime-py: "
                "20,000), median of the loops. midimon's `Function.invoke` and wasmtime's "
                "`wasmtime_func_call_unchecked` both take raw values and check nothing; `wasmtime_func_call` "
                "type-checks its arguments.", ""]
        rows = []
        for label, name, note in CALL_FIGURES:
            s = summary(batch.get(name))
            rows.append([label, fmt_time(s["median"]) if s else "not measured", fmt_time(s["min"]) if s else "",
                         fmt_time(s["max"]) if s else "", note])
        out += [table(["what", "median", "min", "max", "note"], rows), ""]
        for name in data.get("cache_subcommands", []):
            text = data.get("batch_text", {}).get(name)
            if text:
                out += [f"## midimon-bench {name}", "",
                        "Its own output, as printed (the figures are also in the JSON); the cache hit rows above "
                        "come from it.", "", "```",
                        "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("{")), "```", ""]
        other = [n for n in batch if n not in used_batch_names(data) and not n.startswith("cache hit")
                 and "/" not in n and "CachedCompiler" not in n and "midimon compile" not in n]
        if other:
            out += ["## Other midimon-bench figures", "", table(["figure", "median", "min", "max", "runs"], [
                [n, fmt_time(summary(batch[n])["median"]), fmt_time(summary(batch[n])["min"]),
                 fmt_time(summary(batch[n])["max"]), summary(batch[n])["n"]] for n in other]), ""]
    sections = (("plugins", "Plugin call cost, both ABIs",
                 "Per call, median of loops (midimon-bench plugins): `PluginInstance.onEvent` for the event ABI, "
                 "`execute` (request written into plugin memory, parsed by the plugin) for the JSON ABI."),
                ("daemon", "Daemon: per-event latency",
                 "midimon-bench daemon: a replay (1,000,000 events; 200,000 with --quick) as fast as possible "
                 "through midimond's loop (MIDIDaemon) and a mapping that calls the velocity-curve example "
                 "through the event ABI for every event. Latency is the daemon's own arrival-to-output "
                 "HdrHistogram (µs); allocations are counted on the MIDI thread by a malloc interposer. "
                 "Targets: p99 < 50 µs, max < 1 ms, zero allocations."))
    for name, title, note in sections:
        text = data.get("batch_text", {}).get(name)
        out += [f"## {title}", "", note, ""]
        if text:
            out += ["```", "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("{")), "```", ""]
        else:
            out += [f"not measured ({data.get('problems', {}).get(f'midimon-bench {name}', 'not run')[:200]})", ""]
    if data.get("problems"):
        out += ["## Problems", ""] + [f"- {k}: {v[:400]}" for k, v in data["problems"].items()] + [""]
    out += ["## Charts", "", f"![time relative to native]({stem}-kernels.png)", "",
            f"![compile time]({stem}-compile.png)", "", f"![load and call]({stem}-load.png)", ""]
    return "\n".join(out)


def fmt_load(values):
    return ", ".join(f"{v:.1f}" for v in values) if values else "unknown"


# ---- charts ------------------------------------------------------------------------------

def charts(data, folder, stem):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    written = []
    systems = data.get("systems", {})
    kernels = data.get("kernels", {})
    if kernels:
        names = [n for n in systems if n != "native"]
        panels = list(kernels) + ["geometric mean"]
        cols = 4
        rows = math.ceil(len(panels) / cols)
        fig, axes = plt.subplots(rows, cols, figsize=(4.4 * cols, 0.22 * len(names) * rows + 1.0 * rows))
        axes = axes.flatten()
        every = [ratio_of_medians(kernels[k], n, "native") for k in kernels for n in names]
        every = [v for v in every if v]
        limits = (min([0.5] + [v * 0.8 for v in every]), max([2.0] + every) * 3)
        for index, (ax, panel) in enumerate(zip(axes, panels)):
            values = []
            for n in names:
                if panel == "geometric mean":
                    values.append(compare(data, n, "native")[0])
                else:
                    values.append(ratio_of_medians(kernels[panel], n, "native"))
            y = list(range(len(names)))
            ax.barh(y, [v or 0 for v in values], color=[FAMILY_COLOURS.get(systems[n]["family"], "grey") for n in names],
                    left=0)
            ax.set_xscale("log")
            ax.axvline(1.0, color="black", linewidth=0.8)
            ax.set_title(panel, fontsize=10, fontweight="bold" if panel == "geometric mean" else None)
            ax.set_yticks(y)
            ax.set_yticklabels(names if index % cols == 0 else [], fontsize=7)
            ax.invert_yaxis()
            ax.set_xlim(*limits)  # one scale for every panel, so kernels compare at a glance
            ax.grid(axis="x", which="major", linewidth=0.3)
            for yi, v in zip(y, values):
                ax.text(v if v else 1, yi, f" {v:.2f}" if v and v < 10 else (f" {v:.0f}" if v else " n/a"),
                        va="center", fontsize=6)
            ax.tick_params(axis="x", labelsize=7)
        for ax in axes[len(panels):]:
            ax.axis("off")
        fig.suptitle("Time relative to native clang -O2 (log scale; 1 = native, lower is better)", fontsize=12)
        fig.tight_layout(rect=(0, 0, 1, 0.97))
        path = os.path.join(folder, f"{stem}-kernels.png")
        fig.savefig(path, dpi=90)
        plt.close(fig)
        written.append(path)
    crow = compile_rows(data)
    size = data.get("compile_module_bytes")
    if crow and size:
        fig, ax = plt.subplots(figsize=(9, 4.5))
        rows = sorted(crow, key=lambda r: (r[0] != "midimon", r[1], r[2]))
        labels = [f"{r[0]}\n{r[1].split(' ')[0]}\n{r[2]} core{'s' if r[2] > 1 else ''}" for r in rows]
        values = [statistics.median(r[3]) / 1e9 / (size / 1e6) for r in rows]
        bars = ax.bar(range(len(rows)), values, color=[FAMILY_COLOURS[r[0]] for r in rows])
        for b, v in zip(bars, values):
            ax.text(b.get_x() + b.get_width() / 2, v, f"{v:.2f}", ha="center", va="bottom", fontsize=8)
        ax.set_xticks(range(len(rows)))
        ax.set_xticklabels(labels, fontsize=7)
        ax.set_ylabel("seconds per MB of wasm (median)")
        ax.set_title(f"Compile time per MB, {size / 1e6:.2f} MB module (lower is better);\n"
                     "midimon: O0/O2 to a shared object; wasmtime: Cranelift opt level none/speed", fontsize=10)
        fig.tight_layout()
        path = os.path.join(folder, f"{stem}-compile.png")
        fig.savefig(path, dpi=90)
        plt.close(fig)
        written.append(path)
    batch = data.get("batch", {})
    if batch:
        # Tall enough for two-line labels: the cache figures add up to eight rows on the left.
        fig, (left, right) = plt.subplots(1, 2, figsize=(16, 7.5))
        for ax, figures, title in [(left, LOAD_FIGURES, "Artifact on disk to callable instance"),
                                   (right, CALL_FIGURES, "One call into a trivial export")]:
            rows = [(label, summary(batch.get(name))) for label, name, _ in figures if name and batch.get(name)]
            if ax is left:
                rows += [(cache_label(n), summary(batch[n])) for n in batch if n.startswith("cache hit")]
            if not rows:
                ax.axis("off")
                continue
            values = [s["median"] / 1e3 for _, s in rows]
            ax.barh(range(len(rows)), values,
                    color=[FAMILY_COLOURS["midimon"] if l.startswith("midimon") else FAMILY_COLOURS["wasmtime"] for l, _ in rows])
            ax.set_yticks(range(len(rows)))
            ax.set_yticklabels(["\n".join(textwrap.wrap(l.replace(", small module", " (small)")
                                                          .replace(", compile-benchmark module", " (large)"), 38))
                                for l, _ in rows], fontsize=7)
            ax.invert_yaxis()
            ax.set_xscale("log")
            ax.set_xlabel("microseconds (median, log scale)")
            ax.set_title(title, fontsize=10)
            for i, v in enumerate(values):
                ax.text(v, i, f" {fmt_time(v * 1e3)}", va="center", fontsize=7)
            ax.set_xlim(min(values) * 0.5, max(values) * 8)
        fig.tight_layout()
        path = os.path.join(folder, f"{stem}-load.png")
        fig.savefig(path, dpi=90)
        plt.close(fig)
        written.append(path)
    return written


def write(data, folder, stem):
    data["headline"] = headline(data)
    json_path = os.path.join(folder, f"{stem}.json")
    with open(json_path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=False)
    pngs = charts(data, folder, stem)
    md_path = os.path.join(folder, f"{stem}.md")
    with open(md_path, "w") as f:
        f.write(markdown(data, stem))
    return [md_path, json_path] + pngs
