"""The mistake scripts, run as written, watched from outside:
  asyncio-queue    mistakes/asyncio_queue_from_thread.py
  before-mainloop  mistakes/task_before_mainloop.py (and when its window appears)"""

import importlib
import tkinter as tk

from harness import wrap
from harness.probe import Clock

SCRIPTS = {
    "asyncio-queue": ("asyncio_queue_from_thread", 1000),
    "before-mainloop": ("task_before_mainloop", 500),
}


def run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    module_name, keep_open_ms = SCRIPTS[variant]
    observed = wrap.install(clock)

    def act(root: tk.Tk) -> None:
        root.after(keep_open_ms, root.destroy)

    observed.on_mainloop = act
    importlib.import_module(module_name).main()
    return {"variant": variant, "script": f"python/mistakes/{module_name}.py", **observed.record()}
