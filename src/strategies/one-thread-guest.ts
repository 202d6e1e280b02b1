/**
 * One thread, guest mode: Tk keeps `mainloop()`, and the async framework runs as its guest, as Trio
 * does with `trio.lowlevel.start_guest_run`. The page's main thread is the Tk thread: every Tk
 * callback, every step of the coroutines and every widget update run on it. The one thing that
 * would block, the framework's wait for its next deadline (`select()` with a timeout), runs in a
 * helper worker; when the deadline passes, or the main thread wakes it, the helper posts "ready"
 * and the main thread runs one step of the loop, then hands the next wait back. Nothing polls: with
 * nothing to do, the helper waits and the main thread sleeps.
 *
 * How a step is handed back follows Trio 0.22's `GuestState.guest_tick` (trio/_core/_run.py): a
 * step that leaves a task runnable now (`await trio.sleep(0)`) skips the helper and queues the next
 * step on the host's own queue (`run_sync_soon_not_threadsafe`); only a step that must wait goes
 * through the helper thread and back (`run_sync_soon_threadsafe`).
 *
 * The browser itself is guest mode built in: its one event loop serves input, timers and promises
 * together, so a page never needs this. It is reproduced here to show what Tk plus Trio do.
 */
import { asGuestMessage } from '../workers/guards';
import type { GuestToPage, PageToGuest } from '../workers/protocol';
import { startModuleWorker } from '../workers/start';
import helperUrl from './guest/guest.worker.ts?worker&url';
import { browserHost, type Coroutine, type LoopHost, type Wake } from './one-thread';
import type { GuestPhase, PhaseListener } from './phases';

/** The parts of a Worker the guest loop uses, so that tests can hand it a fake helper. */
export interface GuestHelperLike {
  postMessage(message: PageToGuest): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Starts the helper thread. Throws where the host forbids workers (see startModuleWorker). */
export function startGuestHelper(): GuestHelperLike {
  return startModuleWorker(helperUrl, 'guest-helper');
}

/**
 * `run_sync_soon_not_threadsafe`: the next step as a task of the page's own queue. A MessageChannel
 * rather than `setTimeout(0)`, which browsers clamp to 4 ms once nested five deep; Tk's
 * `after_idle` has no such clamp.
 */
export function pageSoon(): (fn: () => void) => void {
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}

/** One step of the guest loop on the main thread. Times on the page's clock (ms). */
export interface GuestStep {
  start: number;
  end: number;
  /** Task steps run (0: the thread woke for nothing). */
  ran: number;
  /** How the step was handed to the main thread. */
  via: 'helper' | 'soon';
  /**
   * From the deadline the helper waited for to this step's start (ms); null if it was woken, or if
   * the wait was posted before a new helper had answered once (that measures its start-up).
   */
  lateMs: number | null;
  /** From the helper posting "ready" to this step's start (ms); null without the helper. */
  handOffMs: number | null;
  /** From the main thread waking the helper to this step's start (ms): one round trip. */
  roundTripMs: number | null;
}

export interface GuestHooks {
  onStep?(step: GuestStep): void;
  onWake?(wake: Wake): void;
  onDialog?(open: boolean, at: number): void;
  onPhase?: PhaseListener<GuestPhase>;
  /** A task's coroutine raised; the loop carries on. */
  onError?(name: string, error: unknown): void;
  /** The helper could not start, failed, or sent what it should not: said on the page. */
  onHelperError?(message: string): void;
}

export interface GuestOptions {
  spawn?: () => GuestHelperLike;
  host?: LoopHost;
  /** The host's own queue for a step that need not wait; the page's MessageChannel by default. */
  soon?: (fn: () => void) => void;
}

interface TaskState {
  id: number;
  name: string;
  coroutine: Coroutine;
  /** Page time it may run again; -Infinity when ready now. */
  due: number;
}

/**
 * The async framework as Tk's guest: it runs only when handed a step, and hands back its wait.
 * Tk's events and `after()` timers are the page's own, served as they come, also while a dialog's
 * nested loop runs, and that nested loop serves the helper's hand-offs too.
 */
export class GuestLoop {
  readonly #hooks: GuestHooks;
  readonly #host: LoopHost;
  readonly #spawn: () => GuestHelperLike;
  readonly #soon: (fn: () => void) => void;
  readonly #tasks = new Map<number, TaskState>();
  readonly #tkTimers = new Map<number, number>();
  #helper: GuestHelperLike | null = null;
  #nextId = 1;
  #seq = 0;
  /** The wait the helper is doing for us, if any. */
  #waiting: { seq: number; deadline: number; wokenAt: number | null; warm: boolean } | null = null;
  /**
   * The helper has answered once. A worker takes far longer to start than a thread (its script is
   * fetched and compiled), so a wait posted before that measures the start, not a hand-off.
   */
  #helperWarm = false;
  /** A step is already queued on the page (Trio's `guest_tick_scheduled`). */
  #stepQueued = false;
  #dialog: { closeTimer: number; onClose: () => void } | null = null;
  #disposed = false;
  #wakes = 0;
  #steps = 0;

