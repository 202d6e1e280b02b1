/**
 * What the page says about each of the checker's rules: one per kind of fault the page teaches,
 * each tied to the mistake in "What goes wrong" that shows it (its anchor), plus one note on a
 * pattern that is not a bug but has a cost. Text only, so that the page's chunk carries the words
 * and the worker carries the analysis.
 */

export type RuleId =
  | 'asyncio-run'
  | 'blocking-call'
  | 'deadlock'
  | 'widget-from-thread'
  | 'after-close'
  | 'tk-held-by-thread'
  | 'asyncio-queue'
  | 'before-mainloop'
  | 'never-stopped'
  | 'dropped-task'
  | 'loop-per-click'
  | 'client-first-loop'
  | 'tk-in-thread'
  | 'update-loop';

/** What the page says about a rule's fault: shown with every finding of it. */
export interface RuleText {
  /** A fault, or a cost that is not a bug. */
  kind: 'fault' | 'cost';
  title: string;
  /** What goes wrong, in Tk and asyncio terms. */
  goesWrong: string;
  /** How it shows: where the page has the recorded evidence. */
  shows: { text: string; href: string };
  fix: string;
}

export const RULES: Record<RuleId, RuleText> = {
  'asyncio-run': {
    kind: 'fault',
    title: 'asyncio.run() on the Tk thread, inside a callback',
    goesWrong:
      'The callback does not return until the coroutine is over, and while it waits Tk can neither redraw the window nor handle a click: the window freezes for the whole task, and clicks made meanwhile run the command again afterwards.',
    shows: {
      text: 'Recorded under real Tk: asyncio.run() inside a button’s command',
      href: '#mistake-asyncio-run-title',
    },
    fix: 'Run the coroutine on an asyncio loop in a thread of its own (asyncio.run_coroutine_threadsafe) and hand the result back to Tk, or in a worker thread that puts it in a queue.Queue Tk drains with after().',
  },
  'blocking-call': {
    kind: 'fault',
    title: 'A blocking call on the Tk thread',
    goesWrong:
      'This waits (for a timer, the network, another process, a thread or a future) on the Tk thread, and Tk handles nothing else until it returns: no redraw, no click, no after() callback.',
    shows: {
      text: 'Recorded under real Tk: a blocking call in a command',
      href: '#mistake-blocking-call-title',
    },
    fix: 'Do the waiting in a worker thread (or with await asyncio.to_thread(…) on a loop thread) and hand the result back through a queue.Queue that Tk drains with after(); never wait for a thread or a future on the Tk thread, give it a done-callback instead.',
  },
  deadlock: {
    kind: 'fault',
    title: 'The Tk thread waits for a coroutine that waits for the Tk thread',
    goesWrong:
      'future.result() holds the Tk thread until the coroutine ends, and the coroutine calls a widget, which tkinter forwards to the Tk thread and waits for. Each waits for the other, for ever: the window stays frozen until the process is killed.',
    shows: {
      text: 'Recorded under real Tk: waiting for a future inside a Tk callback',
      href: '#mistake-deadlock-title',
    },
    fix: 'Never wait on the Tk thread: give the future a done-callback (future.add_done_callback) that hands the result to Tk with root.after(0, …), and return at once.',
  },
  'widget-from-thread': {
    kind: 'fault',
    title: 'A widget called from another thread',
    goesWrong:
      'Only the thread that created Tk may call it. With a threaded Tcl, tkinter forwards the call to the Tk thread and waits; it fails with “main thread is not in main loop” when that thread is not in mainloop() (starting up, after the window closed, or driven by root.update()), and with a non-threaded Tcl it is not safe at all.',
    shows: {
      text: 'Recorded under real Tk: calling a widget from another thread',
      href: '#mistake-thread-call-title',
    },
    fix: 'Send plain data instead (a string, a number) through a queue.Queue, and let the Tk thread read it with after() and update the widget itself.',
  },
  'after-close': {
    kind: 'fault',
    title: 'root.after() from a thread that outlives the window',
    goesWrong:
      'after() from another thread works only while the Tk thread sits in mainloop(). Nothing waits for this thread before the window is destroyed, so a call made after the close raises “main thread is not in main loop”, and the thread then drops the last reference to Tk in the wrong thread: Tcl aborts the process.',
    shows: {
      text: 'Recorded under real Tk: a worker calling root.after() after the window closed',
      href: '#mistake-after-close-title',
    },
    fix: 'Put the result in a queue.Queue that the Tk thread drains with after(); or stop and join the thread from the window’s WM_DELETE_WINDOW handler before root.destroy().',
  },
  'tk-held-by-thread': {
    kind: 'fault',
    title: 'A thread that holds a Tk object',
    goesWrong:
      'The thread is given a Tk object (a bound method of an object holding widgets, a closure over a widget, or a widget as an argument). Close the window while it runs and let the program carry on: when the thread ends it drops the last reference to Tk in the wrong thread, and Tcl aborts the process (“Tcl_AsyncDelete: async handler deleted by the wrong thread”).',
    shows: {
      text: 'Recorded under real Tk: closing the window while a worker still holds the app',
      href: '#mistake-close-while-running-title',
    },
    fix: 'Give the thread plain data and a queue.Queue only: a module-level function, not a method of the app, with no widget in its arguments or closure.',
  },
  'asyncio-queue': {
    kind: 'fault',
    title: 'An asyncio.Queue used like a thread-safe queue',
    goesWrong:
      'asyncio.Queue belongs to one event loop and takes no lock against other threads, and its put() and get() are coroutines: called without await they only build a coroutine object. Nothing is queued, nothing waits, and task_done() then raises.',
    shows: {
      text: 'Recorded under real Tk: an asyncio.Queue shared with a thread',
      href: '#mistake-asyncio-queue-title',
    },
    fix: 'Between threads, use queue.Queue. Inside one event loop, await queue.put(…) and await queue.get().',
  },
  'before-mainloop': {
    kind: 'fault',
    title: 'A task run before mainloop()',
    goesWrong:
      'Tk() makes the window but mainloop() is what shows it: while this task runs, the user sees no window at all, and then a window whose work is already done.',
    shows: {
      text: 'Recorded under real Tk: running the task before mainloop()',
      href: '#mistake-before-mainloop-title',
    },
    fix: 'Enter mainloop() first and start the work from there: from a button, or a root.after(0, …) callback that submits the coroutine to a loop in its own thread.',
  },
  'never-stopped': {
    kind: 'fault',
    title: 'A loop thread nothing stops',
    goesWrong:
      'This thread runs loop.run_forever(), and nothing in the snippet ever calls loop.stop(). Not a daemon, Python waits for it for ever when the window closes: the process never exits. A daemon, it is ended wherever its loop is when the interpreter exits: the tasks in flight are never cancelled, and their finally blocks and cleanups never run.',
    shows: {
      text: 'Recorded under real Tk: a loop thread nothing stops',
      href: '#mistake-never-stopped-title',
    },
    fix: 'On WM_DELETE_WINDOW, cancel the pending futures, call loop.call_soon_threadsafe(loop.stop), join the thread, then root.destroy().',
  },
  'dropped-task': {
    kind: 'fault',
    title: 'A task or future nobody keeps',
    goesWrong:
      'The task or future this returns is dropped. It can never be cancelled, its exception is never reported (it waits in an object nobody reads), and a task the loop holds only weakly can even vanish mid-way.',
    shows: {
      text: 'Recorded under real Tk: futures nobody keeps',
      href: '#mistake-never-stopped-title',
    },
    fix: 'Keep it (in a set or a dict, removed when done) and give it a done-callback that reports the result or the exception; or use an asyncio.TaskGroup.',
  },
  'loop-per-click': {
    kind: 'fault',
    title: 'One loop run from a new thread each time',
    goesWrong:
      'Each call starts a thread that runs the same event loop with run_until_complete(). One at a time works; a second one while the first runs fails at once with “This event loop is already running”: a loop runs in one thread, once.',
    shows: {
      text: 'Recorded under real Tk: one loop, a new thread per click',
      href: '#mistake-loop-per-click-title',
    },
    fix: 'Start one thread that runs loop.run_forever(), once, and submit each coroutine to it with asyncio.run_coroutine_threadsafe(coro, loop).',
  },
  'client-first-loop': {
    kind: 'fault',
    title: 'An async object cached across per-thread loops',
    goesWrong:
      'This coroutine runs under its own asyncio.run() in a worker thread, a new event loop each time, and stores what it opens in a global. The next worker’s loop finds an object bound to a loop that is gone: “attached to a different loop” or “Event loop is closed”.',
    shows: {
      text: 'Recorded under real Tk: an async client bound to the first loop',
      href: '#mistake-client-first-loop-title',
    },
    fix: 'Keep one event loop for the life of the app, in a thread of its own, and open the connection there; or let each asyncio.run() open and close its own.',
  },
  'tk-in-thread': {
    kind: 'fault',
    title: 'Tk created or run outside the main thread',
    goesWrong:
      'Tk belongs to the thread that creates it, and mainloop() must run there. Run in a secondary thread, Tk breaks on macOS and with a non-threaded Tcl, and nothing else may touch its widgets.',
    shows: {
      text: 'Which thread may call what, with its sources',
      href: '#thread-rules-title',
    },
    fix: 'Create Tk and run mainloop() on the main thread; run asyncio in a thread of its own (asyncio.run_coroutine_threadsafe to submit work to it).',
  },
  'update-loop': {
    kind: 'cost',
    title: 'A loop of root.update() calls (not a bug: a cost)',
    goesWrong:
      'Driving Tk from your own loop works, but input waits up to one period for the next update, the thread wakes every period even when idle, a modal dialog pauses every coroutine, and a call from another thread fails because mainloop() never runs.',
    shows: {
      text: 'Live and recorded: the One thread panel',
      href: '#one-thread',
    },
    fix: 'Nothing to fix if the costs suit you. Otherwise keep mainloop() and run asyncio in a thread of its own.',
  },
};

/** One finding: a rule, the line it is on, and why this line. */
export interface Finding {
  rule: RuleId;
  line: number;
  /** Why the rule applies here, naming the snippet's own functions and lines. */
  why: string;
  /** Other lines that take part (the other half of a deadlock, say). */
  related: number[];
}
