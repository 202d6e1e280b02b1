"""Instruments shared by the scenarios: clock, heartbeat, clicks, summaries."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
import tkinter as tk
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

PYTHON_DIR = Path(__file__).resolve().parent.parent
# The scenarios import the offered files as modules (each is one complete
# file: it imports nothing of the project's), and the freeze finder's functions.
for folder in ("strategies", "mistakes", "tools"):
    if str(PYTHON_DIR / folder) not in sys.path:
        sys.path.insert(0, str(PYTHON_DIR / folder))

HEARTBEAT_MS = 5
STALL_THRESHOLD_MS = 8.0

now = time.perf_counter

# Where run.py writes this run's record; a scenario that ends the process
# itself (the deadlock watchdog) writes there first.
OUTPUT_PATH: Optional[str] = None


def round1(x: float) -> float:
    """Rounds to 0.1 with exactly the float operations src/tk-traces/schema.ts uses."""
    return math.floor(x * 10 + 0.5) / 10


def percentile(values: Sequence[float], p: float) -> Optional[float]:
    """Nearest-rank percentile, the definition schema.ts recomputes."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def distribution(values: Sequence[float]) -> dict:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else None,
    }


class Clock:
    """Every time in a trace is milliseconds since this clock's start, to 0.1 ms."""

    def __init__(self) -> None:
        self.t0 = now()

    def ms(self, t: float) -> float:
        return round1((t - self.t0) * 1000)


def span_ms(start: float, end: float) -> float:
    return round1((end - start) * 1000)


class Heartbeat:
    """root.after(5 ms) on the Tk thread; each beat is a timestamp. A gap well
    above 5 ms means the Tk thread could not run its timers: a stall."""

    def __init__(self, root: tk.Misc) -> None:
        self.root = root
        self.beats: list[float] = []
        self._after: Optional[str] = None

    def start(self) -> None:
        self.beats.append(now())
        self._after = self.root.after(HEARTBEAT_MS, self._beat)

    def _beat(self) -> None:
        self.beats.append(now())
        self._after = self.root.after(HEARTBEAT_MS, self._beat)

    def stop(self) -> None:
        if self._after is not None:
            self.root.after_cancel(self._after)
            self._after = None

    def gaps(self, start: float = -math.inf, end: float = math.inf) -> list[tuple[float, float]]:
        """(time the gap ended, gap in seconds) for beats that ended within [start, end]."""
        return [(b, b - a) for a, b in zip(self.beats, self.beats[1:]) if start <= b <= end]

    def stalls(self, clock: Clock) -> list[list[float]]:
        """Gaps above the threshold as [ms when the gap began, gap ms]."""
        out = []
        for end, gap in self.gaps():
            gap_ms = span_ms(0, gap)
            if gap_ms > STALL_THRESHOLD_MS:
                out.append([clock.ms(end - gap), gap_ms])
        return out


def window_mapped(root: tk.Tk, on_map: Callable[[float], None]) -> None:
    """Calls on_map(time) when the toplevel first appears on screen."""
    seen = {"done": False}

    def mapped(event: tk.Event) -> None:
        if event.widget is root and not seen["done"]:
            seen["done"] = True
            on_map(now())

    root.bind("<Map>", mapped, add="+")


def widget_centre(widget: tk.Misc) -> tuple[int, int]:
    widget.update_idletasks()
    return (
        widget.winfo_rootx() + widget.winfo_width() // 2,
        widget.winfo_rooty() + widget.winfo_height() // 2,
    )


# How the recorder asked this run to click: "xtest" (the default) or "event_generate".
INPUT = os.environ.get("TWO_LOOPS_INPUT", "xtest")


def Clicker(widget: tk.Misc, at: Iterable[float]):
    """Clicks `widget` at the given perf_counter times, the way this run was asked to."""
    if INPUT == "event_generate":
        return GeneratedClicker(widget, at)
    return XTestClicker(widget, at)


class GeneratedClicker:
    """Clicks with `event generate ... -when tail`, one helper thread per click, where XTEST is
    not available (macOS, Windows). tkinter hands a call from another thread to the Tk thread
    through Tcl's event queue: while the Tk thread is busy the click waits there, and runs when
    its event loop does, after what was queued before it. Needs a threaded Tcl and mainloop()."""

    def __init__(self, widget: tk.Misc, at: Iterable[float]) -> None:
        import threading

        # Enter first: Tk's button bindings only invoke on release over the button they entered.
        widget.tk.eval(
            "proc two_loops_click {w} {"
            " event generate $w <Enter> -when tail;"
            " event generate $w <ButtonPress-1> -x 2 -y 2 -when tail;"
            " event generate $w <ButtonRelease-1> -x 2 -y 2 -when tail }"
        )
        self.times = sorted(at)
        self.sent_at: list = [None] * len(self.times)
        path = str(widget)

        def click(i: int, when: float) -> None:
            while (left := when - time.perf_counter()) > 0:
                time.sleep(min(left, 0.001))
            self.sent_at[i] = time.perf_counter()
            try:
                widget.tk.call("two_loops_click", path)
            except (RuntimeError, tk.TclError):
                pass  # the window closed first: the click was sent, never delivered

        self.threads = [
            threading.Thread(target=click, args=(i, when), daemon=True, name=f"click-{i}")
            for i, when in enumerate(self.times)
        ]
        for thread in self.threads:
            thread.start()

    def sent(self, timeout: float = 5.0) -> list[float]:
        deadline = time.perf_counter() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.perf_counter()))
        return [t for t in self.sent_at if t is not None]


class XTestClicker:
    """A separate process that clicks `widget` through XTEST at given times."""

    def __init__(self, widget: tk.Misc, at: Iterable[float]) -> None:
        x, y = widget_centre(widget)
        spec = json.dumps({"x": x, "y": y, "at": list(at)})
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("clicker.py")), spec],
            stdout=subprocess.PIPE,
            text=True,
        )

    def sent(self, timeout: float = 5.0) -> list[float]:
        out, _ = self.process.communicate(timeout=timeout)
        if self.process.returncode != 0:
            raise RuntimeError(f"clicker failed with code {self.process.returncode}")
        return json.loads(out)["sent"]


def idle_cpu_window(root: tk.Misc, seconds: float, done: Callable[[float, float, float, float], None]) -> None:
    """Leaves the Tk thread alone for `seconds`, then calls done(start, end, cpu_start, cpu_end)."""
    start, cpu_start = now(), time.process_time()

    def finish() -> None:
        done(start, now(), cpu_start, time.process_time())

    root.after(round(seconds * 1000), finish)


def tcl_facts(root: tk.Tk) -> dict:
    return {
        "tcl": str(root.tk.call("info", "patchlevel")),
        "tk": str(root.tk.call("package", "require", "Tk")),
        "tclThreaded": root.tk.eval("set tcl_platform(threaded)") == "1",
        # x11, win32 or aqua
        "windowSystem": str(root.tk.call("tk", "windowingsystem")),
    }


def write_json(path: str, data: dict) -> None:
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(tmp, path)
