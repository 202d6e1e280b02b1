# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Fixed: the worker gets plain data and the queue, nothing of Tk's.

Same program as mistakes/close_while_task_runs.py, except that the worker is
a plain function given only the queue. Closed while a task runs, the window is
freed on the Tk thread, the worker finishes into a queue nobody reads, and the
program carries on and exits normally.
"""

import asyncio
import queue
import threading
import time
import tkinter as tk


async def fetch() -> str:
    await asyncio.sleep(2)  # a slow request
    return "fetched"


def work(results: queue.Queue) -> None:
    """Runs in the worker thread: the queue is all it may touch."""
    results.put(asyncio.run(fetch()))


class App:
    def __init__(self, root: tk.Tk) -> None:
        self.root = root
        self.results = queue.Queue()
        self.button = tk.Button(root, text="Run", command=self.run)
        self.label = tk.Label(root, text="idle", width=32)
        self.button.pack(padx=12, pady=(12, 4))
        self.label.pack(padx=12, pady=(4, 12))
        self.poll()

    def run(self) -> None:
        self.label.config(text="running…")
        # FIX: a plain function and the queue; no widget, no self, no bound method.
        threading.Thread(target=work, args=(self.results,), daemon=True).start()

    def poll(self) -> None:
        while not self.results.empty():
            self.label.config(text=self.results.get_nowait())
        self.root.after(100, self.poll)


def main() -> None:
    root = tk.Tk()
    App(root)
    root.mainloop()


if __name__ == "__main__":
    main()
    # The program goes on after the window has closed.
    print("window closed; saving settings…", flush=True)
    time.sleep(3)
    print("settings saved")
