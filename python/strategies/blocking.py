"""What not to write: asyncio.run() inside a Tk button command.

It looks harmless because the task only *waits*, but asyncio.run() does not
return until the task is over, and while it runs Tk's own event loop is stuck
inside this callback: no repaint, no timers, no clicks. Clicks made meanwhile
are queued by the X server and handled, late, one after another, each starting
another frozen run.

    python3 blocking.py --kind wait --duration 2
"""

import asyncio
import tkinter as tk

from tasks import Task, run_task, task_from_argv


class BlockingApp:
    def __init__(self, root: tk.Tk, task: Task) -> None:
        self.root = root
        self.task = task
        self.button = tk.Button(root, text="Run", command=self.run)
        self.label = tk.Label(root, text="idle", width=32)
        self.button.pack(padx=12, pady=(12, 4))
        self.label.pack(padx=12, pady=(4, 12))

    def run(self) -> None:
        # [phase submitted]
        # Tk paints at idle time, and there will be none until run() returns:
        # this text is set but never seen.
        self.show("running…")
        # [/phase]
        # [phase running]
        # A second event loop, nested inside Tk's: Tk's loop is suspended until
        # this one finishes, so the window freezes for the whole task.
        result = asyncio.run(run_task(self.task, self.show_progress))
        # [/phase]
        # [phase delivered]
        self.show(result)
        # [/phase]

    def show_progress(self, step: int, steps: int) -> None:
        # Same story: the label changes, the screen does not.
        self.show(f"{step}/{steps}")

    def show(self, text: str) -> None:
        self.label.config(text=text)


def main() -> None:
    task = task_from_argv()
    root = tk.Tk()
    root.title("Blocking: asyncio.run() in a callback")
    BlockingApp(root, task)
    root.mainloop()


if __name__ == "__main__":
    main()
