# SPDX-License-Identifier: 0BSD
# two-loops: expect=raises ValueError
"""Mistake: an asyncio.Queue used as a bridge between threads.

asyncio.Queue is made for coroutines on one event loop. Its put() and get()
are coroutines: called without await they do nothing but return a coroutine
object. So the producer queues nothing, the consumer thread gets a coroutine
object instead of a result and shows it, task_done() then raises because
nothing was ever put, and Python warns about the coroutines never awaited.
The fix is queue.Queue (see strategies/queue_polling.py).
"""

import asyncio
import threading
import tkinter as tk

results = asyncio.Queue()  # MISTAKE: not thread-safe, and its methods are coroutines


async def fetch() -> None:
    await asyncio.sleep(0.2)
    results.put("fetched")  # MISTAKE: not awaited, so nothing is queued


def show_results(label: tk.Label) -> None:
    while True:
        item = results.get()  # MISTAKE: returns a coroutine at once instead of waiting
        label.config(text=str(item))  # MISTAKE: a widget touched from another thread
        results.task_done()  # raises ValueError: task_done() called too many times


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="waiting for a result…", width=48)
    label.pack(padx=12, pady=12)
    threading.Thread(target=asyncio.run, args=(fetch(),)).start()
    threading.Thread(target=show_results, args=(label,), daemon=True).start()
    root.mainloop()


if __name__ == "__main__":
    main()
