"""Adds to every run of a trace the figures the app shows, from the raw samples.

    python3 python/harness/summarize.py < trace.json > trace-with-summaries.json

src/tk-traces/trace-figures.ts computes the same figures in TypeScript, and
tests/unit/tk-traces.test.ts checks that both agree on every committed trace,
so each definition here (nearest-rank percentiles, rounding to 0.1 ms) has a
twin there. Keep them in step.
"""

import json
import re
import sys
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.probe import distribution, round1  # noqa: E402


def longest(stalls: list) -> float:
    return max((gap for _, gap in stalls), default=0)


def per_second(count: float, window_ms: float) -> float:
    return round1(count * 1000 / window_ms)


def difference(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return None if a is None or b is None else round1(a - b)


def blocking(run: dict) -> dict:
    runs = run["runs"]
    first, last = (runs[0]["startMs"], runs[-1]["endMs"]) if runs else (0, 0)
    return {
        "runs": len(runs),
        "runMs": [round1(r["endMs"] - r["startMs"]) for r in runs],
        # Queued clicks run back to back; Tk may squeeze a timer in between
        # (a sub-millisecond blink), so add up every stall that overlaps the runs.
        "mergedStallMs": round1(sum(gap for at, gap in run["heartbeatStalls"] if at < last and at + gap > first)),
        "longestStallMs": longest(run["heartbeatStalls"]),
        "clickDelayMs": [round1(r["startMs"] - sent) for sent, r in zip(run["clicksSentMs"], runs)],
        "repaintedBetweenRuns": any(run["repaintedBetweenRuns"]),
    }


def idle(window: dict) -> dict:
    return {
        "wakeupsPerS": per_second(window["wakeups"], window["windowMs"]),
        "cpuMsPerS": per_second(window["cpuMs"], window["windowMs"]),
    }


def polling(run: dict) -> dict:
    return {
        "delivered": len(run["latencyMs"]),
        "latencyMs": distribution(run["latencyMs"]),
        "longestStallMs": longest(run["heartbeatStalls"]),
        **idle(run["idle"]),
    }


def longest_gap(times: list, span: Optional[list]) -> Optional[float]:
    """The longest interval between consecutive ticks that overlaps the
    dialog's [open, close]; the whole span when nothing ticked around it."""
    if span is None:
        return None
    opened, closed = span
    gaps = [round1(b - a) for a, b in zip(times, times[1:]) if b >= opened and a <= closed]
    return max(gaps) if gaps else round1(closed - opened)


def one_thread(run: dict) -> dict:
    rates = idle(run["idle"]) if run["idle"] is not None else {"wakeupsPerS": None, "cpuMsPerS": None}
    span = run["dialogOpenMs"]
    return {
        **rates,
        "latencyMs": distribution(run["latencyMs"]),
        "longestStallMs": longest(run["heartbeatStalls"]),
        "asyncioLongestGapMs": longest_gap(run["asyncioTicksMs"], span) if run["asyncioTicksMs"] else None,
        "tkLongestGapMs": longest_gap(run["tkTicksMs"], span) if run["tkTicksMs"] else None,
        "deliveryLongestGapMs": longest_gap(run["deliveriesMs"], span) if run["deliveriesMs"] else None,
    }


def one_thread_guest(run: dict) -> dict:
    rates = idle(run["idle"]) if run["idle"] is not None else {"wakeupsPerS": None, "cpuMsPerS": None}
    span = run["dialogOpenMs"]
    chain = run["chain"]
    return {
        **rates,
        "latencyMs": distribution(run["latencyMs"]),
        "taskLatencyMs": distribution(run["taskLatencyMs"]),
        "longestStallMs": longest(run["heartbeatStalls"]),
        "trioLongestGapMs": longest_gap(run["trioTicksMs"], span) if run["trioTicksMs"] else None,
        "tkLongestGapMs": longest_gap(run["tkTicksMs"], span) if run["tkTicksMs"] else None,
        "stepsPerS": per_second(chain["steps"], chain["windowMs"]) if chain else None,
    }


def gil_window(window: dict) -> dict:
    return {
        "heartbeatMs": distribution(window["heartbeatGapsMs"]),
        "clickDelayMs": distribution(window["clickDelayMs"]),
    }


def gil(run: dict) -> dict:
    return {"idle": gil_window(run["idle"]), "busy": gil_window(run["busy"])}


def dedicated(run: dict) -> dict:
    return {
        "delivered": len(run["latencyMs"]),
        "latencyMs": distribution(run["latencyMs"]),
        "handoffMs": distribution(run["handoffMs"]),
        "longestStallMs": longest(run["heartbeatStalls"]),
        **idle(run["idle"]),
    }


def exit_outcome(run: dict) -> str:
    return "hang" if run["process"]["timedOut"] else "exited"


def shutdown(run: dict) -> dict:
    return {
        "outcome": exit_outcome(run),
        # Until the process ended, or until it was killed for hanging.
        "endedAfterCloseMs": round1(run["process"]["endedMs"] - run["closeRequestedMs"]),
    }


def thread_call(run: dict) -> dict:
    return {"raised": run["outcome"] != "ok", "callMs": run["callMs"]}


def deadlock(run: dict) -> dict:
    return {
        "deadlocked": run["detectedMs"] is not None,
        "detectedAfterPressMs": difference(run["detectedMs"], run["pressedMs"]),
    }


def mistakes(run: dict) -> dict:
    labels = run["labelTexts"]
    return {
        "lastLabel": labels[-1][2] if labels else None,
        "windowAppearsAfterMs": difference(run["windowMappedMs"], run["tkCreatedMs"]),
        "threadErrors": len(run["threadErrors"]),
        "warnings": len(run["warnings"]),
    }


# A line of what the process printed that names an error, a warning, or Tcl's own complaint.
PRINTED_ERROR = re.compile(r"^(?:\w+\.)*\w+(?:Error|Exception|Warning): |^Tcl_\w+: ")


def offered(run: dict) -> dict:
    process = run["process"]
    if process["timedOut"]:
        outcome = "hang"
    elif process["signal"] == "SIGABRT":
        outcome = "aborted"
    elif process["signal"]:
        outcome = "killed"
    else:
        outcome = "exited"
    closed = [ms for ms, step in run["steps"] if step == "close"]
    labels = run["labelTexts"]
    calls = run["tkCallsFromThreads"]
    return {
        "outcome": outcome,
        "exitCode": process["exitCode"],
        "printed": [line for line in process["stderr"].splitlines() if PRINTED_ERROR.match(line)],
        "lastLabel": labels[-1][2] if labels else None,
        "longestStallMs": longest(run["heartbeatStalls"]),
        "threadErrors": len(run["threadErrors"]),
        "tkCallsFromThreads": len(calls),
        "slowestTkCallFromThreadMs": max((call[3] for call in calls), default=None),
        "endedAfterCloseMs": round1(process["endedMs"] - closed[0]) if closed else None,
    }


# What tools/freeze_finder.py prints: a frame of the stack, and its two announcements.
FRAME = re.compile(r'^  File "(.+)", line (\d+), in (.+)$')
FROZEN = "freeze finder: the Tk thread has not run for "
RAN_AGAIN = "freeze finder: the Tk thread ran again after "


def printed_ms(line: Optional[str], pattern: str) -> Optional[int]:
    match = re.search(pattern, line) if line is not None else None
    return int(match.group(1)) if match else None


def freeze_finder(run: dict) -> dict:
    times = [ms for ms, _ in run["printed"]]
    lines = [line for _, line in run["printed"]]
    first = next((i for i, line in enumerate(lines) if line.startswith(FROZEN)), None)
    stack: list = []
    if first is not None:
        for line in lines[first + 1 :]:
            if line.startswith("freeze finder: "):
                break
            stack.append(line)
    # The deepest frame in the mistake's own file: the line the Tk thread is held at.
    named = None
    for i, line in enumerate(stack):
        frame = FRAME.match(line)
        if frame and frame.group(1) == run["script"]:
            following = stack[i + 1] if i + 1 < len(stack) else ""
            named = {
                "file": frame.group(1),
                "line": int(frame.group(2)),
                "function": frame.group(3),
                "text": "" if FRAME.match(following) else following.strip(),
            }
    again = next((line for line in lines if line.startswith(RAN_AGAIN)), None)
    ended = run["frozenAtEndMs"] is None
    return {
        "printedAfterClickMs": difference(times[first], run["clickSentMs"]) if first is not None else None,
        "reportedLateMs": printed_ms(lines[first] if first is not None else None, r" for (\d+) ms"),
        "stack": stack,
        "named": named,
        "freezeEnded": ended,
        # Measured by the 5 ms heartbeat, not by the tool: the longest stall, or, for a freeze that
        # never ended, how long Tk had not run when the run was ended.
        "freezeMs": longest(run["heartbeatStalls"]) if ended else run["frozenAtEndMs"],
        "reportedFreezeMs": printed_ms(again, r" after (\d+) ms"),
    }


SUMMARIES = {
    "blocking": blocking,
    "polling": polling,
    "gil": gil,
    "dedicated": dedicated,
    "shutdown": shutdown,
    "thread-call": thread_call,
    "deadlock": deadlock,
    "mistakes": mistakes,
    "offered": offered,
    "one-thread": one_thread,
    "one-thread-guest": one_thread_guest,
    "freeze-finder": freeze_finder,
}


def main() -> None:
    trace = json.load(sys.stdin)
    summarize = SUMMARIES[trace["trace"]]
    for run in trace["runs"]:
        run["summary"] = summarize(run)
    json.dump(trace, sys.stdout)


if __name__ == "__main__":
    main()
