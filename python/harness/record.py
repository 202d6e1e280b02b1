"""Records how Tkinter behaves beside asyncio on this machine, and writes one JSON file.

    python3 two_loops_record.py                 every scenario this machine can run (a few minutes)
    python3 two_loops_record.py --quick         a shorter pass (under a minute)
    python3 two_loops_record.py --only blocking,polling
    python3 two_loops_record.py --out FILE.json  (default: two-loops-recording.json here)

Drop the file it writes on the Two Loops page: your figures appear beside the project's, in your
browser only. Standard library only; CPython 3.9+ with tkinter. A window opens and closes many
times while it records: leave the mouse and keyboard alone until it says it is done.

Each run is one process with its own timeout: a process that does not end in time is killed and
recorded as a hang (that is how the never-stopped loop thread is caught).

Which scenarios run where:
  * Scenarios whose input is a click made while the Tk thread is busy (blocking, gil, the
    one-thread clicks and chunked runs, the guest-mode clicks, and the freeze finder) send real X
    events through XTEST from a separate process, on X11 (Linux, the BSDs, XWayland) with
    libXtst. Those clicks queue in the X server like a user's.
  * Elsewhere (macOS, Windows, or X11 without libXtst), blocking, gil and the freeze finder click with
    `event generate ... -when tail` (tkinter's event_generate(when='tail')) from one helper
    thread per click. tkinter hands a call from another thread to the Tk thread through Tcl's
    event queue, so the click waits there, not in the window system's queue, and reaches Tk only
    when its event loop runs again. Two things change: the click is sent by a thread of the same
    process, so under the GIL the sender must win the GIL to send (the gil scenario's busy-window
    delays then include the sender's own wait); and it needs a threaded Tcl. The one-thread
    clicks are skipped there: their Tk thread never enters mainloop(), so tkinter refuses calls
    from other threads (the thread-call scenario records exactly that). The guest-mode clicks are
    skipped there too: they are recorded with XTEST only.
  * Under Wayland, Tk 8.6 and 9.0 draw through XWayland: Tk reports x11, and the recorder clicks
    through XTEST when libXtst is installed (this has not been tried under Wayland by the project).
  * Every other scenario presses buttons with button.invoke() on the Tk thread, or has no
    input at all, and runs everywhere tkinter does.
  * A scenario that needs a library outside the standard library is skipped, with a note, when
    that library cannot be imported.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Optional

HARNESS = Path(__file__).resolve().parent
PYTHON_DIR = HARNESS.parent
ROOT = PYTHON_DIR.parent
RUN_PY = HARNESS / "run.py"

sys.path.insert(0, str(PYTHON_DIR))

from harness import summarize  # noqa: E402

FORMAT = "two-loops-recording"
SCHEMA = 1

# How each trace's input is made, on X11 with XTEST: "xtest" clicks from another process,
# "invoke" presses buttons on the Tk thread, "none" runs on its own. A run whose input differs from
# its trace's says so in its entry (injection=...): the one-thread runs without clicks, for one.
INJECTION = {
    "blocking": "xtest",
    "gil": "xtest",
    "polling": "invoke",
    "dedicated": "invoke",
    "shutdown": "invoke",
    "deadlock": "invoke",
    "thread-call": "none",
    "mistakes": "none",
    "offered": "invoke",
    "one-thread": "xtest",
    "one-thread-guest": "xtest",
    "freeze-finder": "xtest",
}

# Scenarios that can click with event_generate(when='tail') when XTEST is not there.
EVENT_GENERATE_OK = {"blocking_stall", "gil_contention", "freeze_finder_watch"}

# The input methods, strongest first: a trace's meta names the strongest its runs used, so a trace
# with one clicked run among runs without input says how that run was clicked (the page's trace
# checks refuse a trace whose clicked runs disagree with its meta).
INPUT_RANK = ("xtest", "event_generate", "invoke", "none")


def trace_injection(methods: set) -> str:
    """The input a trace's meta names: the strongest of the methods its runs were made with."""
    return min(methods, key=INPUT_RANK.index)