  constructor(hooks: GuestHooks = {}, options: GuestOptions = {}) {
    this.#hooks = hooks;
    this.#host = options.host ?? browserHost;
    this.#spawn = options.spawn ?? startGuestHelper;
    this.#soon = options.soon ?? pageSoon();
    // Started with the loop, so that its start-up is over before the first wait, as a thread's is.
    this.#useHelper();
  }

  /** Times the main thread was handed a step. */
  get wakes(): number {
    return this.#wakes;
  }

  /** Task steps run so far. */
  get steps(): number {
    return this.#steps;
  }

  get tasks(): number {
    return this.#tasks.size;
  }

  get dialogOpen(): boolean {
    return this.#dialog !== null;
  }

  /** Whether the helper is waiting for a deadline or a wake-up (the main thread is free). */
  get waiting(): boolean {
    return this.#waiting !== null;
  }

  /** `nursery.start_soon(coroutine)` from a Tk callback: the loop runs it at its next step. */
  createTask(name: string, coroutine: Coroutine): number {
    // [phase submitted]
    const id = this.#nextId++;
    this.#tasks.set(id, { id, name, coroutine, due: -Infinity });
    this.#hooks.onPhase?.({ phase: 'submitted', taskId: id, at: this.#host.now() });
    this.#wakeUp();
    return id;
    // [/phase]
  }

  /** `cancel_scope.cancel()`, simplified: the coroutine is closed and never resumed. */
  cancel(id: number): void {
    const task = this.#tasks.get(id);
    if (!task) return;
    this.#tasks.delete(id);
    task.coroutine.return();
  }

  /** A Tk event: `mainloop()` handles it as it comes, so its callback runs now. */
  enqueueTk(handler: () => void): void {
    if (!this.#disposed) handler();
  }

  /** `root.after(ms, callback)`: one of Tk's own timers, served by `mainloop()` or a dialog's loop. */
  after(ms: number, callback: () => void): number {
    const id = this.#nextId++;
    this.#tkTimers.set(
      id,
      this.#host.later(() => {
        this.#tkTimers.delete(id);
        if (!this.#disposed) callback();
      }, ms),
    );
    return id;
  }

  afterCancel(id: number): void {
    const handle = this.#tkTimers.get(id);
    if (handle !== undefined) this.#host.clear(handle);
    this.#tkTimers.delete(id);
  }

