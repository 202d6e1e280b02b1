"""Plays a user's part in an offered file, which runs unchanged.

Each offered file opens a window and waits for someone to press its buttons
and close it. install() patches tkinter.Misc.mainloop so that, once the
window's mainloop() starts, the steps listed for that file in STEPS are
played on the Tk thread: press a button by its text, wait (with a limit) for a
label to show some text, close the window the way its title bar's close
button does (the WM_DELETE_WINDOW handler if the file set one, else destroy).

Two ways in, neither touching the file:
  * scripts/run-offered-python.mjs runs `python3 FILE.py` literally, with
    PYTHONPATH=python/harness/autodrive and TWO_LOOPS_DRIVE=FILE: that
    folder's sitecustomize.py calls install() before the file's first line;
  * the `offered` scenario calls install() itself, then runs the file with
    runpy, to record it.

A step that gives up waiting prints a line starting with GAVE_UP to stderr:
the runner counts it as a failure.
"""

from __future__ import annotations

import re
import sys
import time
import tkinter
from pathlib import Path
from typing import Callable, Optional

PYTHON_DIR = Path(__file__).resolve().parent.parent
GAVE_UP = "two-loops drive: gave up"

# Steps: ("press", button text) | ("wait", ms) | ("until", label regex, limit ms) | ("close",)
RUN_AND_CLOSE = [("press", "Run"), ("wait", 300), ("close",)]
# A first step for a file that never calls mainloop() (asyncio drives Tk):
# the steps start once tkinter.Tk() is made, played by Tk's own timers.
ON_TK = ("start", "on Tk()")
STEPS: dict[str, list[tuple]] = {
    "recommended.py": [("press", "Start"), ("until", r"^done", 8000), ("close",)],
    "strategies/blocking.py": [("press", "Run"), ("until", r"waited", 5000), ("close",)],
    "strategies/queue_polling.py": [("press", "Run"), ("until", r"streamed", 5000), ("close",)],
    "strategies/dedicated_loop.py": [("press", "Run"), ("until", r"streamed", 6000), ("close",)],
    # No mainloop() ever runs here: the steps start with the window (see ON_TK).
    "strategies/one_thread.py": [
        ON_TK,
        ("press", "Run"),
        ("until", r"waited", 5000),
        ("press", "Open dialog"),
        ("wait", 300),
        ("press", "OK"),
        ("press", "Compute in a thread"),
        ("until", r"in a thread$", 5000),
        ("close",),
    ],
    "strategies/one_thread_guest.py": [
        ("wait", 300),  # Run is enabled once Trio's run has started
        ("press", "Run"),
        ("until", r"waited", 5000),
        ("press", "Open dialog"),
        ("wait", 300),
        ("press", "OK"),
        ("close",),
    ],
    "mistakes/asyncio_queue_from_thread.py": [("until", r"coroutine", 3000), ("wait", 300), ("close",)],
    "mistakes/task_before_mainloop.py": [("wait", 300), ("close",)],
    "mistakes/loop_never_stopped.py": [("press", "Run"), ("wait", 700), ("press", "Run"), ("wait", 200), ("close",)],
    "mistakes/wait_on_future_in_callback.py": [("wait", 300), ("press", "Run")],
    "mistakes/close_while_task_runs.py": RUN_AND_CLOSE,
    "fixes/close_while_task_runs.py": RUN_AND_CLOSE,
    "mistakes/worker_after_close.py": RUN_AND_CLOSE,
    "fixes/worker_after_close.py": RUN_AND_CLOSE,
    "mistakes/blocking_call_in_command.py": [
        ("wait", 200), ("press", "Sleep"), ("until", r"slept", 4000),
        ("wait", 200), ("press", "Fetch"), ("until", r"answer", 4000), ("wait", 200), ("close",),
    ],
    "fixes/blocking_call_in_command.py": [
        ("wait", 200), ("press", "Sleep"), ("until", r"slept", 4000),
        ("wait", 200), ("press", "Fetch"), ("until", r"answer", 4000), ("wait", 200), ("close",),
    ],
    "mistakes/loop_thread_per_click.py": [
        ("press", "Run"), ("wait", 300), ("press", "Run"), ("until", r"task 1: fetched", 4000), ("close",),
    ],
    "fixes/loop_thread_per_click.py": [
        ("press", "Run"), ("wait", 300), ("press", "Run"), ("until", r"task 2: fetched", 4000), ("close",),
    ],
    "mistakes/client_bound_to_first_loop.py": [
        ("press", "Ask"), ("until", r"task 1: ", 4000), ("press", "Ask"), ("until", r"task 2: ", 4000), ("close",),
    ],
    "fixes/client_bound_to_first_loop.py": [
        ("press", "Ask"), ("until", r"task 1: ", 4000), ("press", "Ask"), ("until", r"task 2: ", 4000), ("close",),
    ],
    "mistakes/widget_from_thread.py": [("wait", 300), ("close",)],
    "fixes/widget_from_thread.py": [("until", r"step 5/5", 5000), ("close",)],
    "tools/freeze_finder.py": [
        ("wait", 300), ("press", "Sleep 1 s"), ("until", r"slept", 4000), ("wait", 300),
        ("press", "Compute 0.3 s on the loop"), ("until", r"computed", 4000), ("wait", 200), ("close",),
    ],
}


