/** The "Your machine" section's fixed text: where each recording runs (python/harness/record.py says the same). */

/** The recorder's file name, as the page serves it (scripts/recorder-bundle.mjs RECORDER_FILE). */
export const RECORDER_FILE_NAME = 'two_loops_record.py';

/** Where our recordings were made (the committed traces' meta says the same, with versions). */
export const OUR_PLATFORM =
  'Linux (Debian 12) under an X11 server (Xvfb), CPython 3.11 with the GIL, and a threaded Tcl/Tk 8.6';

/**
 * Which recordings the recorder makes on which platform, and how their input is made there: the
 * same as python/harness/record.py's docstring and its plan().
 */
export const SCENARIO_PLATFORMS = [
  {
    traces: 'blocking, gil, freeze-finder',
    x11: 'Recorded. Clicks are real X events sent through XTEST by another process, queued by the X server like a user’s.',
    elsewhere:
      'Recorded with event_generate(…, when="tail") from one helper thread per click: the click waits in Tcl’s event queue instead of the window system’s, and under the GIL the sending thread must win the GIL first, so gil’s busy-window delays include the sender’s own wait. Needs a threaded Tcl; skipped without one.',
  },
  {
    traces: 'one-thread: clicks, chunked',
    x11: 'Recorded, clicked through XTEST.',
    elsewhere:
      'Not recorded: asyncio drives Tk there and mainloop() never runs, so tkinter refuses event_generate() from another thread. Skipped, with that note.',
  },
  {
    traces: 'one-thread-guest: clicks',
    x11: 'Recorded, clicked through XTEST (needs Trio).',
    elsewhere:
      'Not recorded: guest-mode clicks are recorded with XTEST only; event_generate clicks have not been checked against it. Skipped, with that note.',
  },
  {
    traces:
      'polling, dedicated, shutdown, deadlock, thread-call, mistakes, offered, the other one-thread and one-thread-guest runs',
    x11: 'Recorded: buttons are pressed with button.invoke() on the Tk thread, or the script runs on its own.',
    elsewhere: 'Recorded the same way. Guest mode needs Trio (pip install trio) everywhere.',
  },
] as const;

/** Wayland, said once: Tk has no Wayland backend of its own. */
export const WAYLAND_NOTE =
  'Under Wayland, Tk 8.6 and 9.0 draw through XWayland: Tk reports x11, and the recorder uses XTEST when libXtst is installed (the project has not tried this), else event_generate as on macOS.';
