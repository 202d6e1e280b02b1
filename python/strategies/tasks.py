"""The work every strategy runs, so that only *where* it runs differs between them.

Three kinds, as in the app: a wait (I/O-like, the coroutine is idle), a CPU-bound
computation (the thread that runs it is busy), and a stream of progress updates.
"""

import argparse
import asyncio
import time
from dataclasses import dataclass
from typing import Callable, Optional

Report = Callable[[int, int], None]


@dataclass(frozen=True)
class Task:
    kind: str = "wait"  # "wait" | "cpu" | "stream"
    duration: float = 1.0  # seconds: the wait, the computation, or the whole stream
    rate: float = 10.0  # stream only: progress updates per second

    @property
    def steps(self) -> int:
        return max(1, round(self.duration * self.rate))


def compute_for(seconds: float) -> int:
    """Pure-Python hashing for `seconds`. It holds the GIL the whole time, which
    is the point: this is the kind of work that asyncio cannot make concurrent."""
    deadline = time.perf_counter() + seconds
    value, i = 0x811C9DC5, 0
    while True:
        # Check the clock once per slice so that reading it is not the work.
        for _ in range(2_000):
            value = ((value ^ (i & 0xFF)) * 0x01000193) & 0xFFFFFFFF
            i += 1
        if time.perf_counter() >= deadline:
            return value


async def run_task(task: Task, report: Optional[Report] = None) -> str:
    if task.kind == "wait":
        await asyncio.sleep(task.duration)
        return f"waited {task.duration:g} s"
    if task.kind == "cpu":
        # No await inside: the event loop running this coroutine is stuck until it
        # returns. Real code hands this to loop.run_in_executor().
        return f"computed {compute_for(task.duration):08x}"
    if task.kind == "stream":
        for step in range(1, task.steps + 1):
            await asyncio.sleep(1 / task.rate)
            if report is not None:
                report(step, task.steps)
        return f"streamed {task.steps} updates"
    raise ValueError(f"unknown task kind {task.kind!r}")


def task_from_argv() -> Task:
    parser = argparse.ArgumentParser(description="Run one strategy in a small Tk window.")
    parser.add_argument("--kind", choices=["wait", "cpu", "stream"], default="wait")
    parser.add_argument("--duration", type=float, default=1.0, help="seconds")
    parser.add_argument("--rate", type=float, default=10.0, help="stream updates per second")
    args = parser.parse_args()
    return Task(args.kind, args.duration, args.rate)
