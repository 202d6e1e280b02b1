# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Fixed: the worker puts its result in a queue.Queue; the Tk thread polls it.

A queue outlives the window harmlessly: a result that arrives after the close
is simply never read, and the worker holds nothing of Tk's.
"""

import queue
import threading
import time
import tkinter as tk


def work(results: queue.Queue) -> None:
    time.sleep(1)  # a slow request
    results.put("fetched")  # plain data, into the queue: never a Tk call


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)
    results: queue.Queue = queue.Queue()

    def on_run() -> None:
        label.config(text="running…")
        threading.Thread(target=work, args=(results,), daemon=True).start()

    def poll() -> None:
        while not results.empty():
            label.config(text=results.get_nowait())
        root.after(100, poll)

    tk.Button(root, text="Run", command=on_run).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
    print("window closed; saving settings…", flush=True)
    time.sleep(3)
    print("settings saved")
