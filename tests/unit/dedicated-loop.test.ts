// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parsePhaseMarkers } from '../../src/code/phase-markers';
import {
  DedicatedLoop,
  REPLY_MARGIN_MS,
  START_ALLOWANCE_MS,
  TaskFailure,
  type LoopListener,
  type TaskDone,
} from '../../src/strategies/dedicated-loop';
import { DEDICATED_PHASES, type PhaseEvent } from '../../src/strategies/phases';
import type { TaskSpec } from '../../src/tasks/params';
import { endOfTurn, FakeLoopWorker as FakeWorker } from '../support/fake-loop-worker';

const epoch = () => performance.timeOrigin + performance.now();
const WAIT: TaskSpec = { kind: 'wait', durationMs: 100, ratePerSecond: 10 };
const STREAM: TaskSpec = { kind: 'stream', durationMs: 1000, ratePerSecond: 10 };

function setup(listener: LoopListener = {}) {
  const workers: FakeWorker[] = [];
  const loop = new DedicatedLoop(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  }, listener);
  const worker = (i = workers.length - 1) => workers[i] as FakeWorker;
  return { loop, workers, worker };
}

/** Settles a promise into a plain value so assertions can look at either outcome. */
async function outcome(result: Promise<TaskDone>): Promise<TaskDone | TaskFailure> {
  try {
    return await result;
  } catch (error) {
    if (error instanceof TaskFailure) return error;
    throw error;
  }
}

