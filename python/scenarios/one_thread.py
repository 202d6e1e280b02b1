"""One thread, asyncio drives Tk (python/strategies/one_thread.py), and the
dialog contrast on the Dedicated strategy. Variants:

  idle             the loop with nothing to do: drains per second, CPU
  mainloop-idle    plain root.mainloop() with nothing to do: CPU (no drains)
  clicks           XTEST clicks on a button: click sent -> its command ran
  compute          a coroutine computing D s without await: the Tk stall
  chunked          the same in chunks with await asyncio.sleep(0), clicked
  dialog           a modal dialog open N ms: asyncio ticks vs Tk after() ticks
  dedicated-dialog the same dialog beside dedicated_loop.py's class, unchanged:
                   its progress deliveries (every 100 ms) through the dialog
"""

import asyncio
import time
import tkinter as tk
from typing import Callable

import one_thread
from dedicated_loop import DedicatedLoopApp
from dedicated_loop import Task as DedicatedTask
from harness.probe import Clicker, Clock, Heartbeat, idle_cpu_window, now, span_ms
from one_thread import OneThreadApp, Task, drive_tk

SETTLE_S = 0.3


class CountingAsyncio:
    """The strategy module's `asyncio`, counting drive_tk's sleeps: one per
    drain, each a wake-up of the thread."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(now())
        await asyncio.sleep(seconds)

    def __getattr__(self, name: str):
        return getattr(asyncio, name)


def open_dialog_for(root: tk.Tk, ms: int, spans: list) -> None:
    """A Tk callback opening a modal dialog the way one_thread.py does, closed
    by Tk's own after() timer (which Tk's nested loop serves) after `ms`."""
    dialog = tk.Toplevel(root)
    tk.Label(dialog, text="modal").pack()
    dialog.transient(root)
    dialog.wait_visibility()
    dialog.grab_set()
    root.after(ms, dialog.destroy)
    opened = now()
    root.wait_window(dialog)
    spans.append((opened, now()))


def blank(variant: str) -> dict:
    """Every run has the same fields; those a variant does not measure are
    null or empty."""
    return {
        "variant": variant,
        "pollMs": None,
        "durationMs": None,
        "chunkMs": None,
        "dialogMs": None,
        "idle": None,
        "latencyMs": [],
        "heartbeatStalls": [],
        "dialogOpenMs": None,
        "asyncioTicksMs": [],
        "tkTicksMs": [],
        "deliveriesMs": [],
    }


def run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    if variant == "dedicated-dialog":
        return dedicated_dialog(options, clock)
    if variant == "mainloop-idle":
        return mainloop_idle(options)
    return asyncio.run(one_thread_run(options, clock))


async def one_thread_run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    poll_ms = options.get("poll", one_thread.POLL_MS)
    counting = CountingAsyncio()
    one_thread.asyncio = counting  # type: ignore[assignment]
    root = tk.Tk()
    task = Task("cpu", options.get("duration", 0.5), chunk=options.get("chunk"))
    app = OneThreadApp(root, task, poll_ms=poll_ms, counters=variant == "dialog")
    commands: list[float] = []
    probe = tk.Button(root, text="probe", command=lambda: commands.append(now()))
    probe.pack()
    record = blank(variant)
    record["pollMs"] = poll_ms
    asyncio_ticks: list[float] = []
    tk_ticks: list[float] = []

    def watch(label: tk.Label, times: list) -> None:
        def config(**kwargs) -> None:
            times.append(now())
            tk.Label.config(label, **kwargs)

        label.config = config  # type: ignore[method-assign]

    watch(app.asyncio_count, asyncio_ticks)
    watch(app.tk_count, tk_ticks)
    heartbeat = Heartbeat(root)

    def finish() -> None:
        root.destroy()

    def step(ms: float, fn: Callable[[], None]) -> None:
        root.after(round(ms), fn)

    if variant == "idle":

        def idle_done(start: float, end: float, cpu_start: float, cpu_end: float) -> None:
            record["idle"] = {
                "windowMs": span_ms(start, end),
                "wakeups": sum(1 for t in counting.sleeps if start <= t < end),
                "cpuMs": span_ms(cpu_start, cpu_end),
            }
            finish()

        step(SETTLE_S * 1000, lambda: idle_cpu_window(root, options["idle"], idle_done))

    elif variant in ("clicks", "chunked"):
        count = options["clicks"]
        spacing = options["spacing"]
        state: dict = {}

        def start() -> None:
            first = now() + 0.3
            if variant == "chunked":
                app.button.invoke()  # the computing coroutine starts in this drain
                first = now() + 0.1
            at = [first + i * spacing for i in range(count)]
            state["clicker"] = Clicker(probe, at)
            state["start"] = now()
            step((at[-1] - now()) * 1000 + 500, done)

        def done() -> None:
            sent = state["clicker"].sent()
            record["latencyMs"] = [span_ms(s, c) for s, c in zip(sent, commands)]
            if variant == "chunked":
                record["chunkMs"] = round(task.chunk * 1000)
                record["durationMs"] = round(task.duration * 1000)
            finish()

        step(SETTLE_S * 1000, start)

    elif variant == "compute":

        def start() -> None:
            heartbeat.start()
            step(100, app.button.invoke)
            step(100 + task.duration * 1000 + 400, done)

        def done() -> None:
            heartbeat.stop()
            record["durationMs"] = round(task.duration * 1000)
            record["heartbeatStalls"] = heartbeat.stalls(clock)
            finish()

        step(SETTLE_S * 1000, start)

    elif variant == "dialog":
        dialog_ms = options["dialog"]
        spans: list = []

        def open_it() -> None:
            open_dialog_for(root, dialog_ms, spans)
            step(600, done)

        def done() -> None:
            opened, closed = spans[0]
            record["dialogMs"] = dialog_ms
            record["dialogOpenMs"] = [clock.ms(opened), clock.ms(closed)]
            record["asyncioTicksMs"] = [clock.ms(t) for t in asyncio_ticks]
            record["tkTicksMs"] = [clock.ms(t) for t in tk_ticks]
            finish()

        step(SETTLE_S * 1000 + 600, open_it)

    await drive_tk(root, poll_ms)
    one_thread.asyncio = asyncio  # type: ignore[assignment]
    return record


def mainloop_idle(options: dict) -> dict:
    root = tk.Tk()
    record = blank("mainloop-idle")

    def idle_done(start: float, end: float, cpu_start: float, cpu_end: float) -> None:
        record["idle"] = {"windowMs": span_ms(start, end), "wakeups": 0, "cpuMs": span_ms(cpu_start, cpu_end)}
        root.destroy()

    root.after(round(SETTLE_S * 1000), lambda: idle_cpu_window(root, options["idle"], idle_done))
    root.mainloop()
    return record


def dedicated_dialog(options: dict, clock: Clock) -> dict:
    dialog_ms = options["dialog"]
    shown: list[float] = []
    seconds = dialog_ms / 1000 + 2.0
    task = DedicatedTask("stream", seconds, 10.0)

    class Measured(DedicatedLoopApp):
        def show(self, text: str) -> None:
            if "/" in text:
                shown.append(now())
            super().show(text)

    root = tk.Tk()
    app = Measured(root, task)
    spans: list = []
    record = blank("dedicated-dialog")
    record["dialogMs"] = dialog_ms

    def open_it() -> None:
        open_dialog_for(root, dialog_ms, spans)
        root.after(600, done)

    def done() -> None:
        opened, closed = spans[0]
        record["dialogOpenMs"] = [clock.ms(opened), clock.ms(closed)]
        record["deliveriesMs"] = [clock.ms(t) for t in shown]
        app.close()

    root.after(round(SETTLE_S * 1000), app.button.invoke)
    root.after(round(SETTLE_S * 1000) + 600, open_it)
    root.mainloop()
    time.sleep(0)
    return record
