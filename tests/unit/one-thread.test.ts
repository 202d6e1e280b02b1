import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePhaseMarkers } from '../../src/code/phase-markers';
import { ONE_THREAD_PHASES } from '../../src/strategies/phases';
import {
  OneThreadLoop,
  runTask,
  type Coroutine,
  type Drain,
  type LoopHost,
  type Wake,
} from '../../src/strategies/one-thread';

/** A virtual clock: `advance` runs every timer due by then, in order, as the browser would. */
class FakeHost implements LoopHost {
  time = 0;
  #timers = new Map<number, { at: number; fn: () => void; seq: number }>();
  #next = 1;
  now = () => this.time;
  later = (fn: () => void, ms: number) => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.time + Math.max(0, ms), fn, seq: id });
    return id;
  };
  clear = (id: number) => void this.#timers.delete(id);
  /** Spends `ms` of thread time inside a step (a coroutine computing). */
  spend(ms: number): void {
    this.time += ms;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let first: [number, { at: number; fn: () => void; seq: number }] | null = null;
      for (const entry of this.#timers)
        if (
          entry[1].at <= end &&
          (!first ||
            entry[1].at < first[1].at ||
            (entry[1].at === first[1].at && entry[1].seq < first[1].seq))
        )
          first = entry;
      if (!first) break;
      this.#timers.delete(first[0]);
      this.time = Math.max(this.time, first[1].at);
      first[1].fn();
    }
    this.time = Math.max(this.time, end);
  }
}

function setup(pollMs = 20) {
  const host = new FakeHost();
  const drains: Drain[] = [];
  const wakes: Wake[] = [];
  const loop = new OneThreadLoop(
    { pollMs },
    { onDrain: (d) => drains.push(d), onWake: (w) => wakes.push(w) },
    host,
  );
  return { host, loop, drains, wakes };
}