describe('DedicatedLoop', () => {
  it('starts one worker on the first submit and posts each task with its own id, in one post per turn', async () => {
    const { loop, workers, worker } = setup();
    expect(workers).toHaveLength(0);
    const a = loop.submit(WAIT);
    const b = loop.submit(STREAM, { executor: true });
    const c = loop.submit(WAIT, { raise: true });
    expect(workers).toHaveLength(1);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(worker().posts).toHaveLength(0);
    await endOfTurn();
    expect(worker().posts).toHaveLength(1);
    expect(worker().posted).toEqual([
      { type: 'run', id: a.id, task: WAIT, executor: false, raise: false },
      { type: 'run', id: b.id, task: STREAM, executor: true, raise: false },
      { type: 'run', id: c.id, task: WAIT, executor: false, raise: true },
    ]);
    expect(loop.pending).toBe(3);
    expect(loop.state).toBe('running');
    expect(loop.counts).toMatchObject({ posted: 3, postsOut: 1 });

    // The next turn's messages go in a post of their own.
    loop.cancel(a.id);
    await endOfTurn();
    expect(worker().posts).toHaveLength(2);
    expect(loop.counts).toMatchObject({ posted: 4, postsOut: 2 });
  });

  it('takes a post of many answers in order, each as if it came alone', async () => {
    const phases: string[] = [];
    const { loop, worker } = setup({ phase: (e) => phases.push(e.phase) });
    const a = loop.submit(WAIT);
    const b = loop.submit(WAIT);
    phases.length = 0;
    worker().send(
      { type: 'started', id: a.id, at: epoch() },
      { type: 'result', id: a.id, value: 1, sent: 0, readyAt: epoch() },
      { type: 'started', id: b.id, at: epoch() },
      { type: 'failed', id: b.id, message: 'boom', readyAt: epoch() },
    );
    await expect(a.result).resolves.toMatchObject({ value: 1 });
    await expect(b.result).rejects.toMatchObject({ reason: 'failed', message: 'boom' });
    expect(phases).toEqual(['running', 'delivered', 'running', 'delivered']);
    expect(loop.counts).toMatchObject({ received: 4, postsIn: 1, malformed: 0 });
  });

  it('resolves each task by id, whatever order the answers come in', async () => {
    const { loop, worker } = setup();
    const a = loop.submit(WAIT);
    const b = loop.submit(WAIT);
    const readyAt = epoch();
    worker().send({ type: 'result', id: b.id, value: 2, sent: 0, readyAt });
    worker().send({ type: 'result', id: a.id, value: 1, sent: 0, readyAt });
    const [doneA, doneB] = await Promise.all([a.result, b.result]);
    expect(doneA).toMatchObject({ id: a.id, value: 1 });
    expect(doneB).toMatchObject({ id: b.id, value: 2 });
    // Worker times come back on the page's own timeline.
    expect(doneA.readyAt).toBeCloseTo(readyAt - performance.timeOrigin, 3);
    expect(doneA.arrivedAt).toBeGreaterThanOrEqual(doneA.readyAt - 1);
    expect(loop.pending).toBe(0);
  });

  it('reports phases in order: submitted, running, progress, delivered', async () => {
    const phases: PhaseEvent[] = [];
    const started: number[] = [];
    const { loop, worker } = setup({
      phase: (e) => phases.push(e),
      started: (id) => started.push(id),
    });
    const { id, result } = loop.submit(STREAM);
    worker().send({ type: 'started', id, at: epoch() });
    worker().send({
      type: 'progress',
      id,
      first: 1,
      values: new Float64Array([1, 2]),
      total: 2,
      at: epoch(),
    });
    worker().send({ type: 'result', id, value: 2, sent: 2, readyAt: epoch() });
    await result;
    expect(phases.map((p) => p.phase)).toEqual(['submitted', 'running', 'progress', 'delivered']);
    expect(phases.every((p) => p.taskId === id)).toBe(true);
    expect(started).toEqual([id]);
  });

  it('counts stream updates by their numbers: complete streams lose nothing', async () => {
    const batches: number[] = [];
    const { loop, worker } = setup({ progress: (_id, batch) => batches.push(batch.first) });
    const { id, result } = loop.submit(STREAM);
    let first = 1;
    for (const size of [3, 1, 4, 2]) {
      const values = Float64Array.from({ length: size }, (_, i) => first + i);
      worker().send({ type: 'progress', id, first, values, total: 10, at: epoch() });
      first += size;
    }
    worker().send({ type: 'result', id, value: 10, sent: 10, readyAt: epoch() });
    const done = await result;
    expect(batches).toEqual([1, 4, 5, 9]);
    expect(done).toMatchObject({ sent: 10, received: 10 });
    expect(loop.counts).toMatchObject({ updatesSent: 10, updatesReceived: 10, updatesLost: 0 });
  });

  it('counts a gap in the numbering, and updates sent after the last one received, as lost', async () => {
    const { loop, worker } = setup();
    const { id, result } = loop.submit(STREAM);
    const values = (n: number) => new Float64Array(n);
    worker().send({ type: 'progress', id, first: 1, values: values(2), total: 10, at: epoch() });
    // Updates 3 and 4 never arrive.
    worker().send({ type: 'progress', id, first: 5, values: values(3), total: 10, at: epoch() });
    // The worker says it sent 10: 8, 9 and 10 never arrived either.
    worker().send({ type: 'result', id, value: 10, sent: 10, readyAt: epoch() });
    const done = await result;
    expect(done.received).toBe(5);
    expect(loop.counts).toMatchObject({ updatesSent: 10, updatesReceived: 5, updatesLost: 5 });
  });

  it('rejects a task that raised with its own error message, and keeps serving', async () => {
    const { loop, worker, workers } = setup();
    const bad = loop.submit(WAIT, { raise: true });
    worker().send({
      type: 'failed',
      id: bad.id,
      message: 'ValueError: task 1 raised',
      readyAt: epoch(),
    });
    const failure = await outcome(bad.result);
    expect(failure).toBeInstanceOf(TaskFailure);
    expect(failure).toMatchObject({
      reason: 'failed',
      message: 'ValueError: task 1 raised',
      id: bad.id,
    });
    expect((failure as TaskFailure).readyAt).not.toBeNull();

    const good = loop.submit(WAIT);
    expect(workers).toHaveLength(1);
    worker().send({ type: 'result', id: good.id, value: 1, sent: 0, readyAt: epoch() });
    await expect(good.result).resolves.toMatchObject({ id: good.id });
  });

  it('cancels by posting a request; the task settles when the worker answers', async () => {
    const phases: string[] = [];
    const { loop, worker } = setup({ phase: (e) => phases.push(e.phase) });
    const a = loop.submit(WAIT);
    const b = loop.submit(WAIT);
    loop.cancel(a.id);
    await endOfTurn();
    expect(worker().posted.at(-1)).toEqual({ type: 'cancel', id: a.id });
    expect(loop.pending).toBe(2);
    worker().send({ type: 'cancelled', id: a.id, at: epoch() });
    await expect(a.result).rejects.toMatchObject({ reason: 'cancelled', message: 'Cancelled' });
    expect(phases.at(-1)).toBe('cancelled');

    // Cancelling a task that already finished posts nothing.
    worker().send({ type: 'result', id: b.id, value: 1, sent: 0, readyAt: epoch() });
    await b.result;
    const posted = worker().posted.length;
    loop.cancel(b.id);
    await endOfTurn();
    expect(worker().posted).toHaveLength(posted);
  });

  it('cancels every pending task with cancelAll()', async () => {
    const { loop, worker } = setup();
    const ids = [loop.submit(WAIT).id, loop.submit(WAIT).id, loop.submit(WAIT).id];
    loop.cancelAll();
    await endOfTurn();
    const cancels = worker().posted.filter((m) => m.type === 'cancel');
    expect(cancels.map((m) => (m as { id: number }).id).sort()).toEqual(ids.sort());
  });

  it('stops cleanly: pending tasks reported cancelled, the worker forgotten, the next submit starts another', async () => {
    const phases: string[] = [];
    const changes: string[] = [];
    const { loop, worker, workers } = setup({
      phase: (e) => phases.push(e.phase),
      worker: (change) => changes.push(change),
    });
    const a = loop.submit(WAIT);
    const b = loop.submit(WAIT);
    const stopped = loop.stop();
    const first = worker(0);
    await endOfTurn();
    expect(first.posted.at(-1)).toEqual({ type: 'stop' });
    expect(loop.state).toBe('stopping');

    // A task submitted while the old loop shuts down goes to a new one.
    const c = loop.submit(WAIT);
    expect(workers).toHaveLength(2);
    expect(loop.state).toBe('running');

    // The worker's last turn: each pending task cancelled, then `stopped`, in one post.
    first.send(
      { type: 'cancelled', id: a.id, at: epoch() },
      { type: 'cancelled', id: b.id, at: epoch() },
      { type: 'stopped', cancelled: [a.id, b.id], at: epoch() },
    );
    await expect(stopped).resolves.toEqual([a.id, b.id]);
    await expect(a.result).rejects.toMatchObject({
      reason: 'cancelled',
      message: 'Cancelled by Stop',
    });
    await expect(b.result).rejects.toMatchObject({ reason: 'cancelled' });
    expect(phases).toContain('stopped');
    expect(changes).toEqual(['started', 'started', 'stopped']);
    // The stopped worker's handlers are detached: it can no longer reach the page.
    expect(first.onmessage).toBeNull();
    expect(first.terminated).toBe(false);

    worker(1).send({ type: 'result', id: c.id, value: 1, sent: 0, readyAt: epoch() });
    await expect(c.result).resolves.toMatchObject({ id: c.id });
  });

  it('stop() with no worker resolves at once and posts nothing', async () => {
    const { loop, workers } = setup();
    await expect(loop.stop()).resolves.toEqual([]);
    expect(workers).toHaveLength(0);
  });

  it('kill() terminates the worker and rejects every task in flight with a clear reason', async () => {
    const changes: string[] = [];
    const { loop, worker, workers } = setup({ worker: (change) => changes.push(change) });
    const a = loop.submit(STREAM);
    const b = loop.submit(WAIT);
    const killed = loop.kill();
    expect(killed.sort()).toEqual([a.id, b.id].sort());
    expect(worker(0).terminated).toBe(true);
    for (const task of [a, b]) {
      const failure = await outcome(task.result);
      expect(failure).toMatchObject({ reason: 'killed' });
      expect((failure as TaskFailure).message).toMatch(/terminate\(\)/);
    }
    expect(loop.state).toBe('none');
    expect(changes).toEqual(['started', 'killed']);

    // A fresh worker serves the next task.
    const c = loop.submit(WAIT);
    expect(workers).toHaveLength(2);
    worker(1).send({ type: 'result', id: c.id, value: 1, sent: 0, readyAt: epoch() });
    await expect(c.result).resolves.toMatchObject({ id: c.id });
  });

  it('kill() also ends a worker that is stopping, and settles its stop()', async () => {
    const { loop, worker } = setup();
    const a = loop.submit(WAIT);
    const stopped = loop.stop();
    loop.kill();
    await expect(stopped).resolves.toEqual([a.id]);
    await expect(a.result).rejects.toMatchObject({ reason: 'killed' });
    expect(worker(0).terminated).toBe(true);
  });

  it('an uncaught worker error ends the worker and rejects its tasks with the message', async () => {
    const changes: Array<[string, string]> = [];
    const { loop, worker, workers } = setup({
      worker: (change, detail) => changes.push([change, detail]),
    });
    const a = loop.submit(WAIT);
    expect(loop.crash()).toBe(true);
    await endOfTurn();
    expect(worker().posted.at(-1)).toEqual({ type: 'crash' });
    const event = worker().fail('Uncaught Error: boom');
    expect(event.defaultPrevented).toBe(true);
    expect(worker(0).terminated).toBe(true);
    await expect(a.result).rejects.toMatchObject({
      reason: 'crashed',
      message: 'The worker died: Uncaught Error: boom',
    });
    expect(changes.at(-1)).toEqual(['crashed', 'Uncaught Error: boom']);
    expect(loop.crash()).toBe(false);
    loop.submit(WAIT);
    expect(workers).toHaveLength(2);
  });

  it('rejects and counts malformed messages without touching any task', async () => {
    let wakeups = 0;
    const { loop, worker } = setup({ message: () => wakeups++ });
    const { id, result } = loop.submit(WAIT);
    // Posts that are not a list of messages at all: each counts as one bad message.
    const notPosts: unknown[] = [
      null,
      42,
      'result',
      { type: 'result', id, value: 1, sent: 0, readyAt: epoch() },
    ];
    // Messages no worker should send, each in a post of its own.
    const junk: unknown[] = [
      null,
      { type: 'result', id, value: 'seven', sent: 0, readyAt: epoch() },
      { type: 'result', id, value: 1, sent: 0 },
      { type: 'progress', id, first: 1, values: [1, 2], total: 2, at: epoch() },
      { type: 'stopped', cancelled: ['1'], at: epoch() },
      { type: 'launch-missiles', id },
      { type: 'toString', id },
      { type: 'result', id: Number.NaN, value: 1, sent: 0, readyAt: epoch() },
    ];
    for (const data of notPosts) worker().deliver(data);
    for (const data of junk) worker().deliver([data]);
    worker().onmessageerror?.(new MessageEvent('messageerror'));
    const bad = notPosts.length + junk.length + 1;
    expect(loop.counts.malformed).toBe(bad);
    expect(loop.counts.received).toBe(0);
    expect(wakeups).toBe(bad);
    expect(loop.pending).toBe(1);

    // A bad message does not take its good neighbours in the same post down with it.
    worker().deliver([
      { type: 'started', id, at: 'soon' },
      { type: 'result', id, value: 1, sent: 0, readyAt: epoch() },
    ]);
    await expect(result).resolves.toMatchObject({ id, value: 1 });
    expect(loop.counts.received).toBe(1);
    expect(loop.counts.malformed).toBe(bad + 1);
  });

  it('counts well-formed answers for tasks it is not waiting for as unmatched', async () => {
    const { loop, worker } = setup();
    const { id, result } = loop.submit(WAIT);
    worker().send({ type: 'result', id: id + 100, value: 1, sent: 0, readyAt: epoch() });
    worker().send({ type: 'result', id, value: 1, sent: 0, readyAt: epoch() });
    await result;
    worker().send({ type: 'result', id, value: 1, sent: 0, readyAt: epoch() });
    expect(loop.counts.unmatched).toBe(2);
    expect(loop.counts.received).toBe(3);
  });
});

