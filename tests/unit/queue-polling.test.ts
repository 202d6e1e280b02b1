// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer } from '../../src/ui/announcer.svelte';
import { parsePhaseMarkers } from '../../src/code/phase-markers';
import type { Instrument } from '../../src/instrument/instrument.svelte';
import { InputProbe } from '../../src/instrument/input-probe.svelte';
import { StallLog } from '../../src/instrument/stall-log';
import { histogram } from '../../src/panels/queue/delivery-stats';
import { QueuePanel } from '../../src/panels/queue/queue-panel.svelte';
import { QUEUE_PHASES, type PhaseEvent, type QueuePhase } from '../../src/strategies/phases';
import { QueuePolling, type PollTick, type Queued } from '../../src/strategies/queue-polling';
import type { TaskSpec } from '../../src/tasks/params';
import type { LoopToPage } from '../../src/workers/protocol';
import { FakeLoopWorker as FakeWorker } from '../support/fake-loop-worker';

const WAIT: TaskSpec = { kind: 'wait', durationMs: 100, ratePerSecond: 100 };
const epoch = () => performance.timeOrigin + performance.now();
const result = (id: number, extra: Partial<LoopToPage> = {}): LoopToPage =>
  ({ type: 'result', id, value: 100, sent: 0, readyAt: epoch(), ...extra }) as LoopToPage;

