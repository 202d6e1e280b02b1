"""Dedicated loop thread: results and progress delivered to Tk as events,
with root.after(0, ...) from the loop thread (the strategy as written) or
with event_generate('<<...>>', when='tail') plus a side queue (a subclass
that replaces only to_tk). Also: cancel, a failing task, a deliberate 300 ms
Tk stall while a stream runs (how long the loop thread then waits), idle CPU,
and close()."""

import asyncio
import queue
import threading
import time
import tkinter as tk

from dedicated_loop import DedicatedLoopApp, Task
from harness.probe import STALL_THRESHOLD_MS, Clock, Heartbeat, idle_cpu_window, now, span_ms, window_mapped

SETTLE_S = 0.3
TK_STALL_S = 0.3


def run(options: dict, clock: Clock) -> dict:
    method = options["method"]  # "after" | "event"
    stream = Task("stream", options["count"] / options["rate"], options["rate"])
    latencies: list[float] = []
    handoffs: list[float] = []
    tk_callbacks: list[float] = []
    labels: list[tuple[float, str]] = []
    failing: set[int] = set()
    cleanups: list[int] = []
    mapped: list[float] = []
    state: dict = {"phase": "stream"}

    class Measured(DedicatedLoopApp):
        def __init__(self, root: tk.Tk, task: Task) -> None:
            super().__init__(root, task)
            if method == "event":
                self.handoff: queue.Queue = queue.Queue()
                root.bind("<<LoopResult>>", self.run_handed_off)

        def to_tk(self, callback, *args) -> None:
            ready = now()
            from_loop = threading.current_thread() is self.thread

            def timed(*a) -> None:
                callback(*a)
                tk_callbacks.append(now())
                if from_loop:
                    latencies.append(now() - ready)

            if method == "event":
                self.handoff.put((timed, args))
                self.root.event_generate("<<LoopResult>>", when="tail")
            else:
                super().to_tk(timed, *args)
            if from_loop:
                handoffs.append((state["phase"], now() - ready))

        def run_handed_off(self, _event: tk.Event) -> None:
            callback, args = self.handoff.get_nowait()
            callback(*args)

        async def work(self, job: int) -> str:
            try:
                if job in failing:
                    await asyncio.sleep(0.05)
                    raise ValueError("failed on purpose")
                return await super().work(job)
            finally:
                cleanups.append(job)

        def show(self, text: str) -> None:
            super().show(text)
            labels.append((now(), text))

    created = now()
    root = tk.Tk()
    window_mapped(root, mapped.append)
    app = Measured(root, stream)
    heartbeat = Heartbeat(root)
    heartbeat.start()

    def wait_until(condition, then, limit_s: float) -> None:
        deadline = now() + limit_s

        def check() -> None:
            if condition() or now() > deadline:
                then()
            else:
                root.after(20, check)

        check()

    def step_stream() -> None:
        state["streamStart"] = now()
        app.button.invoke()
        wait_until(lambda: app.jobs == 1 and not app.futures, step_cancel, stream.duration * 3 + 2)

    def step_cancel() -> None:
        state["streamEnd"] = now()
        state["phase"] = "cancel"
        app.task = Task("wait", 10)
        app.button.invoke()
        job = app.jobs

        def cancel() -> None:
            state["cancelAt"] = now()
            app.cancel()

        root.after(200, cancel)
        wait_until(lambda: job not in app.futures and job in cleanups, lambda: step_fail(job), 3)

    def step_fail(cancelled_job: int) -> None:
        state["cancel"] = outcome(cancelled_job, state["cancelAt"])
        state["phase"] = "fail"
        app.task = stream
        failing.add(app.jobs + 1)
        state["failAt"] = now()
        app.button.invoke()
        job = app.jobs
        wait_until(lambda: job not in app.futures, lambda: step_tk_stall(job), 3)

    def step_tk_stall(failed_job: int) -> None:
        state["fail"] = outcome(failed_job, state["failAt"])
        state["phase"] = "tk-stall"
        app.task = Task("stream", 1.0, 50)
        app.button.invoke()
        job = app.jobs

        def stall() -> None:
            # A slow Tk callback, standing in for any blocking code on the Tk thread.
            state["stallAt"] = now()
            time.sleep(TK_STALL_S)

        root.after(300, stall)
        wait_until(lambda: job not in app.futures, step_idle, 4)

    def step_idle() -> None:
        state["phase"] = "idle"
        heartbeat.stop()
        root.after(100, lambda: idle_cpu_window(root, options["idle"], step_close))

    def step_close(start: float, end: float, cpu_start: float, cpu_end: float) -> None:
        state["idle"] = {
            "windowMs": span_ms(start, end),
            "wakeups": sum(1 for t in tk_callbacks if start <= t < end),
            "cpuMs": span_ms(cpu_start, cpu_end),
        }
        state["closeAt"] = now()
        app.close()  # what the window manager's close button calls

    def outcome(job: int, since: float) -> dict:
        prefix = f"task {job}: "
        shown = [(t, text) for t, text in labels if t >= since and text.startswith(prefix)]
        last = shown[-1] if shown else (since, "")
        return {"label": last[1][len(prefix):], "afterMs": span_ms(since, last[0]), "cleanupRan": job in cleanups}

    root.after(round(SETTLE_S * 1000), step_stream)
    root.mainloop()
    mainloop_returned = now()
    stream_handoffs = [span_ms(0, d) for phase, d in handoffs if phase == "stream"]
    stall_handoffs = [span_ms(0, d) for phase, d in handoffs if phase == "tk-stall"]
    return {
        "method": method,
        "rate": options["rate"],
        "expected": stream.steps + 1,
        "windowMappedMs": span_ms(created, mapped[0]) if mapped else None,
        # Loop thread hands a result over -> the Tk thread has updated the label.
        "latencyMs": [span_ms(0, t) for t in latencies[: stream.steps + 1]],
        # How long the loop thread itself waited inside to_tk().
        "handoffMs": stream_handoffs,
        "tkStall": {"stallMs": round(TK_STALL_S * 1000), "longestHandoffMs": max(stall_handoffs, default=None)},
        "heartbeatStalls": [
            [clock.ms(end - gap), span_ms(0, gap)]
            for end, gap in heartbeat.gaps(state["streamStart"], state["streamEnd"])
            if span_ms(0, gap) > STALL_THRESHOLD_MS
        ],
        "cancel": state.get("cancel"),
        "failure": state.get("fail"),
        "idle": state.get("idle"),
        "closeMs": span_ms(state["closeAt"], mainloop_returned) if "closeAt" in state else None,
        "loopThreadAlive": app.thread.is_alive(),
    }
