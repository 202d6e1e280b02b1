# SPDX-License-Identifier: 0BSD
# two-loops: expect=raises RuntimeError
"""Mistake: a widget called from another thread.

With a threaded Tcl (check yours: root.tk.eval('set tcl_platform(threaded)')
prints 1), tkinter forwards a widget call made in another thread to the Tk
thread, so it *works* while the Tk thread sits in mainloop(). It fails when
the Tk thread is anywhere else: here it is still busy starting up, and after
about a second the worker gets

    RuntimeError: main thread is not in main loop

With a non-threaded Tcl there is no forwarding at all. Send plain data through
a queue.Queue instead (fixes/widget_from_thread.py).
"""

import threading
import time
import tkinter as tk


def count(label: tk.Label) -> None:
    for step in range(1, 6):
        time.sleep(0.2)
        label.config(text=f"step {step}/5")  # MISTAKE: a widget touched from another thread


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="starting…", width=32)
    label.pack(padx=12, pady=12)
    threading.Thread(target=count, args=(label,), daemon=True).start()
    time.sleep(1.5)  # slow start-up: loading settings, opening a database
    root.mainloop()


if __name__ == "__main__":
    main()
