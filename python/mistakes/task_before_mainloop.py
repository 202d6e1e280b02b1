# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Mistake: running the async task before mainloop().

Tk() creates the window, but it is drawn on screen by the event loop, which
only starts in mainloop(). Anything awaited before that line delays the
window itself: the user sees nothing at all until the task is done. Start the
task from the running window instead (see strategies/dedicated_loop.py).
"""

import asyncio
import tkinter as tk


async def fetch() -> str:
    await asyncio.sleep(1.5)  # a slow request
    return "fetched"


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="loading…", width=32)
    label.pack(padx=12, pady=12)
    label.config(text=asyncio.run(fetch()))  # MISTAKE: no window on screen until this returns
    root.mainloop()


if __name__ == "__main__":
    main()