def key(path: str) -> str:
    return Path(path).resolve().relative_to(PYTHON_DIR).as_posix()


def widgets(root: tkinter.Misc):
    for child in root.winfo_children():
        yield child
        yield from widgets(child)


def button(root: tkinter.Misc, text: str) -> tkinter.Button:
    for w in widgets(root):
        if isinstance(w, tkinter.Button) and w.cget("text") == text:
            return w
    raise LookupError(f"no button {text!r}")


def label_matches(root: tkinter.Misc, pattern: str) -> bool:
    return any(isinstance(w, tkinter.Label) and re.search(pattern, str(w.cget("text"))) for w in widgets(root))


def close(root: tkinter.Tk) -> None:
    handler = root.protocol("WM_DELETE_WINDOW")
    if handler:
        root.tk.call(handler)
    else:
        root.destroy()


def install(
    steps: list[tuple],
    log: Optional[Callable[[str], None]] = None,
    after_mainloop: Optional[Callable[[], None]] = None,
) -> None:
    """Plays `steps` once the first mainloop() starts; `log(text)` is told each step as it is played."""
    original = tkinter.Misc.mainloop
    state = {"started": False}

    def play(root: tkinter.Tk, index: int) -> None:
        if index >= len(steps):
            return
        step = steps[index]
        if step[0] == "wait":
            root.after(step[1], play, root, index + 1)
            return
        if step[0] == "until":
            deadline = time.perf_counter() + step[2] / 1000

            def check() -> None:
                if label_matches(root, step[1]):
                    play(root, index + 1)
                elif time.perf_counter() > deadline:
                    print(f"{GAVE_UP} waiting for a label matching /{step[1]}/", file=sys.stderr, flush=True)
                    close(root)
                else:
                    root.after(20, check)

            check()
            return
        if log is not None:
            log(" ".join(str(part) for part in step))
        if step[0] == "press":
            # Schedule the next step first: a blocking command holds the Tk
            # thread inside invoke(), as a real click would.
            root.after(1, play, root, index + 1)
            button(root, step[1]).invoke()
        elif step[0] == "close":
            close(root)
        else:
            raise ValueError(step)

    def mainloop(self: tkinter.Misc, n: int = 0) -> None:
        if not state["started"]:
            state["started"] = True
            root = self._root()  # type: ignore[attr-defined]
            root.after(0, play, root, 0)
        original(self, n)
        if after_mainloop is not None:
            after_mainloop()

    if steps and steps[0] == ON_TK:
        steps = steps[1:]
        original_init = tkinter.Tk.__init__

        def init(self: tkinter.Tk, *args, **kwargs) -> None:
            original_init(self, *args, **kwargs)
            if not state["started"]:
                state["started"] = True
                self.after(0, play, self, 0)

        tkinter.Tk.__init__ = init  # type: ignore[method-assign]
        return

    tkinter.Misc.mainloop = mainloop  # type: ignore[method-assign]
