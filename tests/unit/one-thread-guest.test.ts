import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePhaseMarkers } from '../../src/code/phase-markers';
import { GuestWaiter } from '../../src/strategies/guest/waiter';
import type { Coroutine, LoopHost, Wake } from '../../src/strategies/one-thread';
import { runTask } from '../../src/strategies/one-thread';
import {
  GuestLoop,
  type GuestHelperLike,
  type GuestStep,
} from '../../src/strategies/one-thread-guest';
import { GUEST_PHASES } from '../../src/strategies/phases';
import { asGuestCommand, asGuestMessage } from '../../src/workers/guards';
import type { GuestToPage, PageToGuest } from '../../src/workers/protocol';
import { HOSTILE_VALUES } from '../support/hostile-values';

/** A virtual clock: `advance` runs every timer due by then, in order, as the browser would. */
class FakeHost implements LoopHost {
  time = 0;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 1;
  now = () => this.time;
  later = (fn: () => void, ms: number) => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  };
  clear = (id: number) => void this.#timers.delete(id);
  get pending(): number {
    return this.#timers.size;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of this.#timers)
        if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.#timers.delete(first[0]);
      this.time = Math.max(this.time, first[1].at);
      first[1].fn();
    }
    this.time = end;
  }
}

/**
 * The helper thread on the same fake clock: the real GuestWaiter, with each post crossing threads
 * as a task of its own (`hopMs` later), as postMessage does.
 */
