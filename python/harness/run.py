"""Runs one scenario in this process and writes its record as JSON.

    python3 python/harness/run.py SCENARIO 'OPTIONS_JSON' OUT.json

harness/record.py (the recorder, two_loops_record.py) calls this once per run,
with a timeout: a process that does not end is recorded by the caller as a hang. The record is
written as soon as the scenario returns (before the interpreter starts to
shut down), then written again from an atexit hook with the moment the
interpreter got past waiting for non-daemon threads.
"""

import atexit
import importlib
import json
import platform
import sys
import sysconfig
import tkinter as tk
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness import probe  # noqa: E402
from harness.probe import Clock, now, tcl_facts, write_json  # noqa: E402


def environment() -> dict:
    root = tk.Tk()
    facts = tcl_facts(root)
    root.destroy()
    return {
        "stdlib": sysconfig.get_paths()["stdlib"],
        "python": platform.python_version(),
        "pythonImplementation": platform.python_implementation(),
        "switchIntervalMs": sys.getswitchinterval() * 1000,
        # sys._is_gil_enabled() exists from 3.13; before it, every build had the GIL.
        "gilEnabled": bool(getattr(sys, "_is_gil_enabled", lambda: True)()),
        "freeThreadedBuild": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        **facts,
    }


def main() -> None:
    name, options, out = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    if name == "env":
        write_json(out, environment())
        return
    clock = Clock()
    probe.OUTPUT_PATH = out
    scenario = importlib.import_module(f"scenarios.{name}")
    record = scenario.run(options, clock)
    # The caller reads this with its own CLOCK_MONOTONIC to place the process's
    # end on this run's time line, then drops it.
    record["clockOrigin"] = clock.t0
    write_json(out, record)

    def exited() -> None:
        record["interpreterExitMs"] = clock.ms(now())
        write_json(out, record)

    atexit.register(exited)


if __name__ == "__main__":
    main()