describe('OneThreadLoop (asyncio driving Tk on one thread)', () => {
  it('drains the Tk queue every P ms and wakes 1000/P times a second when idle', () => {
    const { host, drains, wakes } = setup(20);
    host.advance(1000);
    // The first drain is at 0, then one every 20 ms: 0, 20, …, 1000.
    expect(drains.map((d) => d.start)).toEqual(Array.from({ length: 51 }, (_, i) => i * 20));
    expect(wakes.length).toBe(51);
    expect(wakes.every((w) => w.idle)).toBe(true);
  });

  it('handles queued input only at the next drain, never when it arrives', () => {
    const { host, loop } = setup(50);
    host.advance(60); // drains at 0 and 50
    const handledAt: number[] = [];
    loop.enqueueTk(() => handledAt.push(host.time));
    host.advance(5);
    expect(handledAt).toEqual([]);
    host.advance(40); // the drain at 100
    expect(handledAt).toEqual([100]);
  });

  it('runs Tk after() timers only at drains while the loop runs normally', () => {
    const { host, loop } = setup(30);
    const fired: number[] = [];
    loop.after(10, () => fired.push(host.time));
    host.advance(100);
    expect(fired).toEqual([30]);
  });

  it('resumes no coroutine while a dialog is open, and keeps serving Tk timers', () => {
    const { host, loop } = setup(20);
    const asyncioTicks: number[] = [];
    const tkTicks: number[] = [];
    function* ticker(): Coroutine {
      for (;;) {
        asyncioTicks.push(host.time);
        yield 100;
      }
    }
    loop.createTask('ticker', ticker());
    const tk = () => {
      tkTicks.push(host.time);
      loop.after(100, tk);
    };
    loop.after(100, tk);
    host.advance(500);
    // A Tk button's callback opens a 1,200 ms dialog.
    let closedAt = -1;
    loop.enqueueTk(() => loop.openDialog(1200, () => (closedAt = host.time)));
    host.advance(20);
    const openedAt = host.time;
    expect(loop.dialogOpen).toBe(true);
    const asyncioBefore = asyncioTicks.length;
    const tkBefore = tkTicks.length;
    host.advance(1100);
    expect(asyncioTicks.length).toBe(asyncioBefore); // not one asyncio tick in 1.1 s
    expect(tkTicks.length - tkBefore).toBeGreaterThanOrEqual(10); // Tk's timers every 100 ms
    host.advance(300);
    expect(loop.dialogOpen).toBe(false);
    expect(closedAt).toBeGreaterThanOrEqual(openedAt + 1190);
    expect(asyncioTicks.length).toBeGreaterThan(asyncioBefore);
    const gaps = asyncioTicks.slice(1).map((t, i) => t - (asyncioTicks[i] as number));
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(1200);
  });

  it('handles input while the dialog is open (Tk nested loop waits on events)', () => {
    const { host, loop } = setup(500);
    loop.enqueueTk(() => loop.openDialog(2000));
    host.advance(1);
    const handled: number[] = [];
    host.advance(100);
    loop.enqueueTk(() => handled.push(host.time));
    host.advance(1);
    expect(handled).toEqual([101]);
  });

  it('lets a coroutine that computes hold the thread: the next drain waits for it', () => {
    const { host, loop, drains } = setup(20);
    host.advance(30); // drains at 0, 20
    // eslint-disable-next-line require-yield -- a coroutine with no await: the point of the test
    function* compute(): Coroutine {
      host.spend(300); // computes without yielding
    }
    loop.createTask('compute', compute());
    const clickedAt = host.time;
    loop.enqueueTk(() => {});
    host.advance(400);
    const served = drains.find((d) => d.handled > 0);
    expect(served?.start).toBeGreaterThanOrEqual(clickedAt + 300);
  });

  it('with sleep(0) chunks longer than P, the driver runs after every second chunk, as asyncio orders it', () => {
    const { host, loop, drains } = setup(20);
    host.advance(1);
    const now = () => host.time;
    // 10 chunks of 50 ms: the thread is free between chunks, yet Tk only runs when its sleep ends.
    loop.createTask(
      'chunks',
      runTask({ kind: 'cpu', durationMs: 500, ratePerSecond: 1 }, () => {}, {
        chunkMs: 50,
        now: () => {
          host.time += 0.5; // each look at the clock costs a little time, so computeFor ends
          return now();
        },
      }),
    );
    host.advance(600);
    const gaps = drains.slice(1).map((d, i) => d.start - (drains[i] as Drain).start);
    // asyncio runs the task that yielded 0 before the timer that fell due: chunk, chunk + drain, …
    const during = gaps.slice(1, 4);
    for (const gap of during) expect(gap).toBeGreaterThanOrEqual(100);
    for (const gap of during) expect(gap).toBeLessThan(115);
  });

  it('counts a wake as busy while another task exists or Tk had work', () => {
    const { host, loop, wakes } = setup(20);
    host.advance(5);
    loop.createTask(
      'wait',
      (function* (): Coroutine {
        yield 100;
      })(),
    );
    host.advance(50);
    expect(wakes.slice(1).some((w) => !w.idle)).toBe(true);
    host.advance(200);
    expect(wakes.at(-1)?.idle).toBe(true);
  });

  it('keeps running after a coroutine raises and reports it', () => {
    const host = new FakeHost();
    const errors: string[] = [];
    const loop = new OneThreadLoop({ pollMs: 20 }, { onError: (name) => errors.push(name) }, host);
    loop.createTask(
      'bad',
      (function* (): Coroutine {
        yield 0;
        throw new Error('boom');
      })(),
    );
    host.advance(100);
    expect(errors).toEqual(['bad']);
    expect(loop.tasks).toBe(0);
    expect(loop.drains).toBeGreaterThanOrEqual(5);
  });

  it('stops every timer on dispose', () => {
    const { host, loop, drains } = setup(20);
    host.advance(50);
    loop.dispose();
    const count = drains.length;
    host.advance(500);
    expect(drains.length).toBe(count);
  });
});

describe('the one-thread source the panel shows', () => {
  it('marks every phase of ONE_THREAD_PHASES, like its Python', () => {
    const source = readFileSync('src/strategies/one-thread.ts', 'utf8');
    expect([...parsePhaseMarkers(source).phases].sort()).toEqual([...ONE_THREAD_PHASES].sort());
  });
});
