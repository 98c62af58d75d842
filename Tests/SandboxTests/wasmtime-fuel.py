#!/usr/bin/env python3
"""Fuel that wasmtime (PyPI package `wasmtime`, 50.0.1) reports for calls, for FuelTests.

Reads JSON from stdin: [{"wat": TEXT, "export": NAME, "args": [INT...]}, ...] and prints one
line per case: the fuel consumed by the call (budget minus what store.get_fuel() reports
afterwards), then "ok" or "trap".

    python3 Tests/SandboxTests/wasmtime-fuel.py < cases.json
"""
import json
import sys

import wasmtime

BUDGET = 10**9


def consumed(case):
    config = wasmtime.Config()
    config.consume_fuel = True
    engine = wasmtime.Engine(config)
    store = wasmtime.Store(engine)
    store.set_fuel(BUDGET)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, case["wat"]), [])
    before = store.get_fuel()
    outcome = "ok"
    try:
        instance.exports(store)[case["export"]](store, *case["args"])
    except wasmtime.Trap:
        outcome = "trap"
    except wasmtime.WasmtimeError:
        outcome = "trap"
    return before - store.get_fuel(), outcome


for case in json.load(sys.stdin):
    fuel, outcome = consumed(case)
    print(fuel, outcome)
