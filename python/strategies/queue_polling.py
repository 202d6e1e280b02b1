"""A worker thread runs the asyncio work; Tk polls a queue.Queue with after().

The worker never touches a widget: it only puts messages in a queue.Queue, the
one object both threads share, and queue.Queue is made for exactly that. The
Tk thread drains the queue every P ms. Nothing blocks, but a result waits on
average P/2 before it is shown, and the Tk thread wakes up every P ms even
when there is nothing to do.

    python3 queue_polling.py --kind stream --duration 2 --rate 10
"""

import asyncio
import queue
import threading
import tkinter as tk

from tasks import Task, run_task, task_from_argv

Message = tuple[int, str]  # (job number, text)


class QueuePollingApp:
    def __init__(self, root: tk.Tk, task: Task, poll_ms: int = 100) -> None:
        self.root = root
        self.task = task
        self.poll_ms = poll_ms
        self.results: queue.Queue[Message] = queue.Queue()
        self.jobs = 0
        self.button = tk.Button(root, text="Run", command=self.run)
        self.label = tk.Label(root, text="idle", width=32)
        self.button.pack(padx=12, pady=(12, 4))
        self.label.pack(padx=12, pady=(4, 12))
        self.poll()

    def run(self) -> None:
        # [phase submitted]
        self.jobs += 1
        # daemon: closing the window should not wait for a result nobody will
        # see. Work that must finish (a file being written) needs a join instead.
        worker = threading.Thread(target=self.work, args=(self.jobs,), daemon=True)
        worker.start()
        self.show(f"task {self.jobs}: submitted")
        # [/phase]

    def work(self, job: int) -> None:
        """Runs in the worker thread: no widget may be touched from here."""
        # [phase running]
        def report(step: int, steps: int) -> None:
            self.post((job, f"{step}/{steps}"))

        try:
            # Each worker gets its own short-lived event loop.
            outcome = asyncio.run(run_task(self.task, report))
        except Exception as exc:
            # Uncaught, this would only reach the thread's stderr and the label
            # would wait forever: send the failure through the queue instead.
            outcome = f"failed: {exc!r}"
        # [/phase]
        # [phase result-queued]
        self.post((job, outcome))
        # [/phase]

    def post(self, message: Message) -> None:
        self.results.put(message)

    def poll(self) -> None:
        # [phase polled]
        # Drain everything that arrived since the last tick, not just one
        # message, or a fast stream would fall further and further behind.
        while True:
            try:
                message = self.results.get_nowait()
            except queue.Empty:
                break
            self.deliver(message)
        self.root.after(self.poll_ms, self.poll)
        # [/phase]

    def deliver(self, message: Message) -> None:
        # [phase delivered]
        job, text = message
        self.show(f"task {job}: {text}")
        # [/phase]

    def show(self, text: str) -> None:
        self.label.config(text=text)


def main() -> None:
    task = task_from_argv()
    root = tk.Tk()
    root.title("Queue + polling")
    QueuePollingApp(root, task, poll_ms=100)
    root.mainloop()


if __name__ == "__main__":
    main()