function setup(options: { pollMs?: number; stopWhenIdle?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const batches: Queued[][] = [];
  const ticks: PollTick[] = [];
  const rejected = { count: 0 };
  const phases: PhaseEvent<QueuePhase>[] = [];
  const strategy = new QueuePolling(
    { pollMs: options.pollMs ?? 100, stopWhenIdle: options.stopWhenIdle ?? false },
    {
      deliver: (batch) => batches.push([...batch]),
      onTick: (tick) => ticks.push(tick),
      onRejected: (count) => (rejected.count += count),
      onPhase: (event) => phases.push(event),
    },
    () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
  );
  const worker = (i = 0) => workers[i] as FakeWorker;
  const types = (batch: Queued[] | undefined) => batch?.map((q) => q.message.type);
  return { strategy, workers, worker, batches, ticks, rejected, phases, types };
}

describe('QueuePolling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the submitted tasks on a new worker, each with its own id', () => {
    const { strategy, worker, workers } = setup();
    const ids = strategy.submit([WAIT, WAIT, WAIT]);
    expect(ids).toEqual([1, 2, 3]);
    expect(worker().posted).toEqual(
      ids.map((id) => ({ type: 'run', id, task: WAIT, executor: false, raise: false })),
    );
    // One postMessage for the whole submit, not one per task.
    expect(worker().posts).toHaveLength(1);
    expect(strategy.inFlight).toBe(3);
    // Each submit is a new thread, as each Run starts its own threading.Thread.
    expect(strategy.submit([WAIT], true)).toEqual([4]);
    expect(workers).toHaveLength(2);
    expect(worker(1).posted).toEqual([
      { type: 'run', id: 4, task: WAIT, executor: false, raise: true },
    ]);
  });

  it('only enqueues in the message handler; the tick delivers everything queued, in order', () => {
    const { strategy, worker, batches, types } = setup({ pollMs: 100 });
    const [a, b] = strategy.submit([WAIT, WAIT]) as [number, number];
    worker().send({ type: 'started', id: a, at: epoch() });
    worker().send({ type: 'started', id: b, at: epoch() });
    worker().send(result(b));
    worker().send(result(a));
    expect(batches).toEqual([]);
    expect(strategy.queued).toBe(4);

    vi.advanceTimersByTime(99);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    expect(types(batches[0])).toEqual(['started', 'started', 'result', 'result']);
    expect(batches[0]?.map((q) => ('id' in q.message ? q.message.id : 0))).toEqual([a, b, b, a]);
    expect(strategy.queued).toBe(0);
    expect(strategy.inFlight).toBe(0);
  });

  it('delivers progress and results, a failure like a result, and ends the worker after its last answer', () => {
    const { strategy, worker, batches, types } = setup({ pollMs: 50 });
    const [stream, failing] = strategy.submit([
      { kind: 'stream', durationMs: 100, ratePerSecond: 30 },
      WAIT,
    ]) as [number, number];
    const values = new Float64Array([1, 2]);
    worker().send({ type: 'progress', id: stream, first: 1, values, total: 3, at: epoch() });
    vi.advanceTimersByTime(50);
    expect(types(batches[0])).toEqual(['progress']);
    expect(worker().terminated).toBe(false);

    worker().send({
      type: 'progress',
      id: stream,
      first: 3,
      values: new Float64Array([3]),
      total: 3,
      at: epoch(),
    });
    worker().send(result(stream, { sent: 3 }));
    worker().send({
      type: 'failed',
      id: failing,
      message: 'ValueError: on purpose',
      readyAt: epoch(),
    });
    vi.advanceTimersByTime(50);
    expect(types(batches[1])).toEqual(['progress', 'result', 'failed']);
    expect(worker().terminated).toBe(true);
    expect(strategy.inFlight).toBe(0);
  });

  it('makes at most one DOM delivery per tick, and none for an empty tick', () => {
    const { strategy, worker, batches, ticks } = setup({ pollMs: 10 });
    const [id] = strategy.submit([WAIT]) as [number];
    for (let i = 1; i <= 50; i++)
      worker().send({
        type: 'progress',
        id,
        first: i,
        values: new Float64Array([i]),
        total: 100,
        at: epoch(),
      });
    vi.advanceTimersByTime(10);
    vi.advanceTimersByTime(10);
    expect(ticks).toHaveLength(2);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(50);
  });

  it('keeps polling every P ms while idle, as root.after does', () => {
    const { strategy, worker, ticks } = setup({ pollMs: 100 });
    const [id] = strategy.submit([WAIT]) as [number];
    worker().send(result(id));
    vi.advanceTimersByTime(100);
    expect(strategy.inFlight).toBe(0);
    vi.advanceTimersByTime(1000);
    const idle = ticks.filter((t) => !t.busy);
    expect(idle).toHaveLength(10);
    expect(strategy.polling).toBe(true);
  });

  it('with "stop polling while idle", stops once nothing is in flight and restarts on submit', () => {
    const { strategy, worker, batches, ticks } = setup({ pollMs: 100, stopWhenIdle: true });
    const [first] = strategy.submit([WAIT]) as [number];
    expect(strategy.polling).toBe(true);
    vi.advanceTimersByTime(300);
    expect(ticks.every((t) => t.busy)).toBe(true);
    worker().send(result(first));
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    expect(strategy.polling).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    const before = ticks.length;
    vi.advanceTimersByTime(5000);
    expect(ticks).toHaveLength(before);

    // The restart: without it this result would wait in the queue for ever.
    const [second] = strategy.submit([WAIT]) as [number];
    expect(strategy.polling).toBe(true);
    worker(1).send(result(second));
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(2);
    expect(strategy.polling).toBe(false);
  });

  it('applies the toggle at once: on while idle stops the timer, off restarts it', () => {
    const { strategy, worker, ticks } = setup({ pollMs: 100 });
    strategy.stopWhenIdle = false;
    expect(strategy.polling).toBe(false); // nothing submitted yet: polling has not started
    const [id] = strategy.submit([WAIT]) as [number];
    worker().send(result(id));
    vi.advanceTimersByTime(100);
    strategy.stopWhenIdle = true;
    expect(strategy.polling).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(ticks).toHaveLength(1);
    strategy.stopWhenIdle = false;
    expect(strategy.polling).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(ticks).toHaveLength(11);
  });

  it('rejects and counts malformed messages without queueing them', () => {
    const { strategy, worker, rejected, batches } = setup();
    const [id] = strategy.submit([WAIT]) as [number];
    const bad = [
      null,
      'result',
      { type: 'result', id: String(id), value: 1, sent: 0, readyAt: 1 },
      { type: 'result', id, value: Number.NaN, sent: 0, readyAt: 1 },
      { type: 'progress', id, first: 1, values: [1, 2], total: 2, at: 1 },
      { type: 'toString', id },
      { type: 'explode' },
    ];
    for (const data of bad) worker().deliver([data]);
    // A post that is not a list of messages counts as one bad message.
    worker().deliver({ type: 'result', id, value: 1, sent: 0, readyAt: 1 });
    expect(rejected.count).toBe(bad.length + 1);
    expect(strategy.queued).toBe(0);
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([]);
    expect(strategy.inFlight).toBe(1);
  });

  it('matches answers to tasks by id and worker; anything else is dropped as unmatched', () => {
    const { strategy, worker, batches, ticks } = setup();
    const [a] = strategy.submit([WAIT]) as [number];
    const [b] = strategy.submit([WAIT]) as [number];
    worker(0).send(result(999)); // no such task
    worker(1).send(result(a)); // a real id, but not this worker's task
    worker(0).send(result(a));
    worker(0).send(result(a)); // a second result for the same task
    worker(0).send({ type: 'dom-attempt', error: 'x' }); // never asked
    vi.advanceTimersByTime(100);
    expect(batches[0]?.map((q) => q.message)).toEqual([expect.objectContaining({ id: a })]);
    expect(ticks[0]?.unmatched).toBe(4);
    expect(strategy.inFlight).toBe(1);
    worker(1).send(result(b));
    vi.advanceTimersByTime(100);
    expect(batches[1]?.map((q) => q.message)).toEqual([expect.objectContaining({ id: b })]);
  });

  it('fails the tasks of a worker that dies, through the queue', () => {
    const { strategy, worker, batches } = setup();
    const ids = strategy.submit([WAIT, WAIT]);
    worker().fail('Uncaught Error: boom');
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(batches[0]?.map((q) => q.message)).toEqual(
      ids.map((id) =>
        expect.objectContaining({
          type: 'failed',
          id,
          message: 'The worker died: Uncaught Error: boom',
        }),
      ),
    );
    expect(strategy.inFlight).toBe(0);
  });

  it("sends touch-dom to a worker and delivers the worker's error at the next tick", () => {
    const { strategy, worker, batches } = setup({ stopWhenIdle: true });
    strategy.touchDom();
    expect(worker().posted).toEqual([{ type: 'touch-dom' }]);
    expect(strategy.polling).toBe(true);
    worker().send({ type: 'dom-attempt', error: 'ReferenceError: document is not defined' });
    vi.advanceTimersByTime(100);
    expect(batches[0]?.[0]?.message).toEqual({
      type: 'dom-attempt',
      error: 'ReferenceError: document is not defined',
    });
    expect(worker().terminated).toBe(true);
    expect(strategy.polling).toBe(false);
  });

  it('reports the phases in order: submitted, running, result-queued, polled, delivered', () => {
    const { strategy, worker, phases } = setup();
    const [id] = strategy.submit([WAIT]) as [number];
    worker().send({ type: 'started', id, at: epoch() });
    worker().send(result(id));
    vi.advanceTimersByTime(100);
    expect(phases.map((p) => p.phase)).toEqual([
      'submitted',
      'running',
      'result-queued',
      'polled',
      'delivered',
    ]);
    expect(phases.filter((p) => p.phase !== 'polled').every((p) => p.taskId === id)).toBe(true);
  });

  it('stops everything on dispose', () => {
    const { strategy, worker } = setup();
    strategy.submit([WAIT]);
    strategy.dispose();
    expect(worker().terminated).toBe(true);
    expect(strategy.polling).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('phase markers', () => {
  it('marks every Queue phase in both the TypeScript that runs and the Python shown', () => {
    for (const file of ['src/strategies/queue-polling.ts', 'python/strategies/queue_polling.py']) {
      const { phases, lines } = parsePhaseMarkers(readFileSync(file, 'utf8'));
      expect([...phases].sort()).toEqual([...QUEUE_PHASES].sort());
      for (const phase of QUEUE_PHASES)
        expect(
          lines.some((l) => l.phase === phase && l.text.trim() !== ''),
          phase,
        ).toBe(true);
    }
  });
});

describe('histogram', () => {
  it('bins latencies over 0…P plus a margin, overflow in the last bin, with the uniform expectation', () => {
    const h = histogram([0, 5, 50, 99, 1000], 100);
    expect(h.rangeMs).toBe(125);
    expect(h.counts).toHaveLength(24);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(h.counts[0]).toBe(2);
    expect(h.counts[23]).toBe(1);
    expect(h.expected).toBeCloseTo((5 * (125 / 24)) / 100);
  });

  it('counts the deliveries that took longer than P, and only those', () => {
    expect(histogram([0, 100, 100.5, 252, 1000], 100).overP).toBe(3);
    expect(histogram([0, 99, 100], 100).overP).toBe(0);
  });
});

describe('QueuePanel state', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function panelSetup(poll = 100) {
    let frame: ((now: number) => void) | null = null;
    const instrument = {
      version: 0,
      log: new StallLog({ reportsBusy: true }),
      probe: new InputProbe(),
      onFrame: (callback: (now: number) => void) => {
        frame = callback;
        return () => (frame = null);
      },
      strategyWork: () => {},
      inSightThroughout: () => true,
    } as unknown as Instrument;
    const announcer = new Announcer();
    const workers: FakeWorker[] = [];
    const panel = new QueuePanel(
      instrument,
      announcer,
      { kind: 'wait', duration: 100, rate: 100, poll, tasks: 2 },
      {
        spawn: () => {
          const worker = new FakeWorker();
          workers.push(worker);
          return worker;
        },
      },
    );
    /** A frame of the page's one frame loop, late enough for the figures to refresh. */
    const nextFrame = () => {
      vi.advanceTimersByTime(300);
      frame?.(performance.now());
    };
    return { panel, announcer, workers, nextFrame };
  }

  it('refuses a poll interval out of range and runs nothing', () => {
    for (const poll of ['0', '5000', '1e2', '']) {
      const { panel, workers } = panelSetup();
      panel.poll = poll;
      expect(panel.errors.poll).toMatch(/Poll interval must be/);
      panel.run();
      expect(panel.refused).toMatch(/^Not run/);
      expect(workers).toHaveLength(0);
    }
  });

  it('counts messages per progress update, finds lost ones by sequence, and measures delivery to the next frame', () => {
    const { panel, workers, nextFrame, announcer } = panelSetup(100);
    panel.run();
    const worker = workers[0] as FakeWorker;
    const [a, b] = worker.posted.map((m) => ('id' in m ? m.id : 0)) as [number, number];
    worker.send({ type: 'started', id: a, at: epoch() });
    worker.send({
      type: 'progress',
      id: a,
      first: 1,
      values: new Float64Array(3),
      total: 10,
      at: epoch(),
    });
    // Updates 4 and 5 never arrive.
    worker.send({
      type: 'progress',
      id: a,
      first: 6,
      values: new Float64Array(5),
      total: 10,
      at: epoch(),
    });
    worker.send(result(a, { sent: 10 }));
    worker.send({ type: 'failed', id: b, message: 'ValueError: no', readyAt: epoch() });
    worker.deliver([{ type: 'result', id: a, value: 'nope' }]);
    const readyAt = performance.now();
    expect(panel.done).toBe(0);
    vi.advanceTimersByTime(100);
    expect(panel).toMatchObject({ done: 1, failed: 1, inFlight: 0, lastBatch: 5 });
    expect(panel.label).toBe('task 2: failed: ValueError: no');
    nextFrame();
    expect(panel.stats).toMatchObject({ sent: 2, received: 1 + 8 + 1 + 1, lost: 2, rejected: 1 });
    // Four answers carried something to show: two progress batches, a result, a failure.
    expect(panel.stats.delivery?.count).toBe(4);
    expect(panel.stats.delivery?.p50).toBeCloseTo(performance.now() - readyAt, 0);
    expect(panel.runs[0]?.end).not.toBe(Infinity);
    vi.advanceTimersByTime(300);
    expect(announcer.message).toMatch(/^Queue run 1 finished: 1 task done, 1 failed\./);
  });

  it('measures idle wake-ups near 1000/P, and none with "stop polling while idle"', () => {
    const { panel, workers, nextFrame } = panelSetup(50);
    panel.tasks = '1';
    panel.run();
    (workers[0] as FakeWorker).send(result(1));
    vi.advanceTimersByTime(50);
    vi.advanceTimersByTime(2000);
    nextFrame();
    expect(panel.stats.idleRate).toBeGreaterThan(18);
    expect(panel.stats.idleRate).toBeLessThan(22);
    panel.stopWhenIdle = true;
    expect(panel.polling).toBe(false);
    vi.advanceTimersByTime(2000);
    nextFrame();
    expect(panel.stats.idleRate).toBe(0);
  });
});
