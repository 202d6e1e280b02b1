# SPDX-License-Identifier: 0BSD
# two-loops: expect=aborts; raises RuntimeError
"""Mistake: a worker hands its result back with root.after(0, ...) after the window closed.

While mainloop() runs, a threaded Tcl forwards root.after() from another
thread to the Tk thread. Once the window is closed, nothing will ever take the
call: tkinter waits about a second for a main loop, then raises

    RuntimeError: main thread is not in main loop

in the worker. The worker then ends holding the last reference to the window,
and Tcl aborts the process ("deleted by the wrong thread"). The fix
(fixes/worker_after_close.py) sends the result through a queue.Queue instead.
"""

import threading
import time
import tkinter as tk


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)

    def work() -> None:
        time.sleep(1)  # a slow request
        # MISTAKE: a Tk call from the worker; fails once mainloop() has returned.
        root.after(0, label.config, {"text": "fetched"})

    def on_run() -> None:
        label.config(text="running…")
        threading.Thread(target=work, daemon=True).start()

    tk.Button(root, text="Run", command=on_run).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    root.mainloop()


if __name__ == "__main__":
    main()
    print("window closed; saving settings…", flush=True)
    time.sleep(3)
    print("settings saved")
