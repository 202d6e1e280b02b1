# SPDX-License-Identifier: 0BSD
# two-loops: expect=hangs
"""Mistake: a Tk callback waits for a future whose coroutine needs the Tk thread.

future.result() blocks the Tk thread until the coroutine ends. The coroutine
touches a widget, and from the loop thread tkinter hands that call to the Tk
thread and waits for it to run there. Each thread now waits for the other,
for ever: the window is frozen for good. Never block the Tk thread on a
future; let the future call back instead (see strategies/dedicated_loop.py).
"""

import asyncio
import threading
import tkinter as tk


def main() -> None:
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)

    async def fetch() -> str:
        await asyncio.sleep(0.1)
        label.config(text="fetching…")  # waits for the Tk thread
        await asyncio.sleep(0.1)
        return "fetched"

    def on_run() -> None:
        future = asyncio.run_coroutine_threadsafe(fetch(), loop)
        label.config(text=future.result())  # MISTAKE: the Tk thread waits for fetch()

    tk.Button(root, text="Run", command=on_run).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    root.mainloop()


if __name__ == "__main__":
    main()
