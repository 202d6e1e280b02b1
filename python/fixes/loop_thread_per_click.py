# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Fixed: one loop thread, started once; every click submits a task to it.

run_coroutine_threadsafe() hands the coroutine to the loop's own thread, so
any number of tasks run on it concurrently. Each result is put in a
queue.Queue from the loop thread; the Tk thread polls it. Closing the window
stops the loop and joins its thread.
"""

import asyncio
import queue
import threading
import tkinter as tk


async def fetch(job: int) -> str:
    await asyncio.sleep(1)  # a slow request
    return f"task {job}: fetched"


def run_loop(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    loop.run_forever()  # until stop(); then let cancelled tasks finish
    tasks = asyncio.all_tasks(loop)
    for task in tasks:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
    loop.close()


def main() -> None:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=run_loop, args=(loop,))
    thread.start()
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)
    results: queue.Queue = queue.Queue()
    jobs = [0]

    def on_run() -> None:
        jobs[0] += 1
        label.config(text=f"task {jobs[0]}: running…")
        future = asyncio.run_coroutine_threadsafe(fetch(jobs[0]), loop)
        future.add_done_callback(deliver)

    def deliver(done) -> None:
        # Runs in the loop thread when a task ends: the queue only, never Tk.
        if not done.cancelled():
            results.put(done.result())

    def poll() -> None:
        while not results.empty():
            label.config(text=results.get_nowait())
        root.after(50, poll)

    def close() -> None:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()  # safe: the loop thread never waits for Tk
        root.destroy()

    tk.Button(root, text="Run", command=on_run).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    root.protocol("WM_DELETE_WINDOW", close)
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
