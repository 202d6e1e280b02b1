"""A widget call from another thread, with the Tk thread in three states:
  mainloop        the control: the call is handed to the Tk thread and works;
  before-mainloop the main thread is still busy before mainloop();
  update-loop     the main thread drives Tk with root.update() in its own
                  loop instead of mainloop() (a common way to mix in asyncio);
  after-close     the window is closed before the other thread calls
                  root.after(0, ...) to hand back its result, as a worker
                  finishing after the user closed the window does.
With a threaded Tcl, tkinter waits for the Tk thread to enter mainloop() and
gives up with RuntimeError after about a second."""

import threading
import time
import tkinter as tk

from harness.probe import Clock, now, span_ms

HOLD_S = 2.0
CALL_AT_S = 0.1


def run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    root = tk.Tk()
    label = tk.Label(root, text="idle")
    label.pack()
    result: dict = {}

    def from_thread() -> None:
        time.sleep(CALL_AT_S)
        start = now()
        try:
            if variant == "after-close":
                root.after(0, label.config, {"text": "set from another thread"})
            else:
                label.config(text="set from another thread")
            result["outcome"] = "ok"
        except Exception as exc:  # the point of the scenario is which exception
            result["outcome"] = f"{type(exc).__name__}: {exc}"
        result["callMs"] = span_ms(start, now())

    thread = threading.Thread(target=from_thread, name="caller")
    thread.start()
    if variant == "mainloop":
        root.after(round(HOLD_S * 1000), root.destroy)
        root.mainloop()
    elif variant == "before-mainloop":
        time.sleep(HOLD_S)  # slow start-up work before mainloop()
        root.after(100, root.destroy)
        root.mainloop()
    elif variant == "after-close":
        root.after(round(CALL_AT_S * 500), root.destroy)  # closed before the call
        root.mainloop()
        time.sleep(HOLD_S)  # the program carries on after the window closed
    elif variant == "update-loop":
        deadline = now() + HOLD_S
        while now() < deadline:
            root.update()
            time.sleep(0.01)
        root.destroy()
    else:
        raise ValueError(variant)
    thread.join()
    return {"variant": variant, **result}
