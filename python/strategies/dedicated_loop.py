"""One long-lived asyncio loop in its own thread; Tk submits tasks to it.

Tk keeps the main thread and its mainloop(); asyncio gets a thread of its own
for the life of the window. Tasks are submitted with run_coroutine_threadsafe,
which returns a future: kept, it can cancel the task and carries its result or
its exception back. Results come back as events, so nothing polls: the label
changes as soon as the Tk thread is free.

    python3 dedicated_loop.py --kind stream --duration 3 --rate 5
"""

import asyncio
import concurrent.futures
import threading
import tkinter as tk

from tasks import Task, run_task, task_from_argv


class DedicatedLoopApp:
    def __init__(self, root: tk.Tk, task: Task) -> None:
        self.root = root
        self.task = task
        self.loop = asyncio.new_event_loop()
        # Not a daemon: close() stops it properly, so tasks get to clean up
        # instead of being cut off when the interpreter exits.
        self.thread = threading.Thread(target=self.run_loop, name="asyncio-loop")
        self.futures: dict[int, concurrent.futures.Future] = {}
        self.jobs = 0
        self.button = tk.Button(root, text="Run", command=self.run)
        self.cancel_button = tk.Button(root, text="Cancel", command=self.cancel)
        self.label = tk.Label(root, text="idle", width=32)
        self.button.pack(padx=12, pady=(12, 4))
        self.cancel_button.pack(padx=12, pady=4)
        self.label.pack(padx=12, pady=(4, 12))
        root.protocol("WM_DELETE_WINDOW", self.close)
        self.thread.start()

    def run_loop(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        # stop() ends run_forever() between two steps: let the tasks that were
        # cancelled run their cleanup, as asyncio.run() would, then free the loop.
        pending = asyncio.all_tasks(self.loop)
        self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()

    def run(self) -> None:
        # [phase submitted]
        self.jobs += 1
        job = self.jobs
        future = asyncio.run_coroutine_threadsafe(self.work(job), self.loop)
        # Keep the future: dropped, the task could not be cancelled and an
        # exception raised in it would vanish without a trace.
        self.futures[job] = future
        future.add_done_callback(lambda done: self.to_tk(self.deliver, job, done))
        self.show(f"task {job}: submitted")
        # [/phase]

    async def work(self, job: int) -> str:
        # [phase running]
        return await run_task(self.task, lambda step, steps: self.progress(job, step, steps))
        # [/phase]

    def progress(self, job: int, step: int, steps: int) -> None:
        # [phase progress]
        self.to_tk(self.show, f"task {job}: {step}/{steps}")
        # [/phase]

    def to_tk(self, callback, *args) -> None:
        """Runs `callback(*args)` on the Tk thread; callable from any thread.

        With a threaded Tcl (the usual build: tcl_platform(threaded) is 1),
        tkinter forwards a call made from another thread to the Tk thread and
        waits until it has run there. after(0, ...) and
        event_generate("<<Done>>", when="tail") both work that way, and both
        delivered in well under a millisecond in our recordings. after(0, ...)
        is kept because it carries the arguments; a virtual event would need a
        side queue for them. The wait has two consequences: while the Tk
        thread is busy, this loop thread (and every task on it) waits too, and
        close() must never block the Tk thread while this thread may be in here.
        """
        self.root.after(0, callback, *args)

    def deliver(self, job: int, future: concurrent.futures.Future) -> None:
        # [phase delivered]
        self.futures.pop(job, None)
        # [/phase]
        # [phase cancelled]
        if future.cancelled():
            self.show(f"task {job}: cancelled")
            return
        # [/phase]
        # [phase delivered]
        error = future.exception()
        if error is not None:
            self.show(f"task {job}: failed: {error!r}")
            # Print the traceback the way Tk reports any failing callback.
            self.root.report_callback_exception(type(error), error, error.__traceback__)
            return
        self.show(f"task {job}: {future.result()}")
        # [/phase]

    def cancel(self) -> None:
        # [phase cancelled]
        # Cancelling the concurrent future cancels the asyncio task on its loop.
        for future in list(self.futures.values()):
            future.cancel()
        # [/phase]

    def close(self) -> None:
        # [phase stopped]
        self.cancel()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.destroy_when_stopped()
        # [/phase]

    def destroy_when_stopped(self) -> None:
        # [phase stopped]
        # Not a plain thread.join(): it would block the Tk thread while the loop
        # thread may be waiting for it inside to_tk(), and both would wait for
        # ever. Check back with after() instead; join once the thread has ended.
        if self.thread.is_alive():
            self.root.after(10, self.destroy_when_stopped)
            return
        self.thread.join()
        self.root.destroy()
        # [/phase]

    def show(self, text: str) -> None:
        self.label.config(text=text)


def main() -> None:
    task = task_from_argv()
    root = tk.Tk()
    root.title("Dedicated asyncio loop thread")
    DedicatedLoopApp(root, task)
    root.mainloop()


if __name__ == "__main__":
    main()
