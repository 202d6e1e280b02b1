"""The freeze finder (tools/freeze_finder.py) attached to two of the page's mistakes, run as written:
  blocking-call   mistakes/blocking_call_in_command.py, its Sleep button clicked: time.sleep(1)
                  in a command holds the Tk thread for 1 s, then Tk runs again
  wait-on-future  mistakes/wait_on_future_in_callback.py, its Run button clicked: future.result()
                  in a command waits for a coroutine that waits for the Tk thread, for ever

watch_tk(root) is the tool's own function, imported, called once the mistake's window enters
mainloop(), with the threshold it documents (200 ms). What its watchdog prints is captured line by
line, each line with the moment it was printed. The click comes through XTEST from another
process, like a user's. A 5 ms heartbeat (harness/probe.py) measures the freeze on its own, so
the length the tool prints is checked against an instrument that is not the tool.

The wait-on-future freeze never ends: a guard thread writes the record once the watchdog has
printed and the Tk thread has not run for STALE_S (options["staleS"], shorter in the quick pass),
and ends the process (as scenarios/deadlock.py).
"""

import importlib
import os
import sys
import threading
import tkinter as tk

from harness import probe, wrap
from harness.probe import Clicker, Clock, Heartbeat, now, span_ms, write_json

from freeze_finder import watch_tk

THRESHOLD_MS = 200
CLICK_AFTER_MS = 300
STALE_S = 1.5
# With nothing printed this long after the click, the run ends and its record says so.
GIVE_UP_S = 5.0

VARIANTS = {
    "blocking-call": ("blocking_call_in_command", "Sleep"),
    "wait-on-future": ("wait_on_future_in_callback", "Run"),
}


class Printout:
    """A file for the watchdog's print(): keeps each line with when it was completed."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.lines: list = []  # [ms, line]
        self._pending = ""
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        with self._lock:
            self._pending += text
            *done, self._pending = self._pending.split("\n")
            at = self.clock.ms(now())
            self.lines.extend([at, wrap.scrub(line)] for line in done)
        return len(text)

    def flush(self) -> None:
        pass

    def has(self, start: str) -> bool:
        with self._lock:
            return any(line.startswith(start) for _, line in self.lines)

    def snapshot(self) -> list:
        with self._lock:
            return [list(item) for item in self.lines]


def run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    module_name, button_text = VARIANTS[variant]
    stale_s = options.get("staleS", STALE_S)
    observed = wrap.install(clock)
    printout = Printout(clock)
    state: dict = {"done": threading.Event()}

    def record(frozen_at_end_ms) -> dict:
        heartbeat = state.get("heartbeat")
        clicker = state.get("clicker")
        sent = clicker.sent() if clicker is not None else []
        return {
            "variant": variant,
            "script": f"python/mistakes/{module_name}.py",
            "button": button_text,
            "thresholdMs": THRESHOLD_MS,
            "clickSentMs": clock.ms(sent[0]) if sent else None,
            "heartbeatStalls": heartbeat.stalls(clock) if heartbeat else [],
            "frozenAtEndMs": frozen_at_end_ms,
            "printed": printout.snapshot(),
        }

    def act(root: tk.Tk) -> None:
        heartbeat = Heartbeat(root)
        heartbeat.start()
        state["heartbeat"] = heartbeat
        watch_tk(root, threshold_ms=THRESHOLD_MS, out=printout)
        button = next(w for w in root.winfo_children() if isinstance(w, tk.Button) and w.cget("text") == button_text)

        def click() -> None:
            state["clickAt"] = now() + 0.05
            state["clicker"] = Clicker(button, [state["clickAt"]])
            root.after(50, finish_when_done)

        def finish_when_done() -> None:
            # On the Tk thread: the freeze has ended and the watchdog said so, or it is too late.
            if printout.has("freeze finder: the Tk thread ran again") or now() > state["clickAt"] + GIVE_UP_S:
                root.after(300, root.destroy)
            else:
                root.after(50, finish_when_done)

        root.after(CLICK_AFTER_MS, click)
        threading.Thread(target=guard, name="recorder-guard", daemon=True).start()

    def guard() -> None:
        """Ends a run whose Tk thread never comes back: nothing else can."""
        while not state["done"].wait(0.05):
            beats = state["heartbeat"].beats
            late = now() - beats[-1]
            clicked = state.get("clickAt")
            stuck = printout.has("freeze finder: the Tk thread has not run") and late > stale_s
            lost = clicked is not None and now() > clicked + GIVE_UP_S + stale_s
            if stuck or lost:
                result = {**record(span_ms(beats[-1], now())), "clockOrigin": clock.t0}
                assert probe.OUTPUT_PATH is not None
                write_json(probe.OUTPUT_PATH, result)
                sys.stderr.flush()
                os._exit(0)  # the Tk thread waits for ever: only ending the process ends it

    observed.on_mainloop = act
    importlib.import_module(module_name).main()
    state["done"].set()
    return record(None)
