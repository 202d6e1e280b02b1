# SPDX-License-Identifier: 0BSD
# two-loops: expect=raises RuntimeError
"""Mistake: one event loop, and a new thread per click that runs it.

The loop is made once at start-up; each click starts a thread that calls
loop.run_until_complete() on it. One click at a time works. Click again while
the first task runs and the second thread dies at once with

    RuntimeError: This event loop is already running

(and Python warns that its coroutine was never awaited). An event loop runs
in one thread at a time. The fix (fixes/loop_thread_per_click.py) starts one
loop thread once and submits every task to it.
"""

import asyncio
import queue
import threading
import tkinter as tk

loop = asyncio.new_event_loop()  # made once, shared by every click


async def fetch(job: int) -> str:
    await asyncio.sleep(1)  # a slow request
    return f"task {job}: fetched"


def work(job: int, results: queue.Queue) -> None:
    # MISTAKE: runs the shared loop in this thread; fails if another thread already is.
    results.put(loop.run_until_complete(fetch(job)))


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)
    results: queue.Queue = queue.Queue()
    jobs = [0]

    def on_run() -> None:
        jobs[0] += 1
        label.config(text=f"task {jobs[0]}: running…")
        threading.Thread(target=work, args=(jobs[0], results), daemon=True).start()

    def poll() -> None:
        while not results.empty():
            label.config(text=results.get_nowait())
        root.after(50, poll)

    tk.Button(root, text="Run", command=on_run).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