class FakeHelper implements GuestHelperLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly sent: PageToGuest[] = [];
  readonly #waiter: GuestWaiter;
  readonly #host: FakeHost;

  constructor(host: FakeHost, hopMs = 0.1) {
    this.#host = host;
    this.#waiter = new GuestWaiter(
      {
        later: (fn, ms) => host.later(fn, ms),
        clear: (handle) => host.clear(handle as number),
        epoch: () => host.time,
      },
      (message: GuestToPage) =>
        host.later(() => this.onmessage?.({ data: message } as MessageEvent<unknown>), hopMs),
    );
  }

  get waiting(): boolean {
    return this.#waiter.waiting;
  }

  postMessage(message: PageToGuest): void {
    this.sent.push(message);
    this.#host.later(() => this.#waiter.receive(message), 0.1);
  }

  /** What the page receives from a broken or hostile helper. */
  inject(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function guest(options: { spawn?: () => GuestHelperLike } = {}) {
  const host = new FakeHost();
  const helper = new FakeHelper(host);
  const steps: GuestStep[] = [];
  const wakes: Wake[] = [];
  const helperErrors: string[] = [];
  const errors: string[] = [];
  const loop = new GuestLoop(
    {
      onStep: (step) => steps.push(step),
      onWake: (wake) => wakes.push(wake),
      onHelperError: (message) => helperErrors.push(message),
      onError: (name, error) => errors.push(`${name}: ${String(error)}`),
    },
    { host, spawn: options.spawn ?? (() => helper), soon: (fn) => host.later(fn, 0) },
  );
  return { host, helper, loop, steps, wakes, helperErrors, errors };
}

function* sleeper(ms: number, done: number[], now: () => number): Coroutine {
  yield ms;
  done.push(now());
}

describe('the guest-mode messages', () => {
  it('accepts the helper answers and the page commands of the protocol', () => {
    expect(asGuestMessage({ type: 'ready', seq: 3, at: 12.5, woken: true })).not.toBeNull();
    expect(asGuestMessage({ type: 'refused', message: 'no' })).not.toBeNull();
    expect(asGuestCommand({ type: 'wait', seq: 1, timeoutMs: -1 })).not.toBeNull();
    expect(asGuestCommand({ type: 'wake', seq: 1 })).not.toBeNull();
  });

  it('refuses malformed ones', () => {
    for (const bad of [
      null,
      42,
      'ready',
      [],
      { type: 'ready', seq: '3', at: 1, woken: true },
      { type: 'ready', seq: 3, at: Number.NaN, woken: true },
      { type: 'ready', seq: 3, at: 1 },
      { type: '__proto__', seq: 1 },
      { type: 'wait', seq: 1 },
      { type: 'wait', seq: 1, timeoutMs: Infinity },
    ]) {
      expect(asGuestMessage(bad)).toBeNull();
      expect(asGuestCommand(bad)).toBeNull();
    }
    for (const value of HOSTILE_VALUES) {
      expect(asGuestMessage({ type: 'ready', seq: value, at: 1, woken: true })).toBeNull();
    }
  });

  it('has the helper say so when it is sent something it cannot read', () => {
    const posted: GuestToPage[] = [];
    const waiter = new GuestWaiter({ later: () => 0, clear: () => {}, epoch: () => 0 }, (message) =>
      posted.push(message),
    );
    waiter.receive({ type: 'wait', seq: 'soon' });
    expect(posted).toEqual([
      { type: 'refused', message: 'The helper thread was sent a message it cannot read.' },
    ]);
    expect(waiter.waiting).toBe(false);
  });
});

describe('GuestLoop', () => {
  it('does not wake the main thread at all while it has nothing to do', () => {
    const { host, helper, loop, wakes } = guest();
    const done: number[] = [];
    loop.createTask('sleep', sleeper(50, done, host.now));
    host.advance(100);
    expect(done).toHaveLength(1);
    const before = wakes.length;
    host.advance(10_000);
    expect(wakes.length).toBe(before);
    // The helper waits without a deadline, and no timer of any kind is left running.
    expect(helper.sent.at(-1)).toMatchObject({ type: 'wait', timeoutMs: -1 });
    expect(helper.waiting).toBe(true);
    expect(host.pending).toBe(0);
  });

  it('resumes a sleeping coroutine after the helper hands back one step, not at a poll', () => {
    const { host, loop, steps } = guest();
    const done: number[] = [];
    loop.createTask('warm-up', sleeper(5, [], host.now));
    host.advance(20);
    // The first wait went to a helper that had not answered yet: it measures start-up, not kept.
    expect(steps.filter((s) => s.lateMs !== null)).toEqual([]);
    loop.createTask('sleep', sleeper(37, done, host.now));
    const from = host.time;
    host.advance(200);
    // Deadline 37 ms after its first step; hops of 0.1 ms there and back.
    expect(done[0]! - from).toBeGreaterThanOrEqual(37);
    expect(done[0]! - from).toBeLessThan(38);
    const resumed = steps.filter((s) => s.lateMs !== null);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.lateMs).toBeGreaterThan(0);
    expect(resumed[0]!.lateMs).toBeLessThan(1);
  });

  it('runs a Tk callback at once and wakes the waiting helper for the task it starts', () => {
    const { host, helper, loop, steps } = guest();
    loop.createTask('idle', sleeper(10, [], host.now));
    host.advance(50);
    expect(helper.waiting).toBe(true);
    const ran: number[] = [];
    let handled = false;
    loop.enqueueTk(() => {
      handled = true;
      loop.createTask('clicked', sleeper(0, ran, host.now));
    });
    expect(handled).toBe(true); // mainloop() runs the callback as it reads the event
    expect(helper.sent.at(-1)).toMatchObject({ type: 'wake' });
    host.advance(5);
    expect(ran).toHaveLength(1);
    const woken = steps.find((s) => s.roundTripMs !== null);
    expect(woken?.roundTripMs).toBeGreaterThan(0);
    expect(woken?.roundTripMs).toBeLessThan(1);
  });

  it('chains sleep(0) steps through its own queue without crossing to the helper', () => {
    const { host, helper, loop, steps } = guest();
    let count = 0;
    loop.createTask(
      'chain',
      (function* (): Coroutine {
        for (let i = 0; i < 100; i++) {
          yield 0;
          count++;
        }
      })(),
    );
    host.advance(1);
    expect(count).toBe(100);
    expect(steps.filter((s) => s.via === 'soon').length).toBeGreaterThanOrEqual(100);
    expect(helper.sent.filter((m) => m.type === 'wait')).toHaveLength(1); // only once it is done
  });

  it('keeps running coroutines while a modal dialog is open', () => {
    const { host, loop } = guest();
    const ticks: number[] = [];
    loop.createTask(
      'ticker',
      (function* (): Coroutine {
        for (;;) {
          yield 100;
          ticks.push(host.now());
        }
      })(),
    );
    host.advance(250);
    let closed = false;
    loop.openDialog(1_000, () => (closed = true));
    expect(loop.dialogOpen).toBe(true);
    const atOpen = ticks.length;
    host.advance(1_000);
    expect(closed).toBe(true);
    expect(ticks.length - atOpen).toBeGreaterThanOrEqual(9);
  });

  it('still freezes for a coroutine that computes without awaiting', () => {
    const { host, loop, steps } = guest();
    const shown: string[] = [];
    loop.createTask(
      'cpu',
      runTask({ kind: 'cpu', durationMs: 30, ratePerSecond: 1 }, (t) => shown.push(t), {
        chunkMs: null,
        now: () => (host.time += 0.5),
      }),
    );
    host.advance(1);
    const step = steps.find((s) => s.ran > 0);
    expect(step && step.end - step.start).toBeGreaterThanOrEqual(30);
    expect(shown[0]).toMatch(/^computed/);
  });

  it('reports a coroutine that raises and carries on', () => {
    const { host, loop, errors } = guest();
    const done: number[] = [];
    loop.createTask(
      'bad',
      (function* (): Coroutine {
        yield 1;
        throw new Error('boom');
      })(),
    );
    loop.createTask('good', sleeper(5, done, host.now));
    host.advance(20);
    expect(errors).toEqual(['bad: Error: boom']);
    expect(done).toHaveLength(1);
  });

  it('says so when the helper cannot start, sends nonsense, or fails', () => {
    const broken = guest({
      spawn: () => {
        throw new DOMException('Workers are not allowed here', 'SecurityError');
      },
    });
    broken.loop.createTask('sleep', sleeper(10, [], broken.host.now));
    broken.host.advance(5);
    expect(broken.helperErrors[0]).toMatch(/helper thread could not start.*not allowed/);

    const { host, helper, loop, helperErrors } = guest();
    const done: number[] = [];
    loop.createTask('sleep', sleeper(10, done, host.now));
    host.advance(1);
    helper.inject({ type: 'ready', seq: 'x' });
    helper.inject({ type: 'ready', seq: 999, at: 0, woken: false }); // an old wait's: ignored
    expect(helperErrors).toEqual(['The helper thread sent a message this page cannot read.']);
    helper.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    expect(helperErrors[1]).toMatch(/failed \(out of memory\)/);
    expect(helper.terminated).toBe(true);
  });

  it('stops everything on dispose', () => {
    const { host, helper, loop } = guest();
    const done: number[] = [];
    loop.createTask('sleep', sleeper(10, done, host.now));
    loop.after(5, () => done.push(-1));
    host.advance(1);
    loop.dispose();
    host.advance(100);
    expect(done).toEqual([]);
    expect(helper.terminated).toBe(true);
  });
});

