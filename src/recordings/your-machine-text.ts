/** The "Your machine" section's fixed text: where each recording runs (python/harness/record.py says the same). */

/** The recorder's file name, as the page serves it (scripts/recorder-bundle.mjs RECORDER_FILE). */
export const RECORDER_FILE_NAME = 'two_loops_record.py';

/** Where our recordings were made (the committed traces' meta says the same, with versions). */
export const OUR_PLATFORM =
  'Linux (Debian 12) under an X11 server (Xvfb), CPython 3.11 with the GIL, and a threaded Tcl/Tk 8.6';

export const SCENARIO_PLATFORMS = [
  {
    traces: 'blocking, gil, freeze-finder',
    where:
      'X11 with libXtst (Linux, the BSDs, XWayland): clicks are real X events sent through XTEST by another process, queued by the X server like a user’s. Elsewhere (macOS, Windows): event_generate(when="tail") from one helper thread per click, queued in Tcl’s event queue instead; under the GIL the sending thread waits for it too, so gil’s busy-window delays include the sender’s own wait. Needs a threaded Tcl.',
  },
  {
    traces: 'one-thread: clicks, chunked',
    where:
      'X11 with libXtst only: asyncio drives Tk there and mainloop() never runs, so tkinter refuses calls from other threads and no helper thread can click. Skipped elsewhere, with that note.',
  },
  {
    traces:
      'polling, dedicated, shutdown, deadlock, thread-call, mistakes, offered, the other one-thread runs',
    where:
      'Everywhere tkinter runs: buttons are pressed with button.invoke() on the Tk thread, or the script runs on its own.',
  },
] as const;
