"""One thread, guest mode: Tk keeps mainloop() and Trio runs as its guest
(python/strategies/one_thread_guest.py). The same scenarios as the polling
mode (scenarios/one_thread.py), plus what a step costs. Variants:

  idle            the guest run with nothing to do: hand-offs per second, CPU
  clicks          XTEST clicks on a button whose command starts a Trio task:
                  click sent -> command ran, and click sent -> the task ran
  sleeps          a Trio task sleeping 50 ms, N times: deadline -> resumed
  chain           `await trio.sleep(0)` in a loop for 1 s: steps per second
  chain-trio-run  the same chain under plain trio.run(), no Tk: the baseline
  compute         a Trio task computing D s without await: the Tk stall
  dialog          a modal dialog open N ms: Trio ticks vs Tk after() ticks

Each run records the interpreter and the Trio version it ran with.
"""

import sys
import time
import tkinter as tk

import trio

from harness.probe import Clicker, Clock, Heartbeat, idle_cpu_window, now, span_ms
from one_thread_guest import GuestApp, Task, TkHost, compute_for

SETTLE_S = 0.3
SLEEP_S = 0.05
CHAIN_S = 1.0


def blank(variant: str) -> dict:
    """Every run has the same fields; those a variant does not measure are
    null or empty."""
    return {
        "variant": variant,
        "interpreter": sys.executable,
        "trio": trio.__version__,
        "durationMs": None,
        "dialogMs": None,
        "idle": None,
        "latencyMs": [],
        "taskLatencyMs": [],
        "heartbeatStalls": [],
        "dialogOpenMs": None,
        "trioTicksMs": [],
        "tkTicksMs": [],
        "chain": None,
    }


class CountingHost(TkHost):
    """The file's TkHost, counting each hand-off of a step to the Tk thread:
    each is a wake-up of the Tk thread by Trio."""

    def __init__(self, root: tk.Tk) -> None:
        super().__init__(root)
        self.handoffs: list = []

    def run_sync_soon_threadsafe(self, step) -> None:
        self.handoffs.append(now())
        super().run_sync_soon_threadsafe(step)

    def run_sync_soon_not_threadsafe(self, step) -> None:
        self.handoffs.append(now())
        super().run_sync_soon_not_threadsafe(step)


def open_dialog_for(root: tk.Tk, ms: int, spans: list) -> None:
    """A Tk callback opening a modal dialog as one_thread_guest.py does, closed
    by Tk's own after() timer after `ms`."""
    dialog = tk.Toplevel(root)
    tk.Label(dialog, text="modal").pack()
    dialog.transient(root)
    dialog.wait_visibility()
    dialog.grab_set()
    root.after(ms, dialog.destroy)
    opened = now()
    root.wait_window(dialog)
    spans.append((opened, now()))


async def chain_for(seconds: float) -> dict:
    """`await trio.sleep(0)` until `seconds` have passed: how many steps."""
    start = now()
    steps = 0
    while now() - start < seconds:
        await trio.sleep(0)
        steps += 1
    return {"steps": steps, "windowMs": span_ms(start, now())}


def run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    if variant == "chain-trio-run":
        record = blank(variant)
        record["chain"] = trio.run(chain_for, options.get("seconds", CHAIN_S))
        return record
    return guest_run(options, clock)


def guest_run(options: dict, clock: Clock) -> dict:
    variant = options["variant"]
    root = tk.Tk()
    task = Task("cpu", options.get("duration", 0.5))
    app = GuestApp(root, task, counters=variant == "dialog")
    host = CountingHost(root)
    record = blank(variant)
    heartbeat = Heartbeat(root)

    trio_ticks: list = []
    tk_ticks: list = []

    def watch(label: tk.Label, times: list) -> None:
        def config(**kwargs) -> None:
            times.append(now())
            tk.Label.config(label, **kwargs)

        label.config = config  # type: ignore[method-assign]

    watch(app.trio_count, trio_ticks)
    watch(app.tk_count, tk_ticks)

    def step(ms: float, fn) -> None:
        root.after(round(ms), fn)

    def start_soon(fn, *args) -> None:
        assert app.nursery is not None
        app.nursery.start_soon(fn, *args)

    if variant == "idle":

        def idle_done(start: float, end: float, cpu_start: float, cpu_end: float) -> None:
            record["idle"] = {
                "windowMs": span_ms(start, end),
                "wakeups": sum(1 for t in host.handoffs if start <= t < end),
                "cpuMs": span_ms(cpu_start, cpu_end),
            }
            app.close()

        step(SETTLE_S * 1000, lambda: idle_cpu_window(root, options["idle"], idle_done))

    elif variant == "clicks":
        count = options["clicks"]
        spacing = options["spacing"]
        commands: list = []
        task_runs: list = []
        state: dict = {}

        async def started() -> None:
            task_runs.append(now())

        def command() -> None:
            commands.append(now())
            start_soon(started)

        probe = tk.Button(root, text="probe", command=command)
        probe.pack()

        def begin() -> None:
            first = now() + 0.3
            at = [first + i * spacing for i in range(count)]
            state["clicker"] = Clicker(probe, at)
            step((at[-1] - now()) * 1000 + 500, done)

        def done() -> None:
            sent = state["clicker"].sent()
            record["latencyMs"] = [span_ms(s, c) for s, c in zip(sent, commands)]
            record["taskLatencyMs"] = [span_ms(s, t) for s, t in zip(sent, task_runs)]
            app.close()

        step(SETTLE_S * 1000, begin)

    elif variant == "sleeps":
        count = options["sleeps"]

        async def sleeper() -> None:
            for _ in range(count):
                deadline = trio.current_time() + SLEEP_S
                await trio.sleep_until(deadline)
                record["latencyMs"].append(span_ms(deadline, trio.current_time()))
            app.close()

        step(SETTLE_S * 1000, lambda: start_soon(sleeper))

    elif variant == "chain":

        async def chained() -> None:
            record["chain"] = await chain_for(options.get("seconds", CHAIN_S))
            app.close()

        step(SETTLE_S * 1000, lambda: start_soon(chained))

    elif variant == "compute":
        seconds = task.duration

        async def computing() -> None:
            compute_for(seconds)  # no await: the Tk thread is held

        def begin() -> None:
            heartbeat.start()
            step(100, lambda: start_soon(computing))
            step(100 + seconds * 1000 + 400, done)

        def done() -> None:
            heartbeat.stop()
            record["durationMs"] = round(seconds * 1000)
            record["heartbeatStalls"] = heartbeat.stalls(clock)
            app.close()

        step(SETTLE_S * 1000, begin)

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
            record["trioTicksMs"] = [clock.ms(t) for t in trio_ticks]
            record["tkTicksMs"] = [clock.ms(t) for t in tk_ticks]
            app.close()

        step(SETTLE_S * 1000 + 600, open_it)

    trio.lowlevel.start_guest_run(
        app.main,
        run_sync_soon_threadsafe=host.run_sync_soon_threadsafe,
        run_sync_soon_not_threadsafe=host.run_sync_soon_not_threadsafe,
        done_callback=host.done_callback,
    )
    root.mainloop()
    if host.outcome is not None:
        host.outcome.unwrap()
    time.sleep(0)
    return record
