import type { PanelId } from '../../tasks/params';

/** Each panel's name, as its heading and the comparison's columns say it. */
const PANEL_NAMES: Record<PanelId, string> = {
  blocking: 'Blocking',
  queue: 'Queue + polling',
  dedicated: 'Dedicated loop',
  'one-thread': 'One thread',
};

/**
 * One line of the decision guide: the reader's kind of app, what to write, and what backs it (a
 * recording of ours made under real Tk, and the panel whose Run measures it in the reader's
 * browser). The guide is the comparison's "when to use" put the other way round: from the app to
 * the strategy, so each line names the panel (by its id) that the comparison's column is about.
 */
export interface GuideLine {
  /** The reader's situation, in Tk and asyncio words (HTML, authored here). */
  app: string;
  /** What to write (HTML, authored here). */
  write: string;
  /** The panel that shows the strategy; the line links to it. */
  panel: PanelId;
  /** What backs the advice: which recording, which Run (HTML, authored here). */
  evidence: string;
}

/**
 * The library versions the guide names: async-tkinter-loop's latest release, and the Trio our
 * guest-mode recording ran (src/tk-traces/one-thread-guest.json was recorded with it).
 */
export const LIBRARIES = { asyncTkinterLoop: '0.10.4', trio: '0.22.2' } as const;

export const GUIDE: readonly GuideLine[] = [
  {
    app: 'Your Tk app freezes on a plain blocking call in a command: <code>time.sleep()</code>, <code>requests.get()</code>, a database query. The most common freeze, and asyncio has nothing to do with it.',
    write:
      'Run the call in a thread and hand the result back to Tk: a <code>threading.Thread</code> that puts it in a <code>queue.Queue</code>, drained with <code>root.after()</code>. Inside a coroutine: <code>await asyncio.to_thread(f)</code> or <code>loop.run_in_executor(None, f)</code>.',
    panel: 'queue',
    evidence:
      'The call and its fix are recorded under real Tk in <a href="#mistake-blocking-call-title">What goes wrong</a>; the <a href="#blocking">Blocking</a> panel\'s Run freezes this page the same way.',
  },
  {
    app: 'Your Tk app adds network I/O with asyncio: an async HTTP client, websockets, many requests at once, with progress and Cancel.',
    write:
      'One asyncio loop in a thread of its own for the whole app: submit with <code>asyncio.run_coroutine_threadsafe()</code>, hand results back to the Tk thread (the program above puts them in a <code>queue.Queue</code> it reads every 50 ms), and stop the loop when the window closes.',
    panel: 'dedicated',
    evidence:
      "Recorded under real Tk, beside the panel's live run: no freeze, and results arrive as events, with no polling delay.",
  },
  {
    app: 'Your asyncio app needs a small Tk window.',
    write: `Keep one thread. Either asyncio drives Tk, draining its events every P ms (async-tkinter-loop ${LIBRARIES.asyncTkinterLoop} packages this as <code>async_mainloop(root)</code>): a click waits up to P, the thread wakes 1000/P times a second when idle, and a modal dialog pauses every coroutine. Or Trio runs as Tk's guest (<code>trio.lowlevel.start_guest_run()</code>; Trio ${LIBRARIES.trio} is the version our recording ran): <code>mainloop()</code> stays, nothing polls, a dialog pauses nothing; asyncio has no guest mode in any release. Either way, a coroutine that computes freezes the window.`,
    panel: 'one-thread',
    evidence:
      'Both modes are recorded under real Tk in the panel, each beside its live run: the wait for the drain, the idle wake-ups, the dialog pause.',
  },
  {
    app: 'Your app does CPU-heavy work: image processing, parsing, number crunching.',
    write:
      "Never on the Tk thread, and never on the asyncio loop's thread: <code>loop.run_in_executor(None, f)</code> keeps the loop free, but a thread shares the GIL, so the Tk thread still slows down. For real parallelism, a process pool: <code>concurrent.futures.ProcessPoolExecutor</code>.",
    panel: 'dedicated',
    evidence:
      "What the GIL costs the Tk thread is recorded under real Tk in the panel's recording; a process pool is not measured here. Tick the executor option and Run a cpu task to see the loop stay free.",
  },
  {
    app: 'You would rather use a library than write the loop yourself.',
    write: `async-tkinter-loop ${LIBRARIES.asyncTkinterLoop} (<code>pip install async-tkinter-loop</code>) packages asyncio driving Tk, with that mode's costs; Trio ${LIBRARIES.trio} (<code>pip install trio</code>) has guest mode built in. A loop thread needs no library: the standard library and the program above are enough.`,
    panel: 'one-thread',
    evidence:
      "The panel's two modes are what these libraries do, each recorded under real Tk from a file you can run.",
  },
];

/**
 * The decision guide as HTML, for the build to write into index.html after the recommended
 * program: static, so it costs no script and paints with the page's opening.
 *
 * @returns a `<section>` element's HTML, one `<dt>`/`<dd>` pair per guide line
 */
export function decisionGuideHtml(lines: readonly GuideLine[] = GUIDE): string {
  const items = lines
    .map(
      (line) =>
        `<dt>${line.app}</dt><dd><p>${line.write}</p><p class="guide-evidence">See it: <a href="#${line.panel}">the ${PANEL_NAMES[line.panel]} panel</a>. ${line.evidence}</p></dd>`,
    )
    .join('');
  return `<section class="decision-guide" aria-labelledby="guide-title"><h2 id="guide-title">Which fix for your app</h2><dl>${items}</dl></section>`;
}
