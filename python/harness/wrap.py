"""Watches a script that builds its own window (the mistakes), unchanged.

install() replaces tkinter.Tk with a subclass that notes when the window was
created, first mapped and entered mainloop(), records every change of a
Label's text, and lets the scenario act once mainloop() is running. Thread
exceptions and warnings are recorded as well as printed.
"""

from __future__ import annotations

import re
import threading
import tkinter
import traceback
import warnings
from typing import Callable, Optional

from harness.probe import Clock, now

_OriginalTk = tkinter.Tk


class Observed:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.roots: list[WatchedTk] = []
        self.labels: list[list] = []  # [ms, thread name, text]
        self.thread_errors: list[dict] = []
        self.warnings: list[dict] = []
        self.on_mainloop: Optional[Callable[[WatchedTk], None]] = None

    def record(self) -> dict:
        root = self.roots[0] if self.roots else None
        ms = self.clock.ms
        return {
            "tkCreatedMs": ms(root.created_at) if root else None,
            "mainloopEnteredMs": ms(root.mainloop_at) if root and root.mainloop_at else None,
            "windowMappedMs": ms(root.mapped_at) if root and root.mapped_at else None,
            "mainloopReturnedMs": ms(root.returned_at) if root and root.returned_at else None,
            "labelTexts": self.labels,
            "threadErrors": self.thread_errors,
            "warnings": self.warnings,
        }


observed: Optional[Observed] = None


def scrub(text: str) -> str:
    """Object addresses change every run; a trace keeps the shape, not the number."""
    return re.sub(r"0x[0-9a-fA-F]+", "0x…", text)


class WatchedTk(_OriginalTk):
    def __init__(self, *args, **kwargs) -> None:
        self.created_at = now()
        self.mapped_at: Optional[float] = None
        self.mainloop_at: Optional[float] = None
        self.returned_at: Optional[float] = None
        super().__init__(*args, **kwargs)
        self.bind("<Map>", self._mapped, add="+")
        assert observed is not None
        observed.roots.append(self)

    def _mapped(self, event: tkinter.Event) -> None:
        if event.widget is self and self.mapped_at is None:
            self.mapped_at = now()

    def mainloop(self, n: int = 0) -> None:
        self.mainloop_at = now()
        assert observed is not None
        if observed.on_mainloop is not None:
            observed.on_mainloop(self)
        super().mainloop(n)
        self.returned_at = now()


class WatchedLabel(tkinter.Label):
    def configure(self, cnf=None, **kw):  # type: ignore[override]
        result = super().configure(cnf, **kw)
        text = (cnf or {}).get("text", kw.get("text")) if isinstance(cnf, (dict, type(None))) else None
        if text is not None and observed is not None:
            observed.labels.append([observed.clock.ms(now()), threading.current_thread().name, scrub(str(text))])
        return result

    config = configure


def install(clock: Clock) -> Observed:
    global observed
    observed = Observed(clock)
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

    threading.excepthook = thread_error
    print_warning = warnings.showwarning

    def warning(message, category, filename, lineno, file=None, line=None) -> None:
        assert observed is not None
        observed.warnings.append({"atMs": observed.clock.ms(now()), "warning": scrub(f"{category.__name__}: {message}")})
        print_warning(message, category, filename, lineno, file, line)

    warnings.showwarning = warning
    return observed

