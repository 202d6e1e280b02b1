"""Blocking: asyncio.run() in the Run command; one click, then three more
clicks sent through XTEST while the first run is still frozen."""

import tkinter as tk

from blocking import BlockingApp, Task
from harness.probe import Clicker, Clock, Heartbeat, now, span_ms, window_mapped

SETTLE_S = 0.4


def run(options: dict, clock: Clock) -> dict:
    task = Task(options["kind"], options["duration"])
    click_offsets = options.get("clicks", [0, 0.25, 0.5, 0.75])
    runs: list[tuple[float, float]] = []
    idle_ran: list[dict] = []
    repainted_between: list[bool] = []
    mapped: list[float] = []

    class Measured(BlockingApp):
        def run(self) -> None:
            start = now()
            if idle_ran:
                repainted_between.append(idle_ran[-1]["ran"])
            super().run()
            runs.append((start, now()))
            # Tk repaints in its idle queue, in order: if this callback has run
            # by the time the next click's command starts, so has the label's
            # redraw that the show() above scheduled.
            flag = {"ran": False}
            idle_ran.append(flag)
            self.root.after_idle(flag.update, {"ran": True})

    created = now()
    root = tk.Tk()
    window_mapped(root, mapped.append)
    app = Measured(root, task)
    heartbeat = Heartbeat(root)
    heartbeat.start()
    state: dict = {}

    def start_clicks() -> None:
        first = now() + 0.3
        state["clicker"] = Clicker(app.button, [first + f * task.duration for f in click_offsets])
        state["deadline"] = first + len(click_offsets) * task.duration * 1.5 + 2
        root.after(50, finish_when_done)

    def finish_when_done() -> None:
        if len(runs) >= len(click_offsets) or now() > state["deadline"]:
            root.after(300, root.destroy)
        else:
            root.after(50, finish_when_done)

    root.after(round(SETTLE_S * 1000), start_clicks)
    root.mainloop()
    sent = state["clicker"].sent()
    return {
        "kind": task.kind,
        "durationMs": round(task.duration * 1000),
        "windowMappedMs": span_ms(created, mapped[0]) if mapped else None,
        "clicksSentMs": [clock.ms(t) for t in sent],
        "runs": [{"startMs": clock.ms(s), "endMs": clock.ms(e)} for s, e in runs],
        # For each run after the first: had Tk's idle queue (where it repaints)
        # run since the previous run ended?
        "repaintedBetweenRuns": repainted_between,
        "heartbeatStalls": heartbeat.stalls(clock),
        "heartbeatSpanMs": span_ms(heartbeat.beats[0], heartbeat.beats[-1]),
    }
