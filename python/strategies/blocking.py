# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""What not to write: asyncio.run() inside a Tk button command.

It looks harmless because the task only *waits*, but asyncio.run() does not
return until the task is over, and while it runs Tk's own event loop is stuck
inside this callback: no repaint, no timers, no clicks. Clicks made meanwhile
are queued by the X server and handled, late, one after another, each starting
another frozen run. Run it, press Run, then try to move or click the window.
"""

import asyncio
import time
import tkinter as tk
from dataclasses import dataclass


@dataclass(frozen=True)
class Task:
    """The work to run: a wait (like a network call), CPU work, or a stream."""

    kind: str = "wait"  # "wait" | "cpu" | "stream"
    duration: float = 2.0  # seconds
    rate: float = 5.0  # stream only: progress updates per second

    @property
    def steps(self) -> int:
        return max(1, round(self.duration * self.rate))


def compute_for(seconds: float) -> int:
    """Pure-Python hashing for `seconds`, with no await inside: the event loop
    running it can do nothing else until it returns. (Other threads still get
    the GIL: CPython hands it over every switch interval, 5 ms by
    default, when another thread asks.)"""
    deadline = time.perf_counter() + seconds
    value, i = 0x811C9DC5, 0
    while time.perf_counter() < deadline:
        for _ in range(2_000):  # read the clock once per slice, not per step
            value = ((value ^ (i & 0xFF)) * 0x01000193) & 0xFFFFFFFF
            i += 1
    return value


async def run_task(task: Task, report=None) -> str:
    if task.kind == "cpu":
        return f"computed {compute_for(task.duration):08x}"
    if task.kind == "stream":
        for step in range(1, task.steps + 1):
            await asyncio.sleep(1 / task.rate)
            if report is not None:
                report(step, task.steps)
        return f"streamed {task.steps} updates"
    await asyncio.sleep(task.duration)
    return f"waited {task.duration:g} s"


class BlockingApp:
    def __init__(self, root: tk.Tk, task: Task) -> None:
        self.root = root
        self.task = task
        self.button = tk.Button(root, text="Run", command=self.run)
        self.label = tk.Label(root, text="idle", width=32)
        self.button.pack(padx=12, pady=(12, 4))
        self.label.pack(padx=12, pady=(4, 12))

    def run(self) -> None:
        # [phase submitted]
        # Tk paints at idle time, and there will be none until run() returns:
        # this text is set but never seen.
        self.show("running…")
        # [/phase]
        # [phase running]
        # A second event loop, nested inside Tk's: Tk's loop is suspended until
        # this one finishes, so the window freezes for the whole task.
        result = asyncio.run(run_task(self.task, self.show_progress))
        # [/phase]
        # [phase delivered]
        self.show(result)
        # [/phase]

    def show_progress(self, step: int, steps: int) -> None:
        # Same story: the label changes, the screen does not.
        self.show(f"{step}/{steps}")

    def show(self, text: str) -> None:
        self.label.config(text=text)


def main() -> None:
    root = tk.Tk()
    root.title("Blocking: asyncio.run() in a callback")
    BlockingApp(root, Task("wait", 2.0))
    root.mainloop()


if __name__ == "__main__":
    main()
