# SPDX-License-Identifier: 0BSD
# two-loops: expect=aborts
"""Mistake: a worker thread that holds the app, and a window closed while it runs.

threading.Thread(target=self.work) hands the worker a bound method, so the
worker holds self, and self holds the Tk window. Close the window while a task
runs and let the program carry on after mainloop() (saving settings, say):
when the worker ends, the last reference to the Tk app is dropped in the
worker thread, and Tcl aborts the whole process:

    Tcl_AsyncDelete: async handler deleted by the wrong thread

The fix (fixes/close_while_task_runs.py) gives the worker plain data and the
queue only.
"""

import asyncio
import queue
import threading
import time
import tkinter as tk


async def fetch() -> str:
    await asyncio.sleep(2)  # a slow request
    return "fetched"


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
        # MISTAKE: self.work is bound to self: the worker now holds the window.
        threading.Thread(target=self.work, daemon=True).start()

    def work(self) -> None:
        self.results.put(asyncio.run(fetch()))

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
