# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
# Needs Trio, the one library this file uses: pip install trio
"""One thread, guest mode: Tk keeps mainloop(), Trio runs as its guest.

Tk's mainloop() owns the thread, as in any Tk app. Trio starts with
trio.lowlevel.start_guest_run() and never blocks it: the one thing in Trio
that would block, the wait for its next deadline or I/O, runs in a helper
thread of Trio's. When that wait ends, the helper hands "run one step" to the
Tk thread with run_sync_soon_threadsafe(), here root.after(0, step). Every
Tk callback, every step of every Trio task and every widget update runs on
the Tk thread, so a task may set a label directly and a Tk callback may start
a task with nursery.start_soon().

What changes against asyncio driving Tk (one_thread.py), each recorded under
real Tk (the page's One thread panel, guest mode, shows the recording):
  * nothing polls: with nothing to do, the helper waits and Tk sleeps;
  * a click runs its command as soon as Tk reads it, and a task's sleep ends
    after one hand-off, not at the next drain;
  * a modal dialog (wait_window, messagebox) runs Tk's nested loop, which
    still serves root.after(), so Trio's tasks keep running through it.
What does not change: a task that computes without awaiting holds the Tk
thread, and the window freezes until it awaits.

How a step is handed over is Trio's GuestState.guest_tick (trio/_core/_run.py):
a step that leaves a task runnable at once (await trio.sleep(0)) is queued
with run_sync_soon_not_threadsafe() and does not cross threads; only a step
that must wait goes through the helper thread and back.

asyncio has no guest mode in any release. CPython issue gh-145342 and its
pull request #145343 (both open) propose asyncio.start_guest_run() after
Trio's; until one ships, asyncio users need third-party code (aioguest), a
loop thread (dedicated_loop.py) or a drain (one_thread.py).
"""

import time
import tkinter as tk
from dataclasses import dataclass
from typing import Optional

import trio

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


class TkHost:
    """What start_guest_run() needs from Tk: a way in, and a way out."""

    def __init__(self, root: tk.Tk) -> None:
        self.root = root
        self.outcome = None

    def run_sync_soon_threadsafe(self, step) -> None:
        # [phase handed-off]
        # Called from Trio's helper thread when its wait ends. tkinter hands
        # a call from another thread to the Tk thread, because mainloop()
        # runs there; Tk then runs `step` as an after() callback.
        self.root.after(0, step)
        # [/phase]

    def run_sync_soon_not_threadsafe(self, step) -> None:
        # Called on the Tk thread itself, for a step that need not wait.
        self.root.after(0, step)

    def done_callback(self, outcome) -> None:
        # The Trio run ended: keep how (a value or an exception), close the
        # window, and mainloop() returns.
        self.outcome = outcome
        self.root.destroy()


class GuestApp:
    def __init__(self, root: tk.Tk, task: Task, counters: bool = True) -> None:
        self.root = root
        self.task = task
        self.counters = counters
        self.jobs = 0
        self.nursery: Optional[trio.Nursery] = None
        # Enabled once Trio's run has opened the nursery that Run starts tasks in.
        self.button = tk.Button(root, text="Run", command=self.run, state="disabled")
        self.dialog_button = tk.Button(root, text="Open dialog", command=self.open_dialog)
        self.label = tk.Label(root, text="idle", width=36)
        self.trio_count = tk.Label(root, text="Trio task: 0")
        self.tk_count = tk.Label(root, text="Tk after(): 0")
        for widget in (self.button, self.dialog_button, self.label):
            widget.pack(padx=12, pady=4)
        self.trio_count.pack(padx=12)
        self.tk_count.pack(padx=12, pady=(0, 12))
        self.trio_ticks = 0
        self.tk_ticks = 0
        root.protocol("WM_DELETE_WINDOW", self.close)

    async def main(self) -> None:
        """The guest run's main task: a nursery the Tk callbacks start tasks in."""
        async with trio.open_nursery() as nursery:
            self.nursery = nursery
            self.button.config(state="normal")
            if self.counters:
                nursery.start_soon(self.trio_ticker)
                self.root.after(TICK_MS, self.tk_ticker)
            await trio.sleep_forever()

    def run(self) -> None:
        # [phase submitted]
        # A Tk callback, on the Tk thread, which is Trio's thread too. Trio
        # notices the new task and wakes its helper's wait: one hand-off.
        assert self.nursery is not None  # the button is disabled until then
        self.jobs += 1
        self.nursery.start_soon(self.work, self.jobs)
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
                await trio.sleep(0)  # one step ends; Tk runs what is pending first
            self.show(f"task {job}: computed {value:08x} in chunks")
        elif task.kind == "stream":
            for step in range(1, task.steps + 1):
                await trio.sleep(1 / task.rate)
                self.show(f"task {job}: {step}/{task.steps}")
            self.show(f"task {job}: streamed {task.steps} updates")
        else:
            await trio.sleep(task.duration)
            self.show(f"task {job}: waited {task.duration:g} s")
        # [/phase]

    def open_dialog(self) -> None:
        # [phase dialog]
        # wait_window() runs Tk's nested loop until the dialog is gone. That
        # loop serves root.after() callbacks, the guest's steps among them,
        # so trio_ticker keeps counting while the dialog is open.
        dialog = tk.Toplevel(self.root)
        dialog.title("A modal dialog")
        tk.Label(dialog, text="Trio's tasks keep running while this is open.").pack(padx=12, pady=8)
        tk.Button(dialog, text="OK", command=dialog.destroy).pack(pady=(0, 8))
        dialog.transient(self.root)
        dialog.wait_visibility()
        dialog.grab_set()
        self.root.wait_window(dialog)
        # [/phase]

    async def trio_ticker(self) -> None:
        while True:
            await trio.sleep(TICK_MS / 1000)
            self.trio_ticks += 1
            self.trio_count.config(text=f"Trio task: {self.trio_ticks}")

    def tk_ticker(self) -> None:
        self.tk_ticks += 1
        self.tk_count.config(text=f"Tk after(): {self.tk_ticks}")
        self.root.after(TICK_MS, self.tk_ticker)

    def show(self, text: str) -> None:
        self.label.config(text=text)

    def close(self) -> None:
        """The window's close button: cancel every task. Trio's run then ends
        and done_callback() destroys the window."""
        if self.nursery is not None:
            self.nursery.cancel_scope.cancel()
        else:
            self.root.destroy()


def main() -> None:
    root = tk.Tk()
    root.title("One thread, guest mode: Tk drives, Trio is its guest")
    app = GuestApp(root, Task("wait", 1.0))
    host = TkHost(root)
    trio.lowlevel.start_guest_run(
        app.main,
        run_sync_soon_threadsafe=host.run_sync_soon_threadsafe,
        run_sync_soon_not_threadsafe=host.run_sync_soon_not_threadsafe,
        done_callback=host.done_callback,
    )
    root.mainloop()
    # A cancelled run ends with trio.Cancelled absorbed by the nursery's
    # scope: the outcome is a value. Anything else is raised here.
    if host.outcome is not None:
        host.outcome.unwrap()


if __name__ == "__main__":
    main()
