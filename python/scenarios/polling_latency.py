"""Queue + polling: a stream of results from the worker thread, then the
window left idle. Delivery latency = message put in the queue.Queue by the
worker -> label updated by the Tk thread's poll."""

import queue
import tkinter as tk

from harness.probe import STALL_THRESHOLD_MS, Clock, Heartbeat, idle_cpu_window, now, span_ms, window_mapped
from queue_polling import QueuePollingApp, Task

SETTLE_S = 0.3


def run(options: dict, clock: Clock) -> dict:
    poll_ms = options["poll"]
    task = Task("stream", options["count"] / options["rate"], options["rate"])
    ready: dict[int, float] = {}
    latencies: list[float] = []
    polls: list[float] = []
    mapped: list[float] = []

    class TimedQueue(queue.Queue):
        """The strategy's queue, noting when the worker put each message in."""

        def put(self, message, block=True, timeout=None) -> None:
            ready[id(message)] = now()
            super().put(message, block, timeout)

    class Measured(QueuePollingApp):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.results = TimedQueue()  # before any worker can exist

        def poll(self) -> None:
            polls.append(now())
            super().poll()

        def deliver(self, message) -> None:
            super().deliver(message)
            latencies.append(now() - ready.pop(id(message)))

    created = now()
    root = tk.Tk()
    window_mapped(root, mapped.append)
    app = Measured(root, task, poll_ms=poll_ms)
    heartbeat = Heartbeat(root)
    heartbeat.start()
    state: dict = {}

    def start() -> None:
        state["start"] = now()
        app.button.invoke()
        root.after(50, wait_for_stream)

    def wait_for_stream() -> None:
        if len(latencies) < task.steps + 1 and now() - state["start"] < task.duration * 3 + 2:
            root.after(50, wait_for_stream)
            return
        state["streamEnd"] = now()
        heartbeat.stop()
        # Leave the Tk thread alone: every wake-up in this window is a poll.
        root.after(100, lambda: idle_cpu_window(root, options["idle"], idle_done))

    def idle_done(start: float, end: float, cpu_start: float, cpu_end: float) -> None:
        state["idle"] = {
            "windowMs": span_ms(start, end),
            "wakeups": sum(1 for t in polls if start <= t < end),
            "cpuMs": span_ms(cpu_start, cpu_end),
        }
        root.destroy()

    root.after(round(SETTLE_S * 1000), start)
    root.mainloop()
    during = [[clock.ms(end - gap), span_ms(0, gap)] for end, gap in heartbeat.gaps(state["start"], state["streamEnd"])]
    return {
        "pollMs": poll_ms,
        "rate": options["rate"],
        "expected": task.steps + 1,
        "windowMappedMs": span_ms(created, mapped[0]) if mapped else None,
        "latencyMs": [span_ms(0, t) for t in latencies],
        "heartbeatStalls": [g for g in during if g[1] > STALL_THRESHOLD_MS],
        "heartbeatSpanMs": span_ms(state["start"], state["streamEnd"]),
        "idle": state["idle"],
    }
