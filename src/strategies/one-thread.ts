/**
 * One thread: asyncio drives Tk. The page's main thread plays the only thread. A small cooperative
 * scheduler plays asyncio's event loop, its tasks are real coroutines (generators that yield to
 * sleep), and one of them is the Tk driver: it drains the "Tk event queue" and the Tk timers, then
 * sleeps P ms, like `while True: root.update(); await asyncio.sleep(P)` or async-tkinter-loop's
 * `async_mainloop(root)`. DOM input for this strategy is only enqueued, as the X server queues a
 * click until Tk reads it; it is handled at the next drain.
 *
 * The browser itself needs none of this: its one event loop already serves input, timers and
 * promises together, which is what Tk's `mainloop()` plus asyncio would be if they were one loop.
 *
 * A Tk callback that opens a modal dialog runs Tk's own nested loop until the dialog closes, so the
 * drain that called it never returns and no coroutine is resumed. JavaScript cannot nest a loop
 * without freezing the page, so the dialog is a scheduler mode: while it is open, Tk events and
 * Tk `after()` timers are served as they come, and no coroutine runs.
 */
import type { OneThreadPhase, PhaseListener } from './phases';

/**
 * A coroutine: a generator that yields how long to sleep in ms (`yield 0` is
 * `await asyncio.sleep(0)`). Returning ends the task.
 */
export type Coroutine = Generator<number, void, void>;

/** What the scheduler needs from its surroundings; the page's timers, or a test's fake clock. */
export interface LoopHost {
  /** The page's clock (ms). */
  now(): number;
  /** Runs `fn` after `ms` as a task of its own; returns a handle for `clear`. */
  later(fn: () => void, ms: number): number;
  clear(handle: number): void;
}

/** The page's own timers. A 0 ms delay is a new task, so input can be dispatched in between. */
export const browserHost: LoopHost = {
  now: () => performance.now(),
  later: (fn, ms) => window.setTimeout(fn, ms),
  clear: (handle) => window.clearTimeout(handle),
};

/** One pass of the driver through Tk's queue: `while root.dooneevent(DONT_WAIT): pass`. */
export interface Drain {
  /** Page timeline (ms). */
  start: number;
  end: number;
  /** Tk events (input, idle redraws) and Tk timers handled in this pass. */
  handled: number;
}

/** One turn of the asyncio loop: the thread woke up. */
export interface Wake {
  at: number;
  /** Nothing but the Tk driver existed and it found nothing to do. */
  idle: boolean;
}

export interface OneThreadHooks {
  onDrain?(drain: Drain): void;
  onWake?(wake: Wake): void;
  onDialog?(open: boolean, at: number): void;
  onPhase?: PhaseListener<OneThreadPhase>;
  /** A task's coroutine raised; the loop carries on, like asyncio's "Task exception was never retrieved". */
  onError?(name: string, error: unknown): void;
}

interface TaskState {
  id: number;
  name: string;
  coroutine: Coroutine;
  /** Page time it may run again; -Infinity when ready now. */
  due: number;
  /**
   * It yielded 0 (`await asyncio.sleep(0)` is `call_soon`): asyncio runs such tasks before the
   * timers that fell due, so a chunked computation goes first and the Tk driver after it.
   */
  soon: boolean;
}

interface TkTimer {
  id: number;
  due: number;
  callback: () => void;
}

/**
 * The asyncio loop on the page's main thread, with Tk's event queue drained by one of its tasks.
 * Each turn of the loop is one task of the browser's, so input reaches the Tk queue between turns.
 */
export class OneThreadLoop {
  #pollMs: number;
  readonly #hooks: OneThreadHooks;
  readonly #host: LoopHost;
  readonly #tasks = new Map<number, TaskState>();
  /** Tk's event queue: input and idle redraws, handled in order at the next drain. */
  #tkQueue: Array<() => void> = [];
  #tkTimers: TkTimer[] = [];
  #nextId = 1;
  #turn: number | null = null;
  #turnDue = Infinity;
  #dialog: { closeTimer: number | null; onClose: () => void } | null = null;
  #dialogTimers: number | null = null;
  #disposed = false;
  #drains = 0;
  /** Tk events and timers handled by drains so far. */
  #handled = 0;
  #wakes = 0;

  constructor(options: { pollMs: number }, hooks: OneThreadHooks = {}, host = browserHost) {
    this.#pollMs = options.pollMs;
    this.#hooks = hooks;
    this.#host = host;
    this.#spawn('tk-driver', this.#tkDriver());
  }

  /** P (ms): how long the driver sleeps between drains. Takes effect at its next sleep. */
  get pollMs(): number {
    return this.#pollMs;
  }

  set pollMs(ms: number) {
    this.#pollMs = ms;
  }

  /** Whether a modal dialog's nested loop is running: then no coroutine is resumed. */
  get dialogOpen(): boolean {
    return this.#dialog !== null;
  }

  /** Tasks other than the Tk driver. */
  get tasks(): number {
    return this.#tasks.size - 1;
  }

