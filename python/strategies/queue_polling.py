# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""A worker thread runs the asyncio work; Tk polls a queue.Queue with after().

The worker is given plain data and the queue, nothing of Tk's: no widget, not
the app, not a bound method of the app. queue.Queue is the one object both
threads share, and it is made for exactly that. The Tk thread drains the queue
every P ms. Nothing blocks, but a result waits on average P/2 before it is
shown, and the Tk thread wakes up every P ms even when there is nothing to do.

Each worker runs its own short-lived event loop with asyncio.run(), so two
workers cannot share anything asynchronous (a connection, a lock, an
asyncio.Queue): each belongs to the loop that made it. Work that needs that
belongs on one long-lived loop (dedicated_loop.py).
"""

import asyncio
import queue
import threading
import time
import tkinter as tk
from dataclasses import dataclass

Message = tuple[int, str]  # (job number, text)


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


class QueuePollingApp:
    def __init__(self, root: tk.Tk, task: Task, poll_ms: int = 100) -> None:
        self.root = root
        self.task = task
        self.poll_ms = poll_ms
        self.results: "queue.Queue[Message]" = queue.Queue()
        self.jobs = 0
        self.button = tk.Button(root, text="Run", command=self.run)
        self.label = tk.Label(root, text="idle", width=32)
        self.button.pack(padx=12, pady=(12, 4))
        self.label.pack(padx=12, pady=(4, 12))
        self.poll()

    def run(self) -> None:
        # [phase submitted]
        self.jobs += 1
        # Plain data and the queue only. Given self.work (a bound method), the
        # thread would hold the app and so the Tk window: closed while it runs,
        # the worker would drop the last reference to Tk from the wrong thread,
        # and Tcl aborts the process. daemon: closing the window should not
        # wait for a result nobody will see.
        worker = threading.Thread(target=work, args=(self.jobs, self.task, self.results), daemon=True)
        worker.start()
        self.show(f"task {self.jobs}: submitted")
        # [/phase]

    def poll(self) -> None:
        # [phase polled]
        # Drain everything that arrived since the last tick, not just one
        # message, or a fast stream would fall further and further behind.
        while True:
            try:
                message = self.results.get_nowait()
            except queue.Empty:
                break
            self.deliver(message)
        self.root.after(self.poll_ms, self.poll)
        # [/phase]

    def deliver(self, message: Message) -> None:
        # [phase delivered]
        job, text = message
        self.show(f"task {job}: {text}")
        # [/phase]

    def show(self, text: str) -> None:
        self.label.config(text=text)


def work(job: int, task: Task, results: "queue.Queue[Message]") -> None:
    """Runs in the worker thread: it may use the queue, never Tk."""
    # [phase running]
    def report(step: int, steps: int) -> None:
        results.put((job, f"{step}/{steps}"))

    try:
        outcome = asyncio.run(run_task(task, report))
    except Exception as exc:
        # Uncaught, this would only reach the thread's stderr and the label
        # would wait forever: send the failure through the queue instead.
        outcome = f"failed: {exc!r}"
    # [/phase]
    # [phase result-queued]
    results.put((job, outcome))
    # [/phase]


def main() -> None:
    root = tk.Tk()
    root.title("Queue + polling")
    QueuePollingApp(root, Task("stream", 2.0, 5.0), poll_ms=100)
    root.mainloop()


if __name__ == "__main__":
    main()
