# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Find the freeze in your own Tkinter app: copy watch_tk() (and watch_loop()) into it.

watch_tk(root) puts a heartbeat on the Tk thread (root.after every 50 ms) and starts a watchdog
thread. When the Tk thread has not run for longer than the threshold, the watchdog prints where
the Tk thread is at that moment, its stack from sys._current_frames(): the line that holds it.
When Tk runs again, it prints how long the freeze lasted. (CPU work in another thread can delay
Tk too, through the GIL: then the stack shows wherever Tk happened to be waiting.) The watchdog is given plain data only,
never a widget, so it cannot crash the program when the window closes.

For an asyncio loop in a thread of its own, watch_loop(loop) turns on asyncio's debug mode:
every callback or task step that holds the loop longer than slow_ms is logged by asyncio, with
the task and its coroutine's line.

Run this file to see both: "Sleep 1 s" calls time.sleep(1) in a button's command (the page's
"blocking call in a command" mistake, on purpose), "Compute 0.3 s on the loop" runs CPU work in a
coroutine without an await.
"""

import asyncio
import logging
import queue
import sys
import threading
import time
import traceback
import tkinter as tk


class Heartbeat:
    """What the Tk thread and the watchdog share: plain data, nothing of Tk's."""

    def __init__(self, threshold_ms: float) -> None:
        self.tk_thread = threading.get_ident()  # made on the Tk thread
        self.threshold = threshold_ms / 1000
        self.last = time.monotonic()
        self.stopped = threading.Event()


def watchdog(beat: Heartbeat, out) -> None:
    """Runs in its own thread: reports the Tk thread's stack while it is frozen."""
    frozen_since = None
    while not beat.stopped.wait(beat.threshold / 4):
        late = time.monotonic() - beat.last
        if late > beat.threshold and frozen_since is None:
            frozen_since = beat.last
            frame = sys._current_frames().get(beat.tk_thread)
            stack = "".join(traceback.format_stack(frame)) if frame else "  (not found)\n"
            print(f"freeze finder: the Tk thread has not run for {late * 1000:.0f} ms. It is here:", file=out)
            print(stack, end="", file=out, flush=True)
        elif late <= beat.threshold and frozen_since is not None:
            print(f"freeze finder: the Tk thread ran again after {(beat.last - frozen_since) * 1000:.0f} ms.", file=out, flush=True)
            frozen_since = None


def watch_tk(root: tk.Tk, threshold_ms: float = 200, beat_ms: int = 50, out=sys.stderr) -> Heartbeat:
    """Call on the Tk thread once the window exists; returns the heartbeat (stop it with .stopped.set())."""
    beat = Heartbeat(threshold_ms)

    def tick() -> None:
        beat.last = time.monotonic()
        if not beat.stopped.is_set():
            root.after(beat_ms, tick)

    def closed(event) -> None:
        if event.widget is root:
            beat.stopped.set()

    root.bind("<Destroy>", closed, add="+")
    root.after(beat_ms, tick)
    threading.Thread(target=watchdog, args=(beat, out), name="freeze-finder", daemon=True).start()
    return beat


def watch_loop(loop: asyncio.AbstractEventLoop, slow_ms: float = 100) -> None:
    """asyncio's own debug mode: logs each callback or task step that holds `loop` over slow_ms."""
    loop.set_debug(True)
    loop.slow_callback_duration = slow_ms / 1000
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")


# ---- a demonstration: everything below is what your app would be ---------------------------


def compute_for(seconds: float) -> int:
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline:
        n += 1
    return n


async def compute(results: queue.Queue) -> None:
    results.put(f"computed {compute_for(0.3)} steps")  # no await: holds the loop for 0.3 s


def run_loop(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    loop.run_forever()
    loop.close()


def main() -> None:
    loop = asyncio.new_event_loop()
    watch_loop(loop, slow_ms=100)
    thread = threading.Thread(target=run_loop, args=(loop,))
    thread.start()
    root = tk.Tk()
    root.title("Freeze finder")
    watch_tk(root, threshold_ms=200)
    label = tk.Label(root, text="idle", width=40)
    results: queue.Queue = queue.Queue()
    futures = set()

    def on_sleep() -> None:
        time.sleep(1)  # the freeze the watchdog will point at
        label.config(text="slept 1 s")

    def on_compute() -> None:
        future = asyncio.run_coroutine_threadsafe(compute(results), loop)
        futures.add(future)
        future.add_done_callback(futures.discard)

    def poll() -> None:
        while not results.empty():
            label.config(text=results.get_nowait())
        root.after(50, poll)

    def close() -> None:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()  # the loop thread never waits for Tk
        root.destroy()

    tk.Button(root, text="Sleep 1 s", command=on_sleep).pack(padx=12, pady=(12, 4))
    tk.Button(root, text="Compute 0.3 s on the loop", command=on_compute).pack(padx=12, pady=4)
    label.pack(padx=12, pady=(4, 12))
    root.protocol("WM_DELETE_WINDOW", close)
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
