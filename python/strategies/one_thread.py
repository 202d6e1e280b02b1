# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""One thread: asyncio drives Tk. No mainloop(), no second thread.

asyncio owns the thread. One of its tasks drains Tk's pending events, then
sleeps P ms, and does that forever. Every Tk callback runs inside that drain,
so a callback may start coroutines with create_task(), and a coroutine may
touch widgets directly: it is the Tk thread.

The library async-tkinter-loop (`pip install async-tkinter-loop`, 0.10.4)
packages the same loop as async_mainloop(root): main_loop() in its
async_tkinter_loop/async_tkinter_loop.py drains with
root.dooneevent(_tkinter.DONT_WAIT) and sleeps 10 ms. This file needs only
the standard library.

What it costs, each recorded under real Tk (the page's One thread panel
shows the recording):
  * input waits for the next drain, up to P;
  * the thread wakes every P ms even when nothing happens (mainloop() sleeps);
  * a coroutine that computes without awaiting freezes the window, and
    chunks separated by `await asyncio.sleep(0)` still wait for the drain;
  * a modal dialog (wait_window, messagebox) runs Tk's own loop inside the
    drain, so no coroutine runs until it closes, while Tk's after() timers
    keep going (async-tkinter-loop's issue 39);
  * mainloop() never runs, so tkinter never hands a call from another thread
    to this one: such a call fails with "main thread is not in main loop".
    A thread gives its result to the asyncio loop instead, with
    loop.call_soon_threadsafe(), as compute_in_thread() does.
"""

import _tkinter
import asyncio
import threading
import time
import tkinter as tk
from dataclasses import dataclass
from typing import Optional

POLL_MS = 20  # _tkinter.getbusywaitinterval(): 20 ms
TICK_MS = 100


@dataclass(frozen=True)
class Task:
    """The work to run: a wait (like a network call), CPU work, or a stream."""

    kind: str = "wait"  # "wait" | "cpu" | "stream"
    duration: float = 1.0  # seconds
    rate: float = 5.0  # stream only: progress updates per second
    chunk: Optional[float] = None  # cpu only: seconds between awaits, or None

    @property
    def steps(self) -> int:
        return max(1, round(self.duration * self.rate))


def compute_for(seconds: float) -> int:
    """Pure-Python hashing for `seconds`, with no await inside."""
    deadline = time.perf_counter() + seconds
    value, i = 0x811C9DC5, 0
    while time.perf_counter() < deadline:
        for _ in range(2_000):
            value = ((value ^ (i & 0xFF)) * 0x01000193) & 0xFFFFFFFF
            i += 1
    return value


async def drive_tk(root: tk.Tk, poll_ms: int) -> None:
    """Tk's side of the thread: every pending event, then sleep P."""
    # [phase drained]
    while True:
        while root.dooneevent(_tkinter.DONT_WAIT):
            pass
        try:
            root.winfo_exists()  # raises once the window is destroyed
        except tk.TclError:
            return
        await asyncio.sleep(poll_ms / 1000)
    # [/phase]


class OneThreadApp:
    def __init__(self, root: tk.Tk, task: Task, poll_ms: int = POLL_MS, counters: bool = True) -> None:
        self.root = root
        self.task = task
        self.poll_ms = poll_ms
        self.jobs = 0
        self.tasks: set = set()  # strong references: the loop keeps only weak ones
        self.button = tk.Button(root, text="Run", command=self.run)
        self.dialog_button = tk.Button(root, text="Open dialog", command=self.open_dialog)
        self.thread_button = tk.Button(root, text="Compute in a thread", command=self.compute_in_thread)
        self.label = tk.Label(root, text="idle", width=36)
        self.asyncio_count = tk.Label(root, text="asyncio task: 0")
        self.tk_count = tk.Label(root, text="Tk after(): 0")
        for widget in (self.button, self.dialog_button, self.thread_button, self.label):
            widget.pack(padx=12, pady=4)
        self.asyncio_count.pack(padx=12)
        self.tk_count.pack(padx=12, pady=(0, 12))
        self.asyncio_ticks = 0
        self.tk_ticks = 0
        if counters:
            self.start(self.asyncio_ticker())
            self.root.after(TICK_MS, self.tk_ticker)

    def start(self, coroutine) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def run(self) -> None:
        # [phase submitted]
        # A Tk callback, run inside drive_tk's drain: the loop is running.
        self.jobs += 1
        self.start(self.work(self.jobs))
        self.show(f"task {self.jobs}: submitted")
        # [/phase]

    async def work(self, job: int) -> None:
        # [phase running]
        task = self.task
        if task.kind == "cpu" and task.chunk is None:
            # No await: nothing else runs, Tk included, until it returns.
            self.show(f"task {job}: computed {compute_for(task.duration):08x}")
        elif task.kind == "cpu":
            value, left = 0, task.duration
            while left > 0:
                value ^= compute_for(min(left, task.chunk))
                left -= task.chunk
                await asyncio.sleep(0)  # other coroutines run; Tk waits for its drain
            self.show(f"task {job}: computed {value:08x} in chunks")
        elif task.kind == "stream":
            for step in range(1, task.steps + 1):
                await asyncio.sleep(1 / task.rate)
                self.show(f"task {job}: {step}/{task.steps}")
            self.show(f"task {job}: streamed {task.steps} updates")
        else:
            await asyncio.sleep(task.duration)
            self.show(f"task {job}: waited {task.duration:g} s")
        # [/phase]

    def open_dialog(self) -> None:
        # [phase dialog]
        # wait_window() runs Tk's own event loop until the dialog is gone. It
        # runs inside drive_tk's drain, so drive_tk does not get back to its
        # await, and no coroutine runs: asyncio_ticker stops, tk_ticker does not.
        dialog = tk.Toplevel(self.root)
        dialog.title("A modal dialog")
        tk.Label(dialog, text="Every coroutine is paused while this is open.").pack(padx=12, pady=8)
        tk.Button(dialog, text="OK", command=dialog.destroy).pack(pady=(0, 8))
        dialog.transient(self.root)
        dialog.wait_visibility()
        dialog.grab_set()
        self.root.wait_window(dialog)
        # [/phase]

    def compute_in_thread(self) -> None:
        """CPU work off the Tk thread. The thread must not touch Tk (no
        mainloop() runs to forward its calls); it hands the text to the asyncio
        loop, which is this thread's loop, with call_soon_threadsafe()."""
        loop = asyncio.get_running_loop()
        seconds = self.task.duration

        def worker() -> None:
            value = compute_for(seconds)
            loop.call_soon_threadsafe(self.show, f"computed {value:08x} in a thread")

        threading.Thread(target=worker, daemon=True).start()
        self.show("computing in a thread…")

    async def asyncio_ticker(self) -> None:
        while True:
            await asyncio.sleep(TICK_MS / 1000)
            self.asyncio_ticks += 1
            self.asyncio_count.config(text=f"asyncio task: {self.asyncio_ticks}")

    def tk_ticker(self) -> None:
        self.tk_ticks += 1
        self.tk_count.config(text=f"Tk after(): {self.tk_ticks}")
        self.root.after(TICK_MS, self.tk_ticker)

    def show(self, text: str) -> None:
        self.label.config(text=text)


async def main() -> None:
    root = tk.Tk()
    root.title("One thread: asyncio drives Tk")
    OneThreadApp(root, Task("wait", 1.0))
    await drive_tk(root, POLL_MS)


if __name__ == "__main__":
    asyncio.run(main())
