"""Clicks at given moments through the X server's XTEST extension.

Runs as its own process, so the clicks come from outside the Tk process the
way a user's do: during a stall they queue up in the X server and reach Tk
only when its event loop runs again, and no GIL is shared with the app.

Input (argv[1], JSON): {"x": int, "y": int, "at": [perf_counter seconds, ...]}
Output (stdout, JSON): {"sent": [perf_counter seconds, ...]}, each the moment
just before the press was handed to the X server. time.perf_counter() is
CLOCK_MONOTONIC on Linux, so these times compare with the app's directly.
"""

import ctypes
import ctypes.util
import json
import sys
import time


def load(name: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name)
    if path is None:
        sys.exit(f"clicker: lib{name} not found (Debian package: lib{name.lower()}6)")
    return ctypes.CDLL(path)


def main() -> None:
    spec = json.loads(sys.argv[1])
    x11, xtst = load("X11"), load("Xtst")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ulong]
    xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    display = x11.XOpenDisplay(None)
    if not display:
        sys.exit("clicker: cannot open the X display")
    # Move the pointer onto the target first: Tk's button bindings need the
    # <Enter> it produces before a press counts as a click on the button.
    xtst.XTestFakeMotionEvent(display, -1, spec["x"], spec["y"], 0)
    x11.XSync(display, 0)
    sent = []
    for at in spec["at"]:
        while (left := at - time.perf_counter()) > 0:
            time.sleep(min(left, 0.001))
        sent.append(time.perf_counter())
        xtst.XTestFakeButtonEvent(display, 1, 1, 0)
        xtst.XTestFakeButtonEvent(display, 1, 0, 0)
        x11.XSync(display, 0)
    x11.XCloseDisplay(display)
    print(json.dumps({"sent": sent}))


if __name__ == "__main__":
    main()
