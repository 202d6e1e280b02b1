# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Tk keeps the main thread; asyncio runs in a thread of its own.

The loop thread never touches Tk: the coroutine reports through a queue.Queue
that the Tk thread reads every 50 ms while a job runs. That works with any Tcl
build, and closing the window never frees a Tk object in the wrong thread.
"""

import asyncio
import queue
import threading
import tkinter as tk


def crunch(n: int) -> int:
    return sum(i * i for i in range(n))  # CPU work: an executor thread runs it


async def job(report) -> str:
    """Your coroutine. It reports progress through `report`, never through Tk."""
    for step in range(1, 6):
        await asyncio.sleep(0.3)  # stands for I/O: a request, a query
        report(f"step {step}/5")
    total = await asyncio.get_running_loop().run_in_executor(None, crunch, 300_000)
    return f"done: {total}"


def run_loop(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    loop.run_forever()  # until close(); then let cancelled tasks and the executor finish
    loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop), return_exceptions=True))
    loop.run_until_complete(loop.shutdown_default_executor())
    loop.close()


class App:
    def __init__(self, root: tk.Tk) -> None:
        self.root, self.future, self.messages = root, None, queue.Queue()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=run_loop, args=(self.loop,))
        self.thread.start()
        self.start_button = tk.Button(root, text="Start", command=self.start)
        self.cancel_button = tk.Button(root, text="Cancel", command=self.cancel, state="disabled")
        self.status = tk.Label(root, text="idle", width=40)
        for widget in (self.start_button, self.cancel_button, self.status):
            widget.pack(padx=12, pady=4)
        root.protocol("WM_DELETE_WINDOW", self.close)

    def start(self) -> None:
        self.start_button.config(state="disabled")
        self.cancel_button.config(state="normal")
        # The coroutine gets the queue's put method: nothing of Tk's.
        self.future = asyncio.run_coroutine_threadsafe(job(self.messages.put), self.loop)
        self.check()

    def check(self) -> None:
        while not self.messages.empty():
            self.status.config(text=self.messages.get_nowait())
        if not self.future.done():
            self.root.after(50, self.check)
            return
        self.start_button.config(state="normal")
        self.cancel_button.config(state="disabled")
        if self.future.cancelled():
            self.status.config(text="cancelled")
        elif self.future.exception() is not None:
            self.status.config(text=f"failed: {self.future.exception()!r}")
        else:
            self.status.config(text=self.future.result())

    def cancel(self) -> None:
        if self.future is not None:
            self.future.cancel()  # cancels the asyncio task on its loop

    def close(self) -> None:
        self.cancel()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()  # never long: the loop thread never waits for Tk
        self.root.destroy()


def main() -> None:
    root = tk.Tk()
    root.title("asyncio beside Tkinter")
    App(root)
    root.mainloop()


if __name__ == "__main__":
    main()