# The offered files recorded as shown (scenarios/offered.py): each mistake beside its fix.
# "steps" (optional) replaces the ones harness/drive.py lists for the file.
CLOSE_WHILE_RUNNING = [["press", "Run"], ["wait", 300], ["close"]]
OFFERED = [
    ("close-while-running", "mistake", "python/mistakes/close_while_task_runs.py", {}),
    ("close-while-running", "fix", "python/fixes/close_while_task_runs.py", {}),
    (
        "close-while-running",
        "strategy",
        "python/strategies/queue_polling.py",
        {"steps": CLOSE_WHILE_RUNNING, "afterwards": "threads-end"},
    ),
    (
        "close-while-running",
        "recommended",
        "python/recommended.py",
        {"steps": [["press", "Start"], ["wait", 300], ["close"]], "afterwards": "threads-end"},
    ),
    ("blocking-call", "mistake", "python/mistakes/blocking_call_in_command.py", {}),
    ("blocking-call", "fix", "python/fixes/blocking_call_in_command.py", {}),
    ("loop-per-click", "mistake", "python/mistakes/loop_thread_per_click.py", {}),
    ("loop-per-click", "fix", "python/fixes/loop_thread_per_click.py", {}),
    ("client-first-loop", "mistake", "python/mistakes/client_bound_to_first_loop.py", {}),
    ("client-first-loop", "fix", "python/fixes/client_bound_to_first_loop.py", {}),
    ("after-close", "mistake", "python/mistakes/worker_after_close.py", {}),
    ("after-close", "fix", "python/fixes/worker_after_close.py", {}),
    ("widget-from-thread", "mistake", "python/mistakes/widget_from_thread.py", {}),
    ("widget-from-thread", "fix", "python/fixes/widget_from_thread.py", {}),
    (
        "recommended",
        "recommended",
        "python/recommended.py",
        {"steps": [["press", "Start"], ["until", "^done", 8000], ["close"]]},
    ),
    (
        "recommended-cancel",
        "recommended",
        "python/recommended.py",
        {
            "steps": [
                ["press", "Start"],
                ["until", "^step 2/5", 4000],
                ["press", "Cancel"],
                ["until", "^cancelled", 4000],
                ["close"],
            ]
        },
    ),
    (
        "recommended-error",
        "recommended",
        "python/recommended.py",
        {"steps": [["press", "Start"], ["until", "^failed", 8000], ["close"]], "raiseIn": "crunch"},
    ),
]


def entry(
    trace: str,
    scenario: str,
    options: dict,
    quick=False,
    timeout_ms: int = 20000,
    requires=(),
    injection: Optional[str] = None,
) -> dict:
    """One run. quick: False to leave it out of --quick, True to run it as is, or a dict of options
    that replace some for --quick. requires: modules outside the standard library it imports (the
    run is skipped, with a note, when one cannot be imported). injection: how this run's input is
    made, where it differs from its trace's (INJECTION), e.g. "none" for a run without clicks."""
    return {
        "trace": trace,
        "scenario": scenario,
        "options": options,
        "quick": quick,
        "timeoutMs": timeout_ms,
        "requires": list(requires),
        "injection": injection,
    }


