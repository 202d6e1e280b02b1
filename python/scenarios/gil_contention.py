"""Queue + polling with a CPU-bound task in the worker thread: the Tk thread
is never blocked by the code, yet it must win the GIL back for every Python
callback. Heartbeat gaps and click delays, idle vs while the worker computes.
Clicks go to a probe button the harness adds, through XTEST."""

import sys
import tkinter as tk

from harness.probe import Clicker, Clock, Heartbeat, now, span_ms
import queue_polling
from queue_polling import QueuePollingApp, Task

SETTLE_S = 0.4
MARGIN_S = 0.1  # keep the thread's start and end out of the busy window


def run(options: dict, clock: Clock) -> dict:
    if "switchIntervalMs" in options:
        # A knob some applications turn: how long a thread may keep the GIL
        # while another waits for it (default 5 ms).
        sys.setswitchinterval(options["switchIntervalMs"] / 1000)
    task = Task("cpu", options["duration"])
    idle_s = options["idle"]
    clicks_per_window = options["clicks"]
    handled: list[float] = []
    done: list[float] = []
    worker_span: dict = {}

    work = queue_polling.work

    def timed_work(*args) -> None:
        # The strategy's module-level worker, timed; the thread still gets
        # plain data and the queue only.
        worker_span["start"] = now()
        work(*args)
        worker_span["end"] = now()

    queue_polling.work = timed_work

    class Measured(QueuePollingApp):
        def deliver(self, message) -> None:
            super().deliver(message)
            done.append(now())

    root = tk.Tk()
    app = Measured(root, task, poll_ms=options["poll"])
    probe = tk.Button(root, text="Probe", command=lambda: handled.append(now()))
    probe.pack(padx=12, pady=(0, 12))
    heartbeat = Heartbeat(root)
    heartbeat.start()
    state: dict = {}

    def click_times(start: float, end: float) -> list[float]:
        step = (end - start) / (clicks_per_window + 1)
        return [start + step * (i + 1) for i in range(clicks_per_window)]

    def start() -> None:
        idle_start = now() + 0.2
        run_at = idle_start + idle_s + 0.3
        state["idle"] = (idle_start, idle_start + idle_s)
        state["busy"] = (run_at + MARGIN_S, run_at + task.duration - MARGIN_S)
        state["clicker"] = Clicker(probe, click_times(*state["idle"]) + click_times(*state["busy"]))
        root.after(round((run_at - now()) * 1000), app.button.invoke)
        root.after(100, finish_when_done)

    def finish_when_done() -> None:
        if done or now() > state["busy"][1] + task.duration + 3:
            root.after(200, root.destroy)
        else:
            root.after(50, finish_when_done)

    root.after(round(SETTLE_S * 1000), start)
    root.mainloop()
    sent = state["clicker"].sent()
    lateness = [span_ms(s, h) for s, h in zip(sent, handled)]

    def window(start: float, end: float) -> dict:
        inside = [i for i, s in enumerate(sent) if start <= s <= end]
        return {
            "fromMs": clock.ms(start),
            "toMs": clock.ms(end),
            "heartbeatGapsMs": [span_ms(0, gap) for _, gap in heartbeat.gaps(start, end)],
            "clickDelayMs": [lateness[i] for i in inside if i < len(lateness)],
        }

    # The window actually busy: planned, narrowed to when the worker really computed.
    busy_start = max(state["busy"][0], worker_span.get("start", 0) + MARGIN_S)
    busy_end = min(state["busy"][1], worker_span.get("end", state["busy"][1]) - MARGIN_S)
    return {
        "durationMs": round(task.duration * 1000),
        "pollMs": options["poll"],
        "switchIntervalMs": round(sys.getswitchinterval() * 1000, 3),
        "clicksSent": len(sent),
        "clicksHandled": len(handled),
        "workerMs": [clock.ms(worker_span["start"]), clock.ms(worker_span["end"])] if "end" in worker_span else None,
        "idle": window(*state["idle"]),
        "busy": window(busy_start, busy_end),
    }