describe('the guest-mode source the panel shows', () => {
  it('marks every phase of GUEST_PHASES, like its Python', () => {
    for (const file of [
      'src/strategies/one-thread-guest.ts',
      'python/strategies/one_thread_guest.py',
    ]) {
      const { phases } = parsePhaseMarkers(readFileSync(file, 'utf8'));
      expect([...phases].sort(), file).toEqual([...GUEST_PHASES].sort());
    }
  });
});

describe('the guest-mode recording under real Tk (src/tk-traces/one-thread-guest.json)', () => {
  const trace = JSON.parse(readFileSync('src/tk-traces/one-thread-guest.json', 'utf8')) as {
    runs: Array<{
      variant: string;
      trio: string;
      interpreter: string;
      durationMs: number | null;
      dialogMs: number | null;
      summary: {
        wakeupsPerS: number | null;
        trioLongestGapMs: number | null;
        longestStallMs: number;
        stepsPerS: number | null;
      };
    }>;
  };
  const run = (variant: string) => trace.runs.find((r) => r.variant === variant);

  it('says which interpreter and Trio version ran every run', () => {
    for (const r of trace.runs) {
      expect(r.trio).toMatch(/^\d+\.\d+/);
      expect(r.interpreter).toMatch(/python/);
    }
  });

  it('shows what the page says: no idle wake-ups, Trio ticking through a dialog, a compute stall', () => {
    expect(run('idle')?.summary.wakeupsPerS).toBe(0);
    const dialog = run('dialog');
    expect(dialog?.summary.trioLongestGapMs).toBeLessThan(0.5 * (dialog?.dialogMs ?? 0));
    const compute = run('compute');
    expect(compute?.summary.longestStallMs).toBeGreaterThan(
      0.9 * (compute?.durationMs ?? Infinity),
    );
    // A guest step costs more than a step of plain trio.run, which never leaves its own loop.
    expect(run('chain')?.summary.stepsPerS).toBeLessThan(
      run('chain-trio-run')?.summary.stepsPerS ?? 0,
    );
  });
});
