# SPDX-License-Identifier: 0BSD
# two-loops: expect=hangs
"""Mistake: an asyncio loop thread that nothing stops, and a future nobody keeps.

Everything seems to work until the window is closed: mainloop() returns, but
the process does not exit, because Python waits for every non-daemon thread
before exiting and this one is inside run_forever(). Making it a daemon
(main(daemon=True)) lets the process exit but kills the loop wherever it is,
with no chance for its tasks to clean up. Meanwhile the task's exception is
stored in a future that nothing reads: nothing is printed, the label just
stays on "running…". The fix is strategies/dedicated_loop.py: keep the
future, stop the loop on close, join the thread.
"""

import asyncio
import threading
import tkinter as tk


async def job() -> str:
    await asyncio.sleep(0.5)
    raise RuntimeError("the task failed")  # nobody will ever hear of it


def main(daemon: bool = False) -> None:
    loop = asyncio.new_event_loop()
    # MISTAKE: run_forever() with no way out: nothing ever calls loop.stop().
    threading.Thread(target=loop.run_forever, daemon=daemon).start()

    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)

    def on_run() -> None:
        label.config(text="running…")
        # MISTAKE: the future is dropped, so the task cannot be cancelled and
        # its exception waits in a future nobody looks at.
        asyncio.run_coroutine_threadsafe(job(), loop)

    tk.Button(root, text="Run", command=on_run).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    root.mainloop()
    # Reached when the window closes; the process still does not end here.


if __name__ == "__main__":
    main()
