"""Closing the window while a task is in flight, three ways:
  never-stopped  mistakes/loop_never_stopped.py as written (non-daemon loop
                 thread, never stopped): the caller's timeout finds the hang;
  daemon         the same script with main(daemon=True);
  stop-join      strategies/dedicated_loop.py, whose close() cancels, stops
                 the loop and joins its thread.
The window is closed the way its close button would: root.destroy() for the
mistake (it sets no WM_DELETE_WINDOW handler), app.close() for the strategy."""

import asyncio
import threading
import tkinter as tk

from harness import wrap
from harness.probe import Clock, now

RUN_AT_MS = 300  # this task fails at +0.5 s: is its exception seen anywhere?
RUN_AGAIN_AT_MS = 1000  # this one is still in flight when the window closes
CLOSE_AT_MS = 1200


def run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    loops: list[asyncio.AbstractEventLoop] = []
    new_event_loop = asyncio.new_event_loop

    def tracked_loop() -> asyncio.AbstractEventLoop:
        loops.append(new_event_loop())
        return loops[-1]

    asyncio.new_event_loop = tracked_loop
    observed = wrap.install(clock)
    closed: dict = {}
    cleanups: list[float] = []

    if variant == "stop-join":
        from dedicated_loop import DedicatedLoopApp, Task

        class Measured(DedicatedLoopApp):
            async def work(self, job: int) -> str:
                try:
                    return await super().work(job)
                finally:
                    cleanups.append(now())

        root = tk.Tk()
        app = Measured(root, Task("wait", 10))

        def close() -> None:
            closed["at"] = now()
            app.close()  # what the window's close button (WM_DELETE_WINDOW) calls

        root.after(RUN_AT_MS, app.button.invoke)
        root.after(CLOSE_AT_MS, close)
        root.mainloop()
    else:

        def act(root: tk.Tk) -> None:
            button = next(w for w in root.winfo_children() if isinstance(w, tk.Button))
            root.after(RUN_AT_MS, button.invoke)
            root.after(RUN_AGAIN_AT_MS, button.invoke)

            def close() -> None:
                closed["at"] = now()
                root.destroy()  # the default for the close button: no handler is set

            root.after(CLOSE_AT_MS, close)

        observed.on_mainloop = act
        import loop_never_stopped

        loop_never_stopped.main(daemon=variant == "daemon")
    loop = loops[0]
    return {
        "variant": variant,
        "closeRequestedMs": clock.ms(closed["at"]),
        **observed.record(),
        # The moment mainloop() had returned: what is still running?
        "loopRunningAfterMainloop": loop.is_running(),
        "tasksPendingAfterMainloop": len(asyncio.all_tasks(loop)),
        "threadsAfterMainloop": [
            {"name": t.name, "daemon": t.daemon} for t in threading.enumerate() if t is not threading.main_thread()
        ],
        # Did the in-flight task's finally block run? Only the strategy's subclass can tell.
        "taskCleanupRan": bool(cleanups) if variant == "stop-join" else None,
    }