# Every run, in order. Add a scenario with one entry(...) here.
RUNS: list = [
    *[
        entry(
            "blocking",
            "blocking_stall",
            {"kind": kind, "duration": duration},
            quick=duration == 0.5,
            timeout_ms=round(4 * duration * 1500 + 8000),
        )
        for kind in ("wait", "cpu")
        for duration in (0.5, 1, 2)
    ],
    *[
        entry(
            "polling",
            "polling_latency",
            {"poll": poll, "count": 80, "rate": 27, "idle": 2},
            quick={"count": 60, "idle": 1} if poll <= 100 else False,
        )
        for poll in (10, 50, 100, 250)
    ],
    entry("gil", "gil_contention", {"duration": 2, "idle": 1, "clicks": 8, "poll": 50}),
    entry("gil", "gil_contention", {"duration": 2, "idle": 1, "clicks": 8, "poll": 50, "switchIntervalMs": 1}),
    *[
        entry(
            "dedicated",
            "dedicated_delivery",
            {"method": method, "count": 80, "rate": 27, "idle": 2},
            quick={"count": 40, "idle": 0.5},
            timeout_ms=25000,
        )
        for method in ("after", "event")
    ],
    # The window closes 1.2 s in; a process still alive 3.5 s later is hanging.
    *[
        entry("shutdown", "shutdown", {"variant": variant}, quick=variant != "daemon", timeout_ms=5000)
        for variant in ("never-stopped", "daemon", "stop-join")
    ],
    *[
        entry("thread-call", "thread_call", {"variant": variant}, timeout_ms=10000)
        for variant in ("mainloop", "before-mainloop", "update-loop", "after-close")
    ],
    entry("deadlock", "deadlock", {}, timeout_ms=8000),
    *[
        entry("mistakes", "mistakes", {"variant": variant}, timeout_ms=10000)
        for variant in ("asyncio-queue", "before-mainloop")
    ],
    # One thread, asyncio drives Tk (strategies/one_thread.py), and the same dialog beside the
    # Dedicated strategy's class. Only the clicks and chunked runs click (and need XTEST: asyncio
    # drives Tk there, so no other thread may call it); the others make no input and run anywhere.
    entry("one-thread", "one_thread", {"variant": "idle", "idle": 2}, quick={"idle": 1}, injection="none"),
    entry("one-thread", "one_thread", {"variant": "idle", "idle": 2, "poll": 10}, injection="none"),
    entry("one-thread", "one_thread", {"variant": "idle", "idle": 2, "poll": 50}, injection="none"),
    entry("one-thread", "one_thread", {"variant": "mainloop-idle", "idle": 2}, quick={"idle": 1}, injection="none"),
    *[
        entry(
            "one-thread",
            "one_thread",
            {"variant": "clicks", "poll": poll, "clicks": 40, "spacing": 0.0731},
            quick={"clicks": 20} if poll == 20 else False,
        )
        for poll in (10, 20, 50)
    ],
    entry("one-thread", "one_thread", {"variant": "compute", "duration": 0.5}, quick=True, injection="none"),
    entry(
        "one-thread",
        "one_thread",
        {"variant": "chunked", "duration": 1, "chunk": 0.05, "clicks": 12, "spacing": 0.0731},
    ),
    entry("one-thread", "one_thread", {"variant": "dialog", "dialog": 1200}, quick=True, injection="none"),
    entry("one-thread", "one_thread", {"variant": "dedicated-dialog", "dialog": 1200}, quick=True, injection="none"),
    # One thread, guest mode: Tk keeps mainloop(), Trio is its guest (python/strategies/
    # one_thread_guest.py). Needs Trio; every run records the interpreter and Trio version. Only the
    # clicks need XTEST; the other runs make no input.
    *[
        entry(
            "one-thread-guest",
            "one_thread_guest",
            options,
            quick=quick,
            requires=("trio",),
            injection=None if options["variant"] == "clicks" else "none",
        )
        for options, quick in [
            ({"variant": "idle", "idle": 2}, {"idle": 1}),
            ({"variant": "clicks", "clicks": 40, "spacing": 0.0731}, False),
            ({"variant": "sleeps", "sleeps": 40}, False),
            ({"variant": "chain", "seconds": 1}, {"seconds": 0.3}),
            ({"variant": "chain-trio-run", "seconds": 1}, False),
            ({"variant": "compute", "duration": 0.5}, False),
            ({"variant": "dialog", "dialog": 1200}, True),
        ]
    ],
    # The freeze finder (tools/freeze_finder.py) watching two mistakes that freeze the Tk thread:
    # what its watchdog prints, and whether that names the mistake's blocking line.
    *[
        entry("freeze-finder", "freeze_finder_watch", {"variant": variant}, quick=quick, timeout_ms=10000)
        for variant, quick in (("blocking-call", True), ("wait-on-future", {"staleS": 0.6}))
    ],
    *[
        entry(
            "offered",
            "offered",
            {"variant": variant, "form": form, "script": script, **extra},
            timeout_ms=15000,
        )
        for variant, form, script, extra in OFFERED
    ],
]


