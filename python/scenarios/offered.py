"""An offered file run as shown, under real Tk, and watched from outside.

The file runs unchanged, with runpy as __main__ (its own code after
mainloop() included). harness/drive.py plays the steps listed for it (or
options["steps"]); harness/wrap.py notes the window, every label text, every
Tk call made off the main thread with how long it took, thread errors and
warnings; a heartbeat on the Tk thread measures stalls.

The record is written as soon as mainloop() returns, because some of these
programs abort afterwards (scripts/record-tk.mjs then adds how the process
ended and what it printed). options["afterwards"] == "threads-end": after the
file's code returns, the harness plays a program that carries on, waiting
(up to THREADS_LIMIT_S) for every other thread to end before it exits.
options["raiseIn"] == NAME: the file is imported as a module instead, its
function NAME replaced by one that raises, and its main() called: how the
program shows a failing coroutine, with the file otherwise unchanged.
"""

import importlib.util
import runpy
import sys
import threading
import tkinter as tk
from pathlib import Path

from harness import drive, probe, wrap
from harness.probe import Clock, Heartbeat, now, span_ms, write_json

THREADS_LIMIT_S = 4.0


def run(options: dict, clock: Clock) -> dict:
    script = options["script"]
    path = Path(probe.PYTHON_DIR.parent, script)
    observed = wrap.install(clock, watch_calls=True)
    steps_played: list[list] = []
    state: dict = {}

    def on_mainloop(root: tk.Tk) -> None:
        state["heartbeat"] = Heartbeat(root)
        state["heartbeat"].start()

    def record() -> dict:
        heartbeat = state.get("heartbeat")
        if heartbeat is not None:
            state["stalls"] = heartbeat.stalls(clock)
            state["span"] = span_ms(heartbeat.beats[0], heartbeat.beats[-1])
        return {
            "variant": options["variant"],
            "form": options["form"],
            "script": script,
            "expect": path.read_text(encoding="utf-8").splitlines()[1].split("expect=", 1)[1],
            "steps": steps_played,
            **observed.record(),
            "tkCallsFromThreads": observed.tk_calls,
            "heartbeatStalls": state.get("stalls", []),
            "heartbeatSpanMs": state.get("span"),
            "threadsAfterMainloop": state.get("threadsAfterMainloop", []),
            "threadsAliveAtEnd": state.get("threadsAliveAtEnd"),
        }

    writing = threading.Lock()

    def save() -> None:
        """Writes the record so far: the process may yet abort."""
        assert probe.OUTPUT_PATH is not None
        with writing:
            write_json(probe.OUTPUT_PATH, {**record(), "clockOrigin": clock.t0})

    def after_mainloop() -> None:
        state["threadsAfterMainloop"] = [
            {"name": t.name, "daemon": t.daemon} for t in threading.enumerate() if t is not threading.main_thread()
        ]
        state["mainloopReturned"] = True
        save()
        # The heartbeat holds the window: let go of it, so that the program, not
        # the harness, decides in which thread Tk is freed.
        state.pop("heartbeat", None)

    observed.on_mainloop = on_mainloop
    # After mainloop() has returned, what a worker does next is saved as it happens.
    observed.on_note = lambda: save() if state.get("mainloopReturned") else None
    steps = [tuple(step) for step in options.get("steps") or drive.STEPS[drive.key(str(path))]]
    drive.install(steps, log=lambda text: steps_played.append([clock.ms(now()), text]), after_mainloop=after_mainloop)
    sys.argv = [str(path)]
    sys.path.insert(0, str(path.parent))
    if options.get("raiseIn"):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)

        def fails(*args, **kwargs):
            raise ValueError("failed on purpose")

        setattr(module, options["raiseIn"], fails)
        module.main()
    else:
        runpy.run_path(str(path), run_name="__main__")
    if options.get("afterwards") == "threads-end":
        deadline = now() + THREADS_LIMIT_S
        for thread in threading.enumerate():
            if thread is not threading.main_thread():
                thread.join(max(0.0, deadline - now()))
        state["threadsAliveAtEnd"] = sum(1 for t in threading.enumerate() if t is not threading.main_thread())
    return record()