  get drains(): number {
    return this.#drains;
  }

  get wakes(): number {
    return this.#wakes;
  }

  /** `asyncio.create_task(coroutine)`: runs from the loop's next turn. Returns the task's id. */
  createTask(name: string, coroutine: Coroutine): number {
    // [phase submitted]
    const id = this.#spawn(name, coroutine);
    this.#hooks.onPhase?.({ phase: 'submitted', taskId: id, at: this.#host.now() });
    return id;
    // [/phase]
  }

  /** `task.cancel()`, simplified: the coroutine is closed and never resumed. */
  cancel(id: number): void {
    const task = this.#tasks.get(id);
    if (!task || task.name === 'tk-driver') return;
    this.#tasks.delete(id);
    task.coroutine.return();
  }

  /**
   * An input event or widget redraw for Tk: queued only, handled at the next drain (or at once
   * while a dialog's nested loop runs, which waits on Tk's events).
   */
  enqueueTk(handler: () => void): void {
    if (this.#disposed) return;
    this.#tkQueue.push(handler);
    if (this.#dialog) this.#serveDialog();
  }

  /** `root.after(ms, callback)`: a Tk timer, run by a drain (or the dialog's loop) once due. */
  after(ms: number, callback: () => void): number {
    const id = this.#nextId++;
    this.#tkTimers.push({ id, due: this.#host.now() + ms, callback });
    if (this.#dialog) this.#serveDialog();
    return id;
  }

  afterCancel(id: number): void {
    this.#tkTimers = this.#tkTimers.filter((t) => t.id !== id);
  }

  /**
   * Called from a Tk callback: `messagebox.showinfo(...)` that the reader (or the page, after
   * `ms`) closes. Until then the drain that ran the callback does not return: the scheduler serves
   * only Tk's queue and timers. `onClose` runs when it closes, before any coroutine resumes.
   */
  openDialog(ms: number, onClose: () => void = () => {}): void {
    if (this.#dialog || this.#disposed) return;
    // [phase dialog]
    const at = this.#host.now();
    this.#dialog = { closeTimer: null, onClose };
    this.#dialog.closeTimer = this.#host.later(() => this.closeDialog(), ms);
    this.#hooks.onPhase?.({ phase: 'dialog', taskId: 0, at });
    this.#hooks.onDialog?.(true, at);
    this.#serveDialog();
    // [/phase]
  }

  /** The dialog's OK: its nested loop ends and the asyncio loop resumes. */
  closeDialog(): void {
    const dialog = this.#dialog;
    if (!dialog) return;
    if (dialog.closeTimer !== null) this.#host.clear(dialog.closeTimer);
    if (this.#dialogTimers !== null) this.#host.clear(this.#dialogTimers);
    this.#dialogTimers = null;
    this.#dialog = null;
    this.#hooks.onDialog?.(false, this.#host.now());
    dialog.onClose();
    this.#schedule();
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#turn !== null) this.#host.clear(this.#turn);
    if (this.#dialog?.closeTimer != null) this.#host.clear(this.#dialog.closeTimer);
    if (this.#dialogTimers !== null) this.#host.clear(this.#dialogTimers);
    this.#turn = null;
    this.#dialog = null;
    for (const task of this.#tasks.values()) task.coroutine.return();
    this.#tasks.clear();
    this.#tkQueue = [];
    this.#tkTimers = [];
  }

  #spawn(name: string, coroutine: Coroutine): number {
    const id = this.#nextId++;
    this.#tasks.set(id, { id, name, coroutine, due: -Infinity, soon: true });
    this.#schedule();
    return id;
  }

  /** The Tk driver, as async-tkinter-loop writes it: handle every pending Tk event, then sleep. */
  *#tkDriver(): Coroutine {
    for (;;) {
      // [phase drained]
      this.#drain();
      this.#hooks.onPhase?.({ phase: 'drained', taskId: 0, at: this.#host.now() });
      yield this.#pollMs;
      // [/phase]
    }
  }

  /** `while root.dooneevent(_tkinter.DONT_WAIT): pass`: everything pending, in order. */
  #drain(): void {
    const start = this.#host.now();
    let handled = 0;
    for (;;) {
      const next = this.#nextTkEvent(this.#host.now());
      if (!next) break;
      handled++;
      next();
      // A callback opened a dialog: Tk's nested loop runs inside this call, so this drain does not
      // return until it closes. The rest of the queue is the dialog loop's to serve.
      if (this.#dialog) break;
    }
    this.#drains++;
    this.#handled += handled;
    this.#hooks.onDrain?.({ start, end: this.#host.now(), handled });
  }

  /** The next Tk event or due timer, removed from its queue, or null when nothing is pending. */
  #nextTkEvent(now: number): (() => void) | null {
    const event = this.#tkQueue.shift();
    if (event) return event;
    let due: TkTimer | null = null;
    for (const timer of this.#tkTimers)
      if (timer.due <= now && (!due || timer.due < due.due)) due = timer;
    if (!due) return null;
    const fired = due;
    this.#tkTimers = this.#tkTimers.filter((t) => t !== fired);
    return fired.callback;
  }

  /** Tk's nested loop while a dialog is open: handles what is pending, then waits for the next timer. */
  #serveDialog(): void {
    if (this.#dialogTimers !== null) this.#host.clear(this.#dialogTimers);
    this.#dialogTimers = null;
    const run = () => {
      this.#dialogTimers = null;
      if (!this.#dialog) return;
      for (;;) {
        const next = this.#nextTkEvent(this.#host.now());
        if (!next) break;
        next();
        if (!this.#dialog) return;
      }
      const nextDue = Math.min(...this.#tkTimers.map((t) => t.due));
      if (Number.isFinite(nextDue))
        this.#dialogTimers = this.#host.later(run, Math.max(0, nextDue - this.#host.now()));
    };
    this.#dialogTimers = this.#host.later(run, 0);
  }

  /** Makes sure a turn of the loop is scheduled for the earliest task that may run. */
  #schedule(): void {
    if (this.#disposed || this.#dialog) return;
    let due = Infinity;
    for (const task of this.#tasks.values()) due = Math.min(due, task.due);
    if (due === Infinity) return;
    const delay = Math.max(0, due - this.#host.now());
    const at = this.#host.now() + delay;
    if (this.#turn !== null) {
      if (this.#turnDue <= at) return;
      this.#host.clear(this.#turn);
    }
    this.#turnDue = at;
    this.#turn = this.#host.later(this.#runOnce, delay);
  }

  /**
   * One turn of the loop, like asyncio's `_run_once`: every task due at its start runs one step,
   * in order. A task is a coroutine, so a step lasts until it yields: one that computes without
   * yielding holds the thread, and everything else waits.
   */
  readonly #runOnce = (): void => {
    this.#turn = null;
    this.#turnDue = Infinity;
    if (this.#disposed || this.#dialog) return;
    const now = this.#host.now();
    this.#wakes++;
    const due = [...this.#tasks.values()]
      .filter((t) => t.due <= now)
      .sort((a, b) => Number(b.soon) - Number(a.soon) || a.due - b.due);
    const handledBefore = this.#handled;
    const onlyDriver = this.#tasks.size === 1;
    for (const task of due) {
      if (this.#dialog) break; // no coroutine is resumed while a dialog's loop runs
      if (this.#tasks.has(task.id)) this.#step(task);
    }
    this.#hooks.onWake?.({ at: now, idle: onlyDriver && this.#handled === handledBefore });
    this.#schedule();
  };

  #step(task: TaskState): void {
    let result: IteratorResult<number, void>;
    try {
      result = task.coroutine.next();
    } catch (error) {
      this.#tasks.delete(task.id);
      this.#hooks.onError?.(task.name, error);
      return;
    }
    if (result.done) {
      this.#tasks.delete(task.id);
      return;
    }
    const ms = Number.isFinite(result.value) && result.value > 0 ? result.value : 0;
    task.due = this.#host.now() + ms;
    task.soon = ms === 0;
  }
}

/** Busy work for `ms` on this thread, with no yield inside: the thread can do nothing else. */
export function computeFor(ms: number, now: () => number = () => performance.now()): number {
  const deadline = now() + ms;
  let value = 0x811c9dc5;
  let i = 0;
  while (now() < deadline) {
    for (let k = 0; k < 2_000; k++) {
      value = Math.imul(value ^ (i & 0xff), 0x01000193) >>> 0;
      i++;
    }
  }
  return value;
}

/**
 * The task the panel runs, as a coroutine. `cpu` computes D ms in one step (no await), or in
 * `chunkMs` slices with `await asyncio.sleep(0)` between them; `wait` sleeps D; `stream` sleeps
 * 1000/R between its updates. `show` is the widget update, queued for Tk's next drain.
 */
export function* runTask(
  task: { kind: 'wait' | 'cpu' | 'stream'; durationMs: number; ratePerSecond: number },
  show: (text: string) => void,
  options: { chunkMs: number | null; now?: () => number } = { chunkMs: null },
): Coroutine {
  // [phase running]
  if (task.kind === 'cpu') {
    if (options.chunkMs === null) {
      show(`computed ${computeFor(task.durationMs, options.now).toString(16)}`);
      return;
    }
    let left = task.durationMs;
    let value = 0;
    while (left > 0) {
      const slice = Math.min(left, options.chunkMs);
      value ^= computeFor(slice, options.now);
      left -= slice;
      yield 0; // await asyncio.sleep(0): other tasks may run, Tk waits for its drain
    }
    show(`computed ${value.toString(16)} in ${options.chunkMs} ms chunks`);
    return;
  }
  if (task.kind === 'stream') {
    const steps = Math.max(1, Math.round((task.durationMs * task.ratePerSecond) / 1000));
    for (let step = 1; step <= steps; step++) {
      yield 1000 / task.ratePerSecond;
      show(`${step}/${steps}`);
    }
    return;
  }
  yield task.durationMs;
  show(`waited ${task.durationMs} ms`);
  // [/phase]
}