# ---- this machine ------------------------------------------------------------------------------


def round1(x: float) -> float:
    return summarize.round1(x)


def os_name() -> str:
    system, release = platform.system(), platform.release()
    if system == "Linux":
        try:
            text = Path("/etc/os-release").read_text(encoding="utf-8")
            pretty = re.search(r'^PRETTY_NAME="?([^"\n]*)"?$', text, re.M)
            if pretty:
                return f"{pretty.group(1)}, Linux {release}"
        except OSError:
            pass
    if system == "Darwin":
        version = platform.mac_ver()[0]
        return f"macOS {version}, Darwin {release}" if version else f"Darwin {release}"
    if system == "Windows":
        return f"Windows {release} ({platform.version()})"
    return f"{system} {release}".strip() or "unknown"


def cpu_name() -> str:
    try:
        if sys.platform.startswith("linux"):
            for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
                if line.startswith(("model name", "Model")):
                    return line.split(":", 1)[1].strip()
        if sys.platform == "darwin":
            out = subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True, timeout=5
            )
            if out.returncode == 0 and out.stdout.strip():
                return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return platform.processor() or "unknown"


def xtest_available(window_system: str) -> bool:
    """XTEST clicks need an X server (Tk's window system is x11) and libXtst."""
    if window_system != "x11":
        return False
    import ctypes.util

    return ctypes.util.find_library("Xtst") is not None and ctypes.util.find_library("X11") is not None


def display_name(window_system: str, given: Optional[str]) -> str:
    if given:
        return given
    if window_system == "x11":
        return "X11 (XWayland)" if os.environ.get("WAYLAND_DISPLAY") else "X11"
    return {"aqua": "Aqua (macOS)", "win32": "Windows desktop"}.get(window_system, window_system)


# ---- running one scenario ----------------------------------------------------------------------


def scrub(text: str, stdlib: str) -> str:
    """What a run printed, trimmed to what a reader needs: relative paths, no object addresses."""
    cleaned = text.replace(f"{ROOT}{os.sep}", "").replace(f"{ROOT}/", "").replace(stdlib, "<stdlib>")
    cleaned = re.sub(r"0x[0-9a-fA-F]+", "0x…", cleaned).rstrip()
    return cleaned[:2000] + "…" if len(cleaned) > 2000 else cleaned


