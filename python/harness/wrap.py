"""Watches a script that builds its own window (the mistakes), unchanged.

install() replaces tkinter.Tk with a subclass that notes when the window was
created, first mapped and entered mainloop(), records every change of a
Label's text, and lets the scenario act once mainloop() is running. Thread
exceptions and warnings are recorded as well as printed.
"""

from __future__ import annotations

import re
import sysconfig
import threading
import tkinter
import traceback
import warnings
from pathlib import Path
from typing import Callable, Optional

from harness.probe import Clock, now, span_ms

_OriginalTk = tkinter.Tk


class Observed:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        # When each window was created, mapped, entered and left mainloop(). The
        # windows themselves are not kept: a reference held here would decide in
        # which thread Tk is freed, which some recorded programs get wrong.
        self.windows: list[dict] = []
        self.labels: list[list] = []  # [ms, thread name, text]
        self.thread_errors: list[dict] = []
        self.warnings: list[dict] = []
        self.on_mainloop: Optional[Callable[[WatchedTk], None]] = None
        # Tk calls made from threads other than the main one (install(watch_calls=True)):
        # [ms when the call began, thread name, method, ms it took, "ok" or the error].
        self.tk_calls: list[list] = []
        # Called after a thread error or an off-thread Tk call is noted.
        self.on_note: Optional[Callable[[], None]] = None

    def record(self) -> dict:
        times = self.windows[0] if self.windows else {}

        def ms(name: str) -> Optional[float]:
            return self.clock.ms(times[name]) if times.get(name) is not None else None

        return {
            "tkCreatedMs": ms("created"),
            "mainloopEnteredMs": ms("mainloop"),
            "windowMappedMs": ms("mapped"),
            "mainloopReturnedMs": ms("returned"),
            "labelTexts": self.labels,
            "threadErrors": self.thread_errors,
            "warnings": self.warnings,
        }


observed: Optional[Observed] = None


_REPO = str(Path(__file__).resolve().parent.parent.parent) + "/"
_STDLIB = sysconfig.get_paths()["stdlib"]


def scrub(text: str) -> str:
    """Object addresses change every run, and paths differ between machines: a
    trace keeps the shape, not the number (as scripts/record-tk.mjs does for stderr)."""
    text = text.replace(_REPO, "").replace(_STDLIB, "<stdlib>")
    return re.sub(r"0x[0-9a-fA-F]+", "0x…", text)


class WatchedTk(_OriginalTk):
    def __init__(self, *args, **kwargs) -> None:
        self.times: dict = {"created": now(), "mapped": None, "mainloop": None, "returned": None}
        super().__init__(*args, **kwargs)
        self.bind("<Map>", self._mapped, add="+")
        assert observed is not None
        observed.windows.append(self.times)

    def _mapped(self, event: tkinter.Event) -> None:
        if event.widget is self and self.times["mapped"] is None:
            self.times["mapped"] = now()

    def mainloop(self, n: int = 0) -> None:
        self.times["mainloop"] = now()
        assert observed is not None
        if observed.on_mainloop is not None:
            observed.on_mainloop(self)
        super().mainloop(n)
        self.times["returned"] = now()


class WatchedLabel(tkinter.Label):
    def configure(self, cnf=None, **kw):  # type: ignore[override]
        result = super().configure(cnf, **kw)
        text = (cnf or {}).get("text", kw.get("text")) if isinstance(cnf, (dict, type(None))) else None
        if text is not None and observed is not None:
            observed.labels.append([observed.clock.ms(now()), threading.current_thread().name, scrub(str(text))])
        return result

    config = configure


def watch_thread_calls(clock: Clock) -> None:
    """Times every after()/configure()/event_generate() made off the main thread, and its outcome."""
    for name in ("after", "configure", "config", "event_generate"):
        original = getattr(tkinter.Misc, name)

        def watched(self, *args, _original=original, _name=name, **kwargs):
            if threading.current_thread() is threading.main_thread() or observed is None:
                return _original(self, *args, **kwargs)
            start, outcome = now(), "ok"
            try:
                return _original(self, *args, **kwargs)
            except Exception as exc:
                outcome = scrub(f"{type(exc).__name__}: {exc}")
                raise
            finally:
                observed.tk_calls.append(
                    [clock.ms(start), threading.current_thread().name, _name, span_ms(start, now()), outcome]
                )
                if observed.on_note is not None:
                    observed.on_note()

        setattr(tkinter.Misc, name, watched)


def install(clock: Clock, watch_calls: bool = False) -> Observed:
    global observed
    observed = Observed(clock)
    if watch_calls:
        watch_thread_calls(clock)
    tkinter.Tk = WatchedTk  # type: ignore[misc]
    tkinter.Label = WatchedLabel  # type: ignore[misc]
    print_thread_error = threading.excepthook

    def thread_error(args: threading.ExceptHookArgs) -> None:
        assert observed is not None
        observed.thread_errors.append(
            {
                "atMs": observed.clock.ms(now()),
                "thread": args.thread.name if args.thread else None,
                "error": scrub("".join(traceback.format_exception_only(args.exc_type, args.exc_value)).strip()),
            }
        )
        print_thread_error(args)
        if observed.on_note is not None:
            observed.on_note()

    threading.excepthook = thread_error
    print_warning = warnings.showwarning

    def warning(message, category, filename, lineno, file=None, line=None) -> None:
        assert observed is not None
        observed.warnings.append({"atMs": observed.clock.ms(now()), "warning": scrub(f"{category.__name__}: {message}")})
        print_warning(message, category, filename, lineno, file, line)

    warnings.showwarning = warning
    return observed

