# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""One long-lived asyncio loop in its own thread; Tk submits tasks to it.

Tk keeps the main thread and its mainloop(); asyncio gets a thread of its own
for the life of the window. Tasks are submitted with run_coroutine_threadsafe,
which returns a future: kept, it can cancel the task and carries its result or
its exception back. Results come back as events, so nothing polls: the label
changes as soon as the Tk thread is free.

The loop lives as long as the window, so whatever is asynchronous (a
connection, a lock) can be made once and shared by every task. The loop thread
reaches Tk only through to_tk(), and close() stops and joins it before the
window is destroyed: the last reference to every Tk object is dropped on the
Tk thread, never on this one.
"""

import asyncio
import concurrent.futures
import threading
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


class DedicatedLoopApp:
    def __init__(self, root: tk.Tk, task: Task) -> None:
        self.root = root
        self.task = task
        self.loop = asyncio.new_event_loop()
        # Not a daemon: close() stops it properly, so tasks get to clean up
        # instead of being cut off when the interpreter exits.
        self.thread = threading.Thread(target=self.run_loop, name="asyncio-loop")
        self.futures: dict[int, concurrent.futures.Future] = {}
        self.jobs = 0
        self.button = tk.Button(root, text="Run", command=self.run)
        self.cancel_button = tk.Button(root, text="Cancel", command=self.cancel)
        self.label = tk.Label(root, text="idle", width=32)
        self.button.pack(padx=12, pady=(12, 4))
        self.cancel_button.pack(padx=12, pady=4)
        self.label.pack(padx=12, pady=(4, 12))
        root.protocol("WM_DELETE_WINDOW", self.close)
        self.thread.start()

    def run_loop(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        # stop() ends run_forever() between two steps: let the tasks that were
        # cancelled run their cleanup, as asyncio.run() would, then free the loop.
        pending = asyncio.all_tasks(self.loop)
        self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()

    def run(self) -> None:
        # [phase submitted]
        self.jobs += 1
        job = self.jobs
        future = asyncio.run_coroutine_threadsafe(self.work(job), self.loop)
        # Keep the future: dropped, the task could not be cancelled and an
        # exception raised in it would vanish without a trace.
        self.futures[job] = future
        future.add_done_callback(lambda done: self.to_tk(self.deliver, job, done))
        self.show(f"task {job}: submitted")
        # [/phase]

    async def work(self, job: int) -> str:
        # [phase running]
        return await run_task(self.task, lambda step, steps: self.progress(job, step, steps))
        # [/phase]

    def progress(self, job: int, step: int, steps: int) -> None:
        # [phase progress]
        self.to_tk(self.show, f"task {job}: {step}/{steps}")
        # [/phase]

    def to_tk(self, callback, *args) -> None:
        """Has `callback(*args)` run on the Tk thread; callable from any thread.

        With a threaded Tcl (the usual build: tcl_platform(threaded) is 1),
        tkinter forwards a Tk call made from another thread to the Tk thread.
        For after(0, ...) that call only registers the callback: it returns
        once the Tk thread has done so (0.3 ms when Tk is idle in our
        recordings), not once `callback` has run. While the Tk thread is busy
        in some other callback, the forwarded call waits for it, and so does
        this loop thread with every task on it. So close() must never block
        the Tk thread while this thread may be in here. after(0, ...) is kept
        over event_generate("<<Done>>", when="tail") because it carries the
        arguments; a virtual event would need a side queue for them.
        """
        self.root.after(0, callback, *args)

    def deliver(self, job: int, future: concurrent.futures.Future) -> None:
        # [phase delivered]
        self.futures.pop(job, None)
        # [/phase]
        # [phase cancelled]
        if future.cancelled():
            self.show(f"task {job}: cancelled")
            return
        # [/phase]
        # [phase delivered]
        error = future.exception()
        if error is not None:
            self.show(f"task {job}: failed: {error!r}")
            # Print the traceback the way Tk reports any failing callback.
            self.root.report_callback_exception(type(error), error, error.__traceback__)
            return
        self.show(f"task {job}: {future.result()}")
        # [/phase]

    def cancel(self) -> None:
        # [phase cancelled]
        # Cancelling the concurrent future cancels the asyncio task on its loop.
        for future in list(self.futures.values()):
            future.cancel()
        # [/phase]

    def close(self) -> None:
        # [phase stopped]
        self.cancel()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.destroy_when_stopped()
        # [/phase]

    def destroy_when_stopped(self) -> None:
        # [phase stopped]
        # Not a plain thread.join(): it would block the Tk thread while the loop
        # thread may be waiting for it inside to_tk(), and both would wait for
        # ever. Check back with after() instead; join once the thread has ended.
        if self.thread.is_alive():
            self.root.after(10, self.destroy_when_stopped)
            return
        self.thread.join()
        self.root.destroy()
        # [/phase]

    def show(self, text: str) -> None:
        self.label.config(text=text)


def main() -> None:
    root = tk.Tk()
    root.title("Dedicated asyncio loop thread")
    DedicatedLoopApp(root, Task("stream", 3.0, 5.0))
    root.mainloop()


if __name__ == "__main__":
    main()