describe('phase markers', () => {
  it('finds every Dedicated phase in the TypeScript that runs and in the Python shown', () => {
    for (const file of [
      'src/strategies/dedicated-loop.ts',
      'python/strategies/dedicated_loop.py',
    ]) {
      const { phases, lines } = parsePhaseMarkers(readFileSync(file, 'utf8'));
      for (const phase of DEDICATED_PHASES) {
        expect(phases, `${file} marks ${phase}`).toContain(phase);
        expect(lines.some((l) => l.phase === phase && l.text.trim() !== '')).toBe(true);
      }
    }
  });
});

describe('DedicatedLoop: a worker that never answers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends a silent worker once its longest task and the margin have passed', async () => {
    const changes: Array<[string, string]> = [];
    const { loop, worker, workers } = setup({ worker: (change) => changes.push([change, '']) });
    const a = loop.submit(WAIT); // 100 ms
    const b = loop.submit({ ...WAIT, durationMs: 300 });
    // It has started (it said so), then says nothing more.
    worker().send({ type: 'started', id: a.id, at: epoch() });
    vi.advanceTimersByTime(300 + REPLY_MARGIN_MS - 1);
    expect(worker().terminated).toBe(false);
    expect(loop.pending).toBe(2);
    vi.advanceTimersByTime(1);
    expect(worker().terminated).toBe(true);
    for (const task of [a, b])
      await expect(task.result).rejects.toMatchObject({
        reason: 'timeout',
        message: `No answer: the worker was silent for ${300 + REPLY_MARGIN_MS} ms with this task in flight, so it was ended`,
      });
    expect(changes.at(-1)?.[0]).toBe('timeout');
    // The next submit gets a fresh worker.
    loop.submit(WAIT);
    expect(workers).toHaveLength(2);
    expect(worker().terminated).toBe(false);
  });

  it('gives a worker that has not said anything yet time to start: slow to load is not hung', async () => {
    const { loop, worker } = setup();
    const task = loop.submit(WAIT); // 100 ms
    vi.advanceTimersByTime(100 + REPLY_MARGIN_MS + START_ALLOWANCE_MS - 1);
    expect(worker().terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(worker().terminated).toBe(true);
    await expect(task.result).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('any message restarts the count, and the margin is configurable', async () => {
    const workers: FakeWorker[] = [];
    const loop = new DedicatedLoop(
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      {},
      { replyMarginMs: 50 },
    );
    const { id, result } = loop.submit(STREAM); // 1,000 ms
    const worker = workers[0] as FakeWorker;
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1_000);
      worker.send({ type: 'started', id, at: epoch() });
    }
    expect(worker.terminated).toBe(false);
    vi.advanceTimersByTime(1_050);
    expect(worker.terminated).toBe(true);
    await expect(result).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('keeps one timer whatever the traffic, and lets it lapse once nothing is in flight', async () => {
    const { loop, worker } = setup();
    expect(vi.getTimerCount()).toBe(0);
    const ids = Array.from({ length: 50 }, () => loop.submit(WAIT).id);
    expect(vi.getTimerCount()).toBe(1);
    for (const id of ids)
      worker().send({ type: 'result', id, value: 1, sent: 0, readyAt: epoch() });
    await endOfTurn();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(WAIT.durationMs + REPLY_MARGIN_MS);
    expect(vi.getTimerCount()).toBe(0);
    expect(worker().terminated).toBe(false);
  });

  it('moves the timer earlier for a task whose deadline comes sooner than the one it was set for', async () => {
    const { loop, worker } = setup();
    const long = loop.submit({ ...WAIT, durationMs: 60_000 });
    worker().send({ type: 'result', id: long.id, value: 1, sent: 0, readyAt: epoch() });
    await long.result;
    const short = loop.submit(WAIT);
    vi.advanceTimersByTime(WAIT.durationMs + REPLY_MARGIN_MS);
    expect(worker().terminated).toBe(true);
    await expect(short.result).rejects.toMatchObject({ reason: 'timeout' });
  });
});
