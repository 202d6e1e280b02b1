# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Fixed: the thread puts plain data in a queue.Queue; only the Tk thread touches the label.

Messages wait in the queue for as long as the Tk thread is busy (here, a slow
start-up), then the poll shows them: nothing is lost, nothing raises, and it
works the same with any Tcl build.
"""

import queue
import threading
import time
import tkinter as tk


def count(updates: queue.Queue) -> None:
    for step in range(1, 6):
        time.sleep(0.2)
        updates.put(f"step {step}/5")


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="starting…", width=32)
    label.pack(padx=12, pady=12)
    updates: queue.Queue = queue.Queue()

    def poll() -> None:
        while not updates.empty():
            label.config(text=updates.get_nowait())
        root.after(50, poll)

    threading.Thread(target=count, args=(updates,), daemon=True).start()
    time.sleep(1.5)  # slow start-up: loading settings, opening a database
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