  /**
   * A Tk callback opens a modal dialog for `ms`. Tk's nested loop serves events, timers and the
   * helper's hand-offs, so the guest's steps go on: nothing pauses. `onClose` runs when it closes.
   */
  openDialog(ms: number, onClose: () => void = () => {}): void {
    if (this.#dialog || this.#disposed) return;
    // [phase dialog]
    const at = this.#host.now();
    this.#dialog = { closeTimer: this.#host.later(() => this.closeDialog(), ms), onClose };
    this.#hooks.onPhase?.({ phase: 'dialog', taskId: 0, at });
    this.#hooks.onDialog?.(true, at);
    // [/phase]
  }

  closeDialog(): void {
    const dialog = this.#dialog;
    if (!dialog) return;
    this.#host.clear(dialog.closeTimer);
    this.#dialog = null;
    this.#hooks.onDialog?.(false, this.#host.now());
    dialog.onClose();
  }

  dispose(): void {
    this.#disposed = true;
    this.#helper?.terminate();
    this.#helper = null;
    this.#waiting = null;
    if (this.#dialog) this.#host.clear(this.#dialog.closeTimer);
    this.#dialog = null;
    for (const handle of this.#tkTimers.values()) this.#host.clear(handle);
    this.#tkTimers.clear();
    for (const task of this.#tasks.values()) task.coroutine.return();
    this.#tasks.clear();
  }

  /** Something became runnable from outside the loop: end the helper's wait, or start a step. */
  #wakeUp(): void {
    if (this.#disposed || this.#stepQueued) return;
    const waiting = this.#waiting;
    if (waiting && this.#helper) {
      if (waiting.wokenAt === null) {
        waiting.wokenAt = this.#host.now();
        this.#helper.postMessage({ type: 'wake', seq: waiting.seq });
      }
      return;
    }
    this.#queueStep();
  }

  #queueStep(): void {
    this.#stepQueued = true;
    this.#soon(() => this.#runStep('soon', null));
  }

  /** The helper's answers: a step to run, or a refusal to report. */
  readonly #onHelperMessage = (event: MessageEvent<unknown>): void => {
    const message: GuestToPage | null = asGuestMessage(event.data);
    if (!message) {
      this.#hooks.onHelperError?.('The helper thread sent a message this page cannot read.');
      return;
    }
    if (message.type === 'refused') {
      this.#hooks.onHelperError?.(message.message);
      return;
    }
    // [phase handed-off]
    const waiting = this.#waiting;
    if (this.#disposed || !waiting || waiting.seq !== message.seq) return; // an old wait's answer
    this.#waiting = null;
    this.#helperWarm = true;
    this.#stepQueued = true;
    this.#runStep('helper', { ...waiting, readyAt: message.at, woken: message.woken });
    // [/phase]
  };

  /** One step of the loop, like Trio's `guest_tick`: every task due now runs until it yields. */
  #runStep(
    via: 'helper' | 'soon',
    from: {
      deadline: number;
      wokenAt: number | null;
      warm: boolean;
      readyAt: number;
      woken: boolean;
    } | null,
  ): void {
    // Still queued while it runs: a task started from inside the step is picked up by #next().
    this.#stepQueued = true;
    if (this.#disposed) return;
    const start = this.#host.now();
    this.#wakes++;
    let ran = 0;
    const due = [...this.#tasks.values()]
      .filter((t) => t.due <= start)
      .sort((a, b) => a.due - b.due);
    for (const task of due) {
      if (!this.#tasks.has(task.id)) continue;
      ran++;
      this.#step(task);
    }
    const end = this.#host.now();
    this.#steps += ran;
    this.#hooks.onStep?.({
      start,
      end,
      ran,
      via,
      lateMs:
        from?.warm && !from.woken && Number.isFinite(from.deadline) ? start - from.deadline : null,
      handOffMs: from ? Math.max(0, performance.timeOrigin + start - from.readyAt) : null,
      roundTripMs: from?.warm && from.woken && from.wokenAt !== null ? start - from.wokenAt : null,
    });
    this.#hooks.onWake?.({ at: start, idle: ran === 0 });
    this.#stepQueued = false;
    this.#next();
  }

  /** After a step: run again at once through the page's queue, or hand the wait to the helper. */
  #next(): void {
    if (this.#disposed) return;
    let due = Infinity;
    for (const task of this.#tasks.values()) due = Math.min(due, task.due);
    const now = this.#host.now();
    if (due <= now) {
      this.#queueStep();
      return;
    }
    const helper = this.#useHelper();
    if (!helper) return;
    const seq = ++this.#seq;
    this.#waiting = { seq, deadline: due, wokenAt: null, warm: this.#helperWarm };
    helper.postMessage({
      type: 'wait',
      seq,
      timeoutMs: Number.isFinite(due) ? due - now : -1,
    });
  }

  #useHelper(): GuestHelperLike | null {
    if (this.#helper) return this.#helper;
    if (this.#disposed) return null;
    this.#helperWarm = false;
    try {
      this.#helper = this.#spawn();
    } catch (error) {
      this.#hooks.onHelperError?.(
        `The helper thread could not start (${error instanceof Error ? error.message : String(error)}): a task that waits cannot resume. Reload, or open the page where workers are allowed.`,
      );
      return null;
    }
    this.#helper.onmessage = this.#onHelperMessage;
    this.#helper.onerror = (event) => {
      event.preventDefault();
      this.#helper?.terminate();
      this.#helper = null;
      this.#waiting = null;
      this.#hooks.onHelperError?.(
        `The helper thread failed (${event.message || 'no reason given'}); a new one starts with the next task.`,
      );
    };
    return this.#helper;
  }

  #step(task: TaskState): void {
    // [phase running]
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
    task.due = ms === 0 ? -Infinity : this.#host.now() + ms;
    // [/phase]
  }
}