def run_one(spec: dict, options: dict, out: Path, stdlib: str, input_method: str) -> dict:
    """Runs one scenario in its own process; returns its record (None if it wrote none) and how it ended."""
    env = {**os.environ, "TWO_LOOPS_INPUT": input_method}
    popen_extra: dict = {}
    if os.name == "posix":
        popen_extra["start_new_session"] = True  # its own process group: a hang is killed with its helpers
    elif hasattr(subprocess, "CREATE_NEW_PROCESS_GROUP"):
        popen_extra["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, str(RUN_PY), spec["scenario"], json.dumps(options), str(out)],
            cwd=str(ROOT),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            **popen_extra,
        )
        timed_out = False
        try:
            code = child.wait(timeout=spec["timeoutMs"] / 1000)
            ended = time.perf_counter()
        except subprocess.TimeoutExpired:
            timed_out = True
            ended = time.perf_counter()
            if os.name == "posix":
                try:
                    os.killpg(child.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            else:
                child.kill()
            code = child.wait()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    record = None
    if out.exists():
        record = json.loads(out.read_text(encoding="utf-8"))
        # time.perf_counter() is one system-wide monotonic clock (CLOCK_MONOTONIC on Linux,
        # mach_absolute_time on macOS, QueryPerformanceCounter on Windows): place the end of the
        # process on the run's own time line.
        ended_ms = round1((ended - record.pop("clockOrigin")) * 1000)
        if timed_out:
            exit_code, sig = None, "SIGKILL" if os.name == "posix" else "TerminateProcess"
        elif code < 0:
            exit_code, sig = None, signal.Signals(-code).name
        else:
            exit_code, sig = code, None
        record["process"] = {
            "timedOut": timed_out,
            "timeoutMs": spec["timeoutMs"],
            "exitCode": exit_code,
            "signal": sig,
            "endedMs": ended_ms,
            "stderr": scrub(stderr, stdlib),
        }
    return {
        "record": record,
        "stderr": stderr,
        "seconds": time.perf_counter() - started,
        "timedOut": timed_out,
        "code": code,
    }


def environment(stdlib: str) -> dict:
    """The interpreter's and Tk's facts, from a child process (the recorder itself never opens Tk)."""
    with tempfile.TemporaryDirectory() as work:
        out = Path(work, "env.json")
        done = subprocess.run(
            [sys.executable, str(RUN_PY), "env", "{}", str(out)], cwd=str(ROOT), capture_output=True, text=True
        )
        if done.returncode != 0 or not out.exists():
            sys.exit(f"tkinter cannot open a window here:\n{done.stderr.strip()}")
        facts = json.loads(out.read_text(encoding="utf-8"))
    facts.pop("stdlib", None)
    return facts


def missing_module(names: list) -> Optional[str]:
    import importlib.util

    for name in names:
        if importlib.util.find_spec(name) is None:
            return name
    return None


def plan(spec: dict, xtest: bool, facts: dict) -> tuple:
    """(input method, None) when the run can be made here, or (None, why not)."""
    missing = missing_module(spec["requires"])
    if missing:
        return None, f"needs {missing}, which this Python cannot import (pip install {missing})"
    method = spec.get("injection") or INJECTION[spec["trace"]]
    if method != "xtest":
        return method, None
    if xtest:
        return "xtest", None
    if spec["scenario"] == "one_thread_guest":
        return None, (
            "guest-mode clicks are recorded with XTEST only (X11 with libXtst): clicks from a helper "
            "thread through event_generate() have not been checked against it"
        )
    if spec["scenario"] not in EVENT_GENERATE_OK:
        return None, (
            "clicks while asyncio drives Tk need XTEST (X11 with libXtst): there mainloop() never "
            "runs, so tkinter refuses event_generate() from another thread"
        )
    if not facts["tclThreaded"]:
        return None, "clicks from a helper thread need a threaded Tcl"
    return "event_generate", None


def main(argv: Optional[list] = None, recorder: str = "two_loops_record.py") -> int:
    parser = argparse.ArgumentParser(description="Record Tkinter beside asyncio on this machine.")
    parser.add_argument("--quick", action="store_true", help="a shorter pass (under a minute)")
    parser.add_argument("--only", help="record only these traces, comma-separated")
    parser.add_argument("--out", default="two-loops-recording.json", help="the JSON file to write")
    parser.add_argument("--display", help="how to name the display in the file (default: from Tk)")
    parser.add_argument(
        "--input", choices=("auto", "event_generate"), default="auto", help="force event_generate clicks"
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    unknown = (only or set()) - set(INJECTION)
    if unknown:
        parser.error(f"unknown trace(s): {', '.join(sorted(unknown))}; known: {', '.join(INJECTION)}")

    started = time.perf_counter()
    stdlib = sysconfig.get_paths()["stdlib"]
    facts = environment(stdlib)
    xtest = args.input == "auto" and xtest_available(facts["windowSystem"])
    recorded_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    recorded_at = recorded_at.replace("+00:00", "Z")
    machine = {
        "os": os_name(),
        "cpu": cpu_name(),
        "cores": os.cpu_count() or 1,
        "arch": platform.machine() or "unknown",
    }
    display = display_name(facts["windowSystem"], args.display)
    print(
        f"Recording {facts['pythonImplementation']} {facts['python']}"
        f" ({'GIL enabled' if facts['gilEnabled'] else 'GIL disabled'}),"
        f" Tcl {facts['tcl']} / Tk {facts['tk']} ({'threaded' if facts['tclThreaded'] else 'not threaded'}),"
        f" {facts['windowSystem']}, on {machine['os']}. Clicks: {'XTEST' if xtest else 'event_generate'}.",
        flush=True,
    )

    scenarios: list = []
    by_trace: dict = {}
    methods: dict = {}
    broken = 0
    with tempfile.TemporaryDirectory() as work:
        for i, spec in enumerate(RUNS):
            if (args.quick and spec["quick"] is False) or (only and spec["trace"] not in only):
                continue
            options = {**spec["options"], **(spec["quick"] if args.quick and isinstance(spec["quick"], dict) else {})}
            label = f"{spec['scenario']} {json.dumps(options, separators=(',', ':'))}"
            method, why_not = plan(spec, xtest, facts)
            row = {"trace": spec["trace"], "scenario": spec["scenario"], "options": options}
            if method is None:
                print(f"  {label}: skipped ({why_not})", flush=True)
                scenarios.append({**row, "status": "skipped", "input": None, "note": why_not})
                continue
            result = run_one(spec, options, Path(work, f"{i}.json"), stdlib, method)
            how = "killed after timeout" if result["timedOut"] else f"exit {result['code']}"
            print(f"  {label}: {result['seconds']:.1f} s, {how}", flush=True)
            if result["record"] is None:
                broken += 1
                print(f"    no record written; it printed:\n{result['stderr']}", file=sys.stderr, flush=True)
                tail = scrub(result["stderr"], stdlib).splitlines()[-1:] or [how]
                scenarios.append({**row, "status": "failed", "input": method, "note": tail[0][:300]})
                continue
            scenarios.append({**row, "status": "recorded", "input": method, "note": None})
            by_trace.setdefault(spec["trace"], []).append(result["record"])
            methods.setdefault(spec["trace"], set()).add(method)

    meta = {
        "recordedAt": recorded_at,
        "quick": args.quick,
        **facts,
        "machine": machine,
        "display": display,
        "recorder": recorder,
    }
    traces = {}
    for trace, runs in by_trace.items():
        raw = {
            "schema": 1,
            "trace": trace,
            # The strongest input its runs used: guest mode's clicks run is XTEST among runs
            # without input, and its trace says XTEST.
            "meta": {**meta, "injection": trace_injection(methods[trace])},
            "runs": runs,
        }
        for run in raw["runs"]:
            run["summary"] = summarize.SUMMARIES[trace](run)
        traces[trace] = raw
    recording = {"format": FORMAT, "schema": SCHEMA, "meta": meta, "scenarios": scenarios, "traces": traces}
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(recording, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, out)
    recorded = sum(1 for s in scenarios if s["status"] == "recorded")
    skipped = sum(1 for s in scenarios if s["status"] == "skipped")
    print(
        f"{recorded} run(s) recorded, {skipped} skipped, {broken} failed, in"
        f" {time.perf_counter() - started:.1f} s: wrote {out.resolve()}",
        flush=True,
    )
    print("Drop that file on the Two Loops page to see your figures beside the project's.", flush=True)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(recorder="python/harness/record.py"))
