"""mistakes/wait_on_future_in_callback.py as written: press Run and watch the
heartbeat. A watchdog thread declares a deadlock when the Tk thread has not
beaten for STALE_S, records where every thread is stuck, writes the record
and ends the process (the caller's timeout is the second guard)."""

import linecache
import os
import sys
import threading
import time
import tkinter as tk

from harness import probe, wrap
from harness.probe import Clock, Heartbeat, now, span_ms, write_json

RUN_AT_MS = 300
STALE_S = 1.5
MISTAKE_FILE = "wait_on_future_in_callback.py"


def run(options: dict, clock: Clock) -> dict:
    observed = wrap.install(clock)
    state: dict = {}

    def act(root: tk.Tk) -> None:
        heartbeat = Heartbeat(root)
        heartbeat.start()
        state["heartbeat"] = heartbeat
        button = next(w for w in root.winfo_children() if isinstance(w, tk.Button))

        def press() -> None:
            state["pressedAt"] = now()
            button.invoke()

        root.after(RUN_AT_MS, press)
        threading.Thread(target=watchdog, name="watchdog", daemon=True).start()

    def watchdog() -> None:
        while True:
            time.sleep(0.05)
            beats = state["heartbeat"].beats
            if now() - beats[-1] > STALE_S:
                break
        record = {
            "pressedMs": clock.ms(state["pressedAt"]),
            "lastBeatMs": clock.ms(beats[-1]),
            "detectedMs": clock.ms(now()),
            "stuckForMs": span_ms(beats[-1], now()),
            "stuck": stuck_lines(),
            **observed.record(),
            "clockOrigin": clock.t0,
        }
        assert probe.OUTPUT_PATH is not None
        write_json(probe.OUTPUT_PATH, record)
        sys.stderr.flush()
        os._exit(0)  # nothing else can end this process: both threads wait for ever

    observed.on_mainloop = act
    import wait_on_future_in_callback

    wait_on_future_in_callback.main()
    heartbeat = state.get("heartbeat")
    return {
        "pressedMs": clock.ms(state["pressedAt"]) if "pressedAt" in state else None,
        "lastBeatMs": clock.ms(heartbeat.beats[-1]) if heartbeat else None,
        "detectedMs": None,
        "stuckForMs": None,
        "stuck": [],
        **observed.record(),
    }


def stuck_lines() -> list:
    """For each thread, the last line of the mistake script on its stack."""
    names = {t.ident: t.name for t in threading.enumerate()}
    out = []
    for ident, frame in sys._current_frames().items():
        here = frame
        while here is not None and not here.f_code.co_filename.endswith(MISTAKE_FILE):
            here = here.f_back
        if here is not None:
            line = linecache.getline(here.f_code.co_filename, here.f_lineno).strip()
            out.append({"thread": names.get(ident, "?"), "function": here.f_code.co_name, "line": line})
    return sorted(out, key=lambda s: s["thread"])
